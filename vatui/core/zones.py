"""The world clock's answers: what time it is for me and each client, how far apart we are, whether
they are in business hours, an hour strip aligned across zones, and when everyone is open at once.

Built on `business.py` (business hours as UTC intervals): nothing here re-does business-hours
arithmetic. Every function takes the instant it answers for; nothing reads the clock. Results are
data (enums, datetimes, timedeltas); widgets turn them into words.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from vatui.core.business import Closed, current_or_next, intersect, local_instant, open_intervals, zone
from vatui.core.hours import WeekHours
from vatui.core.models import Client
from vatui.core.settings import DEFAULT_ME_NAME, Settings
from vatui.core.tzdb import city_of
from vatui.i18n import _

if TYPE_CHECKING:  # the holiday module loads only for places that have a holiday setting
    from vatui.core.client_holidays import HolidayCalendar

HOUR = timedelta(hours=1)
ME = "me"


class HoursState(enum.StrEnum):
    """Where a place stands against its business hours (the words are the widget's job)."""

    IN_HOURS = "in-hours"
    CLOSING_SOON = "closing-soon"  # open, closing within settings.closing_soon
    OPENS_SOON = "opens"  # closed, opening later on its own local day (or within closing_soon)
    AFTER_HOURS = "after-hours"  # closed for the rest of its local day
    WEEKEND = "weekend"  # its local day has no business hours at all: a weekend, or a holiday (Reading.holiday)


@dataclass(frozen=True, slots=True)
class Place:
    """Me or a client, as the clock sees them: a zone and business hours with a name."""

    key: str  # "me" or "client:<id>": stable across refreshes, for widgets to match rows
    name: str
    city: str
    zone: str
    hours: WeekHours
    client_id: int | None = None
    colour: str | None = None
    holidays: HolidayCalendar | None = None  # None: no holiday setting (the common case, and cheap)

    @property
    def is_me(self) -> bool:
        return self.key == ME

    @property
    def closed(self) -> Closed:
        """The closed-day test for business-hours arithmetic, None when there are no holidays."""
        return self.holidays.is_closed if self.holidays else None


def me_place(settings: Settings, leave: Sequence[tuple[date, date]] = ()) -> Place:
    """Me, with my public holidays (`[me] holidays`) and my leave ranges (from the store)."""
    calendar = None
    if settings.me_holidays or leave:
        from vatui.core.client_holidays import calendar_of

        calendar = calendar_of(settings.me_holidays, (), leave)
    name = _("Me") if settings.me_name == DEFAULT_ME_NAME else settings.me_name  # a word of the interface
    return Place(ME, name, settings.me_city or city_of(settings.me_zone), settings.me_zone,
                 settings.me_hours, holidays=calendar)


def client_place(client: Client) -> Place:
    calendar = None
    if client.holidays or client.closed:
        from vatui.core.client_holidays import client_calendar

        calendar = client_calendar(client)
    return Place(f"client:{client.id}", client.name, client.city, client.tz, client.hours, client.id, client.colour,
                 calendar)


def places(settings: Settings, clients: Iterable[Client], leave: Sequence[tuple[date, date]] = ()) -> list[Place]:
    """Me first, then the clients in the order given (an archived client is not on the clock)."""
    return [me_place(settings, leave), *(client_place(c) for c in clients if not c.archived)]


@dataclass(frozen=True, slots=True)
class Reading:
    """One place at one instant, relative to me."""

    place: Place
    at: datetime  # the instant read (UTC)
    local: datetime  # the place's wall clock at `at`
    day_shift: int  # the place's local date minus mine: +1 "tomorrow there", -1 "yesterday"
    offset: timedelta  # the place's UTC offset minus mine, at `at`
    state: HoursState
    change_at: datetime | None  # open: when it closes; closed: when it next opens (None: not within 8 days)
    # The name of the local day's holiday, closed day or leave, when it is one. Such a day reads
    # WEEKEND (closed all day, shown as one) rather than a state of its own, so every widget that
    # styles the five states shows it as it is; the words say "holiday: Good Friday".
    holiday: str | None = None

    @property
    def change_in(self) -> timedelta | None:
        return None if self.change_at is None else self.change_at - self.at


def hours_state(hours: WeekHours, tz_name: str, at: datetime, closing_soon: timedelta,
                closed: Closed = None) -> tuple[HoursState, datetime | None]:
    """The business-hours state at `at` and the instant it changes (closing or opening).

    Closed before the day's (next) range opens reads "opens in"; closed after the day's last range
    reads "after hours"; a local day with no hours reads "weekend". An opening within
    `closing_soon` reads "opens in" whatever the day, so "opens in 20m" is shown before midnight
    shifts too. A local day that `closed` names (a holiday) reads "weekend" unless it opens soon.
    """
    interval = current_or_next(hours, tz_name, at, horizon=timedelta(days=8), closed=closed)
    if interval is not None and interval[0] <= at < interval[1]:
        left = interval[1] - at
        return (HoursState.CLOSING_SOON if left <= closing_soon else HoursState.IN_HOURS), interval[1]
    next_open = interval[0] if interval is not None else None
    local = at.astimezone(zone(tz_name))
    if next_open is not None and next_open - at <= closing_soon:
        return HoursState.OPENS_SOON, next_open
    if not hours.is_open_on(local.weekday()) or (closed is not None and closed(local.date())):
        return HoursState.WEEKEND, next_open
    if next_open is not None and next_open.astimezone(zone(tz_name)).date() == local.date():
        return HoursState.OPENS_SOON, next_open
    return HoursState.AFTER_HOURS, next_open


def read(place: Place, at: datetime, my_zone: str, closing_soon: timedelta) -> Reading:
    local = at.astimezone(zone(place.zone))
    mine = at.astimezone(zone(my_zone))
    closed = place.closed
    state, change_at = hours_state(place.hours, place.zone, at, closing_soon, closed)
    offset = (local.utcoffset() or timedelta()) - (mine.utcoffset() or timedelta())
    name = closed(local.date()) if state is HoursState.WEEKEND and closed is not None else None
    holiday = str(name) if name else None
    return Reading(place, at, local, (local.date() - mine.date()).days, offset, state, change_at, holiday)


def readings(rows: Sequence[Place], at: datetime, my_zone: str, closing_soon: timedelta) -> list[Reading]:
    return [read(p, at, my_zone, closing_soon) for p in rows]


class SortBy(enum.StrEnum):
    OFFSET = "offset"
    NAME = "name"


def order(rows: Sequence[Place], by: SortBy, at: datetime, my_zone: str) -> list[Place]:
    """Me first (the row every other is read against), then clients by offset from me (west to
    east, then name) or by name (ignoring case)."""
    me = [p for p in rows if p.is_me]
    others = [p for p in rows if not p.is_me]
    if by is SortBy.NAME:
        others.sort(key=lambda p: (p.name.casefold(), p.key))
    else:
        mine = at.astimezone(zone(my_zone)).utcoffset() or timedelta()

        def key(p: Place) -> tuple[timedelta, str, str]:
            return ((at.astimezone(zone(p.zone)).utcoffset() or timedelta()) - mine, p.name.casefold(), p.key)

        others.sort(key=key)
    return me + others


# --- formatting that is not words ------------------------------------------------------------
def format_offset(delta: timedelta) -> str:
    """"+9h", "-4h30", "+5h45", "0h": the difference between two zones, as the clock shows it."""
    minutes = round(delta.total_seconds() / 60)
    if minutes == 0:
        return "0h"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours}h{mins:02d}" if mins else f"{sign}{hours}h"


