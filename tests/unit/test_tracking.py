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
    log_window,
    manual_entry,
    parse_day,
    suggested_window,
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
    entry = manual_entry(log_window(date(2026, 11, 23), "09:00", BUC, end_text="10:30"), client_id=3, task_id=4,
                         billable=False, note="  call prep ")
    assert entry.source == "manual" and not entry.billable and entry.note == "call prep"
    assert entry.duration == timedelta(minutes=90)


def test_log_window_reads_an_earlier_end_as_the_next_day():
    w = log_window(date(2026, 11, 22), "23:00", BUC, end_text="01:00")
    assert w.next_day and (w.start, w.end) == (datetime(2026, 11, 22, 21, tzinfo=U), datetime(2026, 11, 22, 23, tzinfo=U))
    same = log_window(date(2026, 11, 22), "09:00", BUC, end_text="10:30")
    assert not same.next_day and same.end - same.start == timedelta(minutes=90)
    midnight = log_window(date(2026, 11, 22), "23:00", BUC, end_text="24:00")
    assert not midnight.next_day and midnight.end - midnight.start == timedelta(hours=1)
    # Exactly 12 hours is still an overnight shift; a minute more is two swapped times.
    shift = log_window(date(2026, 11, 22), "20:00", BUC, end_text="08:00")
    assert shift.next_day and shift.end - shift.start == timedelta(hours=12)


def test_log_window_across_a_spring_forward_night_is_real_time():
    # Bucharest jumps 03:00 -> 04:00 on 29 March 2026: 23:00 to 05:00 is 5 hours, not 6.
    w = log_window(date(2026, 3, 28), "23:00", BUC, end_text="05:00")
    assert w.next_day and w.end - w.start == timedelta(hours=5)
    with pytest.raises(ValidationError) as err:  # 03:30 does not exist that night
        log_window(date(2026, 3, 28), "23:00", BUC, end_text="03:30")
    assert err.value.field == "to" and "does not exist" in err.value.message


def test_log_window_refuses_an_overnight_reading_past_12_hours_explaining_both():
    with pytest.raises(ValidationError) as err:
        log_window(date(2026, 11, 23), "10:30", BUC, end_text="09:00")
    message = err.value.message
    assert err.value.field == "to" and "09:00 is earlier than 10:30" in message
    assert "22h30m" in message and "more than 12h" in message and "same day" in message
    with pytest.raises(ValidationError):
        log_window(date(2026, 11, 23), "20:00", BUC, end_text="08:01")
    with pytest.raises(ValidationError) as err:
        log_window(date(2026, 11, 23), "09:00", BUC, end_text="09:00")
    assert "is not after" in err.value.message


def test_log_window_for_a_length():
    w = log_window(date(2026, 11, 22), "23:30", KTM, length=timedelta(hours=2))
    assert w.next_day and w.end - w.start == timedelta(hours=2)
    w = log_window(date(2026, 11, 22), "09:00", KTM, length=timedelta(minutes=45))
    assert not w.next_day and w.start == datetime(2026, 11, 22, 3, 15, tzinfo=U)


def test_an_empty_time_is_required_not_quoted():
    with pytest.raises(ValidationError) as err:
        entry_window(date(2026, 11, 23), "", "10:30", BUC)
    assert err.value.field == "from" and err.value.message == "from: a time of day is required (e.g. 09:00 or 17:30)"
    with pytest.raises(ValidationError) as err:
        entry_window(date(2026, 11, 23), "09:00", "  ", BUC)
    assert err.value.field == "to" and "''" not in err.value.message and "required" in err.value.message


def hm(minutes: tuple[int, int]) -> tuple[str, str]:
    return tuple(f"{m // 60:02d}:{m % 60:02d}" for m in minutes)


def test_a_new_entry_today_suggests_the_hour_up_to_now():
    day, now = date(2026, 11, 23), datetime(2026, 11, 23, 13, 7, tzinfo=U)  # 15:07 in Bucharest
    assert hm(suggested_window(day, now, BUC, [])) == ("14:05", "15:05")
    # The last entry ended within that hour: start where it ended (no overlap).
    earlier = e(datetime(2026, 11, 23, 11, 0, tzinfo=U), datetime(2026, 11, 23, 12, 40, tzinfo=U))
    assert hm(suggested_window(day, now, BUC, [earlier])) == ("14:40", "15:05")
    # Ended long before: the hour up to now.
    long_ago = e(datetime(2026, 11, 23, 6, 0, tzinfo=U), datetime(2026, 11, 23, 7, 0, tzinfo=U))
    assert hm(suggested_window(day, now, BUC, [long_ago])) == ("14:05", "15:05")
    # A Pomodoro logged just now: the hour before, to edit.
    just_now = e(datetime(2026, 11, 23, 12, 40, tzinfo=U), datetime(2026, 11, 23, 13, 7, tzinfo=U))
    assert hm(suggested_window(day, now, BUC, [just_now])) == ("14:05", "15:05")
    # Odd offsets: Kathmandu is +5:45, 18:52 there -> 17:50-18:50.
    assert hm(suggested_window(day, now, KTM, [])) == ("17:50", "18:50")


def test_a_new_entry_on_the_spring_forward_day_suggests_an_hour_of_real_time():
    # New York, Sun 8 Mar 2026: 02:00 jumps to 03:00. At 03:10 the hour up to now began at 01:10;
    # 02:10 never happened, and the form must open on times it will save.
    now = datetime(2026, 3, 8, 7, 10, tzinfo=U)  # 03:10 EDT
    day = date(2026, 3, 8)
    assert hm(suggested_window(day, now, NY, [])) == ("01:10", "03:10")
    start, end = entry_window(day, "01:10", "03:10", NY)
    assert end - start == timedelta(hours=1) and end == now


def test_a_new_entry_just_after_midnight_takes_the_first_hour():
    now = datetime(2026, 11, 22, 22, 3, tzinfo=U)  # 00:03 on the 23rd in Bucharest
    assert hm(suggested_window(date(2026, 11, 23), now, BUC, [])) == ("00:00", "01:00")
    now = datetime(2026, 11, 22, 22, 40, tzinfo=U)  # 00:40
    assert hm(suggested_window(date(2026, 11, 23), now, BUC, [])) == ("00:00", "00:40")


def test_a_new_entry_on_another_day_follows_its_last_entry():
    now = datetime(2026, 11, 23, 13, 0, tzinfo=U)
    assert hm(suggested_window(date(2026, 11, 20), now, BUC, [])) == ("09:00", "10:00")
    friday = e(datetime(2026, 11, 20, 12, 0, tzinfo=U), datetime(2026, 11, 20, 14, 52, tzinfo=U))  # to 16:52
    assert hm(suggested_window(date(2026, 11, 20), now, BUC, [friday])) == ("16:55", "17:55")
    late = e(datetime(2026, 11, 20, 20, 0, tzinfo=U), datetime(2026, 11, 20, 21, 30, tzinfo=U))  # to 23:30
    assert hm(suggested_window(date(2026, 11, 20), now, BUC, [late])) == ("23:30", "24:00")
    # The day the clocks go back in New York: wall-clock times all the same.
    assert hm(suggested_window(date(2026, 11, 1), now, NY, [])) == ("09:00", "10:00")
