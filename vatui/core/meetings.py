"""Meeting blocks from subscribed calendars: clashes with my blocks (pure, no clock read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from vatui.core.models import TimeBlock


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


MEETING_MARK = "◆"  # marks a meeting wherever it is listed: the timeline, block list, today
BANNER_MARK = "▤"  # marks an all-day event, above the day's blocks
MEETING_SOURCE = "calendar:"  # TimeBlock.source of a meeting: "calendar:" + the calendar's name


def meeting_id(calendar: str, uid: str, start: dt.datetime) -> int:
    """A stable negative id for a meeting shown as a block: the cursor stays on it across redraws,
    and it can never be taken for a stored block's id (those are positive)."""
    import zlib

    return -1 - zlib.crc32(f"{calendar}\n{uid}\n{start.isoformat()}".encode())


def meeting_block(*, calendar: str, uid: str, summary: str, start: dt.datetime, end: dt.datetime,
                  client_id: int | None = None) -> TimeBlock:
    """A timed meeting as a read-only block of the day (start/end aware; stored as UTC). A meeting
    with no length is shown as one minute, so that it has a row and can clash."""
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    end = max(end, start + dt.timedelta(minutes=1))
    note = " ".join(summary.split())  # one line; TimeBlock drops control characters
    return TimeBlock(start=start, end=end, client_id=client_id, note=note, id=meeting_id(calendar, uid, start),
                     source=MEETING_SOURCE + calendar)


def calendar_of(block: TimeBlock) -> str | None:
    """The calendar a meeting block came from; None for your own blocks."""
    if block.source and block.source.startswith(MEETING_SOURCE):
        return block.source[len(MEETING_SOURCE):]
    return None


def time_in(meetings: Iterable[tuple[dt.datetime, dt.datetime]], start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Meeting time within [start, end) (a day), overlapping meetings counted once."""
    from vatui.core.blocks import merge_intervals

    clipped = [(max(a, start), min(b, end)) for a, b in meetings if a < end and start < b]
    return sum((b - a for a, b in merge_intervals(clipped)), dt.timedelta())