def format_span(delta: timedelta) -> str:
    """A countdown to the minute, rounded up so "1m" is shown until the change: "40m", "2h10",
    "3h", "1d4h". Negative spans read as zero."""
    seconds = max(0, int(delta.total_seconds() + 59.999999) // 60 * 60)
    minutes = seconds // 60
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days}d{hours}h" if hours else f"{days}d"
    if hours:
        return f"{hours}h{mins:02d}" if mins else f"{hours}h"
    return f"{mins}m"


# --- moving through time in my hours ---------------------------------------------------------
def hour_start(at: datetime, tz_name: str) -> datetime:
    """The last instant at or before `at` when the clock in `tz_name` read HH:00 (UTC)."""
    local = at.astimezone(zone(tz_name))
    return (at - timedelta(minutes=local.minute, seconds=local.second, microseconds=local.microsecond)).astimezone(
        timezone.utc
    )


def shift_days(at: datetime, days: int, tz_name: str) -> datetime:
    """The same wall-clock time `days` later in `tz_name` (not days*24h: DST days are 23 or 25 h).
    A time that does not exist on the target day (a spring-forward gap) moves forward."""
    tz = zone(tz_name)
    local = at.astimezone(tz)
    return local_instant(local.date() + timedelta(days=days), local.hour * 60 + local.minute, tz) + timedelta(
        seconds=local.second, microseconds=local.microsecond
    )


# --- the hour strip -------------------------------------------------------------------------
class Cell(enum.StrEnum):
    OPEN = "open"  # in business hours for the whole hour
    PART = "part"  # opens or closes inside the hour (half-hour zones, 09:30 starts)
    CLOSED = "closed"
    DAY_OFF = "day-off"  # closed, on a local day with no business hours (a weekend or a holiday)


