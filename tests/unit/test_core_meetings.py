"""Clash detection between meetings and my blocks (vatui.core.meetings)."""

import datetime as dt

from vatui.core.meetings import clash_flags, clashes

UTC = dt.UTC


def _t(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 23, h, m, tzinfo=UTC)


def test_overlap_clashes_and_touching_does_not() -> None:
    blocks = [(_t(9), _t(10)), (_t(10), _t(11)), (_t(13), _t(14))]
    assert clashes((_t(9, 30), _t(10, 30)), blocks) == [0, 1]
    assert clashes((_t(11), _t(13)), blocks) == []


def test_flags_across_zones() -> None:
    kolkata = dt.timezone(dt.timedelta(hours=5, minutes=30))
    block = (dt.datetime(2026, 11, 23, 19, 0, tzinfo=kolkata), dt.datetime(2026, 11, 23, 20, 0, tzinfo=kolkata))
    assert clash_flags([(_t(14), _t(14, 15)), (_t(15), _t(16))], [block]) == [True, False]
