"""Invoices in the data file: numbering, creating (one transaction), sending, payments, voiding.

An invoice record lists the ids of the time entries it bills; an entry is billed while a live
(not void) invoice lists it. Creating an invoice writes the record and the per-year sequence in
one write under the cross-process lock, after re-reading what other processes wrote: so two
processes never bill one entry twice nor share a number. The sequence lives in the file's header
and only ever goes up, so a number is never reused, not after a void either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from vatui.core.errors import ValidationError
from vatui.core.invoicing import Draft, Invoice, add_payment, format_number
from vatui.i18n import _
from vatui.store.store import Store


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
