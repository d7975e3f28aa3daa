"""Invoices as data: lines from unbilled time, fixed-fee items, tax, totals, due dates, numbers,
status and payments, and retainers. Pure: the caller passes entries, clients and "today".

The rules (docs/drafts/invoices.md says the same to users):

- Lines are priced exactly as `vatui report` prices time (core/reports.py): each billable entry's
  time rounded up on its own to the rounding unit, at the client's rate, exact Decimal until the
  line is shown; each line is its exact sum rounded once (half-up) to the currency's minor unit.
  So a line by task equals the row of `vatui report --by task` over the same entries.
- The subtotal is the sum of the rounded lines; tax is the subtotal x the client's percent,
  rounded once; the total is subtotal + tax. One invoice, one currency (the client's).
- Numbers come from a template (`{year}-{seq:03}`) and a per-year sequence the store keeps; a
  number is never handed out twice, not after a void either.
- Status: void once voided; paid when payments reach the total; overdue when sent, unpaid and
  today is past the due date; sent once marked sent; else draft.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from vatui.core.client_billing import Retainer
from vatui.core.errors import ValidationError
from vatui.core.invoice_record import Invoice, Line, Payment
from vatui.core.models import Client, Task, TimeEntry
from vatui.core.money import parse_rate, round_money
from vatui.core.reports import entry_pieces, hours, hours2
from vatui.i18n import _

BY_CHOICES = ("task", "day", "entry")
STATUSES = ("draft", "sent", "paid", "overdue", "void")
__all__ = ["Invoice", "Line", "Payment"]  # the records, re-exported beside the rules
DEFAULT_NUMBER = "{year}-{seq:03}"


# --- input --------------------------------------------------------------------------------------


def parse_item(text: str) -> tuple[str, Decimal]:
    """ "Setup fee=150" -> ("Setup fee", Decimal("150"))."""
    label, sep, amount = text.rpartition("=")
    if not sep or not label.strip():
        raise ValidationError(_("--item: {text!r} is not TEXT=AMOUNT (e.g. \"Setup fee=150\")").format(text=text),
                              field="item")
    return label.strip(), parse_rate(amount, field="--item")


DEFAULT_TERMS = 15  # days to pay when no terms are given (the CLI's --terms, the cockpit's invoices)


def parse_terms(text: str) -> int:
    """ "15d", "15", "30 days" -> 15/30 days."""
    raw = text.strip().lower().removesuffix("days").removesuffix("day").removesuffix("d").strip()
    if not raw.isdigit() or int(raw) > 3650:
        raise ValidationError(_("--terms: {text!r} is not a number of days (e.g. 15d)").format(text=text),
                              field="terms")
    return int(raw)


def format_number(template: str, year: int, seq: int) -> str:
    """The printed number: "{year}-{seq:03}" -> "2026-004". Refuses a template without {seq}."""
    if "{seq" not in template:
        raise ValidationError(_("[invoice] number: {template!r} has no {{seq}}, so numbers would repeat").format(
            template=template), field="invoice.number")
    try:
        return template.format(year=year, seq=seq)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(_("[invoice] number: {template!r} cannot be used ({problem})").format(
            template=template, problem=exc), field="invoice.number") from None


def add_payment(invoice: Invoice, day: date, amount: Decimal | None) -> tuple[Payment, ...]:
    """The payments after one more; no amount pays what is left. Refuses paying a void invoice,
    a paid one, nothing, or more than is left."""
    left = invoice.total - invoice.paid
    if invoice.voided is not None:
        raise ValidationError(_("invoice {number} is void").format(number=invoice.number))
    if left <= 0:
        raise ValidationError(_("invoice {number} is already paid").format(number=invoice.number))
    amount = left if amount is None else amount
    if amount <= 0 or amount > left:
        raise ValidationError(_("--amount: {amount} is not between 0 and what is left ({left} {currency})").format(
            amount=amount, left=left, currency=invoice.currency), field="amount")
    return (*invoice.payments, Payment(day, amount))


def parse_amount(text: str) -> Decimal:
    try:
        return parse_rate(text, field="--amount")
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(str(exc), field="amount") from None


# --- lines from time ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """An invoice before it is numbered: what `invoice create` would bill (and the preview)."""

    client: Client
    lines: tuple[Line, ...]
    entry_ids: tuple[int, ...]
    subtotal: Decimal
    tax_rate: Decimal | None
    tax: Decimal
    total: Decimal


def unbilled(entries: Iterable[TimeEntry], client_id: int, billed_ids: set[int], until) -> list[TimeEntry]:
    """The client's billable entries not on any live invoice, starting before `until` (UTC)."""
    out = [e for e in entries if e.client_id == client_id and e.billable and e.id is not None
           and e.id not in billed_ids and e.start < until]
    out.sort(key=lambda e: (e.start, e.id or 0))
    return out


