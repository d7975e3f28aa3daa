"""Business hours as real instants: the one primitive behind the clock's in-hours state, the
overlap finder and reply-by promises.

Hours are kept as wall-clock ranges in the client's zone; this module turns them into UTC
intervals day by day, so a 09:00-17:00 day is 8 hours on a DST change day too (the change
happens at night), and a day with a range touching the change is as long as it really is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from vatui.core.errors import ValidationError
from vatui.core.hours import WeekHours
from vatui.i18n import _

Interval = tuple[datetime, datetime]  # [start, end) in UTC
Closed = Callable[[date], object] | None  # a local day -> truthy (e.g. a holiday's name) when closed all day


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def local_instant(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """Wall-clock `minute` of `day` in `tz`, as UTC. 24:00 is the next day's midnight. A wall time
    that does not exist (inside a spring-forward gap) resolves forward, as clocks do."""
    if minute >= 1440:
        day, minute = day + timedelta(days=1), minute - 1440
    wall = datetime.combine(day, time(minute // 60, minute % 60), tz)
    utc = wall.astimezone(timezone.utc)
    if utc.astimezone(tz).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return utc
    # In a gap: the wall time never shows on the clock. Take the first instant at which the
    # clock reads it or later, i.e. the moment of the jump (between the two fold readings).
    lo = wall.replace(fold=1).astimezone(timezone.utc)
    hi = utc
    naive = wall.replace(tzinfo=None)
    while hi - lo > timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(tz).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return hi.replace(second=0, microsecond=0) if hi.second or hi.microsecond else hi



def wall_instant(day: date, minute: int, tz: ZoneInfo, *, field: str = "time") -> datetime:
    """The instant a wall clock in `tz` shows `minute` on `day`, in UTC. A time skipped by a DST
    change is refused; a time shown twice (clocks going back) is the first one."""
    if minute >= 1440:
        day, minute = day + timedelta(days=1), minute - 1440
    wall = datetime.combine(day, time(minute // 60, minute % 60), tz)
    utc = wall.astimezone(timezone.utc)
    if utc.astimezone(tz).replace(tzinfo=None) != wall.replace(tzinfo=None):
        raise ValidationError(
            _("{field}: {time} does not exist on {day} in {zone} (the clocks jumped forward)").format(
                field=field, time=f"{minute // 60:02d}:{minute % 60:02d}", day=day.isoformat(), zone=tz.key),
            field=field)
    return utc

def open_intervals(hours: WeekHours, tz_name: str, start: datetime, end: datetime,
                   closed: Closed = None) -> Iterator[Interval]:
    """UTC intervals when business is open, clipped to [start, end), in order. Adjacent ranges
    (a day open until 24:00 and the next from 00:00) are merged into one interval. A local day
    for which `closed` answers truthy (a holiday, leave) has no ranges."""
    tz = zone(tz_name)
    day = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    pending: Interval | None = None
    while day <= last:
        if closed is not None and hours.days[day.weekday()] and closed(day):
            day += timedelta(days=1)
            continue
        for lo, hi in hours.days[day.weekday()]:
            a, b = max(local_instant(day, lo, tz), start), min(local_instant(day, hi, tz), end)
            if a >= b:
                continue
            if pending and pending[1] >= a:
                pending = (pending[0], max(pending[1], b))
            else:
                if pending:
                    yield pending
                pending = (a, b)
        day += timedelta(days=1)
    if pending:
        yield pending


def is_open(hours: WeekHours, tz_name: str, at: datetime, closed: Closed = None) -> bool:
    return any(True for _interval in open_intervals(hours, tz_name, at, at + timedelta(seconds=1), closed))


def current_or_next(hours: WeekHours, tz_name: str, at: datetime, horizon: timedelta = timedelta(days=14),
                    closed: Closed = None) -> Interval | None:
    """The open interval containing `at`, else the next one within `horizon` (None: closed all along).
    A running interval is reported whole, from its real opening, not from `at`."""
    for a, b in open_intervals(hours, tz_name, at - timedelta(days=1), at + horizon, closed):
        if b > at:
            return (a, b)
    return None


def intersect(*schedules: Sequence[Interval]) -> list[Interval]:
    """The instants inside an interval of every schedule (each sorted, non-overlapping)."""
    if not schedules:
        return []
    result = list(schedules[0])
    for other in schedules[1:]:
        merged: list[Interval] = []
        i = j = 0
        while i < len(result) and j < len(other):
            a = max(result[i][0], other[j][0])
            b = min(result[i][1], other[j][1])
            if a < b:
                merged.append((a, b))
            if result[i][1] < other[j][1]:
                i += 1
            else:
                j += 1
        result = merged
    return result


def add_business_time(hours: WeekHours, tz_name: str, start: datetime, amount: timedelta,
                      horizon: timedelta = timedelta(days=400), closed: Closed = None) -> datetime | None:
    """The instant when `amount` of open time has passed since `start` (a reply-by deadline),
    skipping the days `closed` names. None if the hours never open within `horizon` (a client with
    no business hours)."""
    left = amount
    for a, b in open_intervals(hours, tz_name, start, start + horizon, closed):
        span = b - a
        if span >= left:
            return a + left
        left -= span
    return None


def business_time_between(hours: WeekHours, tz_name: str, start: datetime, end: datetime,
                          closed: Closed = None) -> timedelta:
    """How much open time lies in [start, end); negative if end is before start."""
    if end < start:
        return -business_time_between(hours, tz_name, end, start, closed)
    return sum((b - a for a, b in open_intervals(hours, tz_name, start, end, closed)), timedelta())


def client_closed(client: object) -> Closed:
    """The closed-day test of a client (or anything with `holidays` and `closed`), or None when it
    has no holiday setting: the holiday module is imported only for those that do."""
    if not (getattr(client, "holidays", "") or getattr(client, "closed", ())):
        return None
    from vatui.core.client_holidays import client_calendar

    calendar = client_calendar(client)
    return calendar.is_closed if calendar else None
