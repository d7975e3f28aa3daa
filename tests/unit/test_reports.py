"""vatui.core.periods and vatui.core.reports: periods, real elapsed time, billing rounding, money
per currency, the digest. Every figure is worked out by hand in the comment beside it."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_day
from vatui.core.models import Client, Status, Task, TimeEntry
from vatui.core.money import spread_rounding
from vatui.core.periods import Period, PeriodKind, month_period, range_period, today_period, week_period
from vatui.core.reports import GroupBy, build_digest, build_report, entry_lines, entry_pieces, hours2, round_up

UTC = timezone.utc
M6, M15 = timedelta(minutes=6), timedelta(minutes=15)

ACME = Client(name="Acme", tz="America/New_York", rate=Decimal("40"), currency="USD", id=1)
REGENT = Client(name="Regent", tz="Europe/London", rate=Decimal("32"), currency="GBP", id=2)
BONDI = Client(name="Bondi", tz="Australia/Sydney", rate=Decimal("55"), currency="AUD", id=3)
HUDSON = Client(name="Hudson", tz="America/New_York", rate=Decimal("35.50"), currency="USD", id=4)
SUSHI = Client(name="Sushi", tz="Asia/Tokyo", rate=Decimal("1000"), currency="JPY", id=5)
CLIENTS = {c.id: c for c in (ACME, REGENT, BONDI, HUDSON, SUSHI)}


def at(zone: str, *parts: int) -> datetime:
    """Wall time in a zone, as UTC."""
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def entry(start: datetime, end: datetime, client: Client | None = ACME, *, billable: bool = True,
          task: int | None = None, id: int = 0) -> TimeEntry:
    return TimeEntry(start=start, end=end, client_id=client.id if client else None, billable=billable, task_id=task,
                     id=id or None)


def report(period: Period, entries: list[TimeEntry], by: GroupBy = GroupBy.CLIENT, rounding=None, tasks=None,
           client_id=None):
    return build_report(period, entries, clients=CLIENTS, tasks=tasks or {}, by=by, rounding=rounding,
                        client_id=client_id)


DAY = range_period(date(2026, 11, 23), date(2026, 11, 23), "Europe/Bucharest")


# --- the example from the issue ---------------------------------------------------------------


def test_ninety_minutes_at_40_usd_is_1_50_h_and_60_00_usd():
    r = report(DAY, [entry(at("Europe/Bucharest", 2026, 11, 23, 9), at("Europe/Bucharest", 2026, 11, 23, 10, 30))])
    (row,) = r.rows
    assert hours2(row.tracked) == Decimal("1.50")
    assert row.amounts == (("USD", Decimal("60.00")),)
    assert r.totals == (("USD", Decimal("60.00")),)


# --- billing rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(("minutes", "unit", "billed"), [
    (7, None, 7), (7, M6, 12), (6, M6, 6), (1, M6, 6), (7, M15, 15), (15, M15, 15), (16, M15, 30), (50, M15, 60),
])
def test_round_up(minutes, unit, billed):
    assert round_up(timedelta(minutes=minutes), unit) == timedelta(minutes=billed)


def test_rounding_is_per_entry_and_up():
    start = at("UTC", 2026, 11, 23, 9)
    three = [entry(start + timedelta(hours=n), start + timedelta(hours=n, minutes=1), id=n + 1) for n in range(3)]
    period = range_period(date(2026, 11, 23), date(2026, 11, 23), "UTC")
    # 3 x 1 minute: exact 3 min = 2.00 USD; 6m: 3 x 6 = 18 min = 12.00 USD; 15m: 3 x 15 = 45 min = 30.00 USD.
    assert report(period, three).totals == (("USD", Decimal("2.00")),)
    six = report(period, three, rounding=M6)
    assert six.billed == timedelta(minutes=18) and six.totals == (("USD", Decimal("12.00")),)
    fifteen = report(period, three, rounding=M15)
    assert fifteen.billed == timedelta(minutes=45) and fifteen.totals == (("USD", Decimal("30.00")),)
    assert fifteen.tracked == timedelta(minutes=3)  # rounding never changes tracked time


def test_money_is_exact_until_shown():
    # 5 x 25 min at 55 AUD: each entry is 22.9166..; the total is 125 min = 114.5833.. -> 114.58
    # (rounding every entry first would give 5 x 22.92 = 114.60).
    start = at("UTC", 2026, 11, 23, 8)
    five = [entry(start + timedelta(hours=n), start + timedelta(hours=n, minutes=25), BONDI, id=n + 1) for n in range(5)]
    r = report(range_period(date(2026, 11, 23), date(2026, 11, 23), "UTC"), five)
    assert r.totals == (("AUD", Decimal("114.58")),)
    assert hours2(r.tracked) == Decimal("2.08")


def entry_amounts(pieces):
    return {line.entry.id: line.amount for line in entry_lines(pieces)}


def test_entry_amounts_add_up_to_the_report_total():
    # The QA case: three 20-minute entries at 40 USD/h are 13.333.. each, 40.00 in all. Rounded on
    # their own they would be 3 x 13.33 = 39.99; spread cumulatively they are 13.33, 13.34, 13.33.
    s = at("UTC", 2026, 11, 23, 8)
    three = [entry(s + timedelta(hours=n), s + timedelta(hours=n, minutes=20), id=n + 1) for n in range(3)]
    r = report(DAY, three)
    amounts = entry_amounts(r.pieces)
    assert [amounts[e.id] for e in three] == [Decimal("13.33"), Decimal("13.34"), Decimal("13.33")]
    assert sum(amounts.values()) == dict(r.totals)["USD"] == Decimal("40.00")
    # The billing rounding comes first: 20 min billed as 30 min (15m) = 20.00 each, 60.00 in all.
    rounded = report(DAY, three, rounding=M15)
    assert list(entry_amounts(rounded.pieces).values()) == [Decimal("20.00")] * 3
    assert dict(rounded.totals)["USD"] == Decimal("60.00")


def test_entry_amounts_add_up_per_client_and_the_total_is_the_clients_sum():
    # Acme and Hudson, both USD: 20 min at 40 = 13.333.. and 20 min at 35.50 = 11.833.. Each
    # client's entries add up to its own row (13.33, 11.83); the USD total is the sum of the
    # client rows (25.16), which the exported column adds up to, not the rounded sum of every
    # exact amount (25.1666.. -> 25.17).
    s = at("UTC", 2026, 11, 23, 8)
    two = [entry(s, s + timedelta(minutes=20), ACME, id=1), entry(s, s + timedelta(minutes=20), HUDSON, id=2),
           entry(s + timedelta(hours=1), s + timedelta(hours=1, minutes=25), BONDI, id=3)]
    r = report(DAY, two)
    amounts = entry_amounts(r.pieces)
    assert amounts == {1: Decimal("13.33"), 2: Decimal("11.83"), 3: Decimal("22.92")}
    assert [row.amounts for row in r.rows if row.client in (ACME, HUDSON)] == [
        (("USD", Decimal("13.33")),), (("USD", Decimal("11.83")),)]
    assert r.totals == (("AUD", Decimal("22.92")), ("USD", Decimal("25.16")))


def test_an_entry_across_midnight_is_one_amount_split_over_its_days():
    # 23:40-00:20 (40 min at 40 USD = 26.666..), with a 20-minute entry after it: one amount per
    # entry (the pieces of both days together), still adding up to the total.
    e1 = entry(at("Europe/Bucharest", 2026, 11, 23, 23, 40), at("Europe/Bucharest", 2026, 11, 24, 0, 20), id=1)
    e2 = entry(at("Europe/Bucharest", 2026, 11, 24, 9), at("Europe/Bucharest", 2026, 11, 24, 9, 20), id=2)
    r = report(range_period(date(2026, 11, 23), date(2026, 11, 24), "Europe/Bucharest"), [e1, e2])
    amounts = entry_amounts(r.pieces)
    assert amounts == {1: Decimal("26.67"), 2: Decimal("13.33")} and dict(r.totals)["USD"] == Decimal("40.00")


@given(st.lists(st.decimals(min_value=0, max_value=10_000, places=6), max_size=40),
       st.sampled_from(["USD", "JPY", "KWD"]))
def test_spread_rounding_adds_up_and_stays_within_a_minor_unit(exact, currency):
    from vatui.core.money import minor_digits, round_money

    spread = spread_rounding(exact, currency)
    unit = Decimal(1).scaleb(-minor_digits(currency))
    assert sum(spread, Decimal(0)) == round_money(sum(exact, Decimal(0)), currency)
    assert all(abs(a - e) < unit for a, e in zip(spread, exact))


def test_a_currency_without_cents_rounds_to_whole_units():
    # 20 min at 1000 JPY/h = 333.33.. -> 333 JPY
    r = report(DAY, [entry(at("UTC", 2026, 11, 23, 9), at("UTC", 2026, 11, 23, 9, 20), SUSHI)])
    assert r.totals == (("JPY", Decimal("333")),)


def test_odd_rates_are_exact():
    # 1h45m at 35.50 USD = 62.125 -> 62.13 (half up)
    r = report(DAY, [entry(at("UTC", 2026, 11, 23, 9), at("UTC", 2026, 11, 23, 10, 45), HUDSON)])
    assert r.totals == (("USD", Decimal("62.13")),)


# --- currencies ---------------------------------------------------------------------------------


def test_currencies_are_never_added_together():
    s = at("UTC", 2026, 11, 23, 8)
    entries = [
        entry(s, s + timedelta(hours=1), ACME, id=1),  # 40.00 USD
        entry(s + timedelta(hours=1), s + timedelta(hours=2, minutes=30), REGENT, id=2),  # 1.5 h x 32 = 48.00 GBP
        entry(s + timedelta(hours=3), s + timedelta(hours=3, minutes=30), HUDSON, id=3),  # 0.5 h x 35.50 = 17.75 USD
    ]
    r = report(DAY, entries)
    assert [(row.client.name, row.amounts) for row in r.rows] == [
        ("Acme", (("USD", Decimal("40.00")),)),
        ("Hudson", (("USD", Decimal("17.75")),)),
        ("Regent", (("GBP", Decimal("48.00")),)),
    ]
    assert r.totals == (("GBP", Decimal("48.00")), ("USD", Decimal("57.75")))
    assert hours2(r.tracked) == Decimal("3.00")
    by_day = report(DAY, entries, by=GroupBy.DAY)
    assert by_day.rows[0].amounts == (("GBP", Decimal("48.00")), ("USD", Decimal("57.75")))


def test_non_billable_and_clientless_time_is_tracked_but_not_billed():
    s = at("UTC", 2026, 11, 23, 8)
    r = report(DAY, [entry(s, s + timedelta(hours=1), ACME, billable=False, id=1),
                     entry(s + timedelta(hours=1), s + timedelta(hours=2), None, id=2),
                     entry(s + timedelta(hours=2), s + timedelta(hours=3), ACME, id=3)])
    assert r.tracked == timedelta(hours=3) and r.billable == timedelta(hours=1)
    assert r.totals == (("USD", Decimal("40.00")),)
    assert [row.client.name if row.client else None for row in r.rows] == ["Acme", None]
    assert r.rows[1].amounts == ()


# --- midnight, DST and odd offsets --------------------------------------------------------------


def test_an_entry_across_midnight_is_split_by_real_time():
    z = "Europe/Bucharest"
    e = entry(at(z, 2026, 11, 23, 23, 0), at(z, 2026, 11, 24, 1, 30))
    two_days = range_period(date(2026, 11, 23), date(2026, 11, 24), z)
    days = report(two_days, [e], by=GroupBy.DAY)
    assert [(row.day, row.tracked) for row in days.rows] == [
        (date(2026, 11, 23), timedelta(hours=1)), (date(2026, 11, 24), timedelta(hours=1, minutes=30))]
    assert [row.amounts for row in days.rows] == [(("USD", Decimal("40.00")),), (("USD", Decimal("60.00")),)]
    # Partly inside: a report on the 24th alone counts only the 1.5 h after midnight.
    second = report(range_period(date(2026, 11, 24), date(2026, 11, 24), z), [e])
    assert second.tracked == timedelta(hours=1, minutes=30) and second.totals == (("USD", Decimal("60.00")),)


def test_rounding_extra_goes_to_the_last_day_so_days_add_up():
    z = "Europe/Bucharest"
    e = entry(at(z, 2026, 11, 23, 23, 0), at(z, 2026, 11, 24, 1, 20))  # 2h20 -> billed 2h30 with 15m
    days = report(range_period(date(2026, 11, 23), date(2026, 11, 24), z), [e], by=GroupBy.DAY, rounding=M15)
    assert [row.billed for row in days.rows] == [timedelta(hours=1), timedelta(hours=1, minutes=30)]
    assert days.billed == timedelta(hours=2, minutes=30) and days.totals == (("USD", Decimal("100.00")),)
    first = report(range_period(date(2026, 11, 23), date(2026, 11, 23), z), [e], rounding=M15)
    assert first.billed == timedelta(hours=1)


def test_spring_forward_counts_real_elapsed_time_london():
    # 29 March 2026: London clocks jump 01:00 GMT -> 02:00 BST. 00:30 GMT to 03:30 BST is 2 h, not 3.
    z = "Europe/London"
    e = entry(at(z, 2026, 3, 29, 0, 30), at(z, 2026, 3, 29, 3, 30), REGENT)
    r = report(range_period(date(2026, 3, 29), date(2026, 3, 29), z), [e])
    assert r.tracked == timedelta(hours=2) and r.totals == (("GBP", Decimal("64.00")),)


def test_fall_back_counts_real_elapsed_time_new_york():
    # 1 November 2026: New York 01:30 EDT to 01:30 EST (the repeated hour) is 1 h.
    tz = ZoneInfo("America/New_York")
    start = datetime(2026, 11, 1, 1, 30, tzinfo=tz).astimezone(UTC)
    end = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=tz).astimezone(UTC)
    r = report(range_period(date(2026, 11, 1), date(2026, 11, 1), "America/New_York"), [entry(start, end)])
    assert r.tracked == timedelta(hours=1) and r.totals == (("USD", Decimal("40.00")),)


@pytest.mark.parametrize(("zone", "day", "length"), [
    ("America/New_York", date(2026, 3, 8), 23), ("Europe/London", date(2026, 3, 29), 23),
    ("Australia/Sydney", date(2026, 4, 5), 25), ("Australia/Sydney", date(2026, 10, 4), 23),
    ("Asia/Kolkata", date(2026, 3, 8), 24),
])
def test_a_whole_local_day_on_a_dst_change(zone, day, length):
    p = range_period(day, day, zone)
    assert p.end - p.start == timedelta(hours=length)
    r = report(p, [entry(p.start - timedelta(hours=2), p.end + timedelta(hours=2))])
    assert r.tracked == timedelta(hours=length)  # only the part inside the day counts


def test_kathmandu_days_turn_at_18_15_utc():
    e = entry(datetime(2026, 11, 23, 18, 0, tzinfo=UTC), datetime(2026, 11, 23, 18, 30, tzinfo=UTC))
    days = report(range_period(date(2026, 11, 23), date(2026, 11, 24), "Asia/Kathmandu"), [e], by=GroupBy.DAY)
    assert [row.tracked for row in days.rows] == [timedelta(minutes=15), timedelta(minutes=15)]


# --- periods ------------------------------------------------------------------------------------

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)  # Monday; 00:00 Tuesday in Sydney


@pytest.mark.parametrize(("zone", "week_start", "first"), [
    ("Europe/Bucharest", 0, date(2026, 11, 23)),  # Monday start: today
    ("Europe/Bucharest", 6, date(2026, 11, 22)),  # Sunday start: yesterday
    ("Europe/Bucharest", 1, date(2026, 11, 17)),  # Tuesday start: last Tuesday
    ("Australia/Sydney", 1, date(2026, 11, 24)),  # already Tuesday in Sydney
    ("America/New_York", 6, date(2026, 11, 22)),
])
def test_week_starts_on_the_configured_day_in_my_zone(zone, week_start, first):
    p = week_period(NOW, zone, week_start)
    assert (p.first, p.last, p.kind) == (first, first + timedelta(days=6), PeriodKind.WEEK)
    assert p.first.weekday() == week_start


def test_today_month_and_shifting():
    assert today_period(NOW, "Australia/Sydney").first == date(2026, 11, 24)
    month = month_period(NOW, "Europe/Bucharest")
    assert (month.first, month.last) == (date(2026, 11, 1), date(2026, 11, 30))
    assert (month.shifted(-1).first, month.shifted(-1).last) == (date(2026, 10, 1), date(2026, 10, 31))
    jan = Period(date(2026, 1, 1), date(2026, 1, 31), "UTC", PeriodKind.MONTH)
    assert (jan.shifted(-1).first, jan.shifted(-1).last) == (date(2025, 12, 1), date(2025, 12, 31))
    feb = jan.shifted(1)
    assert feb.last == date(2026, 2, 28)
    week = week_period(NOW, "UTC")
    assert week.shifted(-1).first == date(2026, 11, 16)
    custom = range_period(date(2026, 11, 1), date(2026, 11, 10), "UTC")
    assert custom.shifted(1).first == date(2026, 11, 11)


def test_bad_periods_and_dates_are_refused():
    with pytest.raises(ValidationError, match="before"):
        range_period(date(2026, 11, 10), date(2026, 11, 1), "UTC")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_day("23/11/2026", today=None, field="date", allow_relative=False)


# --- groupings ----------------------------------------------------------------------------------


def test_by_task_and_by_batch():
    now = NOW
    tasks = {
        10: Task(title="Inbox", created=now, client_id=1, batch="email", id=10),
        11: Task(title="Post", created=now, client_id=2, batch="social", id=11),
        12: Task(title="Newsletter", created=now, client_id=1, batch="email", id=12),
    }
    s = at("UTC", 2026, 11, 23, 8)
    entries = [
        entry(s, s + timedelta(minutes=30), ACME, task=10, id=1),  # 20.00 USD
        entry(s + timedelta(hours=1), s + timedelta(hours=1, minutes=45), REGENT, task=11, id=2),  # 24.00 GBP
        entry(s + timedelta(hours=2), s + timedelta(hours=2, minutes=15), ACME, task=12, id=3),  # 10.00 USD
        entry(s + timedelta(hours=3), s + timedelta(hours=3, minutes=6), ACME, id=4),  # 4.00 USD, no task
    ]
    by_task = report(DAY, entries, by=GroupBy.TASK, tasks=tasks)
    assert [(r.client.name, r.task.title if r.task else None, r.tracked, r.amounts) for r in by_task.rows] == [
        ("Acme", "Inbox", timedelta(minutes=30), (("USD", Decimal("20.00")),)),
        ("Acme", "Newsletter", timedelta(minutes=15), (("USD", Decimal("10.00")),)),
        ("Acme", None, timedelta(minutes=6), (("USD", Decimal("4.00")),)),
        ("Regent", "Post", timedelta(minutes=45), (("GBP", Decimal("24.00")),)),
    ]
    by_batch = report(DAY, entries, by=GroupBy.BATCH, tasks=tasks)
    assert [(r.batch, r.tracked, r.amounts) for r in by_batch.rows] == [
        ("email", timedelta(minutes=45), (("USD", Decimal("30.00")),)),
        ("social", timedelta(minutes=45), (("GBP", Decimal("24.00")),)),
        (None, timedelta(minutes=6), (("USD", Decimal("4.00")),)),
    ]
    only_acme = report(DAY, entries, client_id=1, tasks=tasks)
    assert only_acme.totals == (("USD", Decimal("34.00")),) and len(only_acme.rows) == 1


def test_by_day_lists_every_day_of_the_period():
    week = week_period(NOW, "Europe/Bucharest")
    r = report(week, [entry(at("Europe/Bucharest", 2026, 11, 25, 9), at("Europe/Bucharest", 2026, 11, 25, 10))],
               by=GroupBy.DAY)
    assert [row.day for row in r.rows] == week.days
    assert [hours2(row.tracked) for row in r.rows] == [Decimal("0.00")] * 2 + [Decimal("1.00")] + [Decimal("0.00")] * 4


# --- properties ---------------------------------------------------------------------------------

ZONES = st.sampled_from(["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kathmandu", "Asia/Kolkata"])


@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 31)),
    minutes=st.integers(min_value=1, max_value=60 * 72),
    zone=ZONES,
    unit=st.sampled_from([None, M6, M15]),
)
def test_pieces_add_up_to_the_entry(start, minutes, zone, unit):
    s = start.replace(tzinfo=UTC)
    e = entry(s, s + timedelta(minutes=minutes))
    pieces = entry_pieces(e, zone, ACME, None, unit)
    assert sum((p.tracked for p in pieces), timedelta(0)) == e.duration
    assert sum((p.billed for p in pieces), timedelta(0)) == round_up(e.duration, unit)
    assert [p.day for p in pieces] == sorted({p.day for p in pieces})
    # A report over all the entry's days equals the sum of one-day reports.
    whole = report(range_period(pieces[0].day, pieces[-1].day, zone), [e], rounding=unit)
    per_day = [report(range_period(p.day, p.day, zone), [e], rounding=unit) for p in pieces]
    assert whole.billed == sum((r.billed for r in per_day), timedelta(0))
    assert whole.tracked == e.duration


# --- the digest ---------------------------------------------------------------------------------


def test_digest_collects_the_week_for_one_client():
    week = week_period(NOW, "Europe/Bucharest").shifted(-1)  # Mon 16 - Sun 22 Nov
    in_week = at("Europe/Bucharest", 2026, 11, 18, 12)
    tasks = [
        Task(title="Sent flyer", created=in_week - timedelta(days=3), client_id=1, batch="email", status=Status.DONE,
             done_at=in_week, id=1),
        Task(title="Old thing", created=in_week - timedelta(days=20), client_id=1, status=Status.DONE,
             done_at=in_week - timedelta(days=10), id=2),
        Task(title="Other client's", created=in_week, client_id=2, status=Status.DONE, done_at=in_week, id=3),
        Task(title="Approve copy", created=in_week, client_id=1, status=Status.WAITING, id=4),
        Task(title="Later", created=in_week, client_id=1, id=5),
        Task(title="Urgent", created=in_week, client_id=1, urgent=True, important=True, id=6),
    ]
    entries = [entry(in_week, in_week + timedelta(minutes=50), ACME, task=1, id=1),
               entry(in_week + timedelta(hours=1), in_week + timedelta(hours=2), ACME, id=2),
               entry(in_week, in_week + timedelta(hours=1), REGENT, id=3)]
    d = build_digest(ACME, week, now=NOW, tasks=tasks, entries=entries, rounding=M15)
    assert [t.title for t in d.done] == ["Sent flyer"]
    assert [t.title for t in d.waiting] == ["Approve copy"]
    assert [t.title for t in d.next_up] == ["Urgent", "Later"]
    assert [(r.batch, r.tracked) for r in d.by_batch] == [("email", timedelta(minutes=50)), (None, timedelta(hours=1))]
    assert d.tracked == timedelta(minutes=110) and d.billed == timedelta(hours=2)
    assert d.amount == Decimal("80.00")


def test_the_digest_lists_next_tasks_by_date_undated_last():
    from datetime import datetime, timedelta, timezone

    from vatui.core.models import Task
    from vatui.core.reports import by_date

    t0 = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    undated = Task(title="someday", created=t0)
    later = Task(title="due Fri", created=t0, due=t0 + timedelta(days=4))
    sooner = Task(title="reply Tue", created=t0, reply_by=t0 + timedelta(days=1), due=t0 + timedelta(days=9))
    assert [t.title for t in by_date([undated, later, sooner])] == ["reply Tue", "due Fri", "someday"]
