"""The `vatui` command line. Each area registers its subcommands from its own module.

Quick commands (add, status, report) must not import Textual: only `cockpit` does, when the
full screen is actually started.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from vatui import __version__
from vatui.cli import blocks, clients, cockpit, data, pomodoro, reports, serve, tasks
from vatui.cli.common import CliError, Context, add_global_options
from vatui.core.errors import ValidationError, VatuiError
from vatui.i18n import _

COMMAND_MODULES = [cockpit, clients, tasks, blocks, data, pomodoro, reports, serve]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, top=False)
    parser = argparse.ArgumentParser(
        prog="vatui",
        description=_("A terminal cockpit for virtual assistants: world clock, time blocks, task queues "
                      "and a Pomodoro timer that tracks time per client. Run without a command to open it."),
    )
    parser.add_argument("--version", action="version", version=f"vatui {__version__}")
    add_global_options(parser, top=True)
    cockpit.add_cockpit_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    for module in COMMAND_MODULES:
        module.register(sub, common)
    parser.set_defaults(func=cockpit.cmd_cockpit)
    return parser


def main(argv: Sequence[str] | None = None, *, ctx: Context | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    context = ctx or Context(args)
    context.args = args
    try:
        return int(args.func(context) or 0)
    except (CliError, ValidationError) as exc:
        print(f"vatui: {exc}", file=context.err)
        return 2
    except VatuiError as exc:  # StoreError and friends: the message is the whole story
        print(f"vatui: {exc}", file=context.err)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `vatui export --json | head`
        sys.stderr.close()
        return 0
