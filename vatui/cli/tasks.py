"""`vatui add`: capture a task from the shell."""

from __future__ import annotations

import argparse

from vatui.cli.clients import find_client
from vatui.cli.common import Context
from vatui.core.models import Task
from vatui.i18n import _


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = sub.add_parser("add", parents=[common], help=_("add a task"))
    add.add_argument("title", help=_("what to do"))
    add.add_argument("--client", metavar="NAME", help=_("the client it is for"))
    add.add_argument("--batch", default="admin", help=_("batch, e.g. email, social, invoicing (default admin)"))
    add.set_defaults(func=cmd_add)


def cmd_add(ctx: Context) -> int:
    client = find_client(ctx, ctx.args.client) if ctx.args.client else None
    task = ctx.store.tasks.add(
        Task(title=ctx.args.title, created=ctx.clock.now(), client_id=client.id if client else None, batch=ctx.args.batch)
    )
    who = client.name if client else _("no client")
    ctx.print(_("Added task {id}: {title} ({who}, {batch}).").format(id=task.id, title=task.title, who=who, batch=task.batch))
    return 0
