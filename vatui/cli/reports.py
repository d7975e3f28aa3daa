"""`vatui report` and `vatui digest`: tracked time, billing, and the weekly update for a client."""

from __future__ import annotations

import argparse
from contextlib import nullcontext
from datetime import date, timedelta

from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, log_ended_phases
from vatui.core.periods import Period, PeriodKind, local_today, period_for, range_period, week_period
from vatui.core.reports import GroupBy, build_digest, build_report
from vatui.core.settings import ROUNDING_CHOICES, Settings
from vatui.i18n import LANGUAGES, N_, _, match, using
from vatui.store.history import entries_between, tasks_by_id

REPORT_HELP = N_(
    "Hours are real elapsed time in your zone's days (an entry across midnight is split by day; "
    "one across a DST change counts the time that really passed; an entry partly in the period "
    "counts only its part inside). Each billable entry is rounded up on its own when billing "
    "rounding is set, billed at its client's rate, and the amount rounded to the cent; totals are "
    "per currency, never added across currencies."
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from vatui.exports.report_text import FORMATS

    rep = sub.add_parser("report", parents=[common], help=_("tracked hours and billable amounts for a period"),
                         description=_(REPORT_HELP))
    add_period_options(rep, with_named=True)
    rep.add_argument("--client", metavar="NAME", help=_("one client only"))
    rep.add_argument("--by", choices=[g.value for g in GroupBy], default="client",
                     help=_("one row per client (default), task, batch or day"))
    rep.add_argument("--format", choices=FORMATS, default="table", help=_("table (default), csv, md or json"))
    rep.add_argument("--rounding", choices=list(ROUNDING_CHOICES),
                     help=_("billing rounding per entry for this report (default: billing.rounding in the config)"))
    rep.add_argument("--unbilled", action="store_true",
                     help=_("unbilled time per client and currency, overdue invoices and retainer months"))
    rep.set_defaults(func=cmd_report, period=None)

    dig = sub.add_parser("digest", parents=[common], help=_("a weekly status update for a client, as Markdown"),
                         description=_("Writes a draft to edit and send: tasks done, hours by batch, what is next, "
                                       "and what is waiting on the client."))
    dig.add_argument("--client", metavar="NAME", required=True, help=_("the client it is for"))
    which = dig.add_mutually_exclusive_group()
    which.add_argument("--week", action="store_true", help=_("this week (the default)"))
    which.add_argument("--last-week", action="store_true", help=_("the week before this one"))
    dig.add_argument("--language", metavar="LANG",
                     help=_("write it in this language: en, ro or pt_BR (default: yours), e.g. en for a client "
                            "who reads English"))
    dig.set_defaults(func=cmd_digest)


def add_period_options(p: argparse.ArgumentParser, *, with_named: bool) -> None:
    if with_named:
        named = p.add_mutually_exclusive_group()
        named.add_argument("--today", dest="period", action="store_const", const="today", help=_("today"))
        named.add_argument("--week", dest="period", action="store_const", const="week",
                           help=_("this week (the default; weeks start on week_start in the config)"))
        named.add_argument("--month", dest="period", action="store_const", const="month", help=_("this month"))
    p.add_argument("--from", dest="from_day", metavar="DATE", help=_("first day, YYYY-MM-DD (in your zone)"))
    p.add_argument("--to", dest="to_day", metavar="DATE", help=_("last day, YYYY-MM-DD, included"))


def day_range(ctx: Context) -> tuple[date | None, date | None]:
    """--from and --to as days; either may be missing."""
    from vatui.core.grammar import parse_day  # ISO, today, yesterday, -7, and due:'s words (mon, -7d)

    today = local_today(ctx.clock.now(), ctx.config.settings.me_zone)
    first = parse_day(ctx.args.from_day, today=today, field="--from", allow_past=True) if ctx.args.from_day else None
    last = parse_day(ctx.args.to_day, today=today, field="--to", allow_past=True) if ctx.args.to_day else None
    if first and last and last < first:
        raise CliError(_("--to {last} is before --from {first}").format(last=last, first=first))
    return first, last


def report_period(ctx: Context, settings: Settings) -> Period:
    """--today/--week/--month, or --from [--to] (to defaults to today); the week by default."""
    first, last = day_range(ctx)
    now = ctx.clock.now()
    if ctx.args.period and (first or last):
        raise CliError(_("give either --{period} or --from/--to, not both").format(period=ctx.args.period))
    if last and not first:
        raise CliError(_("--to needs --from (the first day of the period)"))
    if first:
        last = last or local_today(now, settings.me_zone)
        if last < first:
            raise CliError(_("--from {first} is after today; add --to").format(first=first))
        return range_period(first, last, settings.me_zone)
    return period_for(PeriodKind(ctx.args.period or "week"), now, settings.me_zone, settings.week_start)


def cmd_report(ctx: Context) -> int:
    from vatui.exports.report_text import render

    log_ended_phases(ctx)
    if ctx.args.unbilled:
        from vatui.cli.invoices import money_owed_lines

        for line in money_owed_lines(ctx) or [_("Nothing unbilled and no overdue invoices.")]:
            ctx.print(line)
        return 0
    settings = ctx.config.settings
    period = report_period(ctx, settings)
    store = ctx.store
    client = find_client(ctx, ctx.args.client) if ctx.args.client else None
    rounding: timedelta | None = (ROUNDING_CHOICES[ctx.args.rounding] if ctx.args.rounding
                                  else settings.billing_rounding)
    entries = entries_between(store, period.start, period.end)  # opens the archive only for old periods
    report = build_report(
        period, entries,
        clients={c.id: c for c in store.clients.all() if c.id is not None},
        tasks=tasks_by_id(store, {e.task_id for e in entries if e.task_id is not None}),
        by=GroupBy(ctx.args.by), rounding=rounding, client_id=client.id if client else None,
    )
    ctx.out.write(render(report, ctx.args.format))
    return 0


def cmd_digest(ctx: Context) -> int:
    from vatui.exports.report_text import render_digest
    from vatui.exports.words import signature

    log_ended_phases(ctx)
    settings = ctx.config.settings
    client = find_client(ctx, ctx.args.client)
    period = week_period(ctx.clock.now(), settings.me_zone, settings.week_start)
    if ctx.args.last_week:
        period = period.shifted(-1)
    language = ctx.args.language
    if language is not None and match(language) is None:
        raise CliError(_("vatui has no {language} translation; choose one of {choices}").format(
            language=language, choices=", ".join(LANGUAGES)))
    store = ctx.store
    digest = build_digest(client, period, now=ctx.clock.now(), tasks=store.tasks.all(),
                          entries=entries_between(store, period.start, period.end),
                          rounding=settings.billing_rounding)
    with using(language) if language else nullcontext():
        ctx.out.write(render_digest(digest, me_name=signature(settings)))
    return 0
