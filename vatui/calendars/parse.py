"""Parsing a subscribed calendar into the events of a window (pure: bytes in, events out).

icalendar reads the file, x-wr-timezone turns an X-WR-TIMEZONE calendar into one with real TZIDs,
recurring-ical-events expands RRULE/RDATE/EXDATE/RECURRENCE-ID within the window only. Windows zone
names ("Eastern Standard Time") are mapped to IANA by icalendar. Left out: STATUS:CANCELLED,
TRANSP:TRANSPARENT, and events where `me` (an email, compared case-insensitively) is an ATTENDEE
with PARTSTAT=DECLINED.

Floating (zone-less) times are read in the calendar's X-WR-TIMEZONE, or else in `floating_zone`
(the reader's own zone, as a calendar app would show them). `parse_calendar` does the costly part
once; `events_between` then expands a window of the parsed calendar (see calendars/meetings.py,
which keeps parsed calendars in memory).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class CalendarDataError(ValueError):
    """The bytes are not a calendar icalendar can read."""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: dt.datetime | dt.date  # aware datetime (UTC) for timed events, date for all-day
    end: dt.datetime | dt.date
    all_day: bool


def _declined_by(event, me: str | None) -> bool:
    if not me:
        return False
    attendees = event.get("ATTENDEE")
    if attendees is None:
        return False
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        address = str(attendee).lower().removeprefix("mailto:")
        if address == me.lower() and str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED":
            return True
    return False


class ParsedCalendar:
    """A calendar read once, ready to expand any window (recurring-ical-events' query object).
    `events`: how many events it holds, a series with its moved occurrences counted once each."""

    def __init__(self, query: object, events: int) -> None:
        self.query = query
        self.events = events


def _zone_for_floating(calendar, floating_zone: str | None):  # noqa: ANN202 - a tzinfo or None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    for name in (calendar.get("X-WR-TIMEZONE"), floating_zone):
        if name:
            try:
                return ZoneInfo(str(name).strip())
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def _has_floating(vevents: list) -> bool:
    for event in vevents:
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            value = getattr(event.get(name), "dt", None)
            if isinstance(value, dt.datetime) and value.tzinfo is None:
                return True
    return False


def parse_calendar(data: bytes, *, floating_zone: str | None = None) -> ParsedCalendar:
    """Read `data` (raises CalendarDataError). Floating times are placed in the calendar's
    X-WR-TIMEZONE or else in `floating_zone`; times with a zone or in UTC keep their instant."""
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        calendar = icalendar.Calendar.from_ical(data)
        vevents = calendar.walk("VEVENT")
        count = len({(str(e.get("UID", "")), e["RECURRENCE-ID"].to_ical() if "RECURRENCE-ID" in e else b"")
                     for e in vevents})
        # to_standard moves UTC times into the zone (same instant) and gives floating times that
        # zone: with X-WR-TIMEZONE that is the calendar's own reading (a UTC series then keeps
        # its wall time across DST), without it the reader's. It copies the whole calendar (a
        # third of the parse time on a large one), so it runs only when one of the two applies.
        if calendar.get("X-WR-TIMEZONE") or _has_floating(vevents):
            zone = _zone_for_floating(calendar, floating_zone)
            if zone is not None:
                calendar = x_wr_timezone.to_standard(calendar, timezone=zone)
        return ParsedCalendar(recurring_ical_events.of(calendar), count)
    except Exception as exc:  # icalendar raises ValueError and others on bad data
        raise CalendarDataError(f"bad calendar data: {exc}") from exc


def events_between(
    data: bytes | ParsedCalendar, start: dt.datetime, end: dt.datetime, *, me: str | None = None,
    floating_zone: str | None = None,
) -> list[CalendarEvent]:
    """Events of `data` overlapping [start, end) (aware datetimes), sorted by start. Timed events
    come back in UTC; floating times are read as `parse_calendar` says."""
    parsed = data if isinstance(data, ParsedCalendar) else parse_calendar(data, floating_zone=floating_zone)
    try:
        occurrences = parsed.query.between(start, end)  # type: ignore[attr-defined]
    except Exception as exc:  # a bad RRULE shows only when expanded
        raise CalendarDataError(f"bad calendar data: {exc}") from exc
    events: list[CalendarEvent] = []
    for occ in occurrences:
        if str(occ.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(occ.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        if _declined_by(occ, me):
            continue
        begin = occ["DTSTART"].dt
        finish = occ["DTEND"].dt if "DTEND" in occ else None
        all_day = not isinstance(begin, dt.datetime)
        if all_day:
            finish = finish or begin + dt.timedelta(days=1)
        else:
            if begin.tzinfo is None:  # floating with no zone to read it in (none given): UTC
                begin = begin.replace(tzinfo=dt.UTC)
            if finish is None:
                finish = begin + (occ["DURATION"].dt if "DURATION" in occ else dt.timedelta(0))
            elif finish.tzinfo is None:
                finish = finish.replace(tzinfo=dt.UTC)
            begin, finish = begin.astimezone(dt.UTC), finish.astimezone(dt.UTC)
        events.append(
            CalendarEvent(str(occ.get("UID", "")), str(occ.get("SUMMARY", "")), begin, finish, all_day)
        )
    events.sort(key=lambda e: (not e.all_day, str(e.start)))
    return events
