"""core/blocks.py, block_edits.py and block_syntax.py at fixed instants: days in my zone (DST days
included), the plan's flags, where the day stands, edits, shift-on-overrun, plan vs actual,
templates and the add/edit parser."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vatui.core import block_edits, block_syntax
from vatui.core import blocks as core
from vatui.core.errors import ValidationError
from vatui.core.models import Client, TimeBlock, TimeEntry

UTC = timezone.utc
M = timedelta(minutes=1)
BUF = timedelta(minutes=10)

ACME = Client(name="Acme", tz="America/New_York", id=1)
ACORN = Client(name="Acorn Ltd", tz="Europe/London", id=2)
BONDI = Client(name="Bondi Bakes", tz="Australia/Sydney", id=3)
CLIENTS = [ACME, ACORN, BONDI]
BY_ID = {c.id: c for c in CLIENTS}


def at(zone: str, y: int, mo: int, d: int, h: int = 0, mi: int = 0, fold: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=ZoneInfo(zone), fold=fold).astimezone(UTC)


def block(start: datetime, minutes: int, id: int | None = None, client: int | None = None, batch: str | None = None,
          note: str = "") -> TimeBlock:
    return TimeBlock(start=start, end=start + timedelta(minutes=minutes), client_id=client, batch=batch, note=note, id=id)


# --- days --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("zone", "day", "hours"), [
    ("America/New_York", date(2026, 3, 8), 23),
    ("America/New_York", date(2026, 11, 1), 25),
    ("Europe/London", date(2026, 3, 29), 23),
    ("Europe/London", date(2026, 10, 25), 25),
    ("Australia/Sydney", date(2026, 4, 5), 25),
    ("Australia/Sydney", date(2026, 10, 4), 23),
    ("Australia/Sydney", date(2026, 11, 23), 24),
    ("Asia/Kolkata", date(2026, 11, 23), 24),
    ("Asia/Kathmandu", date(2026, 11, 23), 24),
])
def test_a_day_is_local_midnight_to_local_midnight(zone, day, hours):
    lo, hi = core.day_bounds(day, zone)
    assert hi - lo == timedelta(hours=hours)
    assert lo.astimezone(ZoneInfo(zone)).replace(tzinfo=None) == datetime(day.year, day.month, day.day)
    plan = core.plan_day([], day, zone, buffer=BUF)
    assert plan.length == timedelta(hours=hours)


def test_odd_offsets_start_the_day_at_their_own_midnight():
    assert core.day_bounds(date(2026, 11, 23), "Asia/Kolkata")[0] == datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
    assert core.day_bounds(date(2026, 11, 23), "Asia/Kathmandu")[0] == datetime(2026, 11, 22, 18, 15, tzinfo=UTC)


def test_a_block_crossing_midnight_is_on_both_days_and_says_so():
    zone = "Europe/Bucharest"
    late = block(at(zone, 2026, 11, 23, 23), 120, id=1)
    plan_mon = core.plan_day([late], date(2026, 11, 23), zone, buffer=BUF)
    plan_tue = core.plan_day([late], date(2026, 11, 24), zone, buffer=BUF)
    assert plan_mon.blocks == [late] and plan_tue.blocks == [late]
    assert plan_mon.items[0].into_next_day and not plan_mon.items[0].from_previous_day
    assert plan_tue.items[0].from_previous_day and not plan_tue.items[0].into_next_day
    assert core.plan_day([late], date(2026, 11, 25), zone, buffer=BUF).blocks == []
    # Within each day only its own part counts as planned.
    assert plan_mon.planned == timedelta(hours=1) and plan_tue.planned == timedelta(hours=1)
    # At 00:30 on Tuesday it is the current block, with 30 minutes left.
    standing = plan_tue.standing(at(zone, 2026, 11, 24, 0, 30))
    assert standing.current == 0 and standing.left == timedelta(minutes=30)


def test_a_block_ending_exactly_at_midnight_is_not_on_the_next_day():
    zone = "Europe/London"
    b = block(at(zone, 2026, 3, 28, 22), 120)
    assert core.blocks_on([b], date(2026, 3, 29), zone) == []
    assert not core.plan_day([b], date(2026, 3, 28), zone, buffer=BUF).items[0].into_next_day


def test_blocks_across_the_spring_forward_night_in_london():
    zone = "Europe/London"
    day = date(2026, 3, 29)
    # 00:30 GMT to 03:30 BST is two real hours: the hour 01:00-02:00 never happens.
    night = block_syntax.parse_block("00:30-03:30 night shift", day=day, zone_name=zone, now=at(zone, 2026, 3, 29, 12),
                                     clients=CLIENTS)
    assert night.length == timedelta(hours=2)
    plan = core.plan_day([night], day, zone, buffer=BUF)
    assert plan.planned == timedelta(hours=2) and plan.length == timedelta(hours=23)


def test_the_repeated_hour_in_sydney_counts_twice():
    zone = "Australia/Sydney"
    b = block_syntax.parse_block("01:00-04:00", day=date(2026, 4, 5), zone_name=zone, now=at(zone, 2026, 4, 5, 9), clients=[])
    assert b.length == timedelta(hours=4)  # 02:00-03:00 happens twice when clocks fall back


def test_a_typed_time_inside_the_gap_is_refused_as_everywhere():
    zone = "America/New_York"
    with pytest.raises(ValidationError, match="02:30 does not exist on 2026-03-08 in America/New_York"):
        block_syntax.parse_block("2:30-3:30", day=date(2026, 3, 8), zone_name=zone, now=at(zone, 2026, 3, 8, 9), clients=[])
    b = block_syntax.parse_block("3:00-3:30", day=date(2026, 3, 8), zone_name=zone, now=at(zone, 2026, 3, 8, 9), clients=[])
    assert b.start == at(zone, 2026, 3, 8, 3) and b.length == timedelta(minutes=30)


def test_sydney_spring_forward_day_plan():
    zone = "Australia/Sydney"
    day = date(2026, 10, 4)
    early = block(at(zone, 2026, 10, 3, 23), 240, id=1)  # 23:00 Sat to 04:00 Sun: 4 real hours, clocks jump
    assert early.end.astimezone(ZoneInfo(zone)).hour == 4
    plan = core.plan_day([early], day, zone, buffer=BUF)
    assert plan.items[0].from_previous_day and plan.planned == timedelta(hours=3)
    assert plan.length == timedelta(hours=23)


# --- flags -------------------------------------------------------------------------------------
def test_overlaps_and_too_close_flags():
    zone = "UTC"
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    a = block(t, 60, id=1)  # 09:00-10:00
    b = block(t + 30 * M, 60, id=2)  # 09:30-10:30 overlaps a
    c = block(t + 100 * M, 20, id=3)  # 10:40-11:00: 10 minutes after b, exactly the buffer: fine
    d = block(t + 125 * M, 20, id=4)  # 11:05-11:25: 5 minutes after c: too close
    e = block(t + 145 * M, 15, id=5)  # 11:25-11:40: touches d: too close
    plan = core.plan_day([e, d, c, b, a], date(2026, 11, 23), zone, buffer=BUF)
    ids = [i.block.id for i in plan.items]
    assert ids == [1, 2, 3, 4, 5]
    flags = {i.block.id: ({ids[n] for n in i.overlaps}, {ids[n] for n in i.too_close}) for i in plan.items}
    assert flags == {1: ({2}, set()), 2: ({1}, set()), 3: (set(), {4}), 4: (set(), {3, 5}), 5: (set(), {4})}
    assert not core.plan_day([d, e], date(2026, 11, 23), zone, buffer=timedelta(0)).items[0].too_close
    assert core.gap_between(a, c) == timedelta(minutes=40) and core.gap_between(a, b) is None


def test_planned_counts_overlapping_time_once():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    plan = core.plan_day([block(t, 60), block(t + 30 * M, 60)], date(2026, 11, 23), "UTC", buffer=BUF)
    assert plan.planned == timedelta(minutes=90)


# --- where the day stands ----------------------------------------------------------------------
def test_current_and_next():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    plan = core.plan_day([block(t, 60, id=1), block(t + 90 * M, 30, id=2)], date(2026, 11, 23), "UTC", buffer=BUF)
    s = plan.standing(t + 48 * M)
    assert (s.current, s.left, s.next, s.starts_in) == (0, timedelta(minutes=12), 1, timedelta(minutes=42))
    s = plan.standing(t + 60 * M)  # the end instant is not inside the block
    assert (s.current, s.next, s.starts_in) == (None, 1, timedelta(minutes=30))
    s = plan.standing(t + 90 * M)
    assert (s.current, s.left, s.next) == (1, timedelta(minutes=30), None)
    assert plan.standing(t + 3 * 60 * M) == core.Standing()


def test_overlapping_current_blocks_pick_the_one_started_last():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    plan = core.plan_day([block(t, 120, id=1), block(t + 30 * M, 30, id=2), block(t + 30 * M, 60, id=3)],
                         date(2026, 11, 23), "UTC", buffer=BUF)
    s = plan.standing(t + 40 * M)
    assert plan.items[s.current].block.id == 2 and s.left == timedelta(minutes=20)


def test_whole_minutes_up():
    assert core.whole_minutes_up(timedelta(seconds=30)) == 1
    assert core.whole_minutes_up(timedelta(minutes=12)) == 12
    assert core.whole_minutes_up(timedelta(minutes=-3)) == 0


# --- plan vs actual ----------------------------------------------------------------------------
def entry(start: datetime, minutes: int, client: int | None, task: int | None = None) -> TimeEntry:
    return TimeEntry(start=start, end=start + timedelta(minutes=minutes), client_id=client, task_id=task)


def test_tracked_time_is_the_blocks_clients_time_inside_the_block_counted_once():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    b = block(t, 60, client=1)
    entries = [
        entry(t - 20 * M, 30, 1),  # 10 minutes inside
        entry(t + 20 * M, 25, 1),  # 25 inside
        entry(t + 30 * M, 10, 1),  # overlaps the one before: adds nothing
        entry(t + 50 * M, 30, 1),  # 10 inside
        entry(t + 5 * M, 30, 2),  # another client: not counted
    ]
    assert core.tracked_during(b, entries) == timedelta(minutes=45)
    assert core.tracked_during(b, []) == timedelta(0)


def test_batch_blocks_count_entries_of_tasks_in_the_batch():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    b = block(t, 60, batch="email")
    entries = [entry(t, 20, 1, task=10), entry(t + 20 * M, 20, 2, task=11), entry(t + 40 * M, 20, 2)]
    assert core.tracked_during(b, entries, {10: "email", 11: "social"}) == timedelta(minutes=20)
    assert core.tracked_during(b, entries) is None
    assert core.tracked_during(block(t, 60), entries, {}) is None


def test_plan_day_fills_in_actual():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    plan = core.plan_day([block(t, 60, client=1), block(t + 60 * M, 60, client=2)], date(2026, 11, 23), "UTC",
                         buffer=BUF, entries=[entry(t + 30 * M, 60, 1), entry(t + 70 * M, 20, 2)])
    assert [i.actual for i in plan.items] == [timedelta(minutes=30), timedelta(minutes=20)]
    assert plan.tracked == timedelta(minutes=50)


# --- move, stretch, shrink ---------------------------------------------------------------------
def test_move_and_resize():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    b = block(t, 60, id=7, client=1, note="x")
    assert block_edits.move(b, block_edits.STEP) == replace(b, start=t + 15 * M, end=t + 75 * M)
    assert block_edits.move(b, -block_edits.STEP).start == t - 15 * M
    assert block_edits.resize(b, block_edits.STEP).length == timedelta(minutes=75)
    assert block_edits.resize(b, -block_edits.STEP).length == timedelta(minutes=45)
    short = block(t, 20)
    assert block_edits.resize(short, -block_edits.STEP).length == block_edits.MIN_LENGTH  # never to zero
    with pytest.raises(ValidationError, match="as short as a block can be"):
        block_edits.resize(block(t, 5), -block_edits.STEP)
    with pytest.raises(ValidationError, match="24 hours"):
        block_edits.resize(block(t, 24 * 60), block_edits.STEP)


@given(st.integers(min_value=1, max_value=600), st.integers(min_value=-40, max_value=40))
def test_shrinking_never_reaches_zero(minutes, steps):
    b = block(datetime(2026, 11, 23, 9, tzinfo=UTC), minutes)
    for _ in range(abs(steps)):
        try:
            b = block_edits.resize(b, block_edits.STEP if steps > 0 else -block_edits.STEP)
        except ValidationError:
            break
        assert b.length >= min(block_edits.MIN_LENGTH, timedelta(minutes=minutes))
    assert b.length > timedelta(0)


# --- overrun and shift -------------------------------------------------------------------------
def test_overrun_is_rounded_to_the_nearest_minute():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    b = block(t, 60)
    assert block_edits.overrun(b, t + 30 * M) == timedelta(0)
    assert block_edits.overrun(b, t + 60 * M) == timedelta(0)
    assert block_edits.overrun(b, t + 60 * M + timedelta(seconds=20)) == timedelta(0)
    assert block_edits.overrun(b, t + 80 * M + timedelta(seconds=5)) == timedelta(minutes=20)
    assert block_edits.overrun(b, t + 80 * M + timedelta(seconds=30)) == timedelta(minutes=21)


def test_overrun_anchor_is_the_block_that_ended_last_when_none_runs():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    a, b, c = block(t, 60, id=1), block(t + 70 * M, 20, id=2), block(t + 120 * M, 30, id=3)
    assert block_edits.overrun_anchor([a, b, c], t + 100 * M) == b  # b ended at 10:30; c has not started
    assert block_edits.overrun_anchor([a, b, c], t - 30 * M) is None  # nothing ran yet


def test_overrun_anchor_is_the_running_block_when_one_runs():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    a, b, c = block(t, 60, id=1), block(t + 70 * M, 20, id=2), block(t + 120 * M, 30, id=3)
    assert block_edits.overrun_anchor([a, b, c], t + 30 * M) == a
    assert block_edits.overrun_anchor([a, b, c], t + 125 * M) == c  # a and b ended, c runs


def test_shift_while_a_block_runs_lengthens_it_and_moves_only_what_follows():
    # The reported case: 09:30-11:00 and 12:00-12:40, the second running at 12:25, shift 10m.
    zone = "Europe/Bucharest"
    first = block(at(zone, 2026, 11, 23, 9, 30), 90, id=1)
    running = block(at(zone, 2026, 11, 23, 12), 40, id=2)
    after = block(at(zone, 2026, 11, 23, 14), 30, id=3)
    now = at(zone, 2026, 11, 23, 12, 25)
    anchor = block_edits.overrun_anchor([first, running, after], now)
    assert anchor == running
    changed = {b.id: b for b in block_edits.shift_later([first, running, after], anchor, 10 * M,
                                                         until=block_edits.day_end_after(anchor, zone))}
    assert set(changed) == {2, 3}  # 09:30-11:00 is left alone
    assert (changed[2].start, changed[2].end) == (running.start, running.end + 10 * M)  # its start never moves
    assert (changed[3].start, changed[3].end) == (after.start + 10 * M, after.end + 10 * M)


def test_shift_after_the_last_ended_block_when_none_runs():
    zone = "Europe/Bucharest"
    first = block(at(zone, 2026, 11, 23, 9, 30), 90, id=1)
    second = block(at(zone, 2026, 11, 23, 12), 40, id=2)
    later = block(at(zone, 2026, 11, 23, 14), 30, id=3)
    now = at(zone, 2026, 11, 23, 12, 55)  # between blocks: 12:00-12:40 ended last, 15 minutes ago
    anchor = block_edits.overrun_anchor([first, second, later], now)
    assert anchor == second and block_edits.overrun(anchor, now) == 15 * M
    changed = {b.id: b for b in block_edits.shift_later([first, second, later], anchor, 15 * M,
                                                         until=block_edits.day_end_after(anchor, zone))}
    assert set(changed) == {2, 3}
    assert changed[2].start == second.start and changed[2].end == second.end + 15 * M
    assert changed[3].start == later.start + 15 * M


def test_shift_by_the_overrun_keeps_order_and_buffers():
    zone = "Europe/Bucharest"
    day = date(2026, 11, 23)
    t = at(zone, 2026, 11, 23, 9)
    early = block(t - 120 * M, 30, id=9)  # 07:00, before the anchor: stays
    anchor = block(t, 60, id=1)  # 09:00-10:00, running long
    beside = block(t, 30, id=5)  # starts with the anchor: runs beside it, stays
    nxt = block(t + 70 * M, 50, id=2)  # 10:10-11:00, 10m buffer after the anchor
    later = block(t + 70 * M + 60 * M, 30, id=3)  # 11:10-11:40
    tomorrow = block(at(zone, 2026, 11, 24, 9), 30, id=4)
    now = t + 80 * M  # 10:20, the anchor overran by 20 minutes
    delta = block_edits.overrun(anchor, now)
    changed = block_edits.shift_later([early, anchor, beside, nxt, later, tomorrow], anchor, delta,
                                      until=core.day_bounds(day, zone)[1])
    assert [b.id for b in changed] == [1, 2, 3]
    new = {b.id: b for b in changed}
    assert new[1].start == anchor.start and new[1].end == anchor.end + 20 * M
    assert new[2].start == nxt.start + 20 * M and new[2].length == nxt.length
    assert new[3].start - new[2].end == later.start - nxt.end  # the buffer between them is kept
    assert new[2].start - new[1].end == BUF  # and the one after the anchor too
    assert block_edits.shift_later([anchor, nxt], anchor, timedelta(0), until=tomorrow.start) == []


def test_shift_earlier_is_refused_when_it_would_break_the_order():
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    anchor, nxt = block(t, 60, id=1), block(t + 70 * M, 30, id=2)
    until = datetime(2026, 11, 24, tzinfo=UTC)
    pulled = block_edits.shift_later([anchor, nxt], anchor, -15 * M, until=until)
    assert pulled[0].length == 45 * M and pulled[1].start == t + 55 * M
    with pytest.raises(ValidationError, match="shorter than"):
        block_edits.shift_later([anchor, nxt], anchor, -58 * M, until=until)
    inside = block(t + 10 * M, 10, id=3)
    with pytest.raises(ValidationError, match="before the one it follows"):
        block_edits.shift_later([anchor, inside], anchor, -15 * M, until=until)


def test_shift_can_push_blocks_past_midnight():
    zone = "Europe/London"
    t = at(zone, 2026, 3, 28, 22)
    anchor, last = block(t, 60, id=1), block(t + 70 * M, 30, id=2)  # 22:00-23:00, 23:10-23:40
    changed = block_edits.shift_later([anchor, last], anchor, timedelta(minutes=40),
                                      until=core.day_bounds(date(2026, 3, 28), zone)[1])
    moved = changed[1]
    assert moved.start.astimezone(ZoneInfo(zone)).strftime("%H:%M") == "23:50"
    plan = core.plan_day(changed, date(2026, 3, 29), zone, buffer=BUF)  # the 23-hour day
    assert [i.block.id for i in plan.items] == [2] and plan.items[0].from_previous_day


@given(
    gaps=st.lists(st.integers(min_value=-30, max_value=90), min_size=1, max_size=8),
    lengths=st.lists(st.integers(min_value=5, max_value=120), min_size=9, max_size=9),
    delta=st.integers(min_value=1, max_value=300),
)
def test_shift_property_everything_after_moves_by_delta(gaps, lengths, delta):
    zone = "Australia/Sydney"
    t = at(zone, 2026, 4, 5, 1)  # the 25-hour day: real time, not wall time, is what moves
    anchor = block(t, lengths[0], id=100)
    blocks = [anchor]
    cursor = anchor.end
    for n, gap in enumerate(gaps):
        start = max(cursor + timedelta(minutes=gap), anchor.start + M)
        blocks.append(block(start, lengths[n + 1], id=n + 1))
        cursor = blocks[-1].end
    until = core.day_bounds(date(2026, 4, 5), zone)[1]
    changed = {b.id: b for b in block_edits.shift_later(blocks, anchor, timedelta(minutes=delta), until=until)}
    assert changed[100].end - anchor.end == timedelta(minutes=delta)
    for b in blocks[1:]:
        new = changed.get(b.id, b)
        if b.start < until:
            assert new.start - b.start == timedelta(minutes=delta) and new.length == b.length
        else:
            assert new == b
    before = sorted(blocks[1:], key=core.sort_key)
    after = sorted((changed.get(b.id, b) for b in blocks[1:]), key=core.sort_key)
    assert [b.id for b in before if b.start < until] == [b.id for b in after if b.id in changed]


# --- templates and copying ---------------------------------------------------------------------
def test_a_day_template_keeps_wall_clock_times_across_dst():
    zone = "America/New_York"
    sat = date(2026, 3, 7)
    plan = [block(at(zone, 2026, 3, 7, 9, 30), 90, id=1, client=1, note="weekly report"),
            block(at(zone, 2026, 3, 7, 14), 45, id=2, batch="email"),
            block(at(zone, 2026, 3, 6, 23), 120, id=3)]  # from Friday: not part of Saturday's plan
    template = block_edits.day_template("Weekend", plan, sat, zone)
    assert template.kind == "day" and template.name == "Weekend"
    assert [(i.start_minute, i.minutes, i.client_id, i.batch, i.note) for i in template.items] == [
        (570, 90, 1, None, "weekly report"), (840, 45, None, "email", "")]
    new, skipped = block_edits.blocks_from_items(template.items, date(2026, 3, 8), zone)  # Sunday: 23 hours
    assert skipped == 0
    assert [b.start.astimezone(ZoneInfo(zone)).strftime("%H:%M") for b in new] == ["09:30", "14:00"]
    assert new[0].start - plan[0].start == timedelta(hours=23)  # same wall time, one real hour less
    assert new[0].length == timedelta(minutes=90) and new[0].client_id == 1 and new[0].note == "weekly report"


def test_applying_twice_does_not_double_and_missing_clients_are_skipped():
    zone = "UTC"
    t = datetime(2026, 11, 23, 9, tzinfo=UTC)
    items = block_edits.template_items([block(t, 60, client=1), block(t + 60 * M, 60, client=99)], date(2026, 11, 23), zone)
    first, skipped = block_edits.blocks_from_items(items, date(2026, 11, 24), zone, known_clients={1})
    assert len(first) == 1 and skipped == 1
    again, skipped = block_edits.blocks_from_items(items, date(2026, 11, 24), zone, existing=first, known_clients={1})
    assert again == [] and skipped == 2


def test_nothing_to_save_is_an_error():
    with pytest.raises(ValidationError, match="nothing to save"):
        block_edits.day_template("Empty", [], date(2026, 11, 23), "UTC")


def test_copy_yesterday_includes_a_block_that_crosses_midnight():
    zone = "Europe/Bucharest"
    mon = [block(at(zone, 2026, 11, 23, 9), 60, id=1, client=1), block(at(zone, 2026, 11, 23, 23), 120, id=2, batch="admin")]
    new, skipped = block_edits.copy_day(mon, date(2026, 11, 23), date(2026, 11, 24), zone, known_clients={1})
    assert skipped == 0
    assert [b.start for b in new] == [b.start + timedelta(days=1) for b in mon]
    assert new[1].end.astimezone(ZoneInfo(zone)).date() == date(2026, 11, 25)


# --- the parser --------------------------------------------------------------------------------
ZONE = "Europe/Bucharest"
DAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 13, 0, 40, tzinfo=UTC)  # 15:00:40 in Bucharest


def parse(text: str, day: date = DAY) -> TimeBlock:
    return block_syntax.parse_block(text, day=day, zone_name=ZONE, now=NOW, clients=CLIENTS)


def local(b: TimeBlock) -> tuple[str, str]:
    tz = ZoneInfo(ZONE)
    return b.start.astimezone(tz).strftime("%H:%M"), b.end.astimezone(tz).strftime("%d %H:%M")


@pytest.mark.parametrize(("text", "times", "client", "batch", "note"), [
    ("9:30-11 @acme", ("09:30", "23 11:00"), 1, None, ""),
    ("9:30-11 @acme weekly report", ("09:30", "23 11:00"), 1, None, "weekly report"),
    ("14:00 90m #email", ("14:00", "23 15:30"), None, "email", ""),
    ("now 45m", ("15:00", "23 15:45"), None, None, ""),
    ("now-16:30 @bondi call", ("15:00", "23 16:30"), 3, None, "call"),
    ("  9:30 - 11:00   @Acme   #Calls  prep  ", ("09:30", "23 11:00"), 1, "calls", "prep"),
    ("9:30–11 @acme", ("09:30", "23 11:00"), 1, None, ""),
    ("2-4pm #email", ("14:00", "23 16:00"), None, "email", ""),
    ("11-1pm lunch meeting", ("11:00", "23 13:00"), None, None, "lunch meeting"),
    ("9am-5pm", ("09:00", "23 17:00"), None, None, ""),
    ("1400 1h30 @bondibakes", ("14:00", "23 15:30"), 3, None, ""),
    ("22:00-24:00 review", ("22:00", "24 00:00"), None, None, "review"),
    ("23:00 2h @acme night launch", ("23:00", "24 01:00"), 1, None, "night launch"),
    ("10:00 30m chase invoice #1042", ("10:00", "23 10:30"), None, None, "chase invoice #1042"),
    ("10:00 30m @acorn-ltd", ("10:00", "23 10:30"), 2, None, ""),
    ("9a-5p", ("09:00", "23 17:00"), None, None, ""),
])
def test_parse_what_people_type(text, times, client, batch, note):
    b = parse(text)
    assert (local(b), b.client_id, b.batch, b.note) == (times, client, batch, note)


@pytest.mark.parametrize(("text", "field", "token"), [
    ("9:30-9 @acme", "end", "'9'"),
    ("9:30-9:30 @acme", "end", "9:30-9:30"),
    ("9:30 0m", "length", "'0m'"),
    ("9:30-11 @zzz", "client", "'@zzz'"),
    ("9:30-11 @ac", "client", "'@ac'"),
    ("9:30-11 @acme @bondi", "client", "'@bondi'"),
    ("9:30-11 @", "client", "after @"),
    ("lunch 12-13", "start", "'lunch'"),
    ("25:00 1h", "start", "'25:00'"),
    ("9:75 1h", "start", "'9:75'"),
    ("13pm-2pm", "start", "'13pm'"),
    ("9:30 @acme", "length", "'9:30'"),
    ("9:30-11 45m", "length", "'45m'"),
    ("9:30 30h", "length", "longer than a day"),
    ("24:00 1h", "start", "'24:00'"),
    ("9-now", "end", "'now'"),
    ("", "start", "9:30-11 @acme"),
    ("9:30-11 #email #calls", "batch", "'#calls'"),
    ("9:30-11 " + "x" * 201, "note", "200"),
])
def test_bad_input_names_the_bad_token(text, field, token):
    with pytest.raises(ValidationError) as err:
        parse(text)
    assert err.value.field == field
    assert token in err.value.message


def test_client_lookup_semantics():
    assert block_syntax.find_client(CLIENTS, "@ACME").id == 1
    assert block_syntax.find_client(CLIENTS, "acorn").id == 2
    assert block_syntax.find_client(CLIENTS, "@bondibakes").id == 3
    assert block_syntax.find_client(CLIENTS, "Bondi Bakes").id == 3
    # An exact name wins over being a prefix of another.
    both = [Client(name="Regent", tz="UTC", id=1), Client(name="Regent Law", tz="UTC", id=2)]
    assert block_syntax.find_client(both, "@regent").id == 1
    assert block_syntax.find_client(both, "@regentl").id == 2
    with pytest.raises(ValidationError, match="fits several clients"):
        block_syntax.find_client(CLIENTS, "@a")
    with pytest.raises(ValidationError, match="none yet"):
        block_syntax.find_client([], "@a")


def test_a_lookup_callable_is_accepted():
    calls = []

    def lookup():
        calls.append(1)
        return CLIENTS

    assert block_syntax.parse_block("9-10 @acme", day=DAY, zone_name=ZONE, now=NOW, clients=lookup).client_id == 1
    assert block_syntax.parse_block("9-10", day=DAY, zone_name=ZONE, now=NOW, clients=lookup).client_id is None
    assert len(calls) == 1  # only asked when a client is named


@pytest.mark.parametrize("b", [
    block(at(ZONE, 2026, 11, 23, 9, 30), 90, client=1, note="weekly report"),
    block(at(ZONE, 2026, 11, 23, 14), 45, batch="email"),
    block(at(ZONE, 2026, 11, 23, 23), 120, client=3, batch="calls", note="night launch"),
    block(at(ZONE, 2026, 11, 23, 22), 120),
    block(at("Europe/London", 2026, 10, 25, 0, 30), 180, client=2),  # across the repeated hour
])
def test_block_text_reads_back_to_the_same_block(b):
    zone = "Europe/London" if b.client_id == 2 else ZONE
    text = block_syntax.block_text(b, zone, BY_ID)
    day = b.start.astimezone(ZoneInfo(zone)).date()
    again = block_syntax.parse_block(text, day=day, zone_name=zone, now=NOW, clients=CLIENTS)
    assert (again.start, again.end, again.client_id, again.batch, again.note) == (b.start, b.end, b.client_id, b.batch, b.note)


def test_block_text_forms():
    assert block_syntax.block_text(block(at(ZONE, 2026, 11, 23, 9, 30), 90, client=3, note="x"), ZONE, BY_ID) == \
        "09:30-11:00 @bondibakes x"
    assert block_syntax.block_text(block(at(ZONE, 2026, 11, 23, 23), 120), ZONE, BY_ID) == "23:00 2h"
    assert block_syntax.block_text(block(at(ZONE, 2026, 11, 23, 22), 120), ZONE, BY_ID) == "22:00-24:00"


def test_client_local_time():
    b = block(at(ZONE, 2026, 11, 23, 15), 60)
    start, end = core.local_span(b, "Australia/Sydney")
    assert (start.strftime("%a %H:%M"), end.strftime("%H:%M")) == ("Tue 00:00", "01:00")


def test_a_shift_reaches_to_the_end_of_the_day_the_anchor_ends_on():
    zone = "Europe/Bucharest"
    crossing = block(at(zone, 2026, 11, 23, 23), 120)  # ends 01:00 Tuesday
    assert block_edits.day_end_after(crossing, zone) == core.day_bounds(date(2026, 11, 24), zone)[1]
    to_midnight = block(at(zone, 2026, 11, 23, 22), 120)  # ends 24:00 Monday
    assert block_edits.day_end_after(to_midnight, zone) == core.day_bounds(date(2026, 11, 23), zone)[1]


def test_a_client_block_outside_the_clients_business_hours_is_flagged():
    from vatui.core.hours import WeekHours

    kolkata = Client(name="Masala", tz="Asia/Kolkata", hours=WeekHours.parse("mon-fri 10:00-18:30"), id=1)
    zone = "Europe/Bucharest"
    inside = TimeBlock(start=at(zone, 2026, 11, 23, 7, 0), end=at(zone, 2026, 11, 23, 8, 0), client_id=1, id=1)  # 10:30-11:30
    opening = TimeBlock(start=at(zone, 2026, 11, 23, 6, 0), end=at(zone, 2026, 11, 23, 7, 0), client_id=1, id=2)  # 09:30-10:30
    closing = TimeBlock(start=at(zone, 2026, 11, 23, 14, 30), end=at(zone, 2026, 11, 23, 15, 30), client_id=1, id=3)  # to 19:00
    saturday = TimeBlock(start=at(zone, 2026, 11, 28, 9, 0), end=at(zone, 2026, 11, 28, 10, 0), client_id=1, id=4)
    batch = TimeBlock(start=at(zone, 2026, 11, 23, 5, 0), end=at(zone, 2026, 11, 23, 6, 0), batch="email", id=5)
    assert not core.outside_hours(inside, kolkata)
    assert core.outside_hours(opening, kolkata) and core.outside_hours(closing, kolkata) and core.outside_hours(saturday, kolkata)
    plan = core.plan_day([inside, opening, closing, batch], date(2026, 11, 23), zone, buffer=BUF, clients={1: kolkata})
    assert {i.block.id: i.outside_hours for i in plan.items} == {5: False, 2: True, 1: False, 3: True}
    assert not any(i.outside_hours for i in core.plan_day([opening], date(2026, 11, 23), zone, buffer=BUF).items)
