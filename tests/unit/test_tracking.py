"""Tracked-time periods, totals and entries typed by hand, on DST days and odd offsets."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from vatui.core.errors import ValidationError
from vatui.core.models import TimeEntry
from vatui.core.tracking import (
    day_bounds,
    entries_on,
    entry_window,
    manual_entry,
    parse_day,
    totals,
    tracked,
    week_bounds,
)

BUC = ZoneInfo("Europe/Bucharest")
NY = ZoneInfo("America/New_York")
SYD = ZoneInfo("Australia/Sydney")
KTM = ZoneInfo("Asia/Kathmandu")
U = timezone.utc


def e(start, end, client=1, id=None):
    return TimeEntry(start=start, end=end, client_id=client, id=id)


def test_day_bounds_on_dst_days():
    s, t = day_bounds(date(2026, 3, 8), NY)
    assert t - s == timedelta(hours=23)
    s, t = day_bounds(date(2026, 4, 5), SYD)
    assert t - s == timedelta(hours=25)
    s, t = day_bounds(date(2026, 11, 23), KTM)
    assert s == datetime(2026, 11, 22, 18, 15, tzinfo=U)


def test_week_bounds_follow_week_start():
    monday = week_bounds(date(2026, 11, 25), BUC, 0)
    assert monday[0] == datetime(2026, 11, 22, 22, 0, tzinfo=U)
    sunday = week_bounds(date(2026, 11, 25), BUC, 6)
    assert sunday[0] == datetime(2026, 11, 21, 22, 0, tzinfo=U)
    assert monday[1] - monday[0] == timedelta(days=7)


def test_an_entry_over_midnight_counts_toward_each_day():
    entry = e(datetime(2026, 11, 23, 21, 30, tzinfo=U), datetime(2026, 11, 23, 22, 30, tzinfo=U))  # 23:30-00:30 local
    assert tracked([entry], day_bounds(date(2026, 11, 23), BUC)) == timedelta(minutes=30)
    assert tracked([entry], day_bounds(date(2026, 11, 24), BUC)) == timedelta(minutes=30)


def test_totals_per_client_with_a_running_timer():
    now = datetime(2026, 11, 23, 13, 0, tzinfo=U)
    entries = [
        e(now - timedelta(hours=3), now - timedelta(hours=2), client=1),
        e(now - timedelta(hours=2), now - timedelta(hours=1, minutes=30), client=2),
        e(now - timedelta(days=1), now - timedelta(days=1) + timedelta(hours=2), client=1),  # Sunday: last week
        e(now - timedelta(days=8), now - timedelta(days=8) + timedelta(hours=2), client=1),
    ]
    running = [(now - timedelta(minutes=10), now)]
    t = totals(entries, now, BUC, client_id=1, running=running, running_client=1)
    assert t.today_client == timedelta(hours=1, minutes=10)
    assert t.today_all == timedelta(hours=1, minutes=40)
    assert t.week_client == timedelta(hours=1, minutes=10)  # the week began this Monday
    other = totals(entries, now, BUC, client_id=2, running=running, running_client=1)
    assert other.today_client == timedelta(minutes=30) and other.today_all == timedelta(hours=1, minutes=40)


def test_entries_on_a_day_sorted():
    a = e(datetime(2026, 11, 23, 10, tzinfo=U), datetime(2026, 11, 23, 11, tzinfo=U), id=2)
    b = e(datetime(2026, 11, 23, 8, tzinfo=U), datetime(2026, 11, 23, 9, tzinfo=U), id=1)
    c = e(datetime(2026, 11, 24, 8, tzinfo=U), datetime(2026, 11, 24, 9, tzinfo=U), id=3)
    assert [x.id for x in entries_on([a, b, c], date(2026, 11, 23), BUC)] == [1, 2]


def test_parse_day():
    today = date(2026, 11, 23)
    assert parse_day("today", today) == today
    assert parse_day("yesterday", today) == date(2026, 11, 22)
    assert parse_day("-3", today) == date(2026, 11, 20)
    assert parse_day("2026-03-08", today) == date(2026, 3, 8)
    with pytest.raises(ValidationError) as err:
        parse_day("someday", today)
    assert err.value.field == "date"


def test_entry_window_in_my_zone():
    start, end = entry_window(date(2026, 11, 23), "09:00", "10:30", BUC)
    assert (start, end) == (datetime(2026, 11, 23, 7, 0, tzinfo=U), datetime(2026, 11, 23, 8, 30, tzinfo=U))
    start, end = entry_window(date(2026, 11, 23), "9", "24:00", KTM)
    assert start == datetime(2026, 11, 23, 3, 15, tzinfo=U) and end == datetime(2026, 11, 23, 18, 15, tzinfo=U)


def test_entry_window_refuses_end_before_start_and_dst_gaps():
    with pytest.raises(ValidationError) as err:
        entry_window(date(2026, 11, 23), "10:30", "09:00", BUC)
    assert err.value.field == "to"
    with pytest.raises(ValidationError) as err:
        entry_window(date(2026, 3, 8), "02:30", "04:00", NY)
    assert err.value.field == "from" and "does not exist" in err.value.message
    with pytest.raises(ValidationError):
        entry_window(date(2026, 11, 23), "25:00", "26:00", BUC)


def test_entry_window_across_a_dst_change_is_real_time():
    start, end = entry_window(date(2026, 3, 8), "01:00", "04:00", NY)
    assert end - start == timedelta(hours=2)
    start, end = entry_window(date(2026, 4, 5), "01:00", "04:00", SYD)
    assert end - start == timedelta(hours=4)


def test_manual_entry():
    entry = manual_entry(date(2026, 11, 23), "09:00", "10:30", BUC, client_id=3, task_id=4, billable=False,
                         note="  call prep ")
    assert entry.source == "manual" and not entry.billable and entry.note == "call prep"
    assert entry.duration == timedelta(minutes=90)
