"""Meeting blocks from subscribed calendars: clashes with my blocks (pure, no clock read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence


def clashes(
    meeting: tuple[dt.datetime, dt.datetime], blocks: Iterable[tuple[dt.datetime, dt.datetime]]
) -> list[int]:
    """Indexes of `blocks` (aware start/end pairs) that overlap `meeting`; touching ends do not clash."""
    start, end = meeting
    return [i for i, (b_start, b_end) in enumerate(blocks) if b_start < end and start < b_end]


def clash_flags(
    meetings: Sequence[tuple[dt.datetime, dt.datetime]], blocks: Sequence[tuple[dt.datetime, dt.datetime]]
) -> list[bool]:
    """For each meeting, whether it clashes with any of my blocks."""
    return [bool(clashes(m, blocks)) for m in meetings]


def time_in(meetings: Iterable[tuple[dt.datetime, dt.datetime]], start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Meeting time within [start, end) (a day), overlapping meetings counted once."""
    from vatui.core.blocks import merge_intervals

    clipped = [(max(a, start), min(b, end)) for a, b in meetings if a < end and start < b]
    return sum((b - a for a, b in merge_intervals(clipped)), dt.timedelta())
