"""`vatui log`, `vatui entries`, `vatui entry edit|delete`: tracked time by hand, listed, fixed.

Times are typed and shown on my clock (config `[me] zone`); a day is a calendar day there.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import timedelta
from typing import Any

from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, client_of, log_ended_phases, my_hm, my_zone, table, task_of
from vatui.core.durations import format_duration
from vatui.core.grammar import parse_duration
from vatui.core.models import TimeEntry
from vatui.core.tracking import entries_on, local_date, log_window, manual_entry, parse_day
from vatui.i18n import _, pgettext
from vatui.text.timer_words import source_name


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    log = sub.add_parser("log", parents=[common], help=_("add tracked time by hand"))
    log.add_argument("--client", required=True, metavar="NAME", help=_("who the time was for"))
    log.add_argument("--from", dest="start", required=True, metavar="HH:MM", help=_("start, in your zone"))
    until = log.add_mutually_exclusive_group(required=True)
    until.add_argument("--to", dest="end", metavar="HH:MM",
                       help=_("end, in your zone (24:00 for midnight); earlier than --from: the next day, up to 12 hours"))
    until.add_argument("--for", dest="length", metavar="LENGTH", help=_("how long instead of --to: 45m, 2h, 1h30"))
    log.add_argument("--date", default="today", help=_("YYYY-MM-DD, today, yesterday or -N days (default today)"))
    log.add_argument("--task", type=int, metavar="ID", help=_("the task it was spent on"))
    log.add_argument("--note", default="", help=_("a note for the invoice"))
    log.add_argument("--no-billable", dest="billable", action="store_false", help=_("not billable"))
    log.set_defaults(func=cmd_log)

    entries = sub.add_parser("entries", parents=[common], help=_("list tracked time for a day"))
    entries.add_argument("--date", default="today", help=_("YYYY-MM-DD, today, yesterday or -N days"))
    entries.add_argument("--json", action="store_true", help=_("for scripts"))
    entries.set_defaults(func=cmd_entries)

    entry = sub.add_parser("entry", parents=[common], help=_("edit or delete a time entry"))
    esub = entry.add_subparsers(dest="entry_command", metavar="COMMAND", required=True)
    edit = esub.add_parser("edit", parents=[common], help=_("change a time entry"))
    edit.add_argument("id", type=int)
    edit.add_argument("--from", dest="start", metavar="HH:MM", help=_("new start, in your zone"))
    edit.add_argument("--to", dest="end", metavar="HH:MM", help=_("new end, in your zone"))
    edit.add_argument("--date", help=_("the day of --from/--to (default: the entry's own day)"))
    edit.add_argument("--client", metavar="NAME", help=_("move the time to another client"))
    edit.add_argument("--task", type=int, metavar="ID", help=_("the task (0 for none)"))
    edit.add_argument("--note", help=_("replace the note"))
    bill = edit.add_mutually_exclusive_group()
    bill.add_argument("--billable", dest="billable", action="store_true", default=None, help=_("bill this time"))
    bill.add_argument("--no-billable", dest="billable", action="store_false", help=_("do not bill this time"))
    edit.set_defaults(func=cmd_entry_edit)
    delete = esub.add_parser("delete", parents=[common], help=_("delete a time entry"))
    delete.add_argument("id", type=int)
    delete.set_defaults(func=cmd_entry_delete)


def cmd_log(ctx: Context) -> int:
    zone = my_zone(ctx)
    client = find_client(ctx, ctx.args.client)
    if ctx.args.task is not None:
        task = ctx.store.tasks.get(ctx.args.task)
        if task is None:
            raise CliError(_("there is no task {id}").format(id=ctx.args.task))
    day = parse_day(ctx.args.date, local_date(ctx.clock.now(), zone))
    length = parse_duration(ctx.args.length, field="for") if ctx.args.length is not None else None
    window = log_window(day, ctx.args.start, zone, end_text=ctx.args.end, length=length)
    entry = manual_entry(window, client_id=client.id, task_id=ctx.args.task, billable=ctx.args.billable,
                         note=ctx.args.note)
    saved = ctx.store.entries.add(entry)
    values = dict(time=format_duration(saved.duration), client=client.name, day=day.isoformat(),
                  start=my_hm(ctx, saved.start), end=my_hm(ctx, saved.end), id=saved.id,
                  billable="" if saved.billable else ", " + _("not billable"))
    if window.next_day:  # say so: "23:00-01:00" alone reads as a typo
        ctx.print(_("Logged {time} for {client} from {day} {start} to {end} the next day, {end_day} "
                    "(entry {id}{billable}).").format(end_day=local_date(saved.end, zone).isoformat(), **values))
    else:
        ctx.print(_("Logged {time} for {client} on {day}, {start}-{end} (entry {id}{billable}).").format(**values))
    return 0


def _entry_row(ctx: Context, e: TimeEntry) -> dict[str, Any]:
    client = client_of(ctx, e.client_id)
    task = task_of(ctx, e.task_id)
    return {
        "id": e.id, "start": e.start.isoformat().replace("+00:00", "Z"), "end": e.end.isoformat().replace("+00:00", "Z"),
        "minutes": round(e.duration.total_seconds() / 60, 2), "client": client.name if client else None,
        "client_id": e.client_id, "task_id": e.task_id, "task": task.title if task else None,
        "billable": e.billable, "source": e.source, "note": e.note,
    }


def cmd_entries(ctx: Context) -> int:
    log_ended_phases(ctx)
    zone = my_zone(ctx)
    day = parse_day(ctx.args.date, local_date(ctx.clock.now(), zone))
    found = entries_on(ctx.store.entries.all(), day, zone)
    if ctx.args.json:
        ctx.print(json.dumps({"date": day.isoformat(), "zone": zone.key, "entries": [_entry_row(ctx, e) for e in found]},
                             indent=2, ensure_ascii=False))
        return 0
    if not found:
        ctx.print(_("No time tracked on {day}.").format(day=day.isoformat()))
        return 0
    rows = []
    for e in found:
        r = _entry_row(ctx, e)
        title = r["task"] or ""
        rows.append([str(e.id), my_hm(ctx, e.start), my_hm(ctx, e.end), format_duration(e.duration), r["client"] or "-",
                     title if len(title) <= 40 else title[:39] + "…", _("yes") if e.billable else _("no"),
                     source_name(e.source), e.note])
    ctx.print(table(rows, [_("ID"), _("From"), _("To"), pgettext("a length of time", "Time"), _("Client"), _("Task"),
                           _("Billable"), _("Source"), _("Note")]))
    total = sum((e.duration for e in found), timedelta(0))
    ctx.print(_("Total {time} on {day} ({zone}).").format(time=format_duration(total), day=day.isoformat(), zone=zone.key))
    return 0


def _require_entry(ctx: Context, entry_id: int) -> TimeEntry:
    entry = ctx.store.entries.get(entry_id)
    if entry is None:
        raise CliError(_("there is no time entry {id} (see: vatui entries)").format(id=entry_id))
    return entry


def cmd_entry_edit(ctx: Context) -> int:
    a = ctx.args
    zone = my_zone(ctx)
    entry = _require_entry(ctx, a.id)
    changes: dict[str, Any] = {}
    if a.start is not None or a.end is not None or a.date is not None:
        day = parse_day(a.date, local_date(ctx.clock.now(), zone)) if a.date else local_date(entry.start, zone)
        start_text = a.start or my_hm(ctx, entry.start)
        end_text = a.end or my_hm(ctx, entry.end)
        window = log_window(day, start_text, zone, end_text=end_text)  # an overnight entry stays editable
        changes["start"], changes["end"] = window.start, window.end
    if a.client is not None:
        changes["client_id"] = find_client(ctx, a.client).id
    if a.task is not None:
        if a.task and ctx.store.tasks.get(a.task) is None:
            raise CliError(_("there is no task {id}").format(id=a.task))
        changes["task_id"] = a.task or None
    if a.note is not None:
        changes["note"] = a.note.strip()
    if a.billable is not None:
        changes["billable"] = a.billable
    if not changes:
        raise CliError(_("nothing to change: give at least one option, e.g. --to 10:45"))
    updated = ctx.store.entries.update(replace(entry, **changes))
    ctx.print(_("Updated entry {id}: {start}-{end}, {time}.").format(
        id=updated.id, start=my_hm(ctx, updated.start), end=my_hm(ctx, updated.end), time=format_duration(updated.duration)))
    return 0


def cmd_entry_delete(ctx: Context) -> int:
    entry = _require_entry(ctx, ctx.args.id)
    ctx.store.entries.delete(entry.id)  # type: ignore[arg-type]
    client = client_of(ctx, entry.client_id)
    zone = my_zone(ctx)
    ctx.print(_("Deleted entry {id} ({start}-{end}, {time}).").format(
        id=entry.id, start=my_hm(ctx, entry.start), end=my_hm(ctx, entry.end), time=format_duration(entry.duration)))
    if client is not None:
        again = (f"vatui log --client {json.dumps(client.name)} --date {local_date(entry.start, zone).isoformat()} "
                 f"--from {my_hm(ctx, entry.start)} --to {my_hm(ctx, entry.end)}")
        ctx.print(_("To put it back: {command}").format(command=again))
    return 0
