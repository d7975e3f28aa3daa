"""`vatui client add|list|edit|remove`."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from vatui.cli.common import CliError, Context, table
from vatui.core.client_billing import ClientBilling
from vatui.core.hours import WeekHours
from vatui.core.models import CLIENT_COLOURS, Client
from vatui.core.money import parse_rate
from vatui.i18n import _, ngettext
from vatui.store.history import client_usage
from vatui.text.formats import money
from vatui.text.queue_text import client_in_use


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    client = sub.add_parser("client", parents=[common], help=_("add, list, edit or remove clients"))
    csub = client.add_subparsers(dest="client_command", metavar="COMMAND", required=True)

    add = csub.add_parser("add", parents=[common], help=_("add a client"))
    add.add_argument("name", help=_("client name (unique, ignoring case)"))
    _client_options(add, required_tz=True)
    add.set_defaults(func=cmd_add)

    edit = csub.add_parser("edit", parents=[common], help=_("change a client's details"))
    edit.add_argument("name", help=_("the client to change"))
    edit.add_argument("--name", dest="new_name", metavar="NEW", help=_("rename the client"))
    _client_options(edit, required_tz=False)
    edit.set_defaults(func=cmd_edit)

    lst = csub.add_parser("list", parents=[common], help=_("list clients"))
    lst.add_argument("--json", action="store_true", help=_("for scripts"))
    lst.set_defaults(func=cmd_list)

    rm = csub.add_parser("remove", parents=[common], help=_("remove a client that has no tasks or tracked time"))
    rm.add_argument("name")
    rm.set_defaults(func=cmd_remove)

    arc = csub.add_parser("archive", parents=[common],
                          help=_("a former client: off the clock and the queues, kept for reports (unarchive undoes it)"))
    arc.add_argument("name")
    arc.set_defaults(func=cmd_archive, archived=True)
    unarc = csub.add_parser("unarchive", parents=[common], help=_("bring an archived client back"))
    unarc.add_argument("name")
    unarc.set_defaults(func=cmd_archive, archived=False)


def _client_options(p: argparse.ArgumentParser, *, required_tz: bool) -> None:
    p.add_argument("--tz", required=required_tz, metavar="ZONE", help=_("IANA time zone, e.g. Australia/Sydney"))
    p.add_argument("--city", help=_("city shown on the clock (default: from the zone)"))
    p.add_argument("--hours", metavar="HOURS",
                   help=_('business hours in the client\'s zone, e.g. 09:00-17:00 or "mon-thu 9-17; fri 9-13"'))
    p.add_argument("--rate", metavar="AMOUNT", help=_("hourly rate, e.g. 40 or 37.50"))
    p.add_argument("--currency", metavar="CODE", help=_("ISO 4217 currency code, e.g. USD"))
    p.add_argument("--colour", "--color", dest="colour",
                   help=_("colour: #rrggbb or one of {names}").format(names=", ".join(CLIENT_COLOURS)))
    p.add_argument("--reply-by", type=int, metavar="HOURS", help=_("reply-by promise in business hours (default 24)"))
    p.add_argument("--notes")
    p.add_argument("--holidays", metavar="REGION",
                   help=_('public holidays: a country code and optional subdivision, e.g. AU-NSW, US-NY, RO ("" for none)'))
    p.add_argument("--closed", metavar="DAYS",
                   help=_('the client\'s own closed days, e.g. 2026-12-24,2026-12-31 ("" for none)'))
    bill = p.add_argument_group(_("invoices"))
    bill.add_argument("--billing-name", metavar="NAME", help=_("the name invoices are addressed to"))
    bill.add_argument("--billing-address", metavar="TEXT", help=_("the address on invoices"))
    bill.add_argument("--tax-id", metavar="ID", help=_("the client's tax id"))
    bill.add_argument("--email", metavar="ADDRESS", help=_("where invoices go"))
    bill.add_argument("--language", metavar="LANG", help=_("the invoices' language: en, ro or pt_BR"))
    bill.add_argument("--tax", metavar="PERCENT", help=_('tax added to invoices, e.g. 19%% ("0" or "none": no tax)'))
    bill.add_argument("--retainer", metavar="HOURS", help=_('a monthly bank of hours, e.g. 20h/month ("none": no '
                                                            'retainer)'))
    bill.add_argument("--retainer-fee", metavar="AMOUNT", help=_("the retainer's monthly fee"))
    bill.add_argument("--rollover", action=argparse.BooleanOptionalAction, default=None,
                      help=_("unused retainer hours carry into the next month"))
    bill.add_argument("--overage-rate", metavar="AMOUNT", help=_("hourly rate over the bank (default: the rate)"))


def _changes(args: argparse.Namespace) -> dict:
    out: dict = {}
    if args.tz is not None:
        out["tz"] = args.tz
    if args.city is not None:
        out["city"] = args.city
    if args.hours is not None:
        out["hours"] = WeekHours.parse(args.hours)
    if args.rate is not None:
        out["rate"] = parse_rate(args.rate)
    if args.currency is not None:
        out["currency"] = args.currency
    if args.colour is not None:
        out["colour"] = args.colour
    if args.reply_by is not None:
        out["reply_by_hours"] = args.reply_by
    if args.notes is not None:
        out["notes"] = args.notes
    if args.holidays is not None or args.closed is not None:
        from vatui.core.client_holidays import parse_closed_days, parse_region

        if args.holidays is not None:
            out["holidays"] = parse_region(args.holidays)
        if args.closed is not None:
            out["closed"] = parse_closed_days(args.closed)
    return out


def holiday_words(client: Client) -> str:
    """"AU-NSW + 2 closed days", "AU-NSW", "2 closed days" or "" for the list and messages."""
    parts = [client.holidays] if client.holidays else []
    if client.closed:
        parts.append(ngettext("{n} closed day", "{n} closed days", len(client.closed)).format(n=len(client.closed)))
    return " + ".join(parts)
def _billing(args: argparse.Namespace, old: ClientBilling) -> ClientBilling:
    """The client's invoice details with the options given applied."""
    from vatui.core.client_billing import Retainer, parse_percent, parse_retainer_hours

    changes: dict = {}
    for name in ("billing_name", "billing_address", "tax_id", "email", "language"):
        if getattr(args, name) is not None:
            changes[name] = getattr(args, name).strip()
    if args.tax is not None:
        changes["tax"] = None if args.tax.strip().lower() in ("none", "0", "0%") else parse_percent(args.tax, field="--tax")
    retainer = old.retainer
    if args.retainer is not None:
        if args.retainer.strip().lower() == "none":
            retainer = None
        else:
            hours = parse_retainer_hours(args.retainer, field="--retainer")
            retainer = replace(retainer, hours=hours) if retainer else Retainer(hours=hours)
    extra = {k: v for k, v in (("fee", args.retainer_fee and parse_rate(args.retainer_fee, field="--retainer-fee")),
                               ("rollover", args.rollover),
                               ("overage_rate", args.overage_rate and parse_rate(args.overage_rate,
                                                                                field="--overage-rate")))
             if v is not None}
    if extra:
        if retainer is None:
            raise CliError(_("--retainer-fee, --rollover and --overage-rate need a retainer: add --retainer 20h/month"))
        retainer = replace(retainer, **extra)
    changes["retainer"] = retainer
    return replace(old, **changes)


