"""The public API is small and explicit: a sorted __all__ whose names all exist."""

from __future__ import annotations

import hegui.api as api


def test_all_is_sorted_and_complete() -> None:
    assert api.__all__ == sorted(api.__all__)
    for name in api.__all__:
        assert hasattr(api, name), name
