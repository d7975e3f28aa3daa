"""`vatui task repeat` and `vatui template schedule`: starting, changing and stopping series of
recurring tasks. The rule words are those of quick add (every:mon, after:3d, ...); the rule
modules load only when one of these commands runs."""

from __future__ import annotations

import argparse
from dataclasses import replace
from zoneinfo import ZoneInfo

from vatui.cli.common import CliError, Context
from vatui.i18n import _


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    task = sub.add_parser("task", parents=[common], help=_("change one task: repeat"))
    tsub = task.add_subparsers(dest="task_command", metavar="COMMAND", required=True)
    rep = tsub.add_parser("repeat", parents=[common], help=_("make a task repeat, change its rule, or stop it"),
                          description=_("RULE is every:day, every:weekday, every:mon, every:mon,thu, every:2w, "
                                        "every:month, every:month:15, every:month:last, every:month:last-business, "
                                        "every:quarter, every:year or after:3d."))
    rep.add_argument("id", type=int, metavar="ID")
    rep.add_argument("rule", nargs="?", metavar="RULE")
    rep.add_argument("--stop", action="store_true", help=_("stop the series: this task stays, no next one comes"))
    rep.set_defaults(func=cmd_task_repeat)


def register_schedule(tsub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sch = tsub.add_parser("schedule", parents=[common], help=_("make a checklist template a recurring task"),
                          description=_("One task named after the template, its items as the checklist, "
                                        "repeating by RULE (e.g. --every mon); due 17:00 client time."))
    sch.add_argument("name")
    sch.add_argument("--client", required=True, metavar="NAME")
    sch.add_argument("--every", required=True, metavar="RULE", help=_("e.g. mon, weekday, month:last"))
    sch.set_defaults(func=cmd_template_schedule)


def cmd_task_repeat(ctx: Context) -> int:
    from vatui.core import recurrence
    from vatui.core.errors import ValidationError
    from vatui.core.series import apply_repeat_field

    store = ctx.store
    task = store.tasks.get(ctx.args.id)
    if task is None:
        raise CliError(_("no task with id {id} (see vatui tasks)").format(id=ctx.args.id))
    if ctx.args.stop == (ctx.args.rule is not None):
        raise CliError(_("give a rule (e.g. every:mon) or --stop, one of the two"))
    if ctx.args.stop:
        store.tasks.update(replace(task, repeat=None))
        ctx.print(_("Task {id} no longer repeats: {title}").format(id=task.id, title=task.title))
        return 0
    client = store.clients.get(task.client_id) if task.client_id is not None else None
    zone_name = task.due_zone or (client.tz if client else ctx.config.settings.me_zone)
    try:
        changed = apply_repeat_field(task, ctx.args.rule, business_days=recurrence.business_days(client), zone=zone_name,
                                     now=ctx.clock.now())
    except ValidationError as exc:
        raise CliError(exc.message) from None
    store.tasks.update(changed)
    ctx.print(_("Task {id} repeats {rule}: {title}").format(id=task.id, rule=recurrence.describe(changed.repeat),
                                                            title=task.title))
    return 0


def cmd_template_schedule(ctx: Context) -> int:
    from vatui.cli.checklist_templates import find_template
    from vatui.cli.clients import find_client
    from vatui.core import recurrence, series
    from vatui.core.errors import ValidationError
    from vatui.core.models import ChecklistItem, ChecklistTemplateItem, Task

    template = find_template(ctx, ctx.args.name)
    client = find_client(ctx, ctx.args.client)
    now = ctx.clock.now()
    today = now.astimezone(ZoneInfo(client.tz)).date()
    word = ctx.args.every if ctx.args.every.startswith(("every:", "after:")) else f"every:{ctx.args.every}"
    try:
        rule = recurrence.parse_repeat(word, first_due=today, business_days=recurrence.business_days(client))
        due = series.first_due(rule, today, client.tz)
    except ValidationError as exc:
        raise CliError(exc.message) from None
    items = [i for i in template.items if isinstance(i, ChecklistTemplateItem)]
    estimates = [i.estimate for i in items if i.estimate is not None]
    task = ctx.store.tasks.add(Task(
        title=template.name, created=now, client_id=client.id, batch=items[0].batch if items else "admin",
        estimate=sum(estimates[1:], estimates[0]) if estimates else None, due=due, due_zone=client.tz,
        checklist=tuple(ChecklistItem(i.title) for i in items), repeat=rule,
        notes=_("From template {name}").format(name=template.name),
    ))
    ctx.print(_("Scheduled {template} for {client} {rule}: task {id}, first due {day}").format(
        template=template.name, client=client.name, rule=recurrence.describe(rule), id=task.id,
        day=due.astimezone(ZoneInfo(client.tz)).strftime("%a %Y-%m-%d %H:%M")))
    return 0
