"""Repeat rules and series at fixed instants: month ends, leap days, holidays, DST on both sides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core import recurrence, series
from vatui.core.errors import ValidationError
from vatui.core.models import Status, Task

UTC = timezone.utc


def local(instants, zone):
    return [i.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %a %H:%M") for i in instants]


def at(zone, *args):
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.mark.parametrize(("word", "rule"), [
    ("every:day", "FREQ=DAILY"),
    ("every:weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("every:mon", "FREQ=WEEKLY;BYDAY=MO"),
    ("every:mon,thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("every:2w", "FREQ=WEEKLY;INTERVAL=2"),
    ("every:month", "FREQ=MONTHLY;BYMONTHDAY=14"),
    ("every:month:15", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("every:month:last", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("every:month:last-business", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
    ("every:quarter", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=14"),
    ("every:year", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=14"),
    ("after:3d", "AFTER=3d"),
])
def test_every_word_to_rule_and_back(word, rule):
    assert recurrence.parse_repeat(word, first_due=date(2026, 1, 14)) == rule
    assert recurrence.describe(rule).split(" ")[0] in (word, "every:month:14")


def test_weekday_takes_the_clients_business_days():
    assert recurrence.parse_repeat("every:weekday", business_days=[6, 0, 1, 2, 3]) == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,SU"


@pytest.mark.parametrize("word", ["every:", "every:fortnight", "every:month:32", "every:mon,xyz", "later:3d", "after:soon"])
def test_bad_words_are_refused(word):
    with pytest.raises(ValidationError) as exc:
        recurrence.parse_repeat(word, first_due=date(2026, 1, 1))
    assert exc.value.field == "repeat"


def test_monthly_on_the_31st_falls_on_each_months_last_day():
    rule = recurrence.parse_repeat("every:month", first_due=date(2026, 1, 31))
    got = local(islice(recurrence.occurrences(rule, at("UTC", 2026, 1, 31, 17), "UTC"), 5), "UTC")
    assert got == ["2026-02-28 Sat 17:00", "2026-03-31 Tue 17:00", "2026-04-30 Thu 17:00",
                   "2026-05-31 Sun 17:00", "2026-06-30 Tue 17:00"]


def test_monthly_from_feb_29_keeps_the_29th_and_yearly_falls_back_to_feb_28():
    monthly = recurrence.parse_repeat("every:month", first_due=date(2028, 2, 29))
    assert local(islice(recurrence.occurrences(monthly, at("UTC", 2028, 2, 29, 9), "UTC"), 2), "UTC") == [
        "2028-03-29 Wed 09:00", "2028-04-29 Sat 09:00"]
    yearly = recurrence.parse_repeat("every:year", first_due=date(2028, 2, 29))
    assert local(islice(recurrence.occurrences(yearly, at("UTC", 2028, 2, 29, 9), "UTC"), 4), "UTC") == [
        "2029-02-28 Wed 09:00", "2030-02-28 Thu 09:00", "2031-02-28 Fri 09:00", "2032-02-29 Sun 09:00"]


def test_last_business_day_steps_back_over_a_holiday():
    # July 2026 ends on Friday the 31st; closed that day, the series falls on Thursday the 30th.
    rule = recurrence.parse_repeat("every:month:last-business")
    closed = {date(2026, 7, 31)}.__contains__
    got = local(islice(recurrence.occurrences(rule, at("UTC", 2026, 6, 30, 17), "UTC", is_closed=closed), 2), "UTC")
    assert got == ["2026-07-30 Thu 17:00", "2026-08-31 Mon 17:00"]
    # Without the holiday: the Friday.
    assert local([recurrence.next_after(rule, at("UTC", 2026, 6, 30, 17), "UTC")], "UTC") == ["2026-07-31 Fri 17:00"]


def test_weekday_rule_skips_closed_days():
    rule = recurrence.parse_repeat("every:weekday")
    closed = {date(2026, 11, 26), date(2026, 11, 27)}.__contains__  # Thanksgiving and the day after
    got = local(islice(recurrence.occurrences(rule, at("America/New_York", 2026, 11, 25, 10),
                                              "America/New_York", is_closed=closed), 2), "America/New_York")
    assert got == ["2026-11-30 Mon 10:00", "2026-12-01 Tue 10:00"]


@pytest.mark.parametrize(("zone", "before"), [
    ("America/New_York", (2026, 3, 2, 10)),  # US spring forward 2026-03-08
    ("America/New_York", (2026, 10, 26, 10)),  # US fall back 2026-11-01
    ("Europe/London", (2026, 3, 23, 10)),  # EU spring forward 2026-03-29
    ("Europe/Berlin", (2026, 10, 19, 10)),  # EU fall back 2026-10-25
])
def test_weekly_client_time_stays_at_10_across_dst(zone, before):
    rule = recurrence.parse_repeat("every:mon")
    got = list(islice(recurrence.occurrences(rule, at(zone, *before), zone), 3))
    assert [g[11:] for g in local(got, zone)] == ["Mon 10:00"] * 3
    # The UTC hour moves by the DST change, the wall time does not.
    assert len({g.hour for g in [at(zone, *before), *got]}) == 2


def test_weekly_in_client_time_seen_from_my_zone_across_their_change():
    # A Monday 10:00 New York task seen from Bucharest: 17:00 while both are on winter time,
    # 16:00 in the weeks between the US and the EU changes (2026-03-09 .. 2026-03-23).
    rule = recurrence.parse_repeat("every:mon")
    got = islice(recurrence.occurrences(rule, at("America/New_York", 2026, 3, 2, 10), "America/New_York"), 4)
    assert local(got, "Europe/Bucharest") == ["2026-03-09 Mon 16:00", "2026-03-16 Mon 16:00",
                                              "2026-03-23 Mon 16:00", "2026-03-30 Mon 17:00"]


def test_advance_after_a_long_gap_makes_one_late_instance_with_the_count():
    rule = recurrence.parse_repeat("every:mon")
    prev = at("UTC", 2026, 11, 2, 10)
    due, missed = recurrence.advance(rule, prev, "UTC", at("UTC", 2026, 11, 25, 12))
    assert local([due], "UTC") == ["2026-11-23 Mon 10:00"] and missed == 2  # the 9th and 16th passed over
    due, missed = recurrence.advance(rule, prev, "UTC", at("UTC", 2026, 11, 3, 12))
    assert local([due], "UTC") == ["2026-11-09 Mon 10:00"] and missed == 0


def test_after_rule_counts_from_done():
    done = at("UTC", 2026, 11, 23, 15)
    assert recurrence.advance("AFTER=3d", at("UTC", 2026, 11, 20, 17), "UTC", done, done_at=done) == (
        done + timedelta(days=3), 0)


def test_days_in_for_blocks():
    rule = recurrence.parse_repeat("every:weekday")
    assert recurrence.days_in(rule, date(2026, 11, 27), date(2026, 12, 1), date(2026, 11, 1)) == [
        date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 1)]
    assert recurrence.days_in(rule, date(2026, 10, 1), date(2026, 11, 3), date(2026, 11, 2)) == [
        date(2026, 11, 2), date(2026, 11, 3)]


# --- series ------------------------------------------------------------------------------------

START = at("UTC", 2026, 11, 2, 10)


def weekly(id=1):
    return Task(title="Report", created=START - timedelta(days=1), due=START, due_zone="UTC",
                repeat="FREQ=WEEKLY;BYDAY=MO", id=id)


def test_next_instance_resets_status_and_checklist_and_notes_misses():
    done = replace(weekly(), status=Status.DONE, done_at=at("UTC", 2026, 11, 25, 9))
    nxt = series.next_instance(done, at("UTC", 2026, 11, 25, 9), "UTC")
    assert nxt.status is Status.TODO and nxt.id is None and nxt.series == 1
    assert local([nxt.due], "UTC") == ["2026-11-23 Mon 10:00"]
    assert "2" in nxt.notes


def test_caught_up_moves_the_open_instance_and_leaves_a_current_one_alone():
    moved = series.caught_up(weekly(), at("UTC", 2026, 11, 24, 0), "UTC")
    assert local([moved.due], "UTC") == ["2026-11-23 Mon 10:00"] and moved.id == 1
    assert series.caught_up(weekly(), at("UTC", 2026, 11, 3, 0), "UTC") is None


def _open(tasks):
    return [t for t in tasks if t.is_open]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["done", "skip", "time", "settle", "dup"]),
                          st.integers(min_value=1, max_value=40 * 24)), max_size=25),
       st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TH", "FREQ=MONTHLY;BYMONTHDAY=-1", "AFTER=2d"]))
def test_a_series_never_holds_two_open_instances(steps, rule):
    """Whatever is done, skipped, or however time passes, the store-like list applying the same
    rules as store/series.py ends each step with at most one open instance once settled."""
    now = START
    tasks = [replace(weekly(), repeat=rule)]
    next_id = 2
    for action, hours in steps:
        if action == "time":
            now += timedelta(hours=hours)
        elif action in ("done", "skip"):
            opened = _open(tasks)
            if opened:
                t = opened[0]
                done = replace(t, status=Status.DONE, done_at=now)
                tasks = [done if x.id == t.id else x for x in tasks]
                if action == "skip":  # done where no successor is made (an older cockpit): settle makes it
                    pass
                elif not any(x.is_open for x in tasks):  # as mark_done: only when no other is open
                    nxt = series.next_instance(done, now, "UTC")
                    if nxt is not None:
                        tasks.append(replace(nxt, id=next_id))
                        next_id += 1
        elif action == "dup":  # a second process added an instance behind our back
            opened = _open(tasks)
            if opened:
                tasks.append(replace(opened[0], id=next_id, series=1))
                next_id += 1
        updates, superseded, new = series.settle(tasks, now, lambda _t: "UTC")
        by_id = {u.id: u for u in updates}
        tasks = [replace(by_id.get(x.id, x), status=Status.DONE, done_at=now) if x.id in superseded
                 else by_id.get(x.id, x) for x in tasks]
        for n in new:
            tasks.append(replace(n, id=next_id))
            next_id += 1
        assert len(_open(tasks)) <= 1
        assert len(_open(tasks)) == 1  # and never none: a done instance always has a successor
        for t in _open(tasks):  # caught up: nothing later has come due
            if not rule.startswith("AFTER"):
                later = recurrence.next_after(rule, t.due, "UTC")
                assert later is None or later > now


def test_the_forms_repeat_field_round_trips_and_stops():
    t = weekly()
    assert series.repeat_field(t) == "every:mon"
    assert series.apply_repeat_field(t, "every:mon", business_days=range(5), zone="UTC", now=START) is t
    thu = series.apply_repeat_field(t, "mon,thu", business_days=range(5), zone="UTC", now=START)
    assert thu.repeat == "FREQ=WEEKLY;BYDAY=MO,TH" and thu.series == 1
    assert series.apply_repeat_field(t, "", business_days=range(5), zone="UTC", now=START).repeat is None
    with pytest.raises(ValidationError):
        series.apply_repeat_field(t, "every:never", business_days=range(5), zone="UTC", now=START)
    plain = Task(title="x", created=START, id=7)
    got = series.apply_repeat_field(plain, "every:fri", business_days=range(5), zone="Europe/Bucharest", now=START)
    assert local([got.due], "Europe/Bucharest") == ["2026-11-06 Fri 17:00"] and got.series == 7
