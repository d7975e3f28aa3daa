"""What the `vatui block` commands share: the day they act on (in my zone), the clients by id,
and a block described in a message.
"""

from __future__ import annotations

from datetime import date, timedelta

from vatui.cli.common import CliError, Context
from vatui.core import blocks as core
from vatui.core.models import Client, TimeBlock
from vatui.i18n import _
from vatui.text.formats import hm


def my_zone_name(ctx: Context) -> str:
    return ctx.config.settings.me_zone


def my_today(ctx: Context) -> date:
    return core.day_of(ctx.clock.now(), my_zone_name(ctx))


def parse_day(text: str | None, today: date, *, option: str = "--date") -> date:
    from vatui.core.models import supported_day

    return supported_day(_parse_day(text, today, option=option), option)


def _parse_day(text: str | None, today: date, *, option: str) -> date:
    if text is None:
        return today
    words = {"today": 0, "tomorrow": 1, "yesterday": -1}
    key = text.strip().lower()
    if key in words:
        return today + timedelta(days=words[key])
    try:
        return date.fromisoformat(key)
    except ValueError:
        pass
    from vatui.core.when_words import parse_day as day_word  # the day words due: takes: fri, +3d, eow, 1dec

    spec = day_word(key)
    if spec is not None and not isinstance(spec, timedelta):
        return spec(today)
    raise CliError(_("{option}: {text!r} is not a date; write YYYY-MM-DD, today, tomorrow or yesterday")
                   .format(option=option, text=text))


def clients_by_id(ctx: Context) -> dict[int, Client]:
    return {c.id: c for c in ctx.store.clients.all() if c.id is not None}


def describe(block: TimeBlock, zone_name: str, clients: dict[int, Client]) -> str:
    """ "09:30-11:00 Acme weekly report" for messages."""
    start, end = core.local_span(block, zone_name)
    who = clients[block.client_id].name if block.client_id in clients else ("#" + block.batch if block.batch else "")
    return " ".join(p for p in (f"{hm(start)}-{hm(end)}", who, block.note) if p)
