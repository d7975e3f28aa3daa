"""Business hours as instants, on ordinary days, DST change days and odd offsets."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vatui.core.business import (
    add_business_time,
    business_time_between,
    current_or_next,
    intersect,
    is_open,
    open_intervals,
)
from vatui.core.hours import WeekHours

UTC = timezone.utc
NINE_TO_FIVE = WeekHours.default()


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_a_sydney_working_day_in_utc():
    # Monday 23 Nov 2026, Sydney is UTC+11 (summer): 09:00-17:00 local = 22:00-06:00 UTC.
    days = list(open_intervals(NINE_TO_FIVE, "Australia/Sydney", utc(2026, 11, 22, 12), utc(2026, 11, 23, 12)))
    assert days == [(utc(2026, 11, 22, 22), utc(2026, 11, 23, 6))]


@pytest.mark.parametrize(
    "zone, day, offset_before, offset_after",
    [
        ("America/New_York", (2026, 3, 8), -5, -4),  # Sunday: spring forward
        ("Europe/London", (2026, 3, 29), 0, 1),
        ("Australia/Sydney", (2026, 4, 5), 11, 10),  # fall back
        ("Australia/Sydney", (2026, 10, 4), 10, 11),  # spring forward
    ],
)
def test_dst_weekend_moves_the_utc_window_by_an_hour(zone, day, offset_before, offset_after):
    hours = WeekHours.parse("daily 09:00-17:00")
    tz = ZoneInfo(zone)
    for shift, offset in [(-2, offset_before), (2, offset_after)]:
        noon = datetime(*day, 12, tzinfo=tz) + timedelta(days=shift)
        a, b = current_or_next(hours, zone, noon.astimezone(UTC))
        assert b - a == timedelta(hours=8)  # a working day stays 8 hours long
        assert a.astimezone(tz).hour == 9
        assert a.astimezone(tz).utcoffset() == timedelta(hours=offset)


def test_a_range_across_the_change_is_as_long_as_it_really_is():
    # Sydney falls back at 03:00 on 5 Apr 2026: 00:00-06:00 that day lasts 7 real hours.
    hours = WeekHours.parse("daily 00:00-06:00")
    (a, b), *_ = open_intervals(hours, "Australia/Sydney", utc(2026, 4, 4, 12), utc(2026, 4, 5, 0))
    assert b - a == timedelta(hours=7)


def test_a_wall_time_inside_the_gap_resolves_forward():
    # New York jumps 02:00 -> 03:00 on 8 Mar 2026: a 02:30 opening happens at 03:00 EDT = 07:00 UTC.
    hours = WeekHours.parse("daily 02:30-05:00")
    (a, b), *_ = open_intervals(hours, "America/New_York", utc(2026, 3, 8, 0), utc(2026, 3, 9, 0))
    assert a == utc(2026, 3, 8, 7) and b == utc(2026, 3, 8, 9)


@pytest.mark.parametrize("zone, opens_utc", [("Asia/Kolkata", utc(2026, 11, 23, 3, 30)),
                                             ("Asia/Kathmandu", utc(2026, 11, 23, 3, 15))])
def test_half_and_quarter_hour_offsets(zone, opens_utc):
    assert current_or_next(NINE_TO_FIVE, zone, utc(2026, 11, 23, 0))[0] == opens_utc


def test_across_the_date_line():
    # Kiritimati is UTC+14, Pago Pago UTC-11: the same instant is a day apart.
    at = utc(2026, 11, 23, 20)  # Tue 10:00 in Kiritimati, Mon 09:00 in Pago Pago
    assert is_open(NINE_TO_FIVE, "Pacific/Kiritimati", at)
    assert is_open(NINE_TO_FIVE, "Pacific/Pago_Pago", at)
    assert not is_open(NINE_TO_FIVE, "Pacific/Kiritimati", utc(2026, 11, 21, 20))  # Sunday there


def test_current_or_next_reports_the_whole_running_interval():
    at = utc(2026, 11, 23, 13)  # 13:00 in London, open since 09:00
    assert current_or_next(NINE_TO_FIVE, "Europe/London", at) == (utc(2026, 11, 23, 9), utc(2026, 11, 23, 17))


def test_closed_all_week():
    assert current_or_next(WeekHours(((),) * 7), "UTC", utc(2026, 11, 23)) is None


def test_overlap_of_sydney_and_london_is_empty_on_a_nine_to_five():
    start, end = utc(2026, 11, 23), utc(2026, 11, 28)
    syd = list(open_intervals(NINE_TO_FIVE, "Australia/Sydney", start, end))
    lon = list(open_intervals(NINE_TO_FIVE, "Europe/London", start, end))
    assert intersect(syd, lon) == []
    early = WeekHours.parse("07:00-19:00")
    lon_long = list(open_intervals(early, "Europe/London", start, end))
    syd_long = list(open_intervals(early, "Australia/Sydney", start, end))
    assert intersect(syd_long, lon_long)[0] == (utc(2026, 11, 23, 7), utc(2026, 11, 23, 8))


def test_reply_by_skips_the_weekend():
    # Friday 16:00 Sydney (05:00 UTC), 24 business hours: 1h Fri, 8h Mon, 8h Tue, 7h Wed -> Wed 16:00.
    friday_4pm = utc(2026, 11, 27, 5)
    due = add_business_time(NINE_TO_FIVE, "Australia/Sydney", friday_4pm, timedelta(hours=24))
    assert due == utc(2026, 12, 2, 5)  # Wednesday 16:00 AEDT
    assert business_time_between(NINE_TO_FIVE, "Australia/Sydney", friday_4pm, due) == timedelta(hours=24)


def test_reply_by_never_for_a_client_who_never_opens():
    assert add_business_time(WeekHours(((),) * 7), "UTC", utc(2026, 1, 1), timedelta(hours=1)) is None


@given(start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)),
       hours=st.integers(min_value=1, max_value=80),
       zone=st.sampled_from(["Australia/Sydney", "America/New_York", "Europe/London", "Asia/Kathmandu"]))
def test_adding_business_time_is_undone_by_measuring_it(start, hours, zone):
    due = add_business_time(NINE_TO_FIVE, zone, start, timedelta(hours=hours))
    assert due is not None and due > start
    assert business_time_between(NINE_TO_FIVE, zone, start, due) == timedelta(hours=hours)
