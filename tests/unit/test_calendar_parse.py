"""events_between(): recurrence, exceptions, zones, all-day and the events left out."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vatui.calendars.parse import CalendarDataError, events_between

KOLKATA = ZoneInfo("Asia/Kolkata")

WEEKLY = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:test\r
BEGIN:VEVENT\r
UID:standup\r
SUMMARY:Acme standup\r
DTSTART;TZID=America/New_York:20261019T090000\r
DTEND;TZID=America/New_York:20261019T093000\r
RRULE:FREQ=WEEKLY;BYDAY=MO\r
EXDATE;TZID=America/New_York:20261026T090000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:standup\r
RECURRENCE-ID;TZID=America/New_York:20261109T090000\r
SUMMARY:Acme standup (moved)\r
DTSTART;TZID=America/New_York:20261110T110000\r
DTEND;TZID=America/New_York:20261110T113000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:offsite\r
SUMMARY:offsite\r
DTSTART;VALUE=DATE:20261104\r
DTEND;VALUE=DATE:20261105\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cancelled\r
SUMMARY:gone\r
STATUS:CANCELLED\r
DTSTART:20261103T100000Z\r
DTEND:20261103T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:free\r
SUMMARY:free\r
TRANSP:TRANSPARENT\r
DTSTART:20261103T100000Z\r
DTEND:20261103T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:declined\r
SUMMARY:declined\r
ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.org\r
DTSTART:20261103T100000Z\r
DTEND:20261103T110000Z\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _window() -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(2026, 10, 18, tzinfo=dt.UTC), dt.datetime(2026, 11, 17, tzinfo=dt.UTC)


def test_weekly_new_york_seen_from_kolkata_across_us_dst() -> None:
    events = [e for e in events_between(WEEKLY, *_window(), me="me@example.org") if e.uid == "standup"]
    local = [e.start.astimezone(KOLKATA).strftime("%Y-%m-%d %H:%M") for e in events]
    # 19 Oct (EDT, UTC-4) 18:30 IST; 26 Oct excluded; after 1 Nov (EST, UTC-5) 19:30 IST;
    # 9 Nov moved to Tue 10 Nov 11:00 EST = 21:30 IST.
    assert local == ["2026-10-19 18:30", "2026-11-02 19:30", "2026-11-10 21:30", "2026-11-16 19:30"]


def test_all_day_and_left_out() -> None:
    events = events_between(WEEKLY, *_window(), me="me@example.org")
    uids = {e.uid for e in events}
    assert "offsite" in uids and not {"cancelled", "free", "declined"} & uids
    offsite = next(e for e in events if e.uid == "offsite")
    assert offsite.all_day and offsite.start == dt.date(2026, 11, 4)


def test_declined_only_counts_for_me() -> None:
    uids = {e.uid for e in events_between(WEEKLY, *_window(), me="other@example.org")}
    assert "declined" in uids


WINDOWS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:Microsoft Exchange Server 2010\r
BEGIN:VEVENT\r
UID:win\r
SUMMARY:Outlook call\r
DTSTART;TZID=Eastern Standard Time:20261123T090000\r
DTEND;TZID=Eastern Standard Time:20261123T100000\r
END:VEVENT\r
END:VCALENDAR\r
"""

XWR = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:test\r
X-WR-TIMEZONE:Europe/London\r
BEGIN:VEVENT\r
UID:xwr\r
SUMMARY:London call\r
DTSTART:20261123T090000Z\r
DTEND:20261123T100000Z\r
RRULE:FREQ=DAILY;COUNT=2\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_windows_tzid() -> None:
    start = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    (event,) = events_between(WINDOWS, start, start + dt.timedelta(days=1))
    assert event.start == dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)


def test_x_wr_timezone() -> None:
    start = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    events = events_between(XWR, start, start + dt.timedelta(days=3))
    assert [e.start.hour for e in events] == [9, 9]


def test_bad_data() -> None:
    with pytest.raises(CalendarDataError):
        events_between(b"not a calendar", *_window())