def time_lines(entries: list[TimeEntry], client: Client, tasks: dict[int, Task], zone_name: str,
               rounding: timedelta | None, by: str) -> list[Line]:
    """Lines from entries, priced as reports price them, grouped by task, day or entry."""
    if by not in BY_CHOICES:
        raise ValidationError(_("--by: choose one of {choices}").format(choices=", ".join(BY_CHOICES)), field="by")
    groups: dict[object, list] = defaultdict(list)
    labels: dict[object, str] = {}
    for entry in entries:
        task = tasks.get(entry.task_id) if entry.task_id is not None else None
        for piece in entry_pieces(entry, zone_name, client, task, rounding):
            if by == "day":
                key: object = piece.day
                labels[key] = piece.day.isoformat()
            elif by == "task":
                key = entry.task_id
                labels[key] = task.title if task else (_("Time without a task"))
            else:
                key = entry.id
                what = task.title if task else (entry.note or _("Time"))
                labels[key] = f"{split_day(entry, zone_name)} {what}"
            groups[key].append(piece)
    out: list[Line] = []
    for key, pieces in groups.items():
        billed = sum((p.billed for p in pieces), timedelta(0))
        exact = sum((p.amount for p in pieces if p.amount is not None), Decimal(0))
        out.append(Line(labels[key], hours2(billed), "h", client.rate, round_money(exact, client.currency)))
    if by == "task":
        out.sort(key=lambda line: line.text.casefold())
    return out


def split_day(entry: TimeEntry, zone_name: str) -> str:
    from vatui.core.business import zone

    return entry.start.astimezone(zone(zone_name)).date().isoformat()


def item_lines(items: Iterable[tuple[str, Decimal]], currency: str) -> list[Line]:
    return [Line(text, Decimal(1), "item", amount, round_money(amount, currency)) for text, amount in items]


def totals(lines: Iterable[Line], tax_rate: Decimal | None, currency: str) -> tuple[Decimal, Decimal, Decimal]:
    """(subtotal, tax, total): the rounded lines added up, tax rounded once, and their sum."""
    subtotal = sum((line.amount for line in lines), Decimal(0))
    subtotal = round_money(subtotal, currency)
    tax = round_money(subtotal * tax_rate / 100, currency) if tax_rate else round_money(Decimal(0), currency)
    return subtotal, tax, subtotal + tax


def make_draft(client: Client, lines: list[Line], entry_ids: Iterable[int], tax_rate: Decimal | None) -> Draft:
    if not lines:
        raise ValidationError(_("nothing to invoice for {client}: no unbilled billable time and no --item").format(
            client=client.name))
    subtotal, tax, total = totals(lines, tax_rate, client.currency)
    return Draft(client, tuple(lines), tuple(entry_ids), subtotal, tax_rate, tax, total)


# --- retainers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RetainerMonth:
    month: date  # the first of the month
    bank: Decimal  # hours available: the retainer's plus what rolled over
    used: Decimal  # billed hours in the month (rounded as billing rounds them)
    carried: Decimal  # hours rolled over from the month before

    @property
    def left(self) -> Decimal:
        return max(self.bank - self.used, Decimal(0))

    @property
    def over(self) -> Decimal:
        return max(self.used - self.bank, Decimal(0))

    @property
    def percent(self) -> Decimal:
        return self.used * 100 / self.bank if self.bank else Decimal(0)


def billed_hours(entries: Iterable[TimeEntry], rounding: timedelta | None) -> Decimal:
    from vatui.core.reports import round_up

    return sum((hours(round_up(e.duration, rounding)) for e in entries if e.billable), Decimal(0))


