"""The developments capability as called by :mod:`hegui.api` (and through it, the CLI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from hegui.developments import diff as _diff
from hegui.developments.digest import Digest, build_digest
from hegui.developments.feeds import atom_feed, json_feed
from hegui.developments.loader import bundled_developments, load_developments
from hegui.developments.schema import Development
from hegui.errors import HeguiError
from hegui.profile.loader import load_profile, parse_profile
from hegui.profile.models import Profile
from hegui.rules.engine import Assessment
from hegui.rules.engine import assess as _assess

FEED_FORMATS = ("atom", "json")


def _profile(profile: Profile | str | Path) -> Profile:
    if isinstance(profile, Profile):
        return profile
    if isinstance(profile, str) and "\n" in profile:
        return parse_profile(profile)
    return load_profile(profile)


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise HeguiError(f"--to {end} is before --from {start}", field="--to")


def list_developments(root: str | Path | None = None) -> list[Development]:
    """The bundled developments (or those under ``root``), validated, by date."""
    if root is None:
        return list(bundled_developments())
    return load_developments(root)


def digest(
    profile: Profile | str | Path,
    start: dt.date,
    end: dt.date,
    *,
    developments: Sequence[Development] | None = None,
) -> Digest:
    """The developments published from ``start`` to ``end`` as they concern ``profile``."""
    _check_period(start, end)
    prof = _profile(profile)
    devs = list(developments) if developments is not None else list(bundled_developments())
    return build_digest(prof, start, end, devs, lambda day: _assess(prof, day))


def diff_assessments(
    before: Assessment,
    after: Assessment,
    developments: Sequence[Development] | None = None,
) -> _diff.LawDiff:
    """Obligations that appear, disappear or change between two assessments, with causes."""
    devs = developments if developments is not None else bundled_developments()
    return _diff.diff_assessments(before, after, devs)


def law_diff(
    profile: Profile | str | Path,
    start: dt.date,
    end: dt.date,
    *,
    developments: Sequence[Development] | None = None,
) -> _diff.LawDiff:
    """Assess ``profile`` on ``start`` and on ``end`` and diff the two."""
    _check_period(start, end)
    prof = _profile(profile)
    return diff_assessments(_assess(prof, start), _assess(prof, end), developments)


def developments_feed(
    fmt: str = "atom",
    *,
    profile: Profile | str | Path | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    developments: Sequence[Development] | None = None,
) -> str:
    """An Atom or JSON Feed 1.1 document of developments, or of a profile's digest.

    Without a profile the feed lists every development (in the period, if given); with one it
    lists those that apply, with the reasons and obligations. The period defaults to all records.
    """
    if fmt not in FEED_FORMATS:
        raise HeguiError(f"unknown feed format {fmt!r}: expected atom or json", field="format")
    devs = list(developments) if developments is not None else list(bundled_developments())
    # An open end follows the given one, so --from after the last record (or --to before the
    # first) is an empty feed, not an error about a date the user never gave.
    dates = sorted(d.date for d in devs) or [dt.date(2000, 1, 1)]
    lo = start or min(dates[0], end or dates[0])
    hi = end or max(dates[-1], lo)
    _check_period(lo, hi)
    window = [d for d in devs if lo <= d.date <= hi]
    dig = digest(profile, lo, hi, developments=devs) if profile is not None else None
    render = atom_feed if fmt == "atom" else json_feed
    return render(window, dig)
