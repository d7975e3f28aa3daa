"""`vatui block add --every RULE`, and `block edit|remove --series`: recurring blocks from the
shell (core/block_series.py has the model). The rule modules load only when a series exists."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from vatui.cli.block_common import clients_by_id, describe, my_today, my_zone_name
from vatui.cli.common import CliError, Context
from vatui.core.models import TimeBlock
from vatui.i18n import _, ngettext
from vatui.text.formats import long_day


def lay_out(ctx: Context, day: date | None = None) -> None:
    """Blocks of every series laid out a fortnight past today (and through `day` when later):
    called before a day's blocks are read. Nothing loads or is written when no series exists."""
    from vatui.store import block_series as stored

    if not stored.has_series(ctx.store):
        return
    from vatui.core.block_series import horizon

    upto = horizon(my_today(ctx))
    stored.extend(ctx.store, max(upto, day) if day else upto, my_zone_name(ctx))


def add_series(ctx: Context, block: TimeBlock, every: str) -> int:
    from vatui.core import recurrence
    from vatui.core.errors import ValidationError
    from vatui.store import block_series as stored

    zone_name = my_zone_name(ctx)
    client = ctx.store.clients.get(block.client_id) if block.client_id is not None else None
    business = recurrence.business_days(client)
    word = every if every.startswith("every:") else f"every:{every}"
    day = block.start.astimezone(ZoneInfo(zone_name)).date()
    try:
        rule = recurrence.parse_repeat(word, first_due=day, business_days=business)
        if recurrence.is_after(rule):
            raise ValidationError(_("--every: a block repeats by the calendar; after:N is for tasks"), field="every")
    except ValidationError as exc:
        raise CliError(exc.message) from None
    series, added = stored.add_series(ctx.store, block, rule, zone_name, my_today(ctx))
    ctx.print(ngettext("Added a block series {rule}: {what}, from {day}; {n} block laid out so far.",
                       "Added a block series {rule}: {what}, from {day}; {n} blocks laid out so far.", len(added)).format(
        rule=recurrence.describe(rule), what=describe(block, zone_name, clients_by_id(ctx)),
        day=long_day(series.anchor, pad=True), n=len(added)))
    return 0


def _series_of(block: TimeBlock) -> int:
    if block.series is None:
        raise CliError(_("block {id} is not part of a series (--series is for blocks added with --every)").format(
            id=block.id))
    return block.series


def edit_series(ctx: Context, old: TimeBlock, typed: TimeBlock) -> int:
    from vatui.store import block_series as stored

    _series_of(old)
    changed = stored.edit_from(ctx.store, old, typed, my_zone_name(ctx))
    if changed is None:
        raise CliError(_("the series of block {id} has ended; edit the block alone (without --series)").format(id=old.id))
    ctx.print(ngettext("Updated the series from {day} on: {what} ({n} block).",
                       "Updated the series from {day} on: {what} ({n} blocks).", len(changed)).format(
        day=long_day(old.start.astimezone(ZoneInfo(my_zone_name(ctx))).date(), pad=True),
        what=describe(typed, my_zone_name(ctx), clients_by_id(ctx)), n=len(changed)))
    return 0


def remove_series(ctx: Context, block: TimeBlock) -> int:
    from vatui.store import block_series as stored

    _series_of(block)
    n = stored.remove_from(ctx.store, block, my_zone_name(ctx))
    ctx.print(ngettext("Ended the series: removed {n} block from {what} on; earlier days stay.",
                       "Ended the series: removed {n} blocks from {what} on; earlier days stay.", n).format(
        n=n, what=describe(block, my_zone_name(ctx), clients_by_id(ctx))))
    return 0
