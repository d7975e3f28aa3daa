"""`vatui calendar ...`: your calendars. `push` writes the plan to the CalDAV calendar set under
[caldav] (vatui/cli/calendar_push.py)."""

from __future__ import annotations

import argparse

from vatui.i18n import _


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from vatui.cli.calendar_push import add_push_parser

    calendar = sub.add_parser("calendar", parents=[common], help=_("your calendars: push the plan to CalDAV"))
    csub = calendar.add_subparsers(dest="calendar_command", metavar="COMMAND", required=True)
    add_push_parser(csub, common)
