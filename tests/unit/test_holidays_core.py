"""Holidays in business hours, at fixed instants: reply-by promises, the clock, the hour strip and
the overlap finder (2026: Good Friday 04-03 and Easter Monday 04-06 in Sydney, Thanksgiving 11-26
in New York)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from vatui.core.business import add_business_time
from vatui.core.client_holidays import calendar_of, parse_closed_days, parse_day_range, parse_region
from vatui.core.deadlines import DeadlineReader
from vatui.core.errors import ValidationError
from vatui.core.models import Client, Task
from vatui.core.settings import Settings
from vatui.core.when_words import promise_deadline
from vatui.core.zones import Cell, HoursState, client_place, find_overlaps, hour_strip, me_place, read
from vatui.text.clock_text import STATE_SYMBOLS, state_words

SYD, NY = ZoneInfo("Australia/Sydney"), ZoneInfo("America/New_York")
UTC = timezone.utc


def at(y, mo, d, h, mi, tz):
    return datetime(y, mo, d, h, mi, tzinfo=tz).astimezone(UTC)


def sydney(**kw) -> Client:
    return Client(name="Koala", tz="Australia/Sydney", id=1, **kw)


def new_york(**kw) -> Client:
    return Client(name="Acme", tz="America/New_York", id=2, **kw)


# --- the calendar -------------------------------------------------------------------------------
def test_region_is_checked_and_made_canonical():
    assert parse_region("au-nsw") == "AU-NSW"
    assert parse_region(" RO ") == "RO"
    assert parse_region("") == ""
    with pytest.raises(ValidationError, match="no subdivision 'XYZ'.*NSW"):
        parse_region("AU-XYZ")
    with pytest.raises(ValidationError, match="'ZZ' is not a country"):
        parse_region("ZZ")
    with pytest.raises(ValidationError, match="not a region"):
        parse_region("12345")


def test_closed_days_and_ranges_are_parsed_or_refused():
    assert parse_closed_days("2026-12-31, 2026-12-24,2026-12-24") == (date(2026, 12, 24), date(2026, 12, 31))
    with pytest.raises(ValidationError, match="'24 dec' not a date"):
        parse_closed_days("24 dec,2026-12-31")
    assert parse_day_range("2026-12-24..2027-01-02") == (date(2026, 12, 24), date(2027, 1, 2))
    assert parse_day_range("2026-12-24") == (date(2026, 12, 24), date(2026, 12, 24))
    with pytest.raises(ValidationError, match="ends before it starts"):
        parse_day_range("2027-01-02..2026-12-24")


def test_calendar_names_public_own_and_leave_days():
    cal = calendar_of("AU-NSW", [date(2026, 12, 24)], [(date(2026, 7, 1), date(2026, 7, 3))])
    assert cal.is_closed(date(2026, 4, 3)) == "Good Friday"
    assert cal.is_closed(date(2026, 4, 6)) == "Easter Monday"
    assert cal.is_closed(date(2026, 4, 7)) is None
    assert cal.is_closed(date(2026, 12, 24)) == "closed day"
    assert cal.is_closed(date(2026, 7, 2)) == "leave"
    assert [d for d, _n in cal.between(date(2026, 4, 1), date(2026, 4, 10))] == [
        date(2026, 4, 3), date(2026, 4, 4), date(2026, 4, 5), date(2026, 4, 6)]  # NSW keeps Easter Sat/Sun


# --- reply-by promises skip holidays ------------------------------------------------------------
def test_reply_by_over_easter_in_sydney():
    made = at(2026, 4, 2, 10, 0, SYD)  # Maundy Thursday, 10:00 AEDT
    plain = promise_deadline(sydney(), made)
    assert plain.astimezone(SYD) == datetime(2026, 4, 7, 10, 0, tzinfo=SYD)  # Thu 7h, Fri 8h, Mon 8h, Tue 1h
    due = promise_deadline(sydney(holidays="AU-NSW"), made)
    # Thu 7h; Good Friday, the weekend (DST ends Sun 04-05) and Easter Monday skipped; Tue 8h, Wed 8h, Thu 1h.
    assert due.astimezone(SYD) == datetime(2026, 4, 9, 10, 0, tzinfo=SYD)
    assert due == datetime(2026, 4, 9, 0, 0, tzinfo=UTC)  # AEST, +10 after the change


def test_reply_by_over_thanksgiving_in_new_york():
    made = at(2026, 11, 25, 10, 0, NY)  # the Wednesday before
    due = promise_deadline(new_york(holidays="US-NY"), made)
    # Wed 7h; Thanksgiving skipped; Fri 8h; Mon 8h; Tue 1h.
    assert due == at(2026, 12, 1, 10, 0, NY)
    assert promise_deadline(new_york(), made) == at(2026, 11, 30, 10, 0, NY)


def test_own_closed_day_is_skipped_too():
    made = at(2026, 12, 23, 9, 0, NY)
    client = new_york(closed=(date(2026, 12, 24),))
    assert add_business_time(client.hours, client.tz, made, timedelta(hours=9)) == at(2026, 12, 24, 10, 0, NY)
    assert promise_deadline(client, made, timedelta(hours=9)) == at(2026, 12, 25, 10, 0, NY)  # 25th: no region


def test_time_left_on_a_reply_by_does_not_run_over_a_holiday():
    client = sydney(holidays="AU-NSW")
    task = Task("Answer", created=at(2026, 4, 2, 10, 0, SYD), client_id=1, reply_by=at(2026, 4, 9, 10, 0, SYD))
    reader = DeadlineReader({1: client}, at(2026, 4, 6, 12, 0, SYD), "Europe/Bucharest")
    assert reader.reply(task).left == timedelta(hours=17)  # all of Tue and Wed, and Thu's first hour


# --- the clock ----------------------------------------------------------------------------------
def test_clock_reads_holiday_with_its_name():
    now = at(2026, 4, 3, 11, 0, SYD)  # Good Friday, 11:00, normally in hours
    reading = read(client_place(sydney(holidays="AU-NSW")), now, "Europe/Bucharest", timedelta(hours=1))
    assert reading.state is HoursState.WEEKEND  # closed all day, styled as a weekend
    assert reading.holiday == "Good Friday"
    assert f"{STATE_SYMBOLS[reading.state]} {state_words(reading)}" == "○ holiday: Good Friday"
    assert reading.change_at == at(2026, 4, 7, 9, 0, SYD)  # opens again on Tuesday
    plain = read(client_place(sydney()), now, "Europe/Bucharest", timedelta(hours=1))
    assert plain.state is HoursState.IN_HOURS and plain.holiday is None


def test_my_leave_and_holidays_show_on_my_row():
    settings = Settings(me_zone="Europe/Bucharest", me_holidays="RO")
    christmas = at(2026, 12, 25, 11, 0, ZoneInfo("Europe/Bucharest"))
    assert read(me_place(settings), christmas, "Europe/Bucharest", timedelta(hours=1)).holiday == "Christmas Day"
    leave = [(date(2026, 12, 28), date(2027, 1, 2))]
    monday = at(2026, 12, 28, 11, 0, ZoneInfo("Europe/Bucharest"))
    reading = read(me_place(Settings(me_zone="Europe/Bucharest"), leave), monday, "Europe/Bucharest", timedelta(hours=1))
    assert (reading.state, reading.holiday) == (HoursState.WEEKEND, "leave")


# --- hour strip and overlap finder --------------------------------------------------------------
def test_hour_strip_shows_a_holiday_as_a_day_off():
    place = client_place(new_york(holidays="US-NY"))
    strip = hour_strip([place], "America/New_York", at(2026, 11, 26, 9, 0, NY), 8)
    assert {c.kind for c in strip.rows[0]} == {Cell.DAY_OFF}
    plain = hour_strip([client_place(new_york())], "America/New_York", at(2026, 11, 26, 9, 0, NY), 8)
    assert {c.kind for c in plain.rows[0]} == {Cell.OPEN}


def test_overlap_finder_is_closed_on_a_holiday():
    now = at(2026, 11, 26, 0, 0, NY)
    me = me_place(Settings(me_zone="America/Chicago"))
    windows = find_overlaps([me, client_place(new_york(holidays="US-NY"))], now, days=1)
    assert windows == []
    assert find_overlaps([me, client_place(new_york())], now, days=1)  # the same day without the holiday
    later = find_overlaps([me, client_place(new_york(holidays="US-NY"))], now, days=2)
    assert later[0].start == at(2026, 11, 27, 10, 0, NY)  # Friday, when Chicago opens


def test_no_holiday_setting_means_no_calendar():
    assert client_place(new_york()).holidays is None
    assert me_place(Settings()).holidays is None


def test_a_holiday_on_a_weekend_is_named_and_the_next_opening_skips_the_next_holiday():
    # Sun 5 Apr 2026 23:30 in Sydney, Easter Sunday (the DST change day): Monday is Easter Monday,
    # so the next opening is Tuesday 09:00, and the words name the holiday.
    place = client_place(sydney(holidays="AU-NSW"))
    reading = read(place, at(2026, 4, 5, 23, 30, SYD), "Europe/Bucharest", timedelta(hours=1))
    assert reading.state is HoursState.WEEKEND and reading.holiday == "Easter Sunday"
    assert reading.change_at == at(2026, 4, 7, 9, 0, SYD)
    plain = read(client_place(sydney()), at(2026, 4, 5, 23, 30, SYD), "Europe/Bucharest", timedelta(hours=1))
    assert plain.state is HoursState.WEEKEND and plain.holiday is None and state_words(plain) == "weekend"
