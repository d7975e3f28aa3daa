"""What the `vatui block` commands share: the day they act on (in my zone), the clients by id,
and a block described in a message.
"""

from __future__ import annotations

from datetime import date

from vatui.cli.common import Context
from vatui.core import blocks as core
from vatui.core.models import Client, TimeBlock
from vatui.text.formats import hm


def my_zone_name(ctx: Context) -> str:
    return ctx.config.settings.me_zone


def my_today(ctx: Context) -> date:
    return core.day_of(ctx.clock.now(), my_zone_name(ctx))


def parse_day(text: str | None, today: date, *, option: str = "--date") -> date:
    """The day a block command acts on: today when not given, else any day word (grammar.parse_day)."""
    from vatui.core.grammar import parse_day as grammar_parse_day

    return today if text is None else grammar_parse_day(text, today=today, field=option, allow_past=True)


def clients_by_id(ctx: Context) -> dict[int, Client]:
    return {c.id: c for c in ctx.store.clients.all() if c.id is not None}


def describe(block: TimeBlock, zone_name: str, clients: dict[int, Client]) -> str:
    """ "09:30-11:00 Acme weekly report" for messages."""
    start, end = core.local_span(block, zone_name)
    who = clients[block.client_id].name if block.client_id in clients else ("#" + block.batch if block.batch else "")
    return " ".join(p for p in (f"{hm(start)}-{hm(end)}", who, block.note) if p)
