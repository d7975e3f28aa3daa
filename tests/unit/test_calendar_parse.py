"""events_between(): recurrence, exceptions, zones, all-day and the events left out."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from helpers.ics_samples import STANDUP_WITH_EXCEPTIONS, offsite, utc, vcalendar, vevent, zoned

from vatui.calendars.parse import CalendarDataError, events_between

KOLKATA = ZoneInfo("Asia/Kolkata")

# Besides the standup and an all-day offsite: three events left out (cancelled, free time, and
# declined by me).
WEEKLY = vcalendar(
    *STANDUP_WITH_EXCEPTIONS,
    offsite(dt.date(2026, 11, 4)),
    vevent("cancelled", "gone", utc("20261103T100000Z"), utc("20261103T110000Z"), extra=("STATUS:CANCELLED",)),
    vevent("free", "free", utc("20261103T100000Z"), utc("20261103T110000Z"), extra=("TRANSP:TRANSPARENT",)),
    vevent("declined", "declined", utc("20261103T100000Z"), utc("20261103T110000Z"),
           extra=("ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.org",)),
)


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


WINDOWS = vcalendar(
    vevent("win", "Outlook call", zoned("Eastern Standard Time", "20261123T090000"),
           zoned("Eastern Standard Time", "20261123T100000")),
    prodid="Microsoft Exchange Server 2010")

XWR = vcalendar(
    vevent("xwr", "London call", utc("20261123T090000Z"), utc("20261123T100000Z"), rrule="FREQ=DAILY;COUNT=2"),
    headers=("X-WR-TIMEZONE:Europe/London",))


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
