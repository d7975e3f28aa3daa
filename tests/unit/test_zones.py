"""The world clock's logic at fixed instants: readings, states, the hour strip and the overlap
finder, on ordinary days, DST change days, half- and three-quarter-hour zones and across the
date line."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core.business import business_time_between
from vatui.core.demo import DEMO_CLIENTS
from vatui.core.hours import WeekHours
from vatui.core.models import Client
from vatui.core.settings import Settings
from vatui.core.zones import (
    Cell,
    HoursState,
    Place,
    SortBy,
    find_overlaps,
    format_offset,
    format_span,
    hour_start,
    hour_strip,
    hours_state,
    me_place,
    order,
    places,
    read,
    readings,
    shift_days,
)

UTC = timezone.utc
HOUR = timedelta(hours=1)
SOON = timedelta(minutes=60)
NINE_TO_FIVE = WeekHours.default()
FROZEN = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # Mon; 15:00 Bucharest, 00:00 Tue Sydney
ME = Settings(me_zone="Europe/Bucharest", me_city="Bucharest")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def at_local(zone, *args):
    return datetime(*args, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def place(zone, hours=NINE_TO_FIVE, name=None):
    return Place(f"client:{zone}", name or zone, zone.rsplit("/", 1)[-1], zone, hours, 1, "blue")


def demo_places():
    clients = [replace(c, id=i + 1) for i, c in enumerate(DEMO_CLIENTS)]
    return places(ME, clients)


# --- formatting ------------------------------------------------------------------------------
@pytest.mark.parametrize("minutes, text", [
    (540, "+9h"), (-270, "-4h30"), (345, "+5h45"), (0, "0h"), (210, "+3h30"), (-25 * 60, "-25h"),
    (765, "+12h45"), (-570, "-9h30"), (30, "+0h30"),
])
def test_format_offset(minutes, text):
    assert format_offset(timedelta(minutes=minutes)) == text


@pytest.mark.parametrize("delta, text", [
    (timedelta(minutes=40), "40m"), (timedelta(hours=2, minutes=10), "2h10"), (timedelta(hours=3), "3h"),
    (timedelta(seconds=59), "1m"), (timedelta(minutes=39, seconds=1), "40m"), (timedelta(0), "0m"),
    (timedelta(days=1, hours=4), "1d4h"), (timedelta(days=2), "2d"), (timedelta(minutes=-5), "0m"),
])
def test_format_span_rounds_up_to_the_minute(delta, text):
    assert format_span(delta) == text


# --- readings on the frozen Monday ----------------------------------------------------------
def test_demo_readings_at_the_frozen_instant():
    rows = {r.place.name: r for r in readings(demo_places(), FROZEN, ME.me_zone, SOON)}
    me = rows["Me"]
    assert (me.local.strftime("%a %H:%M"), me.day_shift, format_offset(me.offset)) == ("Mon 15:00", 0, "0h")
    assert me.state is HoursState.IN_HOURS and me.change_in == timedelta(hours=2)
    sydney = rows["Bondi Bakes"]
    assert (sydney.local.strftime("%a %H:%M"), sydney.day_shift, format_offset(sydney.offset)) == ("Tue 00:00", 1, "+9h")
    assert sydney.state is HoursState.OPENS_SOON and sydney.change_in == timedelta(hours=9)
    london = rows["Regent Law"]
    assert (london.local.strftime("%H:%M"), format_offset(london.offset), london.state) == ("13:00", "-2h", HoursState.IN_HOURS)
    assert london.change_in == timedelta(hours=4, minutes=30)  # 09:30-17:30
    ny = rows["Hudson Realty"]
    assert (ny.local.strftime("%H:%M"), format_offset(ny.offset), ny.state) == ("08:00", "-7h", HoursState.OPENS_SOON)
    assert ny.change_in == HOUR
    mumbai = rows["Masala Media"]  # 10:00-18:30: it closed at 18:30, just now
    assert (mumbai.local.strftime("%H:%M"), format_offset(mumbai.offset)) == ("18:30", "+3h30")
    assert mumbai.state is HoursState.AFTER_HOURS
    assert mumbai.change_at == at_local("Asia/Kolkata", 2026, 11, 24, 10, 0)


def test_me_place_uses_the_settings():
    me = me_place(Settings(me_zone="Asia/Kolkata", me_name="Ana", me_hours=WeekHours.parse("mon-fri 10-18")))
    assert (me.key, me.name, me.city, me.is_me) == ("me", "Ana", "Kolkata", True)
    assert hours_state(me.hours, me.zone, at_local("Asia/Kolkata", 2026, 11, 23, 9, 0), SOON)[0] is HoursState.OPENS_SOON


# --- business-hours states -------------------------------------------------------------------
NY = "America/New_York"


@pytest.mark.parametrize("local, state, change", [
    ((2026, 11, 23, 12, 0), HoursState.IN_HOURS, timedelta(hours=5)),
    ((2026, 11, 23, 16, 20), HoursState.CLOSING_SOON, timedelta(minutes=40)),
    ((2026, 11, 23, 16, 0), HoursState.CLOSING_SOON, timedelta(minutes=60)),  # exactly closing_soon
    ((2026, 11, 23, 15, 59), HoursState.IN_HOURS, timedelta(minutes=61)),
    ((2026, 11, 23, 9, 0), HoursState.IN_HOURS, timedelta(hours=8)),  # the opening instant is open
    ((2026, 11, 23, 17, 0), HoursState.AFTER_HOURS, timedelta(hours=16)),  # the closing instant is closed
    ((2026, 11, 23, 6, 50), HoursState.OPENS_SOON, timedelta(hours=2, minutes=10)),
    ((2026, 11, 23, 0, 5), HoursState.OPENS_SOON, timedelta(hours=8, minutes=55)),
    ((2026, 11, 23, 23, 0), HoursState.AFTER_HOURS, timedelta(hours=10)),
    ((2026, 11, 28, 12, 0), HoursState.WEEKEND, timedelta(days=1, hours=21)),  # Saturday noon
    ((2026, 11, 27, 18, 0), HoursState.AFTER_HOURS, timedelta(days=2, hours=15)),  # Friday evening
])
def test_states_in_new_york(local, state, change):
    at = at_local(NY, *local)
    got, change_at = hours_state(NINE_TO_FIVE, NY, at, SOON)
    assert got is state
    assert change_at - at == change


def test_a_lunch_break_reads_opens_in():
    hours = WeekHours.parse("09:00-12:00 13:00-17:00")
    at = at_local(NY, 2026, 11, 23, 12, 15)
    assert hours_state(hours, NY, at, timedelta(minutes=30)) == (HoursState.OPENS_SOON, at_local(NY, 2026, 11, 23, 13))


def test_saturday_hours_make_saturday_evening_after_hours_and_sunday_a_weekend():
    masala = DEMO_CLIENTS[3]  # mon-fri 10:00-18:30; sat 10:00-14:00
    assert hours_state(masala.hours, masala.tz, at_local("Asia/Kolkata", 2026, 11, 28, 15), SOON)[0] is HoursState.AFTER_HOURS
    assert hours_state(masala.hours, masala.tz, at_local("Asia/Kolkata", 2026, 11, 28, 12), SOON)[0] is HoursState.IN_HOURS
    assert hours_state(masala.hours, masala.tz, at_local("Asia/Kolkata", 2026, 11, 29, 12), SOON)[0] is HoursState.WEEKEND


def test_an_opening_just_after_midnight_reads_opens_in_even_from_a_day_off():
    night = WeekHours.parse("mon 00:00-06:00")
    state, change_at = hours_state(night, NY, at_local(NY, 2026, 11, 22, 23, 30), SOON)  # Sunday 23:30
    assert state is HoursState.OPENS_SOON and change_at == at_local(NY, 2026, 11, 23, 0, 0)


def test_no_business_hours_at_all_is_a_weekend_with_no_opening():
    closed = WeekHours.parse("daily closed")
    assert hours_state(closed, NY, FROZEN, SOON) == (HoursState.WEEKEND, None)


def test_closing_soon_follows_the_setting():
    at = at_local(NY, 2026, 11, 23, 16, 20)
    assert hours_state(NINE_TO_FIVE, NY, at, timedelta(minutes=30))[0] is HoursState.IN_HOURS
    assert hours_state(NINE_TO_FIVE, NY, at, timedelta(minutes=45))[0] is HoursState.CLOSING_SOON


# --- DST change days --------------------------------------------------------------------------
def test_new_york_spring_forward_2026_03_08():
    ny = place(NY)
    before = read(ny, utc(2026, 3, 8, 6), "Europe/Bucharest", SOON)  # 01:00 EST
    after = read(ny, utc(2026, 3, 8, 8), "Europe/Bucharest", SOON)  # 04:00 EDT
    assert (before.local.hour, format_offset(before.offset)) == (1, "-7h")
    assert (after.local.hour, format_offset(after.offset)) == (4, "-6h")
    assert before.state is after.state is HoursState.WEEKEND  # a Sunday
    monday = read(ny, utc(2026, 3, 9, 12, 30), "Europe/Bucharest", SOON)  # 08:30 EDT
    assert monday.state is HoursState.OPENS_SOON and monday.change_in == timedelta(minutes=30)
    assert read(ny, utc(2026, 3, 9, 13), "Europe/Bucharest", SOON).state is HoursState.IN_HOURS


def test_my_own_strip_on_a_spring_forward_night_skips_two_oclock():
    strip = hour_strip([place(NY)], NY, at_local(NY, 2026, 3, 8, 0, 30), 4)
    assert [m.hour for m in strip.mine] == [0, 1, 3, 4]
    assert [s.hour for s in strip.starts] == [5, 6, 7, 8]  # consecutive real hours


def test_london_spring_forward_2026_03_29_against_new_york_and_bucharest():
    london = place("Europe/London")
    # Bucharest changes at the same instant (01:00 UTC), New York three weeks earlier.
    for at in (utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30)):
        assert format_offset(read(london, at, "Europe/Bucharest", SOON).offset) == "-2h"
    assert format_offset(read(london, utc(2026, 3, 28, 12), NY, SOON).offset) == "+4h"
    assert format_offset(read(london, utc(2026, 3, 30, 12), NY, SOON).offset) == "+5h"
    opens = read(london, utc(2026, 3, 30, 7, 20), NY, SOON)  # 08:20 BST
    assert opens.state is HoursState.OPENS_SOON and opens.change_at == utc(2026, 3, 30, 8)


def test_sydney_fall_back_2026_04_05():
    sydney = place("Australia/Sydney")
    sat = read(sydney, utc(2026, 4, 4, 12), "Europe/Bucharest", SOON)
    sun = read(sydney, utc(2026, 4, 5, 12), "Europe/Bucharest", SOON)
    assert format_offset(sat.offset) == "+8h" and format_offset(sun.offset) == "+7h"
    monday = read(sydney, utc(2026, 4, 5, 22, 30), "Europe/Bucharest", SOON)  # Mon 08:30 AEST
    assert monday.local.strftime("%a %H:%M") == "Mon 08:30" and monday.day_shift == 0  # 01:30 Mon in Bucharest
    assert monday.state is HoursState.OPENS_SOON and monday.change_at == utc(2026, 4, 5, 23)
    strip = hour_strip([sydney], "Australia/Sydney", at_local("Australia/Sydney", 2026, 4, 5, 1, 0), 4)
    assert [m.hour for m in strip.mine] == [1, 2, 2, 3]  # the repeated hour shows twice


def test_sydney_spring_forward_2026_10_04():
    sydney = place("Australia/Sydney")
    assert format_offset(read(sydney, utc(2026, 10, 3, 12), "Europe/Bucharest", SOON).offset) == "+7h"
    assert format_offset(read(sydney, utc(2026, 10, 4, 12), "Europe/Bucharest", SOON).offset) == "+8h"
    strip = hour_strip([sydney], "Australia/Sydney", at_local("Australia/Sydney", 2026, 10, 4, 1, 0), 3)
    assert [m.hour for m in strip.mine] == [1, 3, 4]
    # Monday 5 Oct: opens 09:00 AEDT = 22:00 UTC on the 4th; from Bucharest (UTC+3) that is 01:00.
    mon = read(sydney, utc(2026, 10, 4, 22, 0), "Europe/Bucharest", SOON)
    assert mon.state is HoursState.IN_HOURS and mon.local.strftime("%a %H:%M") == "Mon 09:00"


@pytest.mark.parametrize("zone, local, days, expected", [
    (NY, (2026, 3, 7, 14, 0), 1, (2026, 3, 8, 14, 0)),  # a 23-hour day: 23 h later in UTC
    (NY, (2026, 3, 8, 14, 0), -1, (2026, 3, 7, 14, 0)),
    ("Europe/London", (2026, 3, 28, 9, 0), 1, (2026, 3, 29, 9, 0)),
    ("Australia/Sydney", (2026, 4, 4, 9, 0), 1, (2026, 4, 5, 9, 0)),  # a 25-hour day
    ("Australia/Sydney", (2026, 10, 3, 9, 0), 1, (2026, 10, 4, 9, 0)),
])
def test_shift_days_keeps_the_wall_clock(zone, local, days, expected):
    moved = shift_days(at_local(zone, *local), days, zone)
    assert moved == at_local(zone, *expected)
    assert moved.astimezone(ZoneInfo(zone)).hour == local[3]


def test_shift_days_into_a_gap_moves_forward():
    moved = shift_days(at_local(NY, 2026, 3, 7, 2, 30), 1, NY)  # 02:30 on 8 March does not exist
    assert moved == utc(2026, 3, 8, 7) and moved.astimezone(ZoneInfo(NY)).strftime("%H:%M") == "03:00"


def test_hour_start_in_a_half_hour_zone():
    assert hour_start(FROZEN, "Asia/Kolkata") == utc(2026, 11, 23, 12, 30)  # 18:30 -> 18:00 IST
    assert hour_start(utc(2026, 11, 23, 13, 59, 59, 5), "Europe/Bucharest") == utc(2026, 11, 23, 13)


# --- odd offsets -----------------------------------------------------------------------------
def test_kolkata_half_hour_cells_in_my_hours():
    kolkata = place("Asia/Kolkata")
    rows = hour_strip([kolkata], "Europe/Bucharest", at_local("Europe/Bucharest", 2026, 11, 23, 5, 0), 10).rows[0]
    # My 05:00 is 08:30 in Kolkata: the column [08:30, 09:30) is open for its last 30 minutes.
    assert [c.local.strftime("%H:%M") for c in rows[:2]] == ["08:30", "09:30"]
    assert [(c.kind, c.open_minutes, c.mostly_open) for c in rows[:2]] == [(Cell.PART, 30, False), (Cell.OPEN, 60, True)]
    assert format_offset(read(kolkata, FROZEN, "Europe/Bucharest", SOON).offset) == "+3h30"


def test_kathmandu_three_quarter_hour_cells():
    ktm = place("Asia/Kathmandu")
    cells = hour_strip([ktm], "Europe/Bucharest", at_local("Europe/Bucharest", 2026, 11, 23, 5, 0), 13).rows[0]
    assert cells[0].local.strftime("%H:%M") == "08:45"
    opening, closing = cells[0], cells[8]  # [08:45, 09:45) and [16:45, 17:45)
    assert (opening.kind, opening.open_minutes, opening.mostly_open) == (Cell.PART, 45, True)
    assert (closing.kind, closing.open_minutes, closing.mostly_open) == (Cell.PART, 15, False)
    assert all(c.kind is Cell.OPEN for c in cells[1:8])
    assert format_offset(read(ktm, FROZEN, "Europe/Bucharest", SOON).offset) == "+3h45"
    assert read(ktm, at_local("Asia/Kathmandu", 2026, 11, 23, 8, 15), "Europe/Bucharest", SOON).change_in == timedelta(minutes=45)


def test_strip_marks_each_local_midnight_once_and_days_off():
    strip = hour_strip(demo_places(), "Europe/Bucharest", FROZEN - 3 * HOUR, 48)
    for row in strip.rows:
        assert sum(c.new_day for c in row) == 2  # two midnights in 48 hours, one column each
    sydney = strip.rows[1]
    assert sydney[3].local.strftime("%a %H:%M") == "Tue 00:00" and sydney[3].new_day
    kolkata = strip.rows[4]
    midnight = next(c for c in kolkata if c.new_day)
    assert midnight.local.strftime("%H:%M") == "23:30"  # midnight falls inside that column
    assert midnight.starting_day == midnight.local.date() + timedelta(days=1)
    assert sydney[3].starting_day == sydney[3].local.date() and sydney[4].starting_day is None
    weekend = hour_strip([place(NY)], NY, at_local(NY, 2026, 11, 28, 8), 3).rows[0]
    assert {c.kind for c in weekend} == {Cell.DAY_OFF}


def test_strip_columns_are_aligned_across_rows():
    strip = hour_strip(demo_places(), "Europe/Bucharest", FROZEN, 24)
    assert len(strip.starts) == 24 and all(len(r) == 24 for r in strip.rows)
    for row in strip.rows:
        assert [c.start for c in row] == list(strip.starts)
    assert strip.index_of(FROZEN + timedelta(minutes=90)) == 1 and strip.index_of(FROZEN - HOUR) is None


@settings(max_examples=60, deadline=None)
@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    st.sampled_from(["Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu", NY, "Europe/London",
                     "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe"]),
    st.sampled_from(["Europe/Bucharest", "Asia/Kolkata", NY, "Pacific/Chatham"]),
)
def test_strip_minutes_add_up_to_business_time(naive, zone, mine):
    at = naive.replace(tzinfo=UTC)
    hours = WeekHours.parse("mon-fri 09:30-17:15; sat 10-12")
    strip = hour_strip([place(zone, hours)], mine, at, 30)
    total = sum(c.open_minutes for c in strip.rows[0])
    expected = business_time_between(hours, zone, strip.starts[0], strip.starts[-1] + HOUR)
    assert abs(total - expected.total_seconds() / 60) <= 1
    reading = read(place(zone, hours), at, mine, SOON)
    mine_local = at.astimezone(ZoneInfo(mine))
    assert reading.local.replace(tzinfo=None) - mine_local.replace(tzinfo=None) == reading.offset
    assert reading.day_shift == (reading.local.date() - mine_local.date()).days


# --- across the date line -----------------------------------------------------------------------
KIRITIMATI, PAGO = "Pacific/Kiritimati", "Pacific/Pago_Pago"


def test_kiritimati_and_pago_pago_from_bucharest():
    kir, pago = place(KIRITIMATI), place(PAGO)
    k, p = read(kir, FROZEN, "Europe/Bucharest", SOON), read(pago, FROZEN, "Europe/Bucharest", SOON)
    assert (k.local.strftime("%a %H:%M"), k.day_shift, format_offset(k.offset)) == ("Tue 03:00", 1, "+12h")
    assert (p.local.strftime("%a %H:%M"), p.day_shift, format_offset(p.offset)) == ("Mon 02:00", 0, "-13h")
    late = utc(2026, 11, 23, 23)  # Tue 01:00 in Bucharest
    assert read(pago, late, "Europe/Bucharest", SOON).day_shift == -1
    assert read(kir, late, "Europe/Bucharest", SOON).day_shift == 0


def test_two_days_apart_across_the_date_line():
    # From Kiritimati (UTC+14) Pago Pago (UTC-11) is 25 hours behind: at Tue 00:30 it is Sun 23:30.
    pago = read(place(PAGO), utc(2026, 11, 23, 10, 30), KIRITIMATI, SOON)
    assert pago.local.strftime("%a %H:%M") == "Sun 23:30"
    assert (pago.day_shift, format_offset(pago.offset)) == (-2, "-25h")
    assert pago.state is HoursState.WEEKEND


def test_overlap_across_the_date_line():
    windows = find_overlaps([place(KIRITIMATI), place(PAGO)], utc(2026, 11, 23, 0))
    # Kiritimati Tue-Fri 10:00-17:00 meets Pago Pago Mon-Thu 09:00-16:00; the other days do not.
    assert len(windows) == 4
    for w in windows:
        assert w.length == timedelta(hours=7)
        assert w.start.astimezone(ZoneInfo(KIRITIMATI)).strftime("%H:%M") == "10:00"
        assert w.start.astimezone(ZoneInfo(PAGO)).strftime("%H:%M") == "09:00"
    assert [w.start.astimezone(ZoneInfo(KIRITIMATI)).strftime("%a") for w in windows] == ["Tue", "Wed", "Thu", "Fri"]
    assert [w.start.astimezone(ZoneInfo(PAGO)).strftime("%a") for w in windows] == ["Mon", "Tue", "Wed", "Thu"]


# --- overlap finder ---------------------------------------------------------------------------
def test_overlap_of_me_london_and_new_york_this_week():
    me, bondi, regent, hudson, masala = demo_places()
    windows = find_overlaps([me, regent, hudson], FROZEN)
    # Bucharest 09-17 (07-15 UTC), London 09:30-17:30, New York 09-17 (14-22 UTC): 14-15 UTC daily.
    assert [w.start for w in windows] == [utc(2026, 11, d, 14) for d in (23, 24, 25, 26, 27)]
    assert {w.length for w in windows} == {HOUR}
    first = windows[0]
    assert first.start.astimezone(ZoneInfo(NY)).strftime("%H:%M") == "09:00"
    assert first.start.astimezone(ZoneInfo("Europe/Bucharest")).strftime("%H:%M") == "16:00"
    assert not first.ongoing(FROZEN)


def test_a_running_window_starts_now():
    me, _, regent, hudson, _ = demo_places()
    now = utc(2026, 11, 23, 14, 20)
    first = find_overlaps([me, regent, hudson], now)[0]
    assert (first.start, first.end, first.ongoing(now)) == (now, utc(2026, 11, 23, 15), True)
    assert find_overlaps([me, regent, hudson], now, min_length=timedelta(minutes=45))[0].start == utc(2026, 11, 24, 14)


def test_no_overlap_and_the_seven_day_horizon():
    me, bondi, *_ = demo_places()
    assert find_overlaps([me, bondi], FROZEN) == []
    assert find_overlaps([], FROZEN) == []
    me_only = find_overlaps([me], FROZEN)
    assert me_only[-1].end <= FROZEN + timedelta(days=7) and len(me_only) == 6  # Mon (rest) .. Fri, next Mon morning


def test_masala_saturday_meets_nobody_on_weekdays_only():
    me, _, _, _, masala = demo_places()
    sat_me = Place("me", "Me", "Bucharest", "Europe/Bucharest", WeekHours.parse("sat 09:00-12:00"))
    windows = find_overlaps([sat_me, masala], FROZEN)
    # Saturday 28 Nov: Mumbai 10:00-14:00 is 06:30-10:30 in Bucharest; I work 09:00-12:00.
    assert [(w.start, w.end) for w in windows] == [(utc(2026, 11, 28, 7), utc(2026, 11, 28, 8, 30))]


# --- order ------------------------------------------------------------------------------------
def test_order_by_offset_and_by_name_keeps_me_first():
    rows = demo_places()
    by_offset = [p.name for p in order(rows, SortBy.OFFSET, FROZEN, ME.me_zone)]
    assert by_offset == ["Me", "Hudson Realty", "Regent Law", "Masala Media", "Bondi Bakes"]
    by_name = [p.name for p in order(list(reversed(rows)), SortBy.NAME, FROZEN, ME.me_zone)]
    assert by_name == ["Me", "Bondi Bakes", "Hudson Realty", "Masala Media", "Regent Law"]


def test_order_by_offset_changes_with_dst():
    a = Client(name="Arizona", tz="America/Phoenix", id=1)  # no DST: -7 all year
    b = Client(name="Boston", tz="America/New_York", id=2)
    c = Client(name="Denver", tz="America/Denver", id=3)
    rows = places(ME, [b, c, a])
    assert [p.name for p in order(rows, SortBy.OFFSET, utc(2026, 1, 15), ME.me_zone)] == ["Me", "Arizona", "Denver", "Boston"]
    summer = [p.name for p in order(rows, SortBy.OFFSET, utc(2026, 7, 15), ME.me_zone)]
    assert summer == ["Me", "Arizona", "Denver", "Boston"]  # Phoenix and Denver tie in summer: by name


def test_a_block_planned_in_an_overlap_window():
    from datetime import datetime, timedelta, timezone

    from vatui.core.zones import Overlap

    utc = timezone.utc
    window = Overlap(datetime(2026, 11, 23, 14, 0, tzinfo=utc), datetime(2026, 11, 23, 15, 0, tzinfo=utc))
    hour = timedelta(hours=1)
    before = datetime(2026, 11, 23, 9, 0, tzinfo=utc)
    assert window.block_in(before, hour) == (window.start, window.end)  # ahead: at its start
    assert window.block_in(before, timedelta(minutes=20)) == (window.start, window.start + timedelta(minutes=20))
    during = datetime(2026, 11, 23, 14, 21, 30, tzinfo=utc)  # on now: from 14:25, and only to its end
    assert window.block_in(during, hour) == (datetime(2026, 11, 23, 14, 25, tzinfo=utc), window.end)
    assert window.block_in(datetime(2026, 11, 23, 14, 58, tzinfo=utc), hour) is None  # 15:00: nothing left
