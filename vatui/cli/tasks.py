"""`vatui add`, `vatui tasks`, `vatui done`, `vatui next` and `vatui template`: the task queues
from the shell, for quick capture and for scripts (`--json`)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from vatui.cli.checklist_templates import find_template
from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, table
from vatui.cli.repeats import register_schedule
from vatui.core.checklists import apply_checklist, make_checklist_template
from vatui.core.deadlines import DeadlineReader, DeadlineState
from vatui.core.durations import format_duration
from vatui.core.models import Client, Status, Task, Template
from vatui.core.queues import TaskFilter, View, build_view, order_tasks, pressing_until, view_key
from vatui.core.quickadd import format_template_item, parse_quick_add
from vatui.core.when_words import parse_day_field
from vatui.i18n import N_, _, ngettext
from vatui.store import codec
from vatui.text.queue_text import (
    QUADRANT_WORDS,
    STATUS_WORDS,
    deadline_words,
    describe_quick_add,
    format_moment,
    group_count,
    group_title,
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = sub.add_parser(
        "add", parents=[common], help=_("add a task in one line (quick-add syntax)"),
        description=_("Add a task: the words are its title, plus any of @client #batch !u !i ~15m "
                      "due:fri [17:00] [client] reply:24h // notes. Quote the line in single quotes "
                      "(# starts a comment in the shell, ! is history in bash)."),
    )
    add.add_argument("line", nargs="+", help=_("e.g. 'Reply to invoice question @acme #email !u !i ~15m due:fri reply:24h'"))
    add.add_argument("--client", metavar="NAME", help=_("the client, unless the line names one with @"))
    add.add_argument("--batch", metavar="NAME", help=_("the batch, unless the line names one with # (default admin)"))
    add.add_argument("-u", "--urgent", action="store_true", help=_("urgent (same as !u)"))
    add.add_argument("-i", "--important", action="store_true", help=_("important (same as !i)"))
    add.add_argument("--json", action="store_true", help=_("print the new task as JSON"))
    add.set_defaults(func=cmd_add)

    lst = sub.add_parser("tasks", parents=[common], help=_("list open tasks, next first"))
    lst.add_argument("--client", metavar="NAME", help=_("only this client's tasks"))
    lst.add_argument("--batch", metavar="NAME", help=_("only this batch"))
    lst.add_argument("--filter", metavar="TEXT", default="", help=_("words, @client and #batch, as / in the cockpit"))
    lst.add_argument("--view", choices=[v.value for v in View],
                     help=_("group as a cockpit view (default: one list in the order of the rule)"))
    lst.add_argument("--all", action="store_true", help=_("include finished tasks"))
    lst.add_argument("--json", action="store_true", help=_("JSON for scripts"))
    lst.set_defaults(func=cmd_tasks)

    done = sub.add_parser("done", parents=[common], help=_("mark tasks done"))
    done.add_argument("ids", nargs="+", type=_task_id, metavar="ID", help=_("task id (from vatui tasks)"))
    done.set_defaults(func=cmd_done)

    nxt = sub.add_parser("next", parents=[common], help=_("print the next task by the ordering rule"))
    nxt.add_argument("--client", metavar="NAME")
    nxt.add_argument("--batch", metavar="NAME")
    nxt.add_argument("--json", action="store_true")
    nxt.set_defaults(func=cmd_next)

    tpl = sub.add_parser("template", parents=[common], help=_("define checklist templates and apply them to a client"))
    tsub = tpl.add_subparsers(dest="template_command", metavar="COMMAND", required=True)
    tadd = tsub.add_parser("add", parents=[common], help=_("define a checklist template"),
                           description=_("Each item is a line like 'Collect logins #admin ~20m !i day:2' "
                                         "(due 2 days after the start day)."))
    tadd.add_argument("name")
    tadd.add_argument("--item", action="append", default=[], metavar="LINE", help=_("an item (repeat for more)"))
    tadd.add_argument("--file", metavar="PATH", help=_("read items from a file, one a line ('-' for stdin)"))
    tadd.add_argument("--replace", action="store_true", help=_("replace a template of the same name"))
    tadd.set_defaults(func=cmd_template_add)
    tls = tsub.add_parser("list", parents=[common], help=_("list templates"))
    tls.add_argument("--json", action="store_true")
    tls.set_defaults(func=cmd_template_list)
    tshow = tsub.add_parser("show", parents=[common], help=_("print a template's items"))
    tshow.add_argument("name")
    tshow.set_defaults(func=cmd_template_show)
    tapply = tsub.add_parser("apply", parents=[common], help=_("create a template's tasks for a client"))
    tapply.add_argument("name")
    tapply.add_argument("--client", required=True, metavar="NAME")
    tapply.add_argument("--start", default="today", metavar="DAY",
                        help=_("the start day in the client's zone: today, mon, +3d, 2026-12-01 (default today)"))
    tapply.set_defaults(func=cmd_template_apply)
    trm = tsub.add_parser("remove", parents=[common], help=_("remove a template (its tasks stay)"))
    trm.add_argument("name")
    trm.set_defaults(func=cmd_template_remove)
    register_schedule(tsub, common)


def _task_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a task id (a number, see vatui tasks)").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{text!r} is not a task id").format(text=text))
    return value


def _my_zone(ctx: Context) -> str:
    return ctx.config.settings.me_zone


def _today(ctx: Context) -> date:
    return ctx.clock.now().astimezone(ZoneInfo(_my_zone(ctx))).date()


# --- add ---------------------------------------------------------------------------------------


def cmd_add(ctx: Context) -> int:
    store = ctx.store
    line = " ".join(ctx.args.line)
    default_client = find_client(ctx, ctx.args.client) if ctx.args.client else None
    now = ctx.clock.now()
    parsed = parse_quick_add(line, clients=store.clients.all(), now=now, my_zone=_my_zone(ctx),
                             client=default_client, batch=ctx.args.batch.lower() if ctx.args.batch else None)
    if ctx.args.urgent or ctx.args.important:
        parsed = replace(parsed, urgent=parsed.urgent or ctx.args.urgent, important=parsed.important or ctx.args.important)
    task = store.tasks.add(parsed.to_task(now))
    if ctx.args.json:
        ctx.print(json.dumps(_task_json(task, _clients(ctx), DeadlineReader(_clients(ctx), now, _my_zone(ctx))), indent=2))
    else:
        ctx.print(_("Added task {id}: {what}").format(id=task.id, what=describe_quick_add(parsed, my_zone=_my_zone(ctx))))
        _note_due_on_holiday(ctx, task)
        if task.repeat is not None:
            from vatui.core.recurrence import describe

            ctx.print(_("Repeats {rule}; done makes the next one.").format(rule=describe(task.repeat)))
    return 0


def _note_due_on_holiday(ctx: Context, task: Task) -> None:
    """Point out a due date on the client's holiday or closed day (the task is kept as typed)."""
    client = _clients(ctx).get(task.client_id) if task.client_id is not None else None
    if task.due is None or client is None or not (client.holidays or client.closed):
        return
    from vatui.core.client_holidays import due_on_holiday
    from vatui.text.holiday_text import due_on_holiday_words

    found = due_on_holiday(task.due, client)
    if found is not None:
        ctx.print("  " + due_on_holiday_words(client.name, *found))


