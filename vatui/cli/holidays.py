"""`vatui holidays` (the closed days of me and my clients) and `vatui off` (my leave)."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta

from vatui.cli.common import CliError, Context, table
from vatui.i18n import _
from vatui.text.formats import weekday_day_month

DEFAULT_DAYS = 30  # `vatui holidays` without --to: this many days from --from


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    hol = sub.add_parser("holidays", parents=[common],
                         help=_("the closed days (public holidays, own closed days, my leave) of me and my clients"))
    hol.add_argument("--client", metavar="NAME", help=_("only this client ('me' for mine)"))
    hol.add_argument("--from", dest="first", metavar="DAY", help=_("first day (default today), e.g. 2026-12-01 or +3d"))
    hol.add_argument("--to", dest="last", metavar="DAY",
                     help=_("last day (default {n} days on)").format(n=DEFAULT_DAYS - 1))
    hol.add_argument("--json", action="store_true", help=_("for scripts"))
    hol.set_defaults(func=cmd_holidays)

    off = sub.add_parser("off", parents=[common], help=_("my leave: add, list or remove days off"))
    off.add_argument("range", nargs="?", metavar="DAYS", help=_("days off, e.g. 2026-12-24..2027-01-02 or 2026-12-24"))
    off.add_argument("--remove", metavar="DAYS", help=_("remove a range added before (the same text)"))
    off.set_defaults(func=cmd_off)


def _today(ctx: Context) -> date:
    from vatui.cli.common import my_zone

    return ctx.clock.now().astimezone(my_zone(ctx)).date()


def _day(ctx: Context, text: str | None, default: date, field: str) -> date:
    if text is None:
        return default
    from vatui.core.grammar import parse_day

    return parse_day(text, today=_today(ctx), field=field, allow_past=True)


def cmd_holidays(ctx: Context) -> int:
    from vatui.cli.clients import find_client
    from vatui.core.client_holidays import calendar_of, client_calendar
    from vatui.store.leave import leave_ranges

    settings = ctx.config.settings
    first = _day(ctx, ctx.args.first, _today(ctx), "from")
    last = _day(ctx, ctx.args.last, first + timedelta(days=DEFAULT_DAYS - 1), "to")
    if last < first:
        raise CliError(_("--to {last} is before --from {first}").format(last=last, first=first))
    who: list[tuple[str, object]] = []
    wanted = ctx.args.client
    if wanted is None or wanted.casefold() == "me":
        mine = calendar_of(settings.me_holidays, (), leave_ranges(ctx.store))
        who.append((settings.me_name, mine if mine else None))
    if wanted is None or wanted.casefold() != "me":
        chosen = [find_client(ctx, wanted)] if wanted else sorted(ctx.store.clients.all(), key=lambda c: c.key)
        who += [(c.name, client_calendar(c)) for c in chosen]
    rows = [(name, day, what) for name, cal in who if cal is not None for day, what in cal.between(first, last)]
    rows.sort(key=lambda r: (r[1], r[0].casefold()))
    if ctx.args.json:
        ctx.print(json.dumps([{"who": n, "day": d.isoformat(), "name": w} for n, d, w in rows], indent=2,
                             ensure_ascii=False))
        return 0
    if not any(cal for _n, cal in who):
        ctx.print(_("No holiday settings yet. Set them: vatui client edit Acme --holidays US-NY, "
                    "[me] holidays = \"RO\" in the config, vatui off 2026-12-24..2027-01-02"))
        return 0
    if not rows:
        ctx.print(_("No closed days from {first} to {last}.").format(first=weekday_day_month(first),
                                                                   last=weekday_day_month(last)))
        return 0
    ctx.print(table([[weekday_day_month(d), n, w] for n, d, w in rows], [_("Day"), _("Who"), _("Holiday")]))
    return 0


def cmd_off(ctx: Context) -> int:
    from vatui.core.client_holidays import parse_day_range
    from vatui.store.leave import add_leave, leave_ranges, remove_leave

    if ctx.args.range and ctx.args.remove:
        raise CliError(_("give days to add or --remove DAYS, not both"))
    if ctx.args.remove:
        first, last = parse_day_range(ctx.args.remove, field="remove")
        if not remove_leave(ctx.store, first, last):
            raise CliError(_("no leave from {first} to {last} to remove; `vatui off` lists it").format(
                first=first, last=last))
        ctx.print(_("Removed leave {first}..{last}.").format(first=first, last=last))
        return 0
    if ctx.args.range:
        first, last = parse_day_range(ctx.args.range, field="days")
        if add_leave(ctx.store, first, last):
            ctx.print(_("Added leave {first}..{last} ({n} days).").format(first=first, last=last,
                                                                          n=(last - first).days + 1))
        else:
            ctx.print(_("Leave {first}..{last} is already there.").format(first=first, last=last))
        return 0
    ranges = leave_ranges(ctx.store)
    if not ranges:
        ctx.print(_("No leave yet. Add some: vatui off 2026-12-24..2027-01-02"))
        return 0
    for first, last in ranges:
        ctx.print(f"{first}..{last}  ({weekday_day_month(first)} - {weekday_day_month(last)})")
    return 0
