"""The `vatui` command line. Each area registers its subcommands from its own module.

Quick commands (add, status, report) must not import Textual: only `cockpit` does, when the
full screen is actually started.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import os
import sys
from collections.abc import Sequence

from vatui import __version__
from vatui.cli import cockpit
from vatui.cli.common import CliError, Context, add_global_options
from vatui.core.errors import ValidationError, VatuiError
from vatui.i18n import DOMAIN, LOCALE_DIR, N_, _, choose_language, current_language, ngettext

# The command modules, by name under vatui.cli (a module object works too). They are imported
# only when the parser for commands is built: opening the cockpit needs none of them.
COMMAND_MODULES: list = ["cockpit", "today", "clients", "tasks", "repeats", "blocks", "data", "pomodoro", "entries", "reports",
                         "serve", "holidays", "invoices", "calendars"]


def command_modules() -> list:
    return [importlib.import_module(f"vatui.cli.{m}") if isinstance(m, str) else m for m in COMMAND_MODULES]


def cockpit_only(argv: Sequence[str]) -> argparse.Namespace | None:
    """The parsed arguments when they only open the cockpit (options, no command, no help), else
    None. The cockpit then starts without importing the parsers of every command."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return None
    parser = argparse.ArgumentParser(prog="vatui", add_help=False, exit_on_error=False)
    add_global_options(parser, top=True)
    cockpit.add_cockpit_options(parser)
    try:
        args, rest = parser.parse_known_args(list(argv))
    except argparse.ArgumentError:
        return None  # the full parser says what is wrong
    if rest:
        return None
    args.command = None
    args.func = cockpit.cmd_cockpit
    return args


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    add_global_options(common, top=False)
    parser = argparse.ArgumentParser(
        prog="vatui",
        description=_("A terminal cockpit for virtual assistants: world clock, time blocks, task queues "
                      "and a Pomodoro timer that tracks time per client. Run without a command to open it."),
    )
    parser.add_argument("--version", action="version", version=f"vatui {__version__}",
                        help=_("show program's version number and exit"))
    add_global_options(parser, top=True)
    cockpit.add_cockpit_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    for module in command_modules():
        module.register(sub, common)
    parser.set_defaults(func=cockpit.cmd_cockpit)
    return parser


def choose_cli_language(argv: Sequence[str]) -> str | None:
    """Set the language before the parser is built, so that its help speaks it too: the config's
    `language` (the file from --config, else VATUI_CONFIG, else the default place), else the
    environment. Returns the one-line note when the wish cannot be met."""
    from vatui.settings import paths
    from vatui.settings.config import peek_language

    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    known, _rest = pre.parse_known_args(argv)
    note = choose_language(peek_language(paths.config_file(known.config).path))
    argparse_speaks(current_language())
    return note


def argparse_speaks(language: str) -> None:
    """argparse translates its own words ("usage:", "options", its error messages) with the
    standard gettext functions, which read the process's default text domain and the LANGUAGE
    variable. Point both at vatui's catalog in the chosen language (public gettext calls only)."""
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language


def _argparse_words() -> None:  # pragma: no cover - never called: it marks argparse's words for extraction
    N_("usage: ")
    N_("positional arguments")
    N_("options")
    N_("show this help message and exit")
    N_("%(prog)s: error: %(message)s\n")
    N_("argument %(argument_name)s: %(message)s")
    N_("unrecognized arguments: %s")
    N_("not allowed with argument %s")
    N_("ignored explicit argument %r")
    N_("the following arguments are required: %s")
    N_("one of the arguments %s is required")
    N_("expected one argument")
    N_("expected at most one argument")
    N_("expected at least one argument")
    ngettext("expected %s argument", "expected %s arguments", 2)
    N_("ambiguous option: %(option)s could match %(matches)s")
    N_("invalid %(type)s value: %(value)r")
    N_("invalid choice: %(value)r (choose from %(choices)s)")
    N_("can't open '%(filename)s': %(error)s")
    N_("unknown parser %(parser_name)r (choices: %(choices)s)")


def degrade_output() -> None:
    """A character the terminal's encoding cannot show (an emoji under PYTHONIOENCODING=latin-1)
    prints as '?' rather than failing a command after its change was saved."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """The first argument that was not valid UTF-8 (Python keeps such bytes as lone surrogates),
    shown with its bad bytes escaped; None when all are text."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return None


def main(argv: Sequence[str] | None = None, *, ctx: Context | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    degrade_output()
    bad = undecodable_argument(argv)
    if bad is not None:
        print("vatui: " + _("the argument '{arg}' is not valid UTF-8 text, so nothing was done. Check the "
                            "encoding of your terminal or script (vatui reads UTF-8).").format(arg=bad),
              file=ctx.err if ctx else sys.stderr)
        return 2
    note = choose_cli_language(argv)
    if note:
        print(note, file=ctx.err if ctx else sys.stderr)
    args = cockpit_only(argv) or build_parser().parse_args(argv)
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
