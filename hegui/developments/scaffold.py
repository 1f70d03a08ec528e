"""Scaffold a new development record: every key, with comments, and blanks that validation flags.

The blanks are deliberate: ``hegui developments validate`` names each one (file, line, key) until
it is filled in, so a half-written record cannot slip into the data.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hegui.errors import LawDataError

_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")

_TEMPLATE = """\
# A regulatory development (format: docs/developments.md). Fill in every blank, then run
#   hegui developments validate {path}
id: {id}
date: {date}                 # publication date of the item (decides its month folder)
authority: {{zh: "", en: ""}}  # issuing authority
instrument: {{zh: "", en: ""}} # title of the law, rule, notice, plan ...
# instrument_id: xxx         # optional: id of hegui/law/data/instruments/<id>.yaml
kind: notice                 # law | regulation | rule | standard | notice | qa | plan | enforcement | campaign | judicial_interpretation
status: final                # draft_for_comment | final | in_force | repealed
dates:
  issued: {date}
  effective: null            # the day it binds (drives the digest look-ahead and the diff)
  comment_deadline: null     # required for draft_for_comment
areas: []                    # personal_information | data_security | cybersecurity | cross_border | data_systems | minors | penalties | artificial_intelligence
sectors: []                  # sector ids it names, e.g. finance, telecom
regions: []                  # province ids from mappings/provinces.yaml (then applies_when.provinces too)
applies_when: {{}}             # {{}} = every organisation; else sectors, provinces, ftz, ciio, min_individuals, activities
summary:
  en: ""                     # short, neutral, in our own words
  zh: ""
rules: []                    # registered rule ids it created or changed
pending_rules: ""            # rule ids still to be written, or why none
parameters: []               # law-data parameter ids it created or changed
source: ""                   # http(s) URL of the official page or the newsletter item
"""


def scaffold(dev_id: str, date: dt.date) -> str:
    """The text of a new record for ``dev_id`` published on ``date``."""
    if not _ID.match(dev_id):
        raise LawDataError(
            f"id {dev_id!r} must be lower_snake (letters, digits, underscores)", field="--id"
        )
    path = f"hegui/developments/data/{date:%Y-%m}/{dev_id}.yaml"
    return _TEMPLATE.format(id=dev_id, date=date.isoformat(), path=path)


def write_scaffold(dev_id: str, date: dt.date, data_dir: Path) -> Path:
    """Write the record to ``data_dir/<yyyy-mm>/<id>.yaml``; never overwrites an existing file."""
    target = data_dir / f"{date:%Y-%m}" / f"{dev_id}.yaml"
    text = scaffold(dev_id, date)
    if target.exists():
        raise LawDataError("file exists; choose another id", path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