# --- list --------------------------------------------------------------------------------------


def _clients(ctx: Context) -> dict[int, Client]:
    return {c.id: c for c in ctx.store.clients.all() if c.id is not None}


def _task_json(t: Task, clients: dict[int, Client], reader: DeadlineReader) -> dict:
    client = clients.get(t.client_id) if t.client_id is not None else None
    out = {"id": t.id, **codec.encode_task(t), "repeat": t.repeat,
           "series": (t.series if t.series is not None else t.id) if t.repeat is not None or t.series is not None else None,
           "client_name": client.name if client else None,
           "quadrant": t.quadrant.value}
    for d in reader.both(t):
        out[f"{d.kind.value}_state"] = d.state.value
        out[f"{d.kind.value}_left_min"] = int(d.left.total_seconds() // 60)
        out[f"{d.kind.value}_local"] = d.at.astimezone(ZoneInfo(d.zone)).isoformat()
    return out


def _selected(ctx: Context) -> list[Task]:
    flt = TaskFilter.parse(getattr(ctx.args, "filter", "") or "")
    client = find_client(ctx, ctx.args.client) if ctx.args.client else None
    batch = ctx.args.batch.lower() if ctx.args.batch else None
    out = []
    clients = _clients(ctx)
    for t in ctx.store.tasks.all():
        if client is not None and t.client_id != client.id:
            continue
        if batch is not None and t.batch != batch:
            continue
        if not flt.is_empty and not flt.matches(t, clients.get(t.client_id) if t.client_id else None):
            continue
        out.append(t)
    return out


def _row(t: Task, clients: dict[int, Client], reader: DeadlineReader, today: date) -> list[str]:
    client = clients.get(t.client_id) if t.client_id is not None else None
    due = reader.due(t)
    reply = reader.reply(t)
    status = _(STATUS_WORDS[t.status])
    if t.status is Status.DEFERRED and t.defer_until:
        status = _("until {day}").format(day=t.defer_until.isoformat())
    checklist = f"{sum(i.done for i in t.checklist)}/{len(t.checklist)}" if t.checklist else ""
    title = t.title if len(t.title) <= 48 else t.title[:47].rsplit(" ", 1)[0] + "…"
    return [
        str(t.id), client.name if client else "-", t.batch, _(QUADRANT_WORDS[t.quadrant]), title,
        format_duration(t.estimate) if t.estimate else "", checklist,
        (format_moment(due.at, due.zone) + ("" if due.state is DeadlineState.OK else " " + _("({state})").format(
            state=_("overdue") if due.state is DeadlineState.OVERDUE else _("soon")))) if due else "",
        deadline_words(reply, reader.now, short=False, mine=reader.my_zone)[0] if reply else "",
        status,
    ]


HEADERS = [N_("ID"), N_("Client"), N_("Batch"), N_("Quadrant"), N_("Title"), N_("Est"), N_("List"),
           N_("Due (client time)"), N_("Reply by"), N_("Status")]


def settle_series(ctx: Context) -> None:
    """Catch recurring tasks up to now (one late instance per series) before they are read.
    Loads the rule modules only when some open task repeats."""
    if any(t.repeat is not None for t in ctx.store.tasks.all()):
        from vatui.store.series import settle
        settle(ctx.store, ctx.clock.now(), _my_zone(ctx))


def cmd_tasks(ctx: Context) -> int:
    settle_series(ctx)
    now = ctx.clock.now()
    today = _today(ctx)
    clients = _clients(ctx)
    reader = DeadlineReader(clients, now, _my_zone(ctx))
    tasks = _selected(ctx)
    if not ctx.args.all:
        tasks = [t for t in tasks if t.status is not Status.DONE]
    headers = [_(h) for h in HEADERS]
    if ctx.args.view:
        qv = build_view(View(ctx.args.view), tasks, clients, today, my_zone=_my_zone(ctx))
        ordered = qv.tasks()
    else:
        ordered = sorted(tasks, key=lambda t: (t.status is Status.DONE, view_key(t, today)))
    if ctx.args.json:
        ctx.print(json.dumps([_task_json(t, clients, reader) for t in ordered], indent=2))
        return 0
    if not ordered:
        ctx.print(_("No open tasks. Add one: vatui add 'Reply to Acme @acme #email ~15m'"))
        return 0
    if ctx.args.view:
        blocks: list[str] = []
        rows: list[list[str]] = []
        for row in qv.rows:
            if row.task is None:
                if rows:
                    blocks.append(table(rows, headers))
                    rows = []
                blocks.append(("  " * row.group.depth) + f"{group_title(row.group, today)} · {group_count(row.group)}")
            else:
                rows.append(_row(row.task, clients, reader, today))
        if rows:
            blocks.append(table(rows, headers))
        ctx.print("\n".join(blocks))
    else:
        ctx.print(table([_row(t, clients, reader, today) for t in ordered], headers))
    return 0


def cmd_next(ctx: Context) -> int:
    settle_series(ctx)
    ctx.args.filter = ""
    today = _today(ctx)
    settings = ctx.config.settings
    ordered = order_tasks(_selected(ctx), today, pressing_until(ctx.clock.now(), settings.me_hours, settings.me_zone))
    if not ordered:
        ctx.print(_("Nothing to do: every open task is waiting or deferred."))
        return 1
    t = ordered[0]
    clients = _clients(ctx)
    if ctx.args.json:
        ctx.print(json.dumps(_task_json(t, clients, DeadlineReader(clients, ctx.clock.now(), _my_zone(ctx))), indent=2))
    else:
        client = clients.get(t.client_id) if t.client_id else None
        name = client.name if client else _("no client")
        ctx.print(f"{t.id}  {t.title}  ({name}, {t.batch})")
    return 0


def cmd_done(ctx: Context) -> int:
    store = ctx.store
    now = ctx.clock.now()
    missing = [i for i in ctx.args.ids if store.tasks.get(i) is None]
    if missing:
        raise CliError(_("no task with id {ids} (see vatui tasks); nothing was changed").format(
            ids=", ".join(map(str, missing))))
    with store.transaction():
        for task_id in ctx.args.ids:
            task = store.tasks.require(task_id)
            if task.status is Status.DONE:
                ctx.print(_("Task {id} was already done: {title}").format(id=task_id, title=task.title))
                continue
            if task.repeat is None:
                store.tasks.update(replace(task, status=Status.DONE, done_at=now))
            else:
                from vatui.store.series import mark_done
                _done, nxt = mark_done(store, task, now, _my_zone(ctx))
            ctx.print(_("Done: {id} {title}").format(id=task_id, title=task.title))
            if task.repeat is not None and nxt is not None:
                ctx.print(_("Next: {id} due {when}").format(
                    id=nxt.id, when=format_moment(nxt.due, nxt.due_zone or _my_zone(ctx))))  # type: ignore[arg-type]
    return 0


# --- templates ---------------------------------------------------------------------------------


def cmd_template_add(ctx: Context) -> int:
    lines = list(ctx.args.item)
    if ctx.args.file:
        try:
            text = sys.stdin.read() if ctx.args.file == "-" else open(ctx.args.file, encoding="utf-8").read()
        except OSError as exc:
            raise CliError(_("cannot read {path}: {error}").format(path=ctx.args.file, error=exc.strerror)) from None
        lines += text.splitlines()
    if not lines:
        raise CliError(_("give the items: --item 'Send welcome email #email ~15m day:0' (repeat), or --file PATH"))
    template = make_checklist_template(ctx.args.name, lines)
    store = ctx.store
    with store.transaction():
        same = [t for t in store.templates.all() if t.name.casefold() == template.name.casefold()]
        if same and not ctx.args.replace:
            raise CliError(_("there is already a template called {name}; add --replace to replace it").format(
                name=same[0].name))
        for old in same:
            store.templates.delete(old.id)  # type: ignore[arg-type]
        saved = store.templates.add(template)
    ctx.print(ngettext("Saved template {name} with {n} item.", "Saved template {name} with {n} items.",
                       len(saved.items)).format(name=saved.name, n=len(saved.items)))
    return 0


def cmd_template_list(ctx: Context) -> int:
    templates = sorted((t for t in ctx.store.templates.all() if t.kind == "checklist"), key=lambda t: t.name.casefold())
    if ctx.args.json:
        ctx.print(json.dumps([{"id": t.id, **codec.encode_template(t)} for t in templates], indent=2))
        return 0
    if not templates:
        ctx.print(_("No checklist templates yet. Define one: vatui template add 'Client onboarding' "
                    "--item 'Send welcome email #email ~15m day:0' --item 'Collect logins #admin day:2'"))
        return 0
    def span(t: Template) -> str:
        days = max((i.offset_days for i in t.items), default=0)  # type: ignore[union-attr]
        return ngettext("{n} day", "{n} days", days).format(n=days)

    ctx.print(table([[t.name, str(len(t.items)), span(t)] for t in templates], [_("Name"), _("Items"), _("Spans")]))
    return 0


def cmd_template_show(ctx: Context) -> int:
    template = find_template(ctx, ctx.args.name)
    ctx.print(f"# {template.name}")
    for item in template.items:
        ctx.print(format_template_item(item))  # type: ignore[arg-type]
    return 0


def cmd_template_apply(ctx: Context) -> int:
    template = find_template(ctx, ctx.args.name)
    client = find_client(ctx, ctx.args.client)
    now = ctx.clock.now()
    today = now.astimezone(ZoneInfo(client.tz)).date()
    start = parse_day_field(ctx.args.start, today=today, field="start")
    tasks = ctx.store.tasks.add_many(apply_checklist(template, client, start, now))
    ctx.print(ngettext("Added {n} task for {client} from {template}, starting {day}:",
                       "Added {n} tasks for {client} from {template}, starting {day}:", len(tasks)).format(
        n=len(tasks), client=client.name, template=template.name, day=start.isoformat()))
    for t in tasks:
        ctx.print(f"  {t.id}  {t.title}  " + _("due {when}").format(when=format_moment(t.due, client.tz)))  # type: ignore[arg-type]
    return 0


def cmd_template_remove(ctx: Context) -> int:
    template = find_template(ctx, ctx.args.name)
    ctx.store.templates.delete(template.id)  # type: ignore[arg-type]
    ctx.print(_("Removed template {name}; tasks made from it stay.").format(name=template.name))
    return 0

