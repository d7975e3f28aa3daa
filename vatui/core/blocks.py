"""Time blocks: the day's plan in my zone and where the day stands. The edits a VA makes to it
are in block_edits.py, and the typed form ("9:30-11 @acme report") in block_syntax.py.

Pure: `now` is always passed in; instants are aware UTC datetimes; a "day" is a calendar date in
my zone (settings.me_zone) and runs from its local midnight to the next, which is 23 or 25 hours
on a DST change day. Lengths, gaps and shifts are real elapsed time (UTC arithmetic); only what
people type and what templates keep are wall-clock times.

The rules, in one place:
- A block belongs to every day it overlaps, so a block crossing midnight shows on both days.
- Two blocks overlap when each starts before the other ends (touching is not overlapping).
- A client's block is "outside hours" when any of it falls outside that client's business hours
  (the work may be fine, but a call or a reply then reaches a closed office).
- Two blocks are "too close" when they do not overlap and the gap between one's end and the
  other's start is less than the buffer (0 <= gap < buffer). A buffer of zero flags nothing.
- The current block at `now` is the one running (start <= now < end); if several overlap, the
  one that started last (then the one ending first). The next block is the first to start
  after `now`.
- Shift on overrun: the anchor (the block that ran long) ends `delta` later and every block of
  the day that starts after the anchor starts moves `delta` later, so their order and the gaps
  between them (their buffers) stay exactly as they were. See `block_edits.shift_later`.
- Plan vs actual: the time tracked for the block's client during the block, counting time
  covered by several entries once. See `tracked_during`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from math import ceil

from vatui.core.business import local_instant, open_intervals, zone
from vatui.core.durations import format_duration
from vatui.core.models import Client, TimeBlock, TimeEntry

MAX_LENGTH = timedelta(hours=24)  # longer than this is a typo ("14:00 90h"), not a plan

Interval = tuple[datetime, datetime]


# --- days in my zone ---------------------------------------------------------------------------
def day_of(at: datetime, zone_name: str) -> date:
    """The calendar date `at` falls on in the zone."""
    return at.astimezone(zone(zone_name)).date()


def day_bounds(day: date, zone_name: str) -> Interval:
    """[local midnight, next local midnight) as UTC: 23 hours when clocks spring forward, 25
    when they fall back. A midnight that does not exist (zones that change at 00:00) resolves to
    the moment the clocks jump, as `business.local_instant` does."""
    tz = zone(zone_name)
    return local_instant(day, 0, tz), local_instant(day + timedelta(days=1), 0, tz)


def sort_key(block: TimeBlock) -> tuple[datetime, datetime, int]:
    return block.start, block.end, block.id if block.id is not None else -1


def blocks_on(blocks: Iterable[TimeBlock], day: date, zone_name: str) -> list[TimeBlock]:
    """The blocks that overlap the day, in order (start, end, id)."""
    lo, hi = day_bounds(day, zone_name)
    return sorted((b for b in blocks if b.start < hi and b.end > lo), key=sort_key)


def starts_on(block: TimeBlock, day: date, zone_name: str) -> bool:
    return day_of(block.start, zone_name) == day


def overlaps(a: TimeBlock, b: TimeBlock) -> bool:
    return a.start < b.end and b.start < a.end


def gap_between(a: TimeBlock, b: TimeBlock) -> timedelta | None:
    """Free time between two blocks that do not overlap (0 when they touch); None if they overlap."""
    if overlaps(a, b):
        return None
    first, second = (a, b) if a.start <= b.start else (b, a)
    return second.start - first.end


def too_close(a: TimeBlock, b: TimeBlock, buffer: timedelta) -> bool:
    gap = gap_between(a, b)
    return gap is not None and gap < buffer


def whole_minutes_up(delta: timedelta) -> int:
    """Minutes, rounded up: 30 seconds left is "1m left", never "0m left" while still running."""
    return max(0, ceil(delta.total_seconds() / 60))


def minutes_text(delta: timedelta | None) -> str:
    """A block's time left or until it starts, in whole minutes rounded up ("1h05m", "1m")."""
    return format_duration(timedelta(minutes=whole_minutes_up(delta or timedelta())))


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for a, b in sorted(i for i in intervals if i[0] < i[1]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# --- plan vs actual ----------------------------------------------------------------------------
def tracked_during(block: TimeBlock, entries: Iterable[TimeEntry],
                   task_batches: Mapping[int, str] | None = None) -> timedelta | None:
    """Time tracked for what the block is for, inside the block.

    A client block counts entries for its client. A batch block (no client) counts entries whose
    task is in that batch (`task_batches`: task id -> batch); without that map, or for a block
    with neither client nor batch, there is nothing to compare and the answer is None.
    Overlapping entries (a stopwatch and a Pomodoro at once) count once.
    """
    if block.client_id is not None:
        def wanted(e: TimeEntry) -> bool:
            return e.client_id == block.client_id
    elif block.batch and task_batches is not None:
        def wanted(e: TimeEntry) -> bool:
            return e.task_id is not None and task_batches.get(e.task_id) == block.batch
    else:
        return None
    clipped = ((max(e.start, block.start), min(e.end, block.end)) for e in entries if wanted(e))
    return sum((b - a for a, b in merge_intervals(clipped)), timedelta())


# --- a day's plan ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BlockInfo:
    """One block as the day sees it. `overlaps` and `too_close` hold positions in DayPlan.items."""

    block: TimeBlock
    overlaps: tuple[int, ...] = ()
    too_close: tuple[int, ...] = ()
    from_previous_day: bool = False  # started before this day's midnight
    into_next_day: bool = False  # ends after the next midnight
    actual: timedelta | None = None  # see tracked_during
    outside_hours: bool = False  # a client's block, partly or wholly outside the client's business hours


@dataclass(frozen=True, slots=True)
class Standing:
    """Where the day stands at `now`: positions in DayPlan.items, or None."""

    current: int | None = None
    left: timedelta | None = None  # until the current block ends
    next: int | None = None
    starts_in: timedelta | None = None  # until the next block starts


@dataclass(frozen=True, slots=True)
class DayPlan:
    day: date
    zone: str
    start: datetime  # local midnight, UTC
    end: datetime  # the next local midnight, UTC
    items: tuple[BlockInfo, ...] = ()

    @property
    def length(self) -> timedelta:
        """23, 24 or 25 hours."""
        return self.end - self.start

    @property
    def blocks(self) -> list[TimeBlock]:
        return [i.block for i in self.items]

    def _covered(self, meetings: bool) -> timedelta:
        clipped = ((max(i.block.start, self.start), min(i.block.end, self.end))
                   for i in self.items if i.block.readonly == meetings)
        return sum((b - a for a, b in merge_intervals(clipped)), timedelta())

    @property
    def planned(self) -> timedelta:
        """Time of your own blocks within this day; overlapping blocks are counted once."""
        return self._covered(meetings=False)

    @property
    def in_meetings(self) -> timedelta:
        """Time of the meetings of subscribed calendars within this day, overlaps counted once."""
        return self._covered(meetings=True)

    @property
    def tracked(self) -> timedelta:
        return sum((i.actual for i in self.items if i.actual is not None), timedelta())

    def contains(self, at: datetime) -> bool:
        return self.start <= at < self.end

    def index_of(self, block_id: int | None) -> int | None:
        return next((n for n, i in enumerate(self.items) if i.block.id == block_id), None) if block_id is not None else None

    def standing(self, now: datetime) -> Standing:
        running = [n for n, i in enumerate(self.items) if i.block.start <= now < i.block.end]
        current = max(running, key=lambda n: (self.items[n].block.start, -self.items[n].block.end.timestamp()),
                      default=None)
        upcoming = [n for n, i in enumerate(self.items) if i.block.start > now]
        nxt = min(upcoming, key=lambda n: sort_key(self.items[n].block), default=None)
        return Standing(
            current=current,
            left=self.items[current].block.end - now if current is not None else None,
            next=nxt,
            starts_in=self.items[nxt].block.start - now if nxt is not None else None,
        )


def outside_hours(block: TimeBlock, client: Client | None) -> bool:
    """Whether any of a client's block falls outside the client's business hours."""
    if client is None:
        return False
    covered = sum((end - start for start, end in open_intervals(client.hours, client.tz, block.start, block.end)),
                  timedelta())
    return covered < block.end - block.start


def plan_day(blocks: Iterable[TimeBlock], day: date, zone_name: str, *, buffer: timedelta,
             entries: Iterable[TimeEntry] = (), task_batches: Mapping[int, str] | None = None,
             clients: Mapping[int, Client] | None = None) -> DayPlan:
    """The day's blocks in order, each with its overlap / too-close / outside-hours flags and
    tracked time. `clients` (by id) gives the business hours a client's block is checked against."""
    clients = clients or {}
    lo, hi = day_bounds(day, zone_name)
    ordered = blocks_on(blocks, day, zone_name)
    entries = [e for e in entries if e.start < hi and e.end > lo]
    items = []
    for n, b in enumerate(ordered):
        # Two meetings are the calendars' business; a meeting is flagged against your own blocks.
        others = [(m, o) for m, o in enumerate(ordered) if m != n and not (b.readonly and o.readonly)]
        items.append(BlockInfo(
            block=b,
            overlaps=tuple(m for m, o in others if overlaps(b, o)),
            too_close=tuple(m for m, o in others if too_close(b, o, buffer)),
            from_previous_day=b.start < lo,
            into_next_day=b.end > hi,
            actual=None if b.readonly else tracked_during(b, entries, task_batches),  # a meeting is not tracked against
            # A meeting's time is the client's choice, not a plan to check against their hours.
            outside_hours=b.client_id is not None and not b.readonly and outside_hours(b, clients.get(b.client_id)),
        ))
    return DayPlan(day=day, zone=zone_name, start=lo, end=hi, items=tuple(items))


def local_span(block: TimeBlock, zone_name: str) -> tuple[datetime, datetime]:
    """The block's start and end on the clock of another zone (a client's)."""
    tz = zone(zone_name)
    return block.start.astimezone(tz), block.end.astimezone(tz)
