"""Tracked time: periods in my zone, totals per client, and entries typed by hand.

Periods ("today", "this week") are local days in my zone turned into UTC intervals, so a day
with a DST change is 23 or 25 hours long and an entry is counted by the real time it covers.
An entry that crosses midnight counts toward each day for the part that falls in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vatui.core.blocks import day_bounds as blocks_day_bounds
from vatui.core.business import wall_instant
from vatui.core.durations import format_duration
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_clock
from vatui.core.grammar import parse_day as grammar_parse_day
from vatui.core.models import TimeEntry
from vatui.i18n import _

Interval = tuple[datetime, datetime]


def day_bounds(day: date, tz: ZoneInfo) -> Interval:
    """[local midnight, next local midnight) of `day` in `tz`, in UTC: the blocks' day, so that
    totals and plans agree on a midnight that a DST change skips."""
    return blocks_day_bounds(day, tz.key)


def week_bounds(day: date, tz: ZoneInfo, week_start: int = 0) -> Interval:
    """The week holding `day` (starting on weekday `week_start`, 0 = Monday), in UTC."""
    first = day - timedelta(days=(day.weekday() - week_start) % 7)
    return day_bounds(first, tz)[0], day_bounds(first + timedelta(days=7), tz)[0]


def local_date(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def overlap(a: Interval, b: Interval) -> timedelta:
    start, end = max(a[0], b[0]), min(a[1], b[1])
    return max(end - start, timedelta(0))


def tracked(entries: Iterable[TimeEntry], period: Interval, *, client_id: int | None = None,
            any_client: bool = True, extra: Iterable[Interval] = ()) -> timedelta:
    """Time in `period` from `entries` (of `client_id` unless `any_client`), plus `extra`
    stretches (a running timer not yet written)."""
    total = timedelta(0)
    for e in entries:
        if any_client or e.client_id == client_id:
            total += overlap((e.start, e.end), period)
    for stretch in extra:
        total += overlap(stretch, period)
    return total


@dataclass(frozen=True, slots=True)
class Totals:
    today_client: timedelta
    today_all: timedelta
    week_client: timedelta
    week_all: timedelta


def totals(entries: Iterable[TimeEntry], now: datetime, tz: ZoneInfo, *, client_id: int | None,
           week_start: int = 0, running: Iterable[Interval] = (), running_client: int | None = None) -> Totals:
    """Today and this week, for `client_id` and for everything. `running` stretches belong to
    `running_client` (the timer in progress)."""
    entries = list(entries)
    running = list(running)
    today = local_date(now, tz)
    day = day_bounds(today, tz)
    week = week_bounds(today, tz, week_start)
    mine = running if running_client == client_id else []
    return Totals(
        today_client=tracked(entries, day, client_id=client_id, any_client=False, extra=mine),
        today_all=tracked(entries, day, extra=running),
        week_client=tracked(entries, week, client_id=client_id, any_client=False, extra=mine),
        week_all=tracked(entries, week, extra=running),
    )


def entries_on(entries: Iterable[TimeEntry], day: date, tz: ZoneInfo) -> list[TimeEntry]:
    """Entries that touch `day` in my zone, in start order."""
    bounds = day_bounds(day, tz)
    return sorted((e for e in entries if e.end > bounds[0] and e.start < bounds[1]), key=lambda e: (e.start, e.id or 0))


def parse_day(text: str, today: date, *, field: str = "date") -> date:
    """"today", "yesterday", "-2" (two days ago), "-7d", an ISO date 2026-11-23 or a day word due:
    takes ("fri"); empty is today."""
    if not text.strip():
        return today
    return grammar_parse_day(text, today=today, field=field, allow_past=True)


def entry_window(day: date, start_text: str, end_text: str, tz: ZoneInfo) -> Interval:
    """"09:00", "10:30" on `day` in `tz` -> UTC start and end. End at or before start is refused
    (24:00 is midnight; `log_window` reads an earlier end as the next day's)."""
    start_min = parse_clock(start_text, field="from", allow_loose=True)
    end_min = parse_clock(end_text, field="to", allow_loose=True, allow_24=True)
    start = wall_instant(day, start_min, tz, field="from")
    end = wall_instant(day, end_min, tz, field="to")
    if end <= start:
        raise ValidationError(_("{field}: {end} is not after {start}").format(
            field="to", end=end_text.strip(), start=start_text.strip()), field="to")
    return start, end


def _wall_minutes(at: datetime, day: date, tz: ZoneInfo) -> int:
    """Minutes from `day`'s midnight on the wall clock of `tz` (1440 for anything later)."""
    local = at.astimezone(tz)
    if local.date() > day:
        return 1440
    if local.date() < day:
        return 0
    return local.hour * 60 + local.minute


def suggested_window(day: date, now: datetime, tz: ZoneInfo, entries: Iterable[TimeEntry]) -> tuple[int, int]:
    """The From and To (minutes from midnight) a new entry on `day` starts with, so the form opens
    on values worth keeping rather than empty fields. Today: the hour up to now (rounded down to
    5 minutes), starting later when the day's last entry ended within that hour (no overlap).
    Another day: the hour after that day's last entry, else 09:00-10:00."""
    ends = [_wall_minutes(e.end, day, tz) for e in entries_on(entries, day, tz)]
    last_end = max(ends) if ends else None
    if day == local_date(now, tz):
        local = now.astimezone(tz)
        end_at = now - timedelta(minutes=local.minute % 5, seconds=local.second, microseconds=local.microsecond)
        end = _wall_minutes(end_at, day, tz)
        # An hour of real time: on a spring-forward day 03:10 comes an hour after 01:10, not 02:10.
        hour_ago = _wall_minutes(end_at - timedelta(hours=1), day, tz)
        start = max(hour_ago, last_end if last_end is not None and last_end < end else 0)
        if end - start < 5:  # the last entry ends now: the hour before, overlap and all, to edit
            start = hour_ago
        if end - start < 5:  # just after midnight: the day's first hour
            start, end = 0, 60
        return start, end
    start = min(-(-last_end // 5) * 5, 1435) if last_end is not None else 9 * 60
    return start, min(start + 60, 1440)


# A --to earlier than --from is read as the next day only while the entry stays this long: a
# late session (23:00-01:00) is common, a 22-hour one is far more likely two swapped times.
MAX_OVERNIGHT = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class LogWindow:
    start: datetime  # UTC
    end: datetime  # UTC
    next_day: bool  # it ends after midnight, on the day after `day`


def log_window(day: date, start_text: str, tz: ZoneInfo, *, end_text: str | None = None,
               length: timedelta | None = None) -> LogWindow:
    """Time typed by hand: from a wall time on `day` to an end time or for a length (real time).
    An end earlier than the start is the next day's when that makes at most MAX_OVERNIGHT."""
    start_min = parse_clock(start_text, field="from", allow_loose=True)
    start = wall_instant(day, start_min, tz, field="from")
    if length is not None:
        end = start + length
    else:
        end_min = parse_clock(end_text or "", field="to", allow_loose=True, allow_24=True)
        if end_min >= start_min:
            start, end = entry_window(day, start_text, end_text or "", tz)
        else:
            end = wall_instant(day + timedelta(days=1), end_min, tz, field="to")
            if end - start > MAX_OVERNIGHT:
                raise ValidationError(_(
                    "{field}: {end} is earlier than {start}. Read as {end} the next day, that is {length}, more "
                    "than {limit}; on the same day it would end before it starts. Check the times.").format(
                        field="to", end=(end_text or "").strip(), start=start_text.strip(),
                        length=format_duration(end - start), limit=format_duration(MAX_OVERNIGHT)), field="to")
    last_moment = (end - timedelta(microseconds=1)).astimezone(tz).date()
    return LogWindow(start, end, next_day=last_moment > day)


def manual_entry(window: LogWindow, *, client_id: int | None, task_id: int | None = None, billable: bool = True,
                 note: str = "") -> TimeEntry:
    return TimeEntry(start=window.start, end=window.end, client_id=client_id, task_id=task_id, billable=billable,
                     note=note.strip(), source="manual")