@dataclass(frozen=True, slots=True)
class HourCell:
    start: datetime  # UTC start of one of MY hours: the columns line up across rows
    local: datetime  # the place's wall clock at `start`
    open_minutes: int  # how much of the hour is in business hours, 0-60
    kind: Cell

    @property
    def mostly_open(self) -> bool:
        """Open for most of the hour (more than 30 minutes)."""
        return self.open_minutes > 30

    @property
    def new_day(self) -> bool:
        """The place's local midnight falls in this hour (the strip shows the weekday here)."""
        return self.starting_day is not None

    @property
    def starting_day(self) -> date | None:
        """The place's local date that begins inside this hour, if one does."""
        if (self.local.hour, self.local.minute, self.local.second) == (0, 0, 0):
            return self.local.date()
        last = (self.start + HOUR - timedelta(microseconds=1)).astimezone(self.local.tzinfo)
        return last.date() if last.date() != self.local.date() else None


@dataclass(frozen=True, slots=True)
class HourStrip:
    starts: tuple[datetime, ...]  # UTC start of each column: consecutive hours of my clock
    mine: tuple[datetime, ...]  # my wall clock at each start
    rows: tuple[tuple[HourCell, ...], ...]  # one per place, in the order given

    def index_of(self, at: datetime) -> int | None:
        """The column holding `at`, if the strip covers it."""
        for i, start in enumerate(self.starts):
            if start <= at < start + HOUR:
                return i
        return None


def hour_strip(rows: Sequence[Place], my_zone: str, first: datetime, hours: int) -> HourStrip:
    """`hours` columns from the start of my hour holding `first`, one row per place.

    Columns are my hours (as oz/tz aligns them), so a +5:30 or +5:45 place starts each column at
    :30 or :45 of its own clock. A cell is OPEN when the place is in business hours for the whole
    hour, PART when for some of it (`open_minutes` says how much), else CLOSED or DAY_OFF.
    """
    start = hour_start(first, my_zone)
    starts = tuple(start + i * HOUR for i in range(hours))
    end = start + hours * HOUR
    mine = tuple(s.astimezone(zone(my_zone)) for s in starts)
    out: list[tuple[HourCell, ...]] = []
    for place in rows:
        tz = zone(place.zone)
        closed = place.closed
        spans = list(open_intervals(place.hours, place.zone, start, end, closed))
        cells: list[HourCell] = []
        j = 0
        for s in starts:
            e = s + HOUR
            while j < len(spans) and spans[j][1] <= s:
                j += 1
            covered = timedelta()
            k = j
            while k < len(spans) and spans[k][0] < e:
                covered += min(spans[k][1], e) - max(spans[k][0], s)
                k += 1
            minutes = round(covered.total_seconds() / 60)
            local = s.astimezone(tz)
            if minutes >= 60:
                kind = Cell.OPEN
            elif minutes > 0:
                kind = Cell.PART
            elif not place.hours.is_open_on((mid := (s + HOUR / 2).astimezone(tz)).weekday()) or (
                    closed is not None and closed(mid.date())):
                kind = Cell.DAY_OFF
            else:
                kind = Cell.CLOSED
            cells.append(HourCell(s, local, minutes, kind))
        out.append(tuple(cells))
    return HourStrip(starts, mine, tuple(out))


# --- when everyone is open ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Overlap:
    start: datetime  # UTC; `now` when the window is already running
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def ongoing(self, now: datetime) -> bool:
        return self.start <= now < self.end

    def block_in(self, now: datetime, length: timedelta) -> tuple[datetime, datetime] | None:
        """Where a block of `length` goes in this window: at its start, or from now (on a whole
        five minutes) when it is on; shorter when the window is; None when nothing of it is left."""
        start = max(self.start, now)
        if start > self.start:
            start += timedelta(minutes=-start.minute % 5, seconds=-start.second, microseconds=-start.microsecond)
        end = min(self.end, start + length)
        return (start, end) if end > start else None


def find_overlaps(rows: Sequence[Place], now: datetime, days: int = 7, min_length: timedelta = timedelta()) -> list[Overlap]:
    """The windows in the next `days` (from `now`) when every place is in business hours at once,
    in order. A window running now starts at `now`. Windows shorter than `min_length` are left out."""
    if not rows:
        return []
    end = now + timedelta(days=days)
    schedules = [list(open_intervals(p.hours, p.zone, now, end, p.closed)) for p in rows]
    return [Overlap(a, b) for a, b in intersect(*schedules) if b - a >= min_length and b - a > timedelta()]
