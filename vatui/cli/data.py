"""`vatui where`, `vatui export`, `vatui import`: the data set as a whole."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from vatui import paths
from vatui.cli.common import CliError, Context
from vatui.config import settings_to_dict
from vatui.i18n import _
from vatui.store.backups import backup_dir
from vatui.store.exchange import export_dataset, import_dataset, parse_dataset
from vatui.store.history import archive_old


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    where = sub.add_parser("where", parents=[common], help=_("show the data file, config file and themes folder in use"))
    where.set_defaults(func=cmd_where)

    export = sub.add_parser("export", parents=[common], help=_("write data out (JSON, iCalendar, CSV)"))
    fmt = export.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--json", action="store_true", help=_("the whole data set as JSON on stdout"))
    export.set_defaults(func=cmd_export)

    arc = sub.add_parser("archive", parents=[common],
                         help=_("move finished work and old time entries into the yearly archive now"))
    arc.set_defaults(func=cmd_archive)

    imp = sub.add_parser("import", parents=[common], help=_("read data in (a vatui JSON export, a CSV of tasks)"))
    ifmt = imp.add_mutually_exclusive_group(required=True)
    ifmt.add_argument("--json", metavar="FILE", help=_("a file written by vatui export --json ('-' for stdin)"))
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help=_("replace everything in the data file"))
    mode.add_argument("--merge", action="store_true", help=_("add to what the data file holds"))
    imp.set_defaults(func=cmd_import)


def cmd_where(ctx: Context) -> int:
    data = ctx.data_location
    config = ctx.config_location
    ctx.print(_("data file:   {where}").format(where=data.describe()))
    ctx.print(_("backups:     {where}").format(where=backup_dir(data.path)))
    ctx.print(_("config file: {where}").format(where=config.describe()))
    ctx.print(_("themes:      {where}").format(where=paths.user_themes_dir(config.path)))
    return 0


def cmd_archive(ctx: Context) -> int:
    moved = archive_old(ctx.store, ctx.clock.now(), ctx.config.settings.me_zone)
    ctx.print(_("Archived {tasks} done tasks, {entries} time entries and {blocks} time blocks into {folder}.")
              .format(folder=ctx.store.archive.folder, **moved))
    return 0


def cmd_export(ctx: Context) -> int:
    if ctx.args.json:
        doc = export_dataset(ctx.store, now=ctx.clock.now(), settings=settings_to_dict(ctx.config.settings))
        json.dump(doc, ctx.out, indent=2, ensure_ascii=False)
        ctx.print()
        return 0
    raise CliError(_("choose a format"))


def cmd_import(ctx: Context) -> int:
    if ctx.args.json:
        source = ctx.args.json
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(_("cannot read {file}: {reason}").format(file=source, reason=exc.strerror)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            message = _("{file} is not valid JSON ({reason}); nothing was imported")
            raise CliError(message.format(file=source, reason=exc)) from None
        dataset = parse_dataset(data)
        mode = "replace" if ctx.args.replace else "merge" if ctx.args.merge else "new"
        counts = import_dataset(ctx.store, dataset, mode=mode)
        summary = ", ".join(f"{n} {table}" for table, n in counts.items())
        ctx.print(_("Imported {summary}.").format(summary=summary))
        if data.get("settings"):
            ctx.print(_("Settings in the export were not applied: settings live in the config file ({path}).")
                      .format(path=ctx.config_location.path))
        return 0
    raise CliError(_("choose a format"))
