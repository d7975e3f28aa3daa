"""Meetings from subscribed calendars, as the cockpit and the CLI read them, and their syncing.

- `meetings_between(store, start, end, my_zone)` -> Meetings(meetings, banners, status): the timed
  meetings overlapping [start, end), the all-day banners of the local days in it, and each
  calendar's sync state. It reads only the last good copies (never the network), so it is safe on
  the event loop. A copy is parsed once per (calendar, copy) and kept in memory, and the events of
  a window are kept too: a repaint re-parses nothing.
- `sync(store, sub, now, timeout=...)` fetches one calendar (conditionally) and records the result;
  it blocks on the network, so the cockpit runs it in a worker. `due(store, now)` says which
  calendars want a sync.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from vatui.i18n import _
from vatui.store import calendars as subs_store

if TYPE_CHECKING:
    from vatui.calendars.parse import CalendarEvent, ParsedCalendar
    from vatui.store import Store
    from vatui.store.calendars import Subscription


@dataclass(frozen=True)
class Meeting:
    """A timed event of a subscribed calendar: read-only, start/end aware UTC datetimes."""

    calendar: str
    client_id: int | None
    summary: str
    uid: str
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Banner:
    """An all-day event on one local day ("Acme: offsite": `label`)."""

    calendar: str
    client_id: int | None
    summary: str
    uid: str
    day: dt.date

    @property
    def label(self) -> str:
        return f"{self.calendar}: {self.summary}"


@dataclass(frozen=True)
class CalendarStatus:
    """A calendar's sync state. `stale`: the last sync failed (or it never worked), so what is
    shown is the copy of `last_ok_at` (or nothing); `reason` is the failure, already masked."""

    calendar: str
    client_id: int | None
    stale: bool
    last_ok_at: dt.datetime | None
    reason: str | None
    failed_at: dt.datetime | None
    has_copy: bool


class Meetings(NamedTuple):
    meetings: list[Meeting]
    banners: list[Banner]
    status: dict[str, CalendarStatus]  # calendar name -> its state


def status_of(sub: Subscription) -> CalendarStatus:
    return CalendarStatus(sub.name, sub.client_id, sub.failing, sub.last_ok_at,
                          sub.last_error if sub.failing else None, sub.last_error_at if sub.failing else None,
                          sub.copy is not None)


# --- parsed copies, kept in memory -----------------------------------------------------------------

_PARSED: OrderedDict[tuple[int, str, str], ParsedCalendar | None] = OrderedDict()  # (id, copy, zone)
_WINDOWS: OrderedDict[tuple, list[CalendarEvent]] = OrderedDict()
_PARSED_MAX, _WINDOWS_MAX = 32, 256


def _remember(cache: OrderedDict, key: object, value: object, limit: int) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > limit:
        cache.popitem(last=False)


def _events(store: Store, sub: Subscription, start: dt.datetime, end: dt.datetime,
            my_zone: str) -> list[CalendarEvent]:
    """The events of `sub`'s last good copy in [start, end); a copy that does not parse gives none
    (the sync that fetched it said so)."""
    from vatui.calendars.parse import CalendarDataError, events_between, parse_calendar

    if sub.copy is None:
        return []
    window = (sub.id, sub.copy, my_zone, start, end)
    if window in _WINDOWS:
        _WINDOWS.move_to_end(window)
        return _WINDOWS[window]
    key = (sub.id, sub.copy, my_zone)
    if key not in _PARSED:
        data = subs_store.read_copy(store, sub)
        parsed = None
        if data is not None:
            try:
                parsed = parse_calendar(data, floating_zone=my_zone)
            except CalendarDataError:
                parsed = None
        _remember(_PARSED, key, parsed, _PARSED_MAX)
    parsed = _PARSED[key]
    _PARSED.move_to_end(key)
    try:
        events = events_between(parsed, start, end) if parsed is not None else []
    except CalendarDataError:
        events = []
    _remember(_WINDOWS, window, events, _WINDOWS_MAX)
    return events


def meetings_between(store: Store, start: dt.datetime, end: dt.datetime, my_zone: str) -> Meetings:
    """Meetings overlapping [start, end) (aware datetimes) from every calendar's last good copy,
    sorted by start; banners for each local day (in `my_zone`) of the window an all-day event
    covers; and every calendar's state. Floating times are read in `my_zone` unless the calendar
    names its own zone (X-WR-TIMEZONE)."""
    from zoneinfo import ZoneInfo

    subs = subs_store.load(store)
    meetings: list[Meeting] = []
    banners: list[Banner] = []
    first_day = start.astimezone(ZoneInfo(my_zone)).date()
    last_day = (end - dt.timedelta(microseconds=1)).astimezone(ZoneInfo(my_zone)).date()
    for sub in subs:
        for event in _events(store, sub, start, end, my_zone):
            if event.all_day:
                day = max(event.start, first_day)  # type: ignore[type-var]
                while day < event.end and day <= last_day:  # type: ignore[operator]
                    banners.append(Banner(sub.name, sub.client_id, event.summary, event.uid, day))
                    day += dt.timedelta(days=1)
            else:
                meetings.append(Meeting(sub.name, sub.client_id, event.summary, event.uid,
                                        event.start, event.end))  # type: ignore[arg-type]
    meetings.sort(key=lambda m: (m.start, m.end, m.calendar, m.summary))
    banners.sort(key=lambda b: (b.day, b.calendar, b.summary))
    return Meetings(meetings, banners, {s.name: status_of(s) for s in subs})


def has_calendars(store: Store) -> bool:
    """Whether any calendar is subscribed (reads the state alone, parses nothing)."""
    return bool(store.get_state(subs_store.KEY))


# --- syncing ---------------------------------------------------------------------------------------

def due(store: Store, now: dt.datetime) -> list[Subscription]:
    """Calendars whose last attempt (ok or not) is at least `every` seconds old, or never made."""
    out = []
    for sub in subs_store.load(store):
        tried = max((t for t in (sub.last_ok_at, sub.last_error_at) if t is not None), default=None)
        if tried is None or (now - tried).total_seconds() >= sub.every:
            out.append(sub)
    return out


@dataclass(frozen=True)
class SyncResult:
    calendar: str
    ok: bool
    changed: bool  # a new copy was saved (False: 304, an unchanged file, or a failure)
    events: int | None  # events in the copy now kept (None: no copy, or it does not parse)
    reason: str = ""  # why it failed, masked


def count_events(data: bytes) -> int | None:
    """How many VEVENTs (series count once) the copy holds; None when it does not parse."""
    from vatui.calendars.parse import CalendarDataError

    try:
        import icalendar

        calendar = icalendar.Calendar.from_ical(data)
        return len({(str(e.get("UID", "")), str(e.get("RECURRENCE-ID", ""))) for e in calendar.walk("VEVENT")})
    except (CalendarDataError, ValueError):
        return None


def sync(store: Store, sub: Subscription, now: dt.datetime, *, timeout: float = 10.0) -> SyncResult:
    """Fetch `sub` (with its validators when a copy is kept), keep a new copy only when it parses,
    and record the outcome. Blocks on the network: call it off the event loop."""
    from vatui.calendars.fetch import fetch
    from vatui.calendars.mask import mask_in
    from vatui.calendars.parse import CalendarDataError, parse_calendar

    kept = subs_store.read_copy(store, sub)
    result = fetch(sub.source, etag=sub.etag if kept else None,
                   last_modified=sub.last_modified if kept else None, timeout=timeout)
    if not result.ok:
        reason = mask_in(result.reason, sub.source)
        subs_store.record_error(store, sub.id, now, reason)
        return SyncResult(sub.name, False, False, count_events(kept) if kept else None, reason)
    body = result.body
    if body is not None and body == kept:
        body = None  # a file source, or a server without validators: same bytes, nothing to write
    if body is not None:
        try:
            parse_calendar(body)
        except CalendarDataError:
            reason = _("not a calendar (the address answered with something else)")
            subs_store.record_error(store, sub.id, now, reason)
            return SyncResult(sub.name, False, False, count_events(kept) if kept else None, reason)
    subs_store.record_ok(store, sub.id, now, body=body, etag=result.etag, last_modified=result.last_modified)
    copy = body if body is not None else kept
    return SyncResult(sub.name, True, body is not None, count_events(copy) if copy else None)