def retainer_month(retainer: Retainer, month: date, used: Decimal, used_before: Decimal | None) -> RetainerMonth:
    """The month's bank and use. `used_before` is the previous month's use (None: the retainer
    did not run then); with rollover its unused hours (one month's worth at most) carry in."""
    carried = Decimal(0)
    if retainer.rollover and used_before is not None:
        carried = max(retainer.hours - used_before, Decimal(0))
    return RetainerMonth(month.replace(day=1), retainer.hours + carried, used, carried)


def retainer_lines(retainer: Retainer, client: Client, m: RetainerMonth) -> list[Line]:
    """What the month's invoice bills: the fee, plus the hours over the bank at the overage rate
    (the client's rate when none is set)."""
    label = m.month.strftime("%Y-%m")
    out = [Line(_("Retainer {month}: {hours} h").format(month=label, hours=_hours_text(m.bank)), Decimal(1), "item",
                retainer.fee, round_money(retainer.fee, client.currency))]
    if m.over > 0:
        rate = retainer.overage_rate if retainer.overage_rate is not None else client.rate
        over = m.over.quantize(Decimal("0.01"))
        out.append(Line(_("Hours over the retainer, {month}").format(month=label), over, "h", rate,
                        round_money(m.over * rate, client.currency)))
    return out


def _hours_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def thresholds_crossed(m: RetainerMonth, already: Iterable[int]) -> list[int]:
    """The thresholds (80, 100 percent of the bank) reached and not yet announced this month."""
    done = set(already)
    return [t for t in (80, 100) if m.percent >= t and t not in done]


def month_of(entry: TimeEntry, zone_name: str) -> date:
    """The first day of the month (in my zone) the entry starts in."""
    from vatui.core.business import zone

    return entry.start.astimezone(zone(zone_name)).date().replace(day=1)


def retainer_usage(retainer: Retainer, entries: Iterable[TimeEntry], month: date, zone_name: str,
                   rounding: timedelta | None) -> RetainerMonth:
    """The month's bank and use from the client's entries (billed or not: the bank counts all
    billable time in the month); the month before gives the rollover."""
    month = month.replace(day=1)
    before = (month - timedelta(days=1)).replace(day=1)
    now_used: list[TimeEntry] = []
    before_used: list[TimeEntry] = []
    for e in entries:
        m = month_of(e, zone_name)
        if m == month:
            now_used.append(e)
        elif m == before:
            before_used.append(e)
    return retainer_month(retainer, month, billed_hours(now_used, rounding), billed_hours(before_used, rounding))


@dataclass(frozen=True, slots=True)
class Unbilled:
    client: Client
    hours: Decimal  # billed hours, to the hundredth
    amount: Decimal  # rounded once, in the client's currency
    entries: int


def unbilled_by_client(entries: Iterable[TimeEntry], clients: dict[int, Client], billed_ids: set[int],
                       zone_name: str, rounding: timedelta | None) -> list[Unbilled]:
    """Each client's billable time not on a live invoice, priced as reports price it (one
    rounding per client and currency), by client name."""
    groups: dict[int, list[TimeEntry]] = defaultdict(list)
    for e in entries:
        if e.billable and e.client_id in clients and e.id not in billed_ids:
            groups[e.client_id].append(e)  # type: ignore[index]
    out = []
    for cid, es in groups.items():
        client = clients[cid]
        billed = timedelta(0)
        exact = Decimal(0)
        for e in es:
            for p in entry_pieces(e, zone_name, client, None, rounding):
                billed += p.billed
                exact += p.amount or Decimal(0)
        out.append(Unbilled(client, hours2(billed), round_money(exact, client.currency), len(es)))
    out.sort(key=lambda u: u.client.key)
    return out


def to_chase(invoices: Iterable[Invoice], today: date, chased: Iterable[str]) -> list[Invoice]:
    """Overdue invoices not chased yet, oldest due first: each gets one chase task, once."""
    done = set(chased)
    return sorted((i for i in invoices if i.status(today) == "overdue" and i.number not in done),
                  key=lambda i: (i.due, i.seq))


def chase_title(number: str) -> str:
    return _("Chase invoice {number}").format(number=number)


def listing_order(invoices: Iterable[Invoice], today: date) -> list[Invoice]:
    """Overdue first, then newest first: how lists of invoices are shown."""
    return sorted(invoices, key=lambda i: (i.status(today) != "overdue", -i.issued.toordinal(), -i.seq))
