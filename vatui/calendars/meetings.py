"""Meetings from subscribed calendars, as the cockpit and the CLI read them, and their syncing.

- `meetings_between(store, start, end, my_zone)` -> Meetings(meetings, banners, status): the timed
  meetings overlapping [start, end), the all-day banners of the local days in it, and each
  calendar's sync state. It reads only the last good copies (never the network). A copy is
  parsed once per (calendar, copy, zone) and kept in memory, and the events of a window are kept
  too: a repaint re-parses nothing (about 40 µs for a day of a 2,350-event calendar).
- Parsing a large copy is not free (about 0.4 s for a 260 KB, 2,350-event calendar; a new
  day's window of it then 40-130 ms), so the event loop should not be the one to parse:
  `sync(..., my_zone=...)` parses a new copy in the worker that fetched it,
  `prepare(store, my_zone)` parses every kept copy (a worker at start-up), and
  `meetings_between(..., parse=False)` leaves out a calendar not parsed yet (its status says
  `ready=False`) instead of parsing it on the spot.
- `sync(store, sub, now, timeout=...)` fetches one calendar (conditionally) and records the result;
  it blocks on the network, so the cockpit runs it in a worker. `due(store, now)` says which
  calendars want a sync.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from vatui.i18n import _
from vatui.store import calendars as subs_store

if TYPE_CHECKING:
    from vatui.calendars.parse import CalendarEvent, ParsedCalendar
    from vatui.core.models import TimeBlock
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
    ready: bool = True  # False: its copy is not parsed yet (meetings_between with parse=False)


class Meetings(NamedTuple):
    meetings: list[Meeting]
    banners: list[Banner]
    status: dict[str, CalendarStatus]  # calendar name -> its state

    def as_blocks(self) -> list[TimeBlock]:
        """The meetings as read-only blocks of the day plan (core.meetings.meeting_block)."""
        from vatui.core.meetings import meeting_block

        return [meeting_block(calendar=m.calendar, uid=m.uid, summary=m.summary, start=m.start, end=m.end,
                              client_id=m.client_id) for m in self.meetings]


def status_of(sub: Subscription, *, ready: bool = True) -> CalendarStatus:
    return CalendarStatus(sub.name, sub.client_id, sub.failing, sub.last_ok_at,
                          sub.last_error if sub.failing else None, sub.last_error_at if sub.failing else None,
                          sub.copy is not None, ready)


# --- parsed copies, kept in memory -----------------------------------------------------------------
# Shared by the event loop and the workers: the lock guards the two caches, never a parse.

_PARSED: OrderedDict[tuple[int, str, str], ParsedCalendar | None] = OrderedDict()  # (id, copy, zone)
_WINDOWS: OrderedDict[tuple, list[CalendarEvent]] = OrderedDict()
_PARSED_MAX, _WINDOWS_MAX = 32, 256
_LOCK = threading.Lock()


def _remember(cache: OrderedDict, key: object, value: object, limit: int) -> None:
    with _LOCK:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > limit:
            cache.popitem(last=False)


def _recall(cache: OrderedDict, key: object) -> tuple[bool, object]:
    with _LOCK:
        if key not in cache:
            return False, None
        cache.move_to_end(key)
        return True, cache[key]


def _parsed(store: Store, sub: Subscription, my_zone: str, *, parse: bool = True) -> tuple[bool, ParsedCalendar | None]:
    """(ready, the parsed copy or None when there is none or it does not parse)."""
    from vatui.calendars.parse import CalendarDataError, parse_calendar

    key = (sub.id, sub.copy or "", my_zone)
    known, parsed = _recall(_PARSED, key)
    if known:
        return True, parsed  # type: ignore[return-value]
    if not parse:
        return False, None
    data = subs_store.read_copy(store, sub)
    parsed = None
    if data is not None:
        try:
            parsed = parse_calendar(data, floating_zone=my_zone)
        except CalendarDataError:
            parsed = None  # the sync that fetched it said so
    _remember(_PARSED, key, parsed, _PARSED_MAX)
    return True, parsed


def _events(store: Store, sub: Subscription, start: dt.datetime, end: dt.datetime, my_zone: str,
            *, parse: bool = True, me: str | None = None) -> tuple[bool, list[CalendarEvent]]:
    """(ready, the events of `sub`'s last good copy in [start, end))."""
    from vatui.calendars.parse import CalendarDataError, events_between

    if sub.copy is None:
        return True, []
    window = (sub.id, sub.copy, my_zone, start, end, me)
    known, events = _recall(_WINDOWS, window)
    if known:
        return True, events  # type: ignore[return-value]
    ready, parsed = _parsed(store, sub, my_zone, parse=parse)
    if not ready:
        return False, []
    try:
        events = events_between(parsed, start, end, me=me) if parsed is not None else []
    except CalendarDataError:
        events = []
    _remember(_WINDOWS, window, events, _WINDOWS_MAX)
    return True, events  # type: ignore[return-value]


def prepare(store: Store, my_zone: str) -> None:
    """Parse every kept copy not parsed yet (blocking: for a worker)."""
    for sub in subs_store.load(store):
        if sub.copy is not None:
            _parsed(store, sub, my_zone)


def meetings_between(store: Store, start: dt.datetime, end: dt.datetime, my_zone: str, *,
                     parse: bool = True, me: str | None = None) -> Meetings:
    """Meetings overlapping [start, end) (aware datetimes) from every calendar's last good copy,
    sorted by start; banners for each local day (in `my_zone`) of the window an all-day event
    covers; and every calendar's state. Floating times are read in `my_zone` unless the calendar
    names its own zone (X-WR-TIMEZONE). `parse=False`: a copy not parsed yet is left out (its
    status has ready=False) rather than parsed here (see prepare). `me`: my email address, to
    leave out the events I declined."""
    from zoneinfo import ZoneInfo

    subs = subs_store.load(store)
    meetings: list[Meeting] = []
    banners: list[Banner] = []
    first_day = start.astimezone(ZoneInfo(my_zone)).date()
    last_day = (end - dt.timedelta(microseconds=1)).astimezone(ZoneInfo(my_zone)).date()
    status: dict[str, CalendarStatus] = {}
    for sub in subs:
        ready, events = _events(store, sub, start, end, my_zone, parse=parse, me=me)
        status[sub.name] = status_of(sub, ready=ready)
        for event in events:
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
    return Meetings(meetings, banners, status)


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


@dataclass(frozen=True)
class Fetched:
    """What one fetch brought, before anything is recorded: a failure's masked reason, or the
    validators and, when the calendar changed, the new copy and its parse."""

    ok: bool
    reason: str = ""
    body: bytes | None = None  # None: unchanged (a 304, or the same bytes)
    parsed: ParsedCalendar | None = None
    etag: str | None = None
    last_modified: str | None = None


def fetch_for(store: Store, sub: Subscription, *, timeout: float = 10.0, my_zone: str | None = None) -> Fetched:
    """Fetch `sub` (with its validators when a copy is kept) and parse a new copy. Blocks on the
    network and parses, writes nothing: call it off the event loop, then `record` the result
    where the store's writes are made."""
    from vatui.calendars.fetch import fetch
    from vatui.calendars.mask import mask_in
    from vatui.calendars.parse import CalendarDataError, parse_calendar

    kept = subs_store.read_copy(store, sub)
    result = fetch(sub.source, etag=sub.etag if kept else None,
                   last_modified=sub.last_modified if kept else None, timeout=timeout)
    if not result.ok:
        return Fetched(False, mask_in(result.reason, sub.source))
    body = result.body
    if body is not None and body == kept:
        body = None  # a file source, or a server without validators: same bytes, nothing to write
    if body is None:
        return Fetched(True, etag=result.etag, last_modified=result.last_modified)
    try:
        parsed = parse_calendar(body, floating_zone=my_zone)
    except CalendarDataError:
        return Fetched(False, _("not a calendar (no iCalendar data in what came back)"))
    return Fetched(True, body=body, parsed=parsed, etag=result.etag, last_modified=result.last_modified)


def record(store: Store, sub: Subscription, now: dt.datetime, fetched: Fetched, *,
           my_zone: str | None = None) -> SyncResult:
    """Record what `fetch_for` brought: the new copy and validators, or the failure (the last good
    copy stays). With `my_zone`, the new copy's parse is kept for meetings_between in that zone."""
    kept_events = sub.events if sub.copy is not None else None
    if not fetched.ok:
        subs_store.record_error(store, sub.id, now, fetched.reason)
        return SyncResult(sub.name, False, False, kept_events, fetched.reason)
    if fetched.body is None or fetched.parsed is None:
        subs_store.record_ok(store, sub.id, now, body=None, etag=fetched.etag, last_modified=fetched.last_modified)
        return SyncResult(sub.name, True, False, kept_events)
    saved = subs_store.record_ok(store, sub.id, now, body=fetched.body, etag=fetched.etag,
                                 last_modified=fetched.last_modified, events=fetched.parsed.events)
    if saved is not None and my_zone is not None:
        _remember(_PARSED, (saved.id, saved.copy or "", my_zone), fetched.parsed, _PARSED_MAX)
    return SyncResult(sub.name, True, True, fetched.parsed.events)


def sync(store: Store, sub: Subscription, now: dt.datetime, *, timeout: float = 10.0,
         my_zone: str | None = None) -> SyncResult:
    """Fetch and record in one go (the command line). Blocks on the network and parses."""
    return record(store, sub, now, fetch_for(store, sub, timeout=timeout, my_zone=my_zone), my_zone=my_zone)
