"""Parsing a subscribed calendar into the events of a window (pure: bytes in, events out).

icalendar reads the file, x-wr-timezone turns an X-WR-TIMEZONE calendar into one with real TZIDs,
recurring-ical-events expands RRULE/RDATE/EXDATE/RECURRENCE-ID within the window only. Windows zone
names ("Eastern Standard Time") are mapped to IANA by icalendar. Left out: STATUS:CANCELLED,
TRANSP:TRANSPARENT, and events where `me` (an email, compared case-insensitively) is an ATTENDEE
with PARTSTAT=DECLINED.
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


def events_between(
    data: bytes, start: dt.datetime, end: dt.datetime, *, me: str | None = None
) -> list[CalendarEvent]:
    """Events of `data` overlapping [start, end) (aware datetimes), sorted by start."""
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        calendar = x_wr_timezone.to_standard(icalendar.Calendar.from_ical(data))
        occurrences = recurring_ical_events.of(calendar).between(start, end)
    except Exception as exc:  # icalendar raises ValueError and others on bad data
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
            if begin.tzinfo is None:  # floating time: read as UTC
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
