"""Invoices in the data file: numbering, creating (one transaction), sending, payments, voiding.

An invoice record lists the ids of the time entries it bills; an entry is billed while a live
(not void) invoice lists it. Creating an invoice writes the record and the per-year sequence in
one write under the cross-process lock, after re-reading what other processes wrote: so two
processes never bill one entry twice nor share a number. The sequence lives in the file's header
and only ever goes up, so a number is never reused, not after a void either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from vatui.core.errors import ValidationError
from vatui.core.invoicing import Draft, Invoice, add_payment, format_number
from vatui.core.models import Client, Task
from vatui.i18n import _
from vatui.store.store import Store

if TYPE_CHECKING:
    from vatui.core.invoicing import RetainerMonth


def billed_entries(store: Store) -> dict[int, str]:
    """Entry id -> the number of the live invoice that bills it."""
    out: dict[int, str] = {}
    for invoice in store.invoices.all():
        if invoice.voided is None:
            for eid in invoice.entry_ids:
                out[eid] = invoice.number
    return out


def next_seq(store: Store, year: int) -> int:
    """The next sequence number of `year` (not taken: only create_invoice takes it)."""
    seqs = store._meta().get("invoice_seq", {})
    used = max((i.seq for i in store.invoices.all() if i.year == year), default=0)
    return max(int(seqs.get(str(year), 1)), used + 1)


def build_draft(store: Store, client_id: int, billed: set[int], *, zone_name: str, rounding: timedelta | None,
                by: str = "task", items: Iterable[tuple[str, Decimal]] = (), since: datetime | None = None,
                until: datetime) -> Draft:
    """What an invoice for the client would bill now: its billable entries not in `billed`
    starting in [since, until) (UTC), priced as reports price them (a retainer client: the fee
    plus the hours over the bank, per month), plus the items. The cockpit's preview calls it with
    `set(billed_entries(store))`; create_invoice calls it again under the lock."""
    from vatui.core.invoicing import item_lines, make_draft, month_of, retainer_lines, retainer_usage, time_lines, unbilled

    client = store.clients.require(client_id)
    entries = [e for e in unbilled(store.entries.all(), client_id, billed, until) if since is None or e.start >= since]
    retainer = client.billing.retainer
    if retainer is not None:
        own = [e for e in store.entries.all() if e.client_id == client_id]
        lines = []
        for month in sorted({month_of(e, zone_name) for e in entries}):
            lines += retainer_lines(retainer, client, retainer_usage(retainer, own, month, zone_name, rounding))
    else:
        tasks = {t.id: t for t in store.tasks.all() if t.client_id == client_id and t.id is not None}
        lines = time_lines(entries, client, tasks, zone_name, rounding, by)
    lines += item_lines(items, client.currency)
    return make_draft(client, lines, [e.id for e in entries if e.id is not None], client.billing.tax)


def create_invoice(store: Store, build: Callable[[set[int]], Draft], *, issued: date, due: date,
                   template: str, check: Callable[[Draft], None] | None = None) -> Invoice:
    """Number and save the draft `build(billed entry ids)` makes, in one transaction. `build` runs
    under the lock on the current data; `check` (e.g. writing the document) runs before the save,
    so a failure there saves nothing."""
    with store.transaction():
        draft = build(set(billed_entries(store)))
        seq = next_seq(store, issued.year)
        number = format_number(template, issued.year, seq)
        if any(i.number == number for i in store.invoices.all()):
            raise ValidationError(_("[invoice] number: {number} is already taken; put {{seq}} in the number").format(
                number=number), field="invoice.number")
        invoice = Invoice(
            number=number, year=issued.year, seq=seq, client_id=draft.client.id or 0, client_name=draft.client.name,
            currency=draft.client.currency, issued=issued, due=due, lines=draft.lines, subtotal=draft.subtotal,
            tax_rate=draft.tax_rate, tax=draft.tax, total=draft.total, language=draft.client.billing.language,
            entry_ids=draft.entry_ids,
        )
        if check is not None:
            check(draft)
        store._meta().setdefault("invoice_seq", {})[str(issued.year)] = seq + 1
        return store.invoices.add(invoice)


def find_invoice(store: Store, number: str) -> Invoice:
    wanted = number.strip()
    for invoice in store.invoices.all():
        if invoice.number == wanted:
            return invoice
    known = ", ".join(sorted(i.number for i in store.invoices.all())[-5:]) or _("none yet")
    raise ValidationError(_("no invoice numbered {number!r} (latest: {known})").format(number=number, known=known))


def mark_sent(store: Store, number: str, day: date) -> Invoice:
    with store.transaction():
        invoice = find_invoice(store, number)
        if invoice.voided is not None:
            raise ValidationError(_("invoice {number} is void").format(number=invoice.number))
        return store.invoices.update(replace(invoice, sent=invoice.sent or day))


def record_payment(store: Store, number: str, day: date, amount: Decimal | None) -> Invoice:
    """Add a payment (none given: what is left). A payment also counts as sent."""
    with store.transaction():
        invoice = find_invoice(store, number)
        payments = add_payment(invoice, day, amount)
        return store.invoices.update(replace(invoice, payments=payments, sent=invoice.sent or day))


def void_invoice(store: Store, number: str, day: date) -> Invoice:
    """Void an invoice: its number stays taken, its entries are free to bill again."""
    with store.transaction():
        invoice = find_invoice(store, number)
        if invoice.voided is not None:
            raise ValidationError(_("invoice {number} is already void").format(number=invoice.number))
        return store.invoices.update(replace(invoice, voided=day))


# --- what the cockpit does once: chase tasks and retainer notices --------------------------------

CHASED_KEY = "invoices_chased"  # numbers that already got their chase task
RETAINER_NOTICES_KEY = "retainer_notices"  # "client id:YYYY-MM" -> thresholds already announced


def add_chase_tasks(store: Store, now: datetime, today: date) -> list[Task]:
    """One "Chase invoice N" task in the client's queue for each invoice that turned overdue,
    once (remembered in the file, so a second cockpit or a restart adds none), in one write."""
    from vatui.core.invoicing import chase_title, to_chase

    with store.transaction():
        chased = list(store.get_state(CHASED_KEY, []) or [])
        due = [i for i in to_chase(store.invoices.all(), today, chased) if store.clients.get(i.client_id)]
        if not due:
            return []
        tasks = store.tasks.add_many([Task(title=chase_title(i.number), created=now, client_id=i.client_id,
                                           batch="admin", important=True) for i in due])
        store.set_state(CHASED_KEY, chased + [i.number for i in due])
        return tasks


def retainer_notices(store: Store, client: Client, month: RetainerMonth) -> list[int]:
    """The thresholds (80, 100) this client's month has reached and not yet announced; they are
    recorded as announced in the same call, so each is shown once per month."""
    from vatui.core.invoicing import thresholds_crossed

    key = f"{client.id}:{month.month:%Y-%m}"
    with store.transaction():
        notices = dict(store.get_state(RETAINER_NOTICES_KEY, {}) or {})
        new = thresholds_crossed(month, notices.get(key, []))
        if new:
            notices[key] = sorted({*notices.get(key, []), *new})
            store.set_state(RETAINER_NOTICES_KEY, notices)
        return new
