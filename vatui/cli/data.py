"""`vatui where`, `vatui export`, `vatui import`: the data set as a whole."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from pathlib import Path

from vatui.cli.common import CliError, Context, log_ended_phases
from vatui.cli.reports import add_period_options, day_range
from vatui.core.errors import ValidationError, VatuiError
from vatui.exports.output_file import check_output_file
from vatui.i18n import _, ngettext
from vatui.settings import paths
from vatui.settings.config import PREFIX, load_config, settings_to_dict
from vatui.store.backups import backup_dir
from vatui.store.exchange import export_dataset, import_dataset, parse_dataset
from vatui.store.history import all_records, archive_old, entries_between, tasks_by_id


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    where = sub.add_parser("where", parents=[common], help=_("show the data file, config file and themes folder in use"))
    where.set_defaults(func=cmd_where)

    export = sub.add_parser("export", parents=[common], help=_("write data out (JSON, iCalendar, CSV)"))
    fmt = export.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--json", action="store_true", help=_("the whole data set as JSON on stdout"))
    fmt.add_argument("--ics", action="store_true",
                     help=_("time blocks and due dates as an iCalendar file (Google Calendar, Outlook, Apple)"))
    fmt.add_argument("--csv", metavar="WHAT", choices=["entries", "tasks"],
                     help=_("CSV of WHAT: entries (date, start, end, duration, client, task, billable, amount, "
                            "currency) or tasks (the columns vatui import --csv tasks reads)"))
    add_period_options(export, with_named=False)
    export.add_argument("-o", "--output", metavar="FILE",
                        help=_("write to FILE (replaced whole, never half-written) instead of stdout"))
    export.set_defaults(func=cmd_export)

    arc = sub.add_parser("archive", parents=[common],
                         help=_("move finished work and old time entries into the archive now"))
    arc.set_defaults(func=cmd_archive)

    imp = sub.add_parser("import", parents=[common], help=_("read data in (a vatui JSON export, a CSV of tasks)"))
    ifmt = imp.add_mutually_exclusive_group(required=True)
    ifmt.add_argument("--json", metavar="FILE", help=_("a file written by vatui export --json ('-' for stdin)"))
    ifmt.add_argument("--csv", nargs=2, metavar=("WHAT", "FILE"),
                      help=_("tasks from a CSV file ('-' for stdin): vatui import --csv tasks FILE. Header: "
                             "title (required), client, batch, urgent, important, estimate, due, due_zone, notes, "
                             "checklist, status. Nothing is imported unless every row is valid."))
    imp.add_argument("--skip-bad", action="store_true",
                     help=_("with --csv: import the valid rows and list the bad ones, instead of importing nothing"))
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help=_("replace everything in the data file"))
    mode.add_argument("--merge", action="store_true", help=_("add to what the data file holds"))
    imp.set_defaults(func=cmd_import)


def _where_calendars(ctx: Context, path: Path) -> None:
    """The subscribed calendars, their addresses masked, and where their last good copies are.
    A data file vatui cannot read is said by the other commands: here it only hides this part."""
    from vatui.store import StoreError
    from vatui.store import calendars as subs

    if not path.exists():
        return
    try:
        found = subs.load(ctx.store)
    except (StoreError, ValueError, KeyError, TypeError):
        return
    if not found:
        return
    from vatui.calendars.mask import mask_source

    ctx.print(_("calendars:   {where}").format(where=subs.copies_dir(ctx.store)))
    for sub in found:
        ctx.print(f"  {sub.name}: {mask_source(sub.source)}")


def cmd_where(ctx: Context) -> int:
    data = ctx.data_location
    config = ctx.config_location
    ctx.print(_("data file:   {where}").format(where=data.describe()))
    ctx.print(_("backups:     {where}").format(where=backup_dir(data.path)))
    ctx.print(_("config file: {where}").format(where=config.describe()))
    ctx.print(_("themes:      {where}").format(where=paths.user_themes_dir(config.path)))
    _where_calendars(ctx, data.path)
    # Every problem with the config, remaps included: the cockpit's start-up note lists only the
    # first few and points here. (Read directly, not through ctx.config, which would print them
    # on stderr as every other command does: here they are the answer.)
    loaded = load_config(config.path)
    problems = list(loaded.warnings)
    if loaded.settings.keys:
        from vatui.settings.keymap import check_keymap  # loads Textual and the screens: only when there are remaps

        problems += check_keymap(dict(loaded.settings.keys))[1]
    problems += theme_problems(loaded.settings.theme, config.path)
    if problems:
        ctx.print()
        ctx.print(ngettext("{n} problem in {path}:", "{n} problems in {path}:", len(problems)).format(
            n=len(problems), path=config.path))
        for problem in problems:
            ctx.print("  • " + problem.removeprefix(PREFIX))
    return 0


def theme_problems(wanted: str, config_path: Path) -> list[str]:
    """The theme files that were refused, and the configured theme if no file or Textual provides
    it: what the cockpit would say at start-up."""
    from textual.theme import BUILTIN_THEMES

    from vatui.settings.themes import DEFAULT_THEME, load_themes

    found = load_themes(paths.shipped_themes_dir(), paths.user_themes_dir(config_path))
    problems = list(found.warnings)
    if wanted not in found.themes and wanted not in BUILTIN_THEMES:
        if wanted in found.refused:
            problems.append(_("Theme {name!r} is not used: its file was refused (the problem above); "
                              "using {default}.").format(name=wanted, default=DEFAULT_THEME))
        else:
            problems.append(_("Theme {name!r} was not found; using {default}.").format(name=wanted, default=DEFAULT_THEME))
    return problems


def cmd_archive(ctx: Context) -> int:
    moved = archive_old(ctx.store, ctx.clock.now(), ctx.config.settings.me_zone)
    ctx.print(_("Archived {tasks}, {entries} and {blocks} into {folder}.").format(
        folder=ctx.store.archive.folder,
        tasks=ngettext("{n} done task", "{n} done tasks", moved["tasks"]).format(n=moved["tasks"]),
        entries=ngettext("{n} time entry", "{n} time entries", moved["entries"]).format(n=moved["entries"]),
        blocks=ngettext("{n} time block", "{n} time blocks", moved["blocks"]).format(n=moved["blocks"])))
    return 0


def cmd_export(ctx: Context) -> int:
    # The file first: a folder that does not exist is refused before anything is worked out or
    # saved (the .ics export keeps a calendar id in the data file).
    target = check_output_file(ctx.args.output) if ctx.args.output is not None else None
    log_ended_phases(ctx)
    if ctx.args.json:
        if ctx.args.from_day or ctx.args.to_day:
            raise CliError(_("--from/--to work with --ics and --csv; --json exports everything"))
        doc = export_dataset(ctx.store, now=ctx.clock.now(), settings=settings_to_dict(ctx.config.settings))
        _emit(ctx, json.dumps(doc, indent=2, ensure_ascii=False) + "\n", target)
        return 0
    if ctx.args.ics:
        _emit(ctx, export_ics(ctx), target)
        return 0
    if ctx.args.csv == "entries":
        _emit(ctx, export_entries_csv(ctx), target)
        return 0
    if ctx.args.csv == "tasks":
        if ctx.args.from_day or ctx.args.to_day:
            raise CliError(_("--from/--to choose the days of entries; --csv tasks writes every task in the data file"))
        from vatui.exports.tasks_csv import tasks_csv

        clients = {c.id: c for c in ctx.store.clients.all() if c.id is not None}
        _emit(ctx, tasks_csv(ctx.store.tasks.all(), clients, ctx.config.settings.me_zone), target)
        return 0
    raise CliError(_("choose a format"))


def _emit(ctx: Context, text: str, target: Path | None) -> None:
    """To stdout, or to the --output file (checked by check_output_file) atomically: the old file
    or the new one, never half of one, and no folder created on the way."""
    if target is None:
        ctx.out.write(text)
        return
    from vatui.store.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(target, text.encode("utf-8"), make_folder=False)
    except OSError as exc:
        raise VatuiError(_("cannot write {file}: {reason}").format(file=target, reason=exc.strerror or exc)) from None
    print(_("Wrote {file}.").format(file=target), file=ctx.err)


def _bounds(ctx: Context) -> tuple[datetime | None, datetime | None]:
    """--from/--to as instants in my zone: from the first day's start to the last day's end."""
    from vatui.core.periods import local_midnight

    zone = ctx.config.settings.me_zone
    first, last = day_range(ctx)
    start = local_midnight(first, zone) if first else None
    end = local_midnight(last + timedelta(days=1), zone) if last else None
    return start, end


def calendar_id(ctx: Context) -> str:
    """The data file's calendar id, part of every event's UID (the same in an export and a push)."""
    from vatui.calendars.plan_events import calendar_id as kept_calendar_id

    return kept_calendar_id(ctx.store)


def export_ics(ctx: Context) -> str:
    """Blocks and due times; a recurring block series as one event with RRULE, its laid-out
    blocks not again as single events."""
    from vatui.exports.ics import build_calendar
    from vatui.store import block_series

    start, end = _bounds(ctx)
    store = ctx.store
    clients = {c.id: c for c in store.clients.all() if c.id is not None}
    blocks, extra = store.blocks.all(), []
    if block_series.has_series(store):
        from vatui.calendars.series_ics import series_events

        made = series_events(block_series.load(store), all_records(store, "blocks"), zone_name=ctx.config.settings.me_zone,
                             clients=clients, now=ctx.clock.now(), calendar_id=calendar_id(ctx), start=start, end=end)
        blocks, extra = [b for b in blocks if b.id not in made.covered], made.events
    cal = build_calendar(blocks=blocks, tasks=store.tasks.all(), clients=clients, now=ctx.clock.now(),
                         calendar_id=calendar_id(ctx), start=start, end=end, extra=extra)
    return cal.to_ical().decode("utf-8")


def export_entries_csv(ctx: Context) -> str:
    from vatui.core.periods import local_today, range_period
    from vatui.core.reports import pieces_in
    from vatui.exports.entries_csv import entries_csv

    settings = ctx.config.settings
    zone = settings.me_zone
    store = ctx.store
    first, last = day_range(ctx)
    entries = all_records(store, "entries") if first is None or last is None else entries_between(
        store, range_period(first, last, zone).start, range_period(first, last, zone).end)
    if entries and (first is None or last is None):
        first = first or min(local_today(e.start, zone) for e in entries)
        last = last or max(local_today(e.end, zone) for e in entries)
    if not entries or first is None or last is None or last < first:
        return entries_csv([], zone)
    pieces = pieces_in(range_period(first, last, zone), entries,
                       {c.id: c for c in store.clients.all() if c.id is not None},
                       tasks_by_id(store, {e.task_id for e in entries if e.task_id is not None}), settings.billing_rounding)
    return entries_csv(pieces, zone)


def cmd_import(ctx: Context) -> int:
    if ctx.args.skip_bad and not ctx.args.csv:
        raise CliError(_("--skip-bad works with --csv only; a JSON import is always all or nothing"))
    if ctx.args.csv:
        return import_tasks_csv(ctx)
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


def _read_text(source: str) -> str:
    try:
        if source == "-":
            return sys.stdin.read()
        return Path(source).expanduser().read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CliError(_("cannot read {file}: {reason}").format(file=source, reason=exc.strerror or exc)) from None
    except UnicodeDecodeError:
        raise CliError(_("{file} is not UTF-8 text; save it as \"CSV UTF-8\" and try again").format(file=source)) from None


def import_tasks_csv(ctx: Context) -> int:
    from vatui.core.task_csv import parse_task_rows

    what, source = ctx.args.csv
    if what != "tasks":
        raise CliError(_("vatui import --csv reads tasks: vatui import --csv tasks FILE (not {what!r})").format(what=what))
    if ctx.args.replace or ctx.args.merge:
        raise CliError(_("--replace/--merge are for --json; CSV tasks are always added"))
    text = _read_text(source)
    settings = ctx.config.settings
    store = ctx.store
    try:
        rows = parse_task_rows(text, now=ctx.clock.now(), my_zone=settings.me_zone, find_client=store.client_named)
    except ValidationError as exc:
        raise CliError(_("{file}: {problem}; nothing was imported").format(file=source, problem=exc.message)) from None
    for error in rows.errors:
        print(_("{file}: line {line}: {problem}").format(file=source, line=error.line, problem=error.message),
              file=ctx.err)
    bad = len({e.line for e in rows.errors})
    if bad and not ctx.args.skip_bad:
        good = len(rows.tasks)
        if not good:
            raise CliError(ngettext("{bad} bad row; nothing was imported (fix it and try again)",
                                    "{bad} bad rows; nothing was imported (fix them and try again)", bad).format(bad=bad))
        # Two counts, two plurals: the bad rows pick the sentence, the good rows the hint's noun.
        hint = ngettext("add --skip-bad to import the {good} good row", "add --skip-bad to import the {good} good rows",
                        good).format(good=good)
        raise CliError(ngettext("{bad} bad row; nothing was imported (fix it, or {hint})",
                                "{bad} bad rows; nothing was imported (fix them, or {hint})", bad).format(bad=bad, hint=hint))
    if not rows.tasks:
        raise CliError(_("{file} has no task rows; nothing was imported").format(file=source))
    added = store.tasks.add_many([task for _line, task in rows.tasks])
    message = ngettext("Imported {n} task.", "Imported {n} tasks.", len(added)).format(n=len(added))
    if bad:
        message += " " + ngettext("Skipped {bad} bad row.", "Skipped {bad} bad rows.", bad).format(bad=bad)
    ctx.print(message)
    return 0
