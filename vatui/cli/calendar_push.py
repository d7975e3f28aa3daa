"""`vatui calendar push`: write the plan to the CalDAV calendar set under [caldav].

`add_push_parser(calendar_sub, common)` adds `push` to the `vatui calendar` group (vatui/cli/
calendars.py).
"""

from __future__ import annotations

import argparse

from vatui.cli.common import Context
from vatui.i18n import _


def add_push_parser(calendar_sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
                    name: str = "push") -> argparse.ArgumentParser:
    push = calendar_sub.add_parser(
        name, parents=[common],
        help=_("write your time blocks and open tasks' due times to the CalDAV calendar set under [caldav]"),
        description=_("Write your time blocks and open tasks' due times to the calendar at [caldav] url. "
                      "Events vatui wrote before are updated or deleted to match; other events are never touched. "
                      "Without --from/--to: today and the 14 days after it."))
    push.add_argument("--from", dest="from_day", metavar="DATE", help=_("first day, YYYY-MM-DD (in your zone; default today)"))
    push.add_argument("--to", dest="to_day", metavar="DATE",
                      help=_("last day, YYYY-MM-DD, included (default: 14 days after --from)"))
    push.set_defaults(func=cmd_calendar_push)
    return push


def cmd_calendar_push(ctx: Context) -> int:
    from datetime import timedelta

    from vatui.calendars.caldav_push import check_settings, default_window, push_plan, shown_url
    from vatui.cli.reports import day_range
    from vatui.core.periods import local_midnight, local_today

    settings = ctx.config.settings
    check_settings(settings.caldav)  # before the dates: a missing [caldav] is the first thing to say
    zone = settings.me_zone
    now = ctx.clock.now()
    first, last = default_window(local_today(now, zone), *day_range(ctx))
    result = push_plan(ctx.store, settings, now, start=local_midnight(first, zone),
                       end=local_midnight(last + timedelta(days=1), zone))
    ctx.print(_("Pushed {first} to {last} to {url}: {counts}.").format(
        first=first.isoformat(), last=last.isoformat(), url=shown_url(settings.caldav.url), counts=result.counts()))
    return 0
