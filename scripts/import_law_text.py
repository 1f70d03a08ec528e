"""Build the ``articles`` of an instrument YAML from an official Chinese text (LawRefBook format).

Usage: python scripts/import_law_text.py TEXT.md HEADER.yaml OUT.yaml

HEADER.yaml holds the instrument's metadata (everything but ``articles``); the articles are read from
the text ("第N条 ..." paragraphs) and written with their official text under ``text_zh``.
Laws and administrative regulations are not subject to copyright in China (Copyright Law Art. 5).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ARTICLE = re.compile(r"^第([零一二三四五六七八九十百]+)条\s*(.*)$")


def cn_number(text: str) -> int:
    """Convert a Chinese numeral below 1000 (e.g. 一百零二, 三十九, 十) to an int."""
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def parse_articles(text: str) -> dict[str, str]:
    articles: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("<!--"):
            if line.startswith("#"):
                current = None
            continue
        m = _ARTICLE.match(line)
        if m:
            current = str(cn_number(m.group(1)))
            articles[current] = [m.group(2).strip()]
        elif current is not None:
            articles[current].append(line)
    return {k: "\n".join(v) for k, v in articles.items()}


def main() -> None:
    text_path, header_path, out_path = map(Path, sys.argv[1:4])
    header = yaml.safe_load(header_path.read_text(encoding="utf-8"))
    articles = parse_articles(text_path.read_text(encoding="utf-8"))
    extra = header.pop("articles", {}) or {}
    merged = {k: {"text_zh": v} for k, v in articles.items()}
    for key, value in extra.items():
        merged.setdefault(str(key), {}).update(value)
    header["articles"] = merged
    out_path.write_text(
        yaml.safe_dump(header, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
