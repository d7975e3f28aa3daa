"""`vatui block copy` and `vatui block template save|apply|list`: a day's plan laid onto another
day, or kept under a name and applied later (wall-clock times, so 09:30 stays 09:30 on any day).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from vatui.cli.block_common import clients_by_id, my_today, my_zone_name, parse_day
from vatui.cli.common import CliError, Context, table
from vatui.core import block_edits
from vatui.core import blocks as core
from vatui.core.hours import format_clock_time
from vatui.core.models import Template
from vatui.i18n import _, ngettext
from vatui.text.formats import weekday_day_month


def cmd_copy(ctx: Context) -> int:
    zone_name = my_zone_name(ctx)
    target = parse_day(ctx.args.date, my_today(ctx))
    source = parse_day(ctx.args.source, target - timedelta(days=1), option="--from") if ctx.args.source else \
        target - timedelta(days=1)
    store = ctx.store
    new, skipped = block_edits.copy_day(store.blocks.all(), source, target, zone_name, known_clients=set(clients_by_id(ctx)))
    if not new and not skipped:
        raise CliError(_("no block starts on {day}, so there is nothing to copy").format(day=source.isoformat()))
    added = store.blocks.add_many(new)
    ctx.print(ngettext("Copied {count} block from {source} to {target}.", "Copied {count} blocks from {source} to {target}.",
                       len(added)).format(count=len(added), source=weekday_day_month(source, pad=True),
                                          target=weekday_day_month(target, pad=True)))
    _say_skipped(ctx, skipped)
    return 0


def _day_templates(ctx: Context) -> list[Template]:
    return sorted((t for t in ctx.store.templates.all() if t.kind == "day"), key=lambda t: t.name.casefold())


def find_template(templates: list[Template], name: str) -> Template:
    key = name.strip().casefold()
    exact = [t for t in templates if t.name.casefold() == key]
    matches = exact or [t for t in templates if t.name.casefold().startswith(key)]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(t.name for t in templates) or _("none yet")
    if matches:
        raise CliError(_("{name!r} fits several templates ({names})").format(name=name, names=", ".join(t.name for t in matches)))
    raise CliError(_("no day template called {name!r} (templates: {known})").format(name=name, known=known))


def cmd_template_save(ctx: Context) -> int:
    zone_name = my_zone_name(ctx)
    day = parse_day(ctx.args.date, my_today(ctx))
    template = block_edits.day_template(ctx.args.name, ctx.store.blocks.all(), day, zone_name)
    same = [t for t in _day_templates(ctx) if t.name.casefold() == template.name.casefold()]
    if same:
        saved = ctx.store.templates.update(replace(template, id=same[0].id))
    else:
        saved = ctx.store.templates.add(template)
    ctx.print(ngettext("Saved {count} block of {day} as the day template {name!r}.",
                       "Saved {count} blocks of {day} as the day template {name!r}.", len(saved.items)).format(
        count=len(saved.items), day=weekday_day_month(day, pad=True), name=saved.name))
    return 0


def cmd_template_apply(ctx: Context) -> int:
    zone_name = my_zone_name(ctx)
    day = parse_day(ctx.args.date, my_today(ctx))
    template = find_template(_day_templates(ctx), ctx.args.name)
    store = ctx.store
    new, skipped = block_edits.blocks_from_items(template.items, day, zone_name,  # type: ignore[arg-type]
                                                 existing=core.blocks_on(store.blocks.all(), day, zone_name),
                                                 known_clients=set(clients_by_id(ctx)))
    added = store.blocks.add_many(new)
    ctx.print(ngettext("Added {count} block from {name!r} to {day}.", "Added {count} blocks from {name!r} to {day}.",
                       len(added)).format(count=len(added), name=template.name, day=weekday_day_month(day, pad=True)))
    _say_skipped(ctx, skipped)
    return 0


def _say_skipped(ctx: Context, skipped: int) -> None:
    if skipped:
        ctx.print(ngettext("Skipped {count} (already there, or for a client that no longer exists).",
                           "Skipped {count} (already there, or for a client that no longer exists).",
                           skipped).format(count=skipped))


def cmd_template_list(ctx: Context) -> int:
    templates = _day_templates(ctx)
    if not templates:
        ctx.print(_('No day templates yet. Save one: vatui block template save Monday'))
        return 0
    clients = clients_by_id(ctx)
    rows = []
    for t in templates:
        items = t.items
        span = ""
        if items:
            first = min(i.start_minute for i in items)  # type: ignore[union-attr]
            last = max(i.start_minute + i.minutes for i in items)  # type: ignore[union-attr]
            span = f"{format_clock_time(first)}-{format_clock_time(last % 1440)}"
        who = sorted({clients[i.client_id].name for i in items if i.client_id in clients})  # type: ignore[union-attr]
        rows.append([t.name, str(len(items)), span, ", ".join(who)])
    ctx.print(table(rows, [_("Name"), _("Blocks"), _("Span"), _("Clients")]))
    return 0
