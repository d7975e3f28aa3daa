"""Invoices as data (core/invoicing.py) and in the store (store/invoices.py), at fixed instants."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from vatui.core.client_billing import ClientBilling, Retainer, parse_percent, parse_retainer_hours
from vatui.core.errors import ValidationError
from vatui.core.invoicing import (
    Invoice,
    add_payment,
    format_number,
    item_lines,
    make_draft,
    parse_item,
    parse_terms,
    retainer_lines,
    retainer_month,
    retainer_usage,
    thresholds_crossed,
    time_lines,
    totals,
    unbilled_by_client,
)
from vatui.core.models import Client, Task, TimeEntry
from vatui.core.periods import range_period
from vatui.core.reports import GroupBy, build_report
from vatui.store.invoices import billed_entries, create_invoice, record_payment, void_invoice

UTC = timezone.utc
ZONE = "Europe/Bucharest"


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def entry(eid, start, minutes, task=None, client=1, billable=True):
    return TimeEntry(start, start + timedelta(minutes=minutes), client, task, billable, id=eid)


ACME = Client(name="Acme", tz="America/New_York", rate=Decimal(40), currency="EUR", id=1)
TASKS = {1: Task(title="Inbox", created=at(1, 8), client_id=1, id=1),
         2: Task(title="Calendar", created=at(1, 8), client_id=1, id=2)}


@pytest.mark.parametrize("rounding", [None, timedelta(minutes=6), timedelta(minutes=15)])
def test_lines_by_task_are_the_report_rows_on_the_same_entries(rounding):
    entries = [entry(1, at(2, 9), 20, 1), entry(2, at(2, 10), 20, 1), entry(3, at(3, 9), 20, 1),
               entry(4, at(3, 12), 7, 2), entry(5, at(4, 21, 50), 23, 2)]  # the last crosses my midnight
    lines = time_lines(entries, ACME, TASKS, ZONE, rounding, "task")
    report = build_report(range_period(date(2026, 11, 1), date(2026, 11, 30), ZONE), entries, clients={1: ACME},
                          tasks=TASKS, by=GroupBy.TASK, rounding=rounding)
    assert {ln.text: ln.amount for ln in lines} == {r.task.title: r.amount("EUR") for r in report.rows}
    if rounding is None:  # 3 x 20 min at 40/h is 40.00, rounded once per line, not 3 x 13.33
        assert {ln.text: ln.amount for ln in lines}["Inbox"] == Decimal("40.00")


def test_lines_by_day_split_an_entry_at_my_midnight_across_the_london_dst_change():
    london = "Europe/London"
    e = entry(1, datetime(2026, 3, 28, 23, 0, tzinfo=UTC), 180)  # 23:00 GMT -> 03:00 BST: 3 real hours
    lines = time_lines([e], ACME, {}, london, None, "day")
    assert [(ln.text, ln.quantity, ln.amount) for ln in lines] == [
        ("2026-03-28", Decimal("1.00"), Decimal("40.00")), ("2026-03-29", Decimal("2.00"), Decimal("80.00"))]


def test_lines_by_entry_and_a_bad_grouping():
    lines = time_lines([entry(7, at(2, 9), 90, 1)], ACME, TASKS, "Asia/Kathmandu", None, "entry")
    assert [(ln.text, ln.quantity, ln.amount) for ln in lines] == [("2026-11-02 Inbox", Decimal("1.50"),
                                                                   Decimal("60.00"))]
    with pytest.raises(ValidationError):
        time_lines([], ACME, TASKS, ZONE, None, "week")


def test_tax_is_the_subtotal_times_the_percent_rounded_once():
    lines = item_lines([("A", Decimal("33.333")), ("B", Decimal("66.67"))], "EUR")
    assert [ln.amount for ln in lines] == [Decimal("33.33"), Decimal("66.67")]
    assert totals(lines, Decimal("19"), "EUR") == (Decimal("100.00"), Decimal("19.00"), Decimal("119.00"))
    assert totals(lines[:1], Decimal("19"), "EUR") == (Decimal("33.33"), Decimal("6.33"), Decimal("39.66"))
    assert totals(lines, None, "JPY")[1:] == (Decimal("0"), Decimal("100"))
    with pytest.raises(ValidationError, match="nothing to invoice"):
        make_draft(ACME, [], [], None)


def _invoice(**kw) -> Invoice:
    base = dict(number="2026-001", year=2026, seq=1, client_id=1, client_name="Acme", currency="EUR",
                issued=date(2026, 11, 5), due=date(2026, 11, 20), lines=(), subtotal=Decimal("100.00"),
                tax_rate=None, tax=Decimal("0.00"), total=Decimal("100.00"))
    return Invoice(**{**base, **kw})


def test_status_draft_sent_overdue_paid_void_at_a_fixed_today():
    inv = _invoice()
    assert inv.status(date(2026, 11, 23)) == "draft"  # a draft is not chased: it was never sent
    sent = _invoice(sent=date(2026, 11, 6))
    assert sent.status(date(2026, 11, 20)) == "sent"  # due today is not yet overdue
    assert sent.status(date(2026, 11, 21)) == "overdue"
    part = _invoice(sent=date(2026, 11, 6), payments=add_payment(sent, date(2026, 11, 22), Decimal("40")))
    assert part.status(date(2026, 11, 23)) == "overdue" and part.paid == Decimal("40")
    whole = _invoice(sent=date(2026, 11, 6), payments=add_payment(part, date(2026, 11, 23), Decimal("60.00")))
    assert whole.status(date(2026, 11, 23)) == "paid"
    assert _invoice(voided=date(2026, 11, 7)).status(date(2026, 12, 1)) == "void"


def test_partial_payments_add_up_and_refuse_too_much():
    inv = _invoice()
    first = _invoice(payments=add_payment(inv, date(2026, 11, 10), Decimal("30")))
    assert add_payment(first, date(2026, 11, 11), None)[-1].amount == Decimal("70.00")  # no amount: what is left
    with pytest.raises(ValidationError, match="what is left"):
        add_payment(first, date(2026, 11, 11), Decimal("70.01"))
    paid = _invoice(payments=add_payment(first, date(2026, 11, 11), None))
    with pytest.raises(ValidationError, match="already paid"):
        add_payment(paid, date(2026, 11, 12), Decimal("1"))
    with pytest.raises(ValidationError, match="void"):
        add_payment(_invoice(voided=date(2026, 11, 7)), date(2026, 11, 12), None)


def test_input_words():
    assert parse_item("Setup fee=150") == ("Setup fee", Decimal("150"))
    assert parse_item("a=b=37,50") == ("a=b", Decimal("37.50"))
    assert parse_terms("15d") == 15 and parse_terms("30 days") == 30
    assert parse_percent("19%") == Decimal("19") and parse_percent("7,5") == Decimal("7.5")
    assert parse_retainer_hours("20h/month") == Decimal("20")
    assert format_number("{year}-{seq:03}", 2026, 4) == "2026-004"
    assert format_number("INV{year}/{seq}", 2027, 12) == "INV2027/12"
    for bad, call in (("=5", parse_item), ("x=-1", parse_item), ("soon", parse_terms), ("120%", parse_percent),
                      ("lots", parse_retainer_hours), ("{year}", lambda t: format_number(t, 2026, 1))):
        with pytest.raises(ValidationError):
            call(bad)
    with pytest.raises(ValidationError):
        ClientBilling(language="de")


def test_retainer_rollover_overage_and_thresholds():
    ret = Retainer(hours=Decimal(20), fee=Decimal(800), rollover=True, overage_rate=Decimal(50))
    october = [entry(i, datetime(2026, 10, 5 + i, 9, tzinfo=UTC), 120) for i in range(8)]  # 16 h: 4 h left
    november = [entry(20 + i, at(2 + i, 9), 180) for i in range(9)]  # 27 h against 20 + 4
    m = retainer_usage(ret, october + november, date(2026, 11, 17), ZONE, None)
    assert (m.carried, m.bank, m.used, m.left, m.over) == (4, 24, 27, 0, 3)
    lines = retainer_lines(ret, ACME, m)
    assert [(ln.quantity, ln.rate, ln.amount) for ln in lines] == [
        (Decimal(1), Decimal(800), Decimal("800.00")), (Decimal("3.00"), Decimal(50), Decimal("150.00"))]
    no_roll = retainer_usage(Retainer(hours=Decimal(20), fee=Decimal(800)), october + november, date(2026, 11, 1),
                             ZONE, None)
    assert (no_roll.bank, no_roll.over) == (20, 7)
    assert retainer_lines(Retainer(hours=Decimal(20)), ACME, no_roll)[1].rate == ACME.rate  # no overage rate set
    fifteen = retainer_month(ret, date(2026, 12, 1), Decimal(16), None)
    assert thresholds_crossed(fifteen, []) == [80]
    assert thresholds_crossed(fifteen, [80]) == []
    assert thresholds_crossed(retainer_month(ret, date(2026, 12, 1), Decimal(20), None), [80]) == [100]


def test_unbilled_by_client_leaves_out_billed_and_unbillable_time():
    other = Client(name="Bee", tz="Asia/Kolkata", rate=Decimal(1000), currency="INR", id=2)
    entries = [entry(1, at(2, 9), 60), entry(2, at(2, 11), 30), entry(3, at(3, 9), 60, billable=False),
               entry(4, at(3, 9), 45, client=2)]
    out = unbilled_by_client(entries, {1: ACME, 2: other}, {1}, ZONE, timedelta(minutes=15))
    assert [(u.client.name, u.hours, u.amount, u.client.currency) for u in out] == [
        ("Acme", Decimal("0.50"), Decimal("20.00"), "EUR"), ("Bee", Decimal("0.75"), Decimal("750.00"), "INR")]


# --- the store ----------------------------------------------------------------------------------


def _create(store, issued: date, items=(("Item", Decimal(10)),)):
    client = store.client_named("Acme")

    def build(billed):
        es = [e for e in store.entries.all() if e.id not in billed]
        lines = time_lines(es, client, {}, ZONE, None, "entry") + item_lines(items, "EUR")
        return make_draft(client, lines, [e.id for e in es], None)

    return create_invoice(store, build, issued=issued, due=issued + timedelta(days=15), template="{year}-{seq:03}")


def test_numbers_never_repeat_across_voids_and_restart_each_year(store):
    store.clients.add(ACME)
    store.entries.add(TimeEntry(at(2, 9), at(2, 10), 1))
    first = _create(store, date(2026, 11, 23))
    assert first.number == "2026-001" and len(first.entry_ids) == 1
    assert billed_entries(store) == {first.entry_ids[0]: "2026-001"}
    void_invoice(store, "2026-001", date(2026, 11, 24))
    assert billed_entries(store) == {}  # voiding frees the entry
    second = _create(store, date(2026, 11, 24))
    assert second.number == "2026-002" and second.entry_ids == first.entry_ids
    assert _create(store, date(2027, 1, 2)).number == "2027-001"
    assert _create(store, date(2026, 12, 30)).number == "2026-003"
    again = type(store)(store.path)  # another process reading the file sees the same series
    assert sorted(i.number for i in again.invoices.all()) == ["2026-001", "2026-002", "2026-003", "2027-001"]
    assert _create(again, date(2026, 12, 31)).number == "2026-004"


def test_an_invoiced_entry_cannot_be_changed_or_deleted_until_the_invoice_is_void(store):
    from dataclasses import replace

    store.clients.add(ACME)
    e = store.entries.add(TimeEntry(at(2, 9), at(2, 10), 1))
    _create(store, date(2026, 11, 23))
    with pytest.raises(ValidationError, match="2026-001"):
        store.entries.update(replace(e, end=at(2, 11)))
    with pytest.raises(ValidationError, match="2026-001"):
        store.entries.delete(e.id)
    store.entries.update(e)  # unchanged: nothing to refuse
    void_invoice(store, "2026-001", date(2026, 11, 24))
    store.entries.update(replace(e, end=at(2, 11)))


def test_payments_and_old_files_load(store, tmp_path):
    store.clients.add(ACME)
    inv = _create(store, date(2026, 11, 23))
    record_payment(store, inv.number, date(2026, 11, 25), Decimal("4"))
    paid = record_payment(store, inv.number, date(2026, 11, 26), None)
    assert paid.paid == paid.total and paid.status(date(2026, 11, 26)) == "paid"
    reread = type(store)(store.path).invoices.all()[0]
    assert reread == paid
    old = tmp_path / "old.json"  # a file written before invoices existed: no table, no billing
    old.write_text('{"_meta": {"1": {"app": "vatui", "schema": 2, "next_id": {"clients": 2}}}, "clients": {"1": '
                   '{"name": "Old", "tz": "UTC", "hours": "09:00-17:00", "rate": "10", "currency": "USD"}}}')
    loaded = type(store)(old)
    assert loaded.invoices.all() == [] and loaded.clients.all()[0].billing == ClientBilling()


def test_an_overdue_invoice_adds_one_chase_task_once(store, clock):
    from vatui.store.invoices import add_chase_tasks, mark_sent

    store.clients.add(ACME)
    _create(store, date(2026, 11, 1))  # due 2026-11-16
    assert add_chase_tasks(store, clock.now(), date(2026, 11, 23)) == []  # a draft is not chased
    mark_sent(store, "2026-001", date(2026, 11, 2))
    assert add_chase_tasks(store, clock.now(), date(2026, 11, 16)) == []  # due today: not yet overdue
    (task,) = add_chase_tasks(store, clock.now(), date(2026, 11, 23))
    assert (task.title, task.client_id) == ("Chase invoice 2026-001", 1)
    assert add_chase_tasks(type(store)(store.path), clock.now(), date(2026, 11, 24)) == []  # once, even elsewhere
    assert [t.title for t in type(store)(store.path).tasks.all()] == ["Chase invoice 2026-001"]


def test_retainer_notices_at_80_and_100_once_each_per_month(store):
    from vatui.store.invoices import retainer_notices

    client = store.clients.add(ACME)
    ret = Retainer(hours=Decimal(20))
    month = lambda used, m=11: retainer_month(ret, date(2026, m, 1), Decimal(used), None)  # noqa: E731
    assert retainer_notices(store, client, month(15)) == []
    assert retainer_notices(store, client, month(16)) == [80]
    assert retainer_notices(store, client, month(17)) == []
    assert retainer_notices(store, client, month(25)) == [100]
    assert retainer_notices(type(store)(store.path), client, month(26)) == []
    assert retainer_notices(store, client, month(21, 12)) == [80, 100]  # a new month announces again
