"""`vatui invoice create|list|show|pdf|sent|paid|void`: from tracked time to invoices."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, table
from vatui.i18n import _
from vatui.text.invoice_text import status_words

STATUS_CHOICES = ("draft", "sent", "paid", "overdue", "void")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    inv = sub.add_parser("invoice", parents=[common], help=_("create, list and track invoices"))
    isub = inv.add_subparsers(dest="invoice_command", metavar="COMMAND", required=True)

    create = isub.add_parser("create", parents=[common], help=_("invoice a client's unbilled time and items"))
    create.add_argument("--client", metavar="NAME", required=True)
    create.add_argument("--from", dest="from_day", metavar="DATE", help=_("bill time from this day (YYYY-MM-DD)"))
    create.add_argument("--to", dest="to_day", metavar="DATE", help=_("bill time up to this day, included "
                                                                       "(default: today, in your zone)"))
    create.add_argument("--date", dest="issued", metavar="DATE", help=_("the invoice's date (default: today)"))
    due = create.add_mutually_exclusive_group()
    due.add_argument("--terms", metavar="DAYS", help=_("payment terms, e.g. 15d (default 15d)"))
    due.add_argument("--due", metavar="DATE", help=_("due date, YYYY-MM-DD"))
    create.add_argument("--by", choices=("task", "day", "entry"), default="task",
                        help=_("one line per task (default), day or entry"))
    create.add_argument("--item", action="append", default=[], metavar="TEXT=AMOUNT",
                        help=_('a fixed-fee line, e.g. "Setup=150" (repeatable)'))
    create.add_argument("-o", "--output", metavar="FILE", help=_("also write the document (.pdf, .md or .html)"))
    create.set_defaults(func=cmd_create)

    lst = isub.add_parser("list", parents=[common], help=_("list invoices, overdue first"))
    lst.add_argument("--client", metavar="NAME")
    lst.add_argument("--status", choices=STATUS_CHOICES)
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    show = isub.add_parser("show", parents=[common], help=_("one invoice with its lines"))
    show.add_argument("number", metavar="N")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    pdf = isub.add_parser("pdf", parents=[common], help=_("write an invoice's document (.pdf, .md or .html)"))
    pdf.add_argument("number", metavar="N")
    pdf.add_argument("-o", "--output", metavar="FILE", required=True)
    pdf.set_defaults(func=cmd_pdf)

    sent = isub.add_parser("sent", parents=[common], help=_("mark an invoice as sent"))
    sent.add_argument("number", metavar="N")
    sent.set_defaults(func=cmd_sent)

    paid = isub.add_parser("paid", parents=[common], help=_("record a payment (the whole amount left by default)"))
    paid.add_argument("number", metavar="N")
    paid.add_argument("--date", dest="day", metavar="DATE", help=_("day paid (default: today)"))
    paid.add_argument("--amount", metavar="AMOUNT", help=_("a partial payment; payments add up"))
    paid.set_defaults(func=cmd_paid)

    void = isub.add_parser("void", parents=[common], help=_("void an invoice: its number stays used, its time "
                                                            "can be billed again"))
    void.add_argument("number", metavar="N")
    void.set_defaults(func=cmd_void)


# --- config ------------------------------------------------------------------------------------


def invoice_config(ctx: Context) -> tuple[str, dict[str, Any]]:
    """The number template ([invoice] number) and the [business] table, from the config file."""
    from vatui.settings.invoice_config import invoice_config as read

    ctx.config  # noqa: B018  (reports the config's own warnings once)
    return read(ctx.config_location.path)


def _today(ctx: Context) -> date:
    from vatui.core.periods import local_today

    return local_today(ctx.clock.now(), ctx.config.settings.me_zone)


def _day(text: str, option: str, today: date) -> date:
    """A day as every command's --from/--to/--date reads it: ISO, today, yesterday, and due:'s words."""
    from vatui.core.grammar import parse_day

    return parse_day(text, today=today, field=option, allow_past=True)


# --- create ------------------------------------------------------------------------------------


def cmd_create(ctx: Context) -> int:
    from vatui.core.invoicing import DEFAULT_TERMS, parse_item, parse_terms
    from vatui.core.periods import local_midnight
    from vatui.store.invoices import build_draft, create_invoice

    args, settings = ctx.args, ctx.config.settings
    template, business = invoice_config(ctx)
    today = _today(ctx)
    issued = _day(args.issued, "--date", today) if args.issued else today
    last = _day(args.to_day, "--to", today) if args.to_day else today
    first = _day(args.from_day, "--from", today) if args.from_day else None
    if first and first > last:
        raise CliError(_("--from {first} is after --to {last}").format(first=first, last=last))
    terms = parse_terms(args.terms) if args.terms else DEFAULT_TERMS
    due = _day(args.due, "--due", today) if args.due else issued + timedelta(days=terms)
    if due < issued:
        raise CliError(_("--due {due} is before the invoice's date {issued}").format(due=due, issued=issued))
    items = [parse_item(text) for text in args.item]
    output = Path(args.output) if args.output else None
    if output is not None and output.suffix.lower() not in (".pdf", ".md", ".html"):
        raise CliError(_("-o: {path} should end in .pdf, .md or .html").format(path=output))
    store = ctx.store
    client = find_client(ctx, args.client)
    until = local_midnight(last + timedelta(days=1), settings.me_zone)
    since = local_midnight(first, settings.me_zone) if first else None

    def build(billed: set[int]):
        return build_draft(store, client.id, billed, zone_name=settings.me_zone, rounding=settings.billing_rounding,
                           by=args.by, items=items, since=since, until=until)

    def write(draft) -> None:
        if output is not None:
            # The document is written before the invoice is saved: if it cannot be, nothing is.
            from vatui.core.invoicing import Invoice

            preview = Invoice(number=_number_preview(store, template, issued), year=issued.year, seq=0,
                              client_id=draft.client.id, client_name=draft.client.name, currency=draft.client.currency,
                              issued=issued, due=due, lines=draft.lines, subtotal=draft.subtotal,
                              tax_rate=draft.tax_rate, tax=draft.tax, total=draft.total,
                              language=draft.client.billing.language)
            _render(preview.as_json(today), business, draft.client, output)

    invoice = create_invoice(store, build, issued=issued, due=due, template=template, check=write)
    ctx.print(_("Invoice {number} for {client}: {total} {currency}, due {due}.").format(
        number=invoice.number, client=invoice.client_name, total=invoice.total, currency=invoice.currency,
        due=invoice.due.isoformat()))
    if output is not None:
        ctx.print(_("Wrote {path}").format(path=output))
    return 0


def _number_preview(store, template: str, issued: date) -> str:
    from vatui.core.invoicing import format_number
    from vatui.store.invoices import next_seq

    return format_number(template, issued.year, next_seq(store, issued.year))


def _render(invoice: dict, business: dict, client, path: Path) -> None:
    try:
        from vatui.invoices.document import render
    except ImportError:
        raise CliError(_("this vatui cannot write invoice documents yet (vatui.invoices.document is missing)")) from None
    b = client.billing
    try:
        render(invoice, business, {"billing_name": b.billing_name or client.name, "billing_address": b.billing_address,
                                   "tax_id": b.tax_id, "email": b.email}, path)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(_("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from None


# --- list, show, pdf ---------------------------------------------------------------------------


def _sorted(invoices: list, today: date) -> list:
    from vatui.core.invoicing import listing_order

    return listing_order(invoices, today)


def cmd_list(ctx: Context) -> int:
    from vatui.text.formats import money

    today = _today(ctx)
    invoices = ctx.store.invoices.all()
    if ctx.args.client:
        client = find_client(ctx, ctx.args.client)
        invoices = [i for i in invoices if i.client_id == client.id]
    if ctx.args.status:
        invoices = [i for i in invoices if i.status(today) == ctx.args.status]
    invoices = _sorted(invoices, today)
    if ctx.args.json:
        ctx.print(json.dumps([i.as_json(today) for i in invoices], indent=2, ensure_ascii=False))
        return 0
    if not invoices:
        ctx.print(_("No invoices."))
        return 0
    rows = [[i.number, i.client_name, money(i.total, i.currency), i.due.isoformat(), status_words(i.status(today))]
            for i in invoices]
    ctx.print(table(rows, [_("Number"), _("Client"), _("Total"), _("Due"), _("Status")]))
    return 0


def cmd_show(ctx: Context) -> int:
    from vatui.store.invoices import find_invoice
    from vatui.text.formats import money

    today = _today(ctx)
    inv = find_invoice(ctx.store, ctx.args.number)
    if ctx.args.json:
        ctx.print(json.dumps(inv.as_json(today), indent=2, ensure_ascii=False))
        return 0
    ctx.print(_("Invoice {number} — {client} — {status}").format(number=inv.number, client=inv.client_name,
                                                                 status=status_words(inv.status(today))))
    ctx.print(_("Issued {issued}, due {due}").format(issued=inv.issued, due=inv.due))
    rows = [[ln.text, f"{ln.quantity} {ln.unit}", money(ln.rate, inv.currency), money(ln.amount, inv.currency)]
            for ln in inv.lines]
    ctx.print(table(rows, [_("Line"), _("Quantity"), _("Rate"), _("Amount")]))
    ctx.print(_("Subtotal {amount}").format(amount=money(inv.subtotal, inv.currency)))
    if inv.tax_rate is not None:
        ctx.print(_("Tax {rate}% {amount}").format(rate=inv.tax_rate, amount=money(inv.tax, inv.currency)))
    ctx.print(_("Total {amount}").format(amount=money(inv.total, inv.currency)))
    if inv.payments:
        ctx.print(_("Paid {amount}").format(amount=money(inv.paid, inv.currency)))
    return 0


def cmd_pdf(ctx: Context) -> int:
    from vatui.store.invoices import find_invoice

    _template, business = invoice_config(ctx)
    inv = find_invoice(ctx.store, ctx.args.number)
    client = ctx.store.clients.get(inv.client_id)
    if client is None:
        raise CliError(_("the client of invoice {number} no longer exists").format(number=inv.number))
    path = Path(ctx.args.output)
    _render(inv.as_json(_today(ctx)), business, client, path)
    ctx.print(_("Wrote {path}").format(path=path))
    return 0


# --- sent, paid, void --------------------------------------------------------------------------


def cmd_sent(ctx: Context) -> int:
    from vatui.store.invoices import mark_sent

    inv = mark_sent(ctx.store, ctx.args.number, _today(ctx))
    ctx.print(_("Invoice {number} marked sent.").format(number=inv.number))
    return 0


def cmd_paid(ctx: Context) -> int:
    from vatui.core.invoicing import parse_amount
    from vatui.store.invoices import record_payment

    today = _today(ctx)
    day = _day(ctx.args.day, "--date", today) if ctx.args.day else today
    amount = parse_amount(ctx.args.amount) if ctx.args.amount else None
    inv = record_payment(ctx.store, ctx.args.number, day, amount)
    today = _today(ctx)
    ctx.print(_("Invoice {number}: paid {paid} of {total} {currency} ({status}).").format(
        number=inv.number, paid=inv.paid, total=inv.total, currency=inv.currency,
        status=status_words(inv.status(today))))
    return 0


def cmd_void(ctx: Context) -> int:
    from vatui.store.invoices import void_invoice

    inv = void_invoice(ctx.store, ctx.args.number, _today(ctx))
    ctx.print(_("Invoice {number} is void; its time can be billed again.").format(number=inv.number))
    return 0


# --- what `vatui report --unbilled` and `vatui today` show ---------------------------------------


def money_owed_lines(ctx: Context) -> list[str]:
    """Unbilled time per client and currency, overdue invoices, and each retainer's month."""
    from vatui.core.invoicing import retainer_usage, unbilled_by_client
    from vatui.store.invoices import billed_entries
    from vatui.text.formats import money

    settings, store = ctx.config.settings, ctx.store
    today = _today(ctx)
    clients = {c.id: c for c in store.clients.all() if c.id is not None}
    entries = store.entries.all()
    lines: list[str] = []
    unbilled = unbilled_by_client(entries, clients, set(billed_entries(store)), settings.me_zone,
                                  settings.billing_rounding)
    if unbilled:
        lines.append(_("Unbilled:"))
        lines += [f"  {u.client.name}: {u.hours} h, {money(u.amount, u.client.currency)}" for u in unbilled]
    overdue = _sorted([i for i in store.invoices.all() if i.status(today) == "overdue"], today)
    if overdue:
        lines.append(_("Overdue invoices:"))
        lines += ["  " + _("{number} {client}: {left} due {due}").format(
            number=i.number, client=i.client_name, left=money(i.total - i.paid, i.currency), due=i.due)
            for i in overdue]
    for client in sorted(clients.values(), key=lambda c: c.key):
        retainer = client.billing.retainer
        if retainer is None:
            continue
        own = [e for e in entries if e.client_id == client.id]
        m = retainer_usage(retainer, own, today, settings.me_zone, settings.billing_rounding)
        lines.append(_("Retainer {client} {month}: {used} h used, {left} h left of {bank} h").format(
            client=client.name, month=m.month.strftime("%Y-%m"), used=m.used.quantize(Decimal("0.01")),
            left=m.left.quantize(Decimal("0.01")), bank=m.bank.quantize(Decimal("0.01"))))
    return lines