def _next_colour(existing: list[Client]) -> str:
    used = {c.colour for c in existing}
    return next((c for c in CLIENT_COLOURS if c not in used), CLIENT_COLOURS[len(existing) % len(CLIENT_COLOURS)])


def cmd_add(ctx: Context) -> int:
    store = ctx.store
    fields = _changes(ctx.args)
    fields["billing"] = _billing(ctx.args, ClientBilling())
    fields.setdefault("colour", _next_colour(store.clients.all()))
    client = store.clients.add(Client(name=ctx.args.name, **fields))
    ctx.print(_("Added client {name} ({tz}, {hours}).").format(name=client.name, tz=client.tz, hours=client.hours.format()))
    if client.holidays or client.closed:
        ctx.print("  " + _("Holidays: {what}").format(what=holiday_words(client)))
    return 0


def find_client(ctx: Context, name: str) -> Client:
    """The client a typed name means, as quick add reads @names: the exact name or its slug
    ("bondi-bakes"), else a unique start. An unknown name offers the closest few names."""
    from vatui.core.quickadd import client_suggestions, match_clients

    clients = ctx.store.clients.all()
    found = match_clients(clients, name)
    if len(found) == 1:
        return found[0]
    if found:
        raise CliError(_("{name!r} matches more than one client ({names}); type more of the name").format(
            name=name, names=", ".join(sorted(c.name for c in found)[:8])))
    raise CliError(_("no client called {name!r} ({suggestions})").format(
        name=name, suggestions=client_suggestions(clients, name)))


