"""`vatui calendar ...`: your calendars. `add`, `list`, `sync`, `remove`: calendars you subscribe
to, whose meetings show on your days (vatui/cli/calendar_subs.py); `push` writes the plan to the
CalDAV calendar set under [caldav] (vatui/cli/calendar_push.py)."""

from __future__ import annotations

import argparse

from vatui.i18n import _


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from vatui.cli.calendar_push import add_push_parser
    from vatui.cli.calendar_subs import add_subscription_parsers

    calendar = sub.add_parser("calendar", parents=[common],
                              help=_("your calendars: subscribe to clients' calendars, push the plan to CalDAV"))
    csub = calendar.add_subparsers(dest="calendar_command", metavar="COMMAND", required=True)
    add_subscription_parsers(csub, common)
    add_push_parser(csub, common)
