"""`vatui calendar add|list|sync|remove`: calendars you subscribe to (meetings in).

A subscription address is a secret: every output and every error shows it through mask_source /
mask_in, and it is kept only in the data file. The store side is vatui/store/calendars.py, the
fetching and parsing vatui/calendars/meetings.py.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from vatui.cli.common import CliError, Context, table
from vatui.i18n import _, ngettext

SCHEMES = ("http://", "https://", "webcal://")
MIN_EVERY = 60  # seconds: a shorter period would only hammer the calendar's server
FETCH_TIMEOUT = 10.0  # seconds for one calendar in `calendar add` and `calendar sync`


def add_subscription_parsers(csub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = csub.add_parser("add", parents=[common], help=_("subscribe to a calendar: its meetings show on your days"),
                          description=_("Subscribe to a calendar (an https://, http:// or webcal:// address, such as "
                                        "Google's secret address in iCal format, or an .ics file). Its meetings become "
                                        "read-only blocks. The address is kept in the data file and shown masked."))
    add.add_argument("name", metavar="NAME", help=_("a short name, shown with its meetings"))
    add.add_argument("source", metavar="SOURCE", help=_("the calendar's address or .ics file"))
    add.add_argument("--client", metavar="NAME", help=_("the client whose meetings these are"))
    add.add_argument("--every", metavar="DURATION", default="15m", help=_("how often to sync it (default 15m)"))
    _timeout_option(add)
    add.set_defaults(func=cmd_add)

    lst = csub.add_parser("list", parents=[common], help=_("list your calendars and when they last synced"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    sync = csub.add_parser("sync", parents=[common], help=_("fetch your calendars now (exit code 1 if one failed)"))
    sync.add_argument("name", metavar="NAME", nargs="?", help=_("only this calendar"))
    _timeout_option(sync)
    sync.set_defaults(func=cmd_sync)

    rm = csub.add_parser("remove", parents=[common], help=_("unsubscribe from a calendar"))
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(func=cmd_remove)


def _timeout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", metavar="SECONDS", type=_seconds, default=FETCH_TIMEOUT,
                        help=_("how long to wait for a calendar's server (default 10)"))


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(_("{text!r} is not a number of seconds above zero").format(text=text))
    return value


def _source(text: str) -> str:
    """The source as kept: an address as given (webcal too), a file as an absolute path."""
    from vatui.calendars.mask import mask_source

    if text.lower().startswith(SCHEMES):
        from urllib.parse import urlsplit

        if not urlsplit(text).hostname:
            raise CliError(_("{source} has no host name").format(source=mask_source(text)))
        return text
    path = Path(text).expanduser()
    if path.suffix.lower() == ".ics" and path.is_file():
        return str(path.resolve())
    raise CliError(_("{source} is neither an https://, http:// or webcal:// address nor an existing .ics file").format(
        source=mask_source(text)))


def _every(text: str) -> int:
    from vatui.core.grammar import parse_duration

    seconds = int(parse_duration(text, field="--every").total_seconds())
    if seconds < MIN_EVERY:
        raise CliError(_("--every: at least 1m, so the calendar's server is not asked too often"))
    return seconds


def cmd_add(ctx: Context) -> int:
    from vatui.calendars.mask import mask_source
    from vatui.calendars.meetings import sync
    from vatui.store import calendars as subs

    args = ctx.args
    source = _source(args.source)
    every = _every(args.every)
    client_id = None
    if args.client:
        from vatui.cli.clients import find_client

        client_id = find_client(ctx, args.client).id
    sub = subs.add(ctx.store, args.name, source, client_id=client_id, every=every)
    result = sync(ctx.store, sub, ctx.clock.now(), timeout=args.timeout)
    shown = mask_source(source)
    if result.ok:
        ctx.print(ngettext("Added calendar {name} ({source}): {count} event.",
                           "Added calendar {name} ({source}): {count} events.", result.events or 0).format(
            name=sub.name, source=shown, count=result.events or 0))
    else:
        ctx.print(_("Added calendar {name} ({source}), but the first sync failed ({reason}); "
                    "vatui calendar sync {name} tries again.").format(name=sub.name, source=shown, reason=result.reason))
    return 0


def when(ctx: Context, at: datetime | None) -> str:
    """A time on my clock: "09:40" today, "2026-11-20 09:40" another day."""
    from vatui.text.calendar_text import when as words

    return words(at, ctx.clock.now(), ctx.config.settings.me_zone) if at is not None else ""


def _state(ctx: Context, sub) -> str:  # noqa: ANN001 - a store.calendars.Subscription
    from vatui.text.calendar_text import stale_words

    if not sub.failing:
        return _("ok") if sub.last_ok_at else _("not synced yet")
    return stale_words(sub.last_ok_at, sub.last_error, ctx.clock.now(), ctx.config.settings.me_zone)


def _every_words(seconds: int) -> str:
    from datetime import timedelta

    from vatui.core.durations import format_duration

    return format_duration(timedelta(seconds=seconds))


def cmd_list(ctx: Context) -> int:
    from vatui.calendars.mask import mask_source
    from vatui.store import calendars as subs

    found = subs.load(ctx.store)
    names = {c.id: c.name for c in ctx.store.clients.all()}
    if ctx.args.json:
        ctx.print(json.dumps([{
            "name": s.name, "source": mask_source(s.source), "client": names.get(s.client_id), "every": s.every,
            "last_ok_at": s.last_ok_at.isoformat() if s.last_ok_at else None, "stale": s.failing,
            "last_error": s.last_error, "last_error_at": s.last_error_at.isoformat() if s.last_error_at else None,
        } for s in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        ctx.print(_("No calendars. Add one: vatui calendar add NAME https://…/basic.ics --client NAME"))
        return 0
    rows = [[s.name, mask_source(s.source), names.get(s.client_id, ""), _every_words(s.every), when(ctx, s.last_ok_at),
             _state(ctx, s)] for s in found]
    ctx.print(table(rows, [_("Name"), _("Source"), _("Client"), _("Every"), _("Last sync"), _("State")]))
    return 0


def cmd_sync(ctx: Context) -> int:
    """Fetch each calendar (in parallel: one slow server does not hold up the others)."""
    from concurrent.futures import ThreadPoolExecutor

    from vatui.calendars.meetings import sync
    from vatui.store import calendars as subs

    chosen = [subs.require(ctx.store, ctx.args.name)] if ctx.args.name else subs.load(ctx.store)
    if not chosen:
        ctx.print(_("No calendars. Add one: vatui calendar add NAME https://…/basic.ics --client NAME"))
        return 0
    now = ctx.clock.now()
    with ThreadPoolExecutor(max_workers=min(4, len(chosen))) as pool:
        results = list(pool.map(lambda s: sync(ctx.store, s, now, timeout=ctx.args.timeout), chosen))
    for r in results:
        if not r.ok and r.events is None:
            ctx.print(_("{name}: sync failed ({reason}).").format(name=r.calendar, reason=r.reason))
        elif not r.ok:
            ctx.print(_("{name}: sync failed ({reason}); the last good copy is kept.").format(name=r.calendar,
                                                                                             reason=r.reason))
        elif r.changed:
            ctx.print(ngettext("{name}: updated, {count} event.", "{name}: updated, {count} events.",
                               r.events or 0).format(name=r.calendar, count=r.events or 0))
        else:
            ctx.print(_("{name}: unchanged.").format(name=r.calendar))
    return 1 if any(not r.ok for r in results) else 0


def cmd_remove(ctx: Context) -> int:
    from vatui.store import calendars as subs

    sub = subs.remove(ctx.store, ctx.args.name)
    ctx.print(_("Removed calendar {name}.").format(name=sub.name))
    return 0