def cmd_edit(ctx: Context) -> int:
    client = find_client(ctx, ctx.args.name)
    fields = _changes(ctx.args)
    if ctx.args.new_name:
        fields["name"] = ctx.args.new_name
    billing = _billing(ctx.args, client.billing)
    if billing != client.billing:
        fields["billing"] = billing
    if not fields:
        raise CliError(_("nothing to change: give at least one option, e.g. --rate 45"))
    updated = ctx.store.clients.update(replace(client, **fields))
    ctx.print(_("Updated client {name}.").format(name=updated.name))
    if "holidays" in fields or "closed" in fields:
        ctx.print("  " + _("Holidays: {what}").format(what=holiday_words(updated) or _("none")))
    return 0


def cmd_remove(ctx: Context) -> int:
    client = find_client(ctx, ctx.args.name)
    store = ctx.store
    tasks, entries = client_usage(store, client.id)  # type: ignore[arg-type]
    if tasks or entries:
        raise CliError(client_in_use(client.name, tasks, entries))
    store.clients.delete(client.id)  # type: ignore[arg-type]
    ctx.print(_("Removed client {name}.").format(name=client.name))
    return 0


def cmd_archive(ctx: Context) -> int:
    client = find_client(ctx, ctx.args.name)
    if client.archived == ctx.args.archived:
        said = _("{name} is already archived.") if client.archived else _("{name} is not archived.")
        ctx.print(said.format(name=client.name))
        return 0
    ctx.store.clients.update(replace(client, archived=ctx.args.archived))
    if ctx.args.archived:
        ctx.print(_("Archived {name}: off the clock and the queues; reports and invoices still count their time. "
                    "vatui client unarchive {name} brings them back.").format(name=client.name))
    else:
        ctx.print(_("{name} is back on the clock and in the queues.").format(name=client.name))
    return 0


def cmd_list(ctx: Context) -> int:
    clients = sorted(ctx.store.clients.all(), key=lambda c: c.key)
    if ctx.args.json:
        ctx.print(json.dumps([{
            "id": c.id, "name": c.name, "city": c.city, "tz": c.tz, "hours": c.hours.format(), "colour": c.colour,
            "rate": str(c.rate), "currency": c.currency, "reply_by_hours": c.reply_by_hours, "notes": c.notes,
            "holidays": c.holidays or None, "closed": [d.isoformat() for d in c.closed], "archived": c.archived,
        } for c in clients], indent=2, ensure_ascii=False))
        return 0
    if not clients:
        ctx.print(_("No clients yet. Add one: vatui client add Acme --tz America/New_York"))
        return 0
    rows = [
        [c.name + (" " + _("(archived)") if c.archived else ""), c.city, c.tz, c.hours.format(),
         money(c.rate, c.currency), str(c.reply_by_hours) + "h"]
        + ([holiday_words(c)] if any(x.holidays or x.closed for x in clients) else [])
        for c in clients
    ]
    headers = [_("Name"), _("City"), _("Zone"), _("Business hours"), _("Rate"), _("Reply by")]
    if any(c.holidays or c.closed for c in clients):
        headers.append(_("Holidays"))
    ctx.print(table(rows, headers))
    return 0
