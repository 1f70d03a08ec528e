"""Policy analysis stays linear on adversarial text (no regex backtracking blow-up).

Speed targets belong in benchmarks/; these guards only check that hostile shapes finish at all
within a generous CPU-time bound, and that no regex in the policy package nests unbounded repeats.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import time
from typing import Any

import pytest

import hegui.scanners.policy as policy_pkg
from hegui.scanners.policy import analyze_policy, policy_from_text

_CPU_BOUND_S = 10.0
_N = 200_000
_SHAPES = {
    "letters": "我们收集您的个人信息。\n" + "a" * _N,
    "words": "我们收集您的个人信息。\n" + "ab " * (_N // 3),
    "digit_blanks": "我们将处理您的请求 1" + " " * _N + "x\n",
    "digits_and_blanks": "我们将处理您的请求 " + "1 " * (_N // 2) + "\n",
    "digit_units": "我们将在" + "1个" * (_N // 2) + "内处理\n",
    "one_long_cjk_line": "个人信息收集处理" * (_N // 8),
    "many_short_lines": "处理\n" * (_N // 3),
    "deactivation_clauses": "您可以在设置中注销账号，" + "注销账号后" * (_N // 5) + "\n",
    "rights_headings_and_statements": (
        "五、您的权利\n您有权删除您的个人信息\n您可以通过以下方式行使上述权利：\n" * (_N // 40)
    ),
    # One long line: many sentences and clauses, each with a holder, an act and an excluded object.
    "rights_sentences": "您可以删除。" * (_N // 6) + "\n",
    "rights_clauses": "如需删除Cookie，请在浏览器中操作，" * (_N // 18) + "\n",
    "rights_followed_by_channel_lines": (
        "五、您的权利\n" + "您有权删除您的个人信息。\n您可以通过客服提交申请。\n" * (_N // 30)
    ),
    "complaint_regulator_lines": "您可以通过客服或向网信部门投诉，" * (_N // 16) + "\n",
}


def _policy_regexes() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for info in pkgutil.iter_modules(policy_pkg.__path__):
        mod = importlib.import_module(f"{policy_pkg.__name__}.{info.name}")
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                found.append((f"{info.name}.{name}", value))
    return found


def _nested_unbounded(tree: Any, inside: bool = False) -> bool:
    """True if an unbounded repeat sits inside another unbounded repeat."""
    from re import _constants as c  # type: ignore[attr-defined]

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None))
    for op, av in tree:
        subs: list[Any] = []
        if op in repeats:
            _lo, hi, sub = av
            unbounded = hi == c.MAXREPEAT
            if unbounded and inside:
                return True
            if _nested_unbounded(sub, inside or unbounded):
                return True
        elif op is c.SUBPATTERN:
            subs = [av[-1]]
        elif op is c.BRANCH:
            subs = list(av[1])
        if any(_nested_unbounded(b, inside) for b in subs):
            return True
    return False


def test_the_policy_package_has_regexes_to_check() -> None:
    names = {n for n, _ in _policy_regexes()}
    assert {"response_time._ZH_WITHIN", "extract._NEWLINES", "index._NUMBERED"} <= names


def test_regexes_are_compiled_at_module_level() -> None:
    # Inline re.search(r"...") calls would escape the structure check above.
    import inspect

    for info in pkgutil.iter_modules(policy_pkg.__path__):
        src = inspect.getsource(importlib.import_module(f"{policy_pkg.__name__}.{info.name}"))
        assert not re.search(r"\bre\.(search|match|fullmatch|sub|split|findall|finditer)\(", src), (
            info.name
        )


@pytest.mark.parametrize(("name", "pattern"), _policy_regexes(), ids=lambda x: str(x)[:30])
def test_no_regex_nests_unbounded_repeats(name: str, pattern: re.Pattern[str]) -> None:
    from re import _parser  # type: ignore[attr-defined]

    assert not _nested_unbounded(_parser.parse(pattern.pattern, pattern.flags)), name


def test_the_structure_check_catches_the_old_english_regex() -> None:
    from re import _parser  # type: ignore[attr-defined]

    assert _nested_unbounded(_parser.parse(r"[A-Za-z]{3,}(\s+[A-Za-z]{3,}){5,}"))


@pytest.fixture(scope="module")
def _law_loaded() -> None:
    """Load the law data (SDK and data-type lists) once, outside the timed part."""
    analyze_policy(policy_from_text("我们收集您的个人信息。"))


@pytest.mark.usefixtures("_law_loaded")
@pytest.mark.parametrize("shape", sorted(_SHAPES))
def test_adversarial_text_is_analysed_in_bounded_time(shape: str) -> None:
    start = time.process_time()
    facts = analyze_policy(policy_from_text(_SHAPES[shape]))
    assert time.process_time() - start < _CPU_BOUND_S
    assert facts.characters > 0


def test_english_prose_detection() -> None:
    def english(text: str) -> bool:
        return analyze_policy(policy_from_text(text)).english

    assert english("We collect only the personal information needed, as described below.")
    assert not english("我们收集 SDK API IMEI 信息")
    assert not english("a" * 1000)
    assert not english("one two three four five 六 seven")
