"""`vatui block add|list|edit|remove|shift|copy|template`: the day's time blocks from the shell.
Copying and templates are in block_templates.py; what the commands share in block_common.py.

Days are calendar days in my zone (config `[me] zone`); times are typed as in the cockpit,
e.g. "9:30-11 @acme weekly report", "14:00 90m #email", "now 45m".
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from vatui.cli.block_common import clients_by_id, describe, my_today, my_zone_name, parse_day
from vatui.cli.block_meetings import MARK, DayMeetings, day_meetings, refuse_meeting_ref
from vatui.cli.block_series import add_series, edit_series, lay_out, remove_series
from vatui.cli.block_templates import cmd_copy, cmd_template_apply, cmd_template_list, cmd_template_save
from vatui.cli.common import CliError, Context, table
from vatui.core import block_edits, block_syntax
from vatui.core import blocks as core
from vatui.core.durations import format_duration
from vatui.core.models import Client, TimeBlock
from vatui.i18n import _, ngettext, pgettext
from vatui.text.formats import hm, long_day, weekday


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    block = sub.add_parser("block", parents=[common], help=_("plan the day in time blocks: add, list, edit, shift"),
                           description=_('Time blocks in your zone. Type a block as in the cockpit: "9:30-11 @acme '
                                         'weekly report", "14:00 90m #email", "now 45m", "23:00 2h" (past midnight).'))
    bsub = block.add_subparsers(dest="block_command", metavar="COMMAND", required=True)

    add = bsub.add_parser("add", parents=[common], help=_("add a block, e.g. \"9:30-11 @acme weekly report\""))
    add.add_argument("text", help=_("start-end or start and length, then @client, #batch and a note"))
    _date_option(add)
    add.add_argument("--every", metavar="RULE", help=_("repeat on every matching day from --date on: weekday, mon,thu, "
                                                       "2w, month:15, month:last-business ... (as every: in tasks)"))
    add.set_defaults(func=cmd_add)

    lst = bsub.add_parser("list", parents=[common], help=_("list a day's blocks (today unless --date)"))
    _date_option(lst)
    lst.add_argument("--json", action="store_true", help=_("machine-readable output"))
    lst.set_defaults(func=cmd_list)

    edit = bsub.add_parser("edit", parents=[common], help=_("replace a block with newly typed text"))
    edit.add_argument("id", help=_("block id, from vatui block list"))
    edit.add_argument("text", help=_("the block as it should be, e.g. \"10:00-11:30 @acme\""))
    edit.add_argument("--series", action="store_true",
                      help=_("change its series from this day on (without it: this day only)"))
    edit.set_defaults(func=cmd_edit)

    rm = bsub.add_parser("remove", parents=[common], help=_("delete a block"))
    rm.add_argument("id", help=_("block id, from vatui block list"))
    rm.add_argument("--series", action="store_true",
                    help=_("end its series: remove it and the series' later blocks (without it: this day only)"))
    rm.set_defaults(func=cmd_remove)

    shift = bsub.add_parser("shift", parents=[common],
                            help=_("after a block ran long: make it longer and move every later block of the day"))
    shift.add_argument("by", nargs="?", metavar="DURATION",
                       help=_("how much, e.g. 20m; to pull blocks earlier write -- -15m or --by=-15m "
                              "(default: how long the block has overrun until now)"))
    shift.add_argument("--by", dest="by_option", metavar="DURATION", help=_("the same as DURATION"))
    shift.add_argument("--after", type=int, metavar="ID",
                       help=_("the block that ran long (default: the one that ended last)"))
    shift.set_defaults(func=cmd_shift)

    copy = bsub.add_parser("copy", parents=[common],
                           help=_("copy a day's plan onto another day (default: yesterday's onto today)"))
    copy.add_argument("--from", dest="source", metavar="DATE", help=_("the day to copy (default: the day before --date)"))
    _date_option(copy)
    copy.set_defaults(func=cmd_copy)

    tpl = bsub.add_parser("template", parents=[common], help=_("save a day's plan as a named template, or apply one"))
    tsub = tpl.add_subparsers(dest="template_command", metavar="COMMAND", required=True)
    save = tsub.add_parser("save", parents=[common], help=_("save a day's blocks as a template (replaces one of that name)"))
    save.add_argument("name")
    _date_option(save)
    save.set_defaults(func=cmd_template_save)
    apply = tsub.add_parser("apply", parents=[common], help=_("add a template's blocks to a day"))
    apply.add_argument("name")
    _date_option(apply)
    apply.set_defaults(func=cmd_template_apply)
    tlist = tsub.add_parser("list", parents=[common], help=_("list day templates"))
    tlist.set_defaults(func=cmd_template_list)


def _date_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", metavar="DATE", help=_("YYYY-MM-DD, today, tomorrow or yesterday (default: today, in your zone)"))


def _block(ctx: Context, block_id: int) -> TimeBlock:
    found = ctx.store.blocks.get(block_id)
    if found is None:
        raise CliError(_("no block {id}; vatui block list shows the ids").format(id=block_id))
    return found


def cmd_add(ctx: Context) -> int:
    day = parse_day(ctx.args.date, my_today(ctx))
    store = ctx.store
    block = block_syntax.parse_block(ctx.args.text, day=day, zone_name=my_zone_name(ctx), now=ctx.clock.now(),
                                     clients=store.clients.all)
    if ctx.args.every:
        return add_series(ctx, block, ctx.args.every)
    added = store.blocks.add(block)
    start_day = core.day_of(added.start, my_zone_name(ctx))
    ctx.print(_("Added block {id}: {what} ({day}).").format(
        id=added.id, what=describe(added, my_zone_name(ctx), clients_by_id(ctx)), day=long_day(start_day, pad=True)))
    _warn_flags(ctx, added, start_day)
    return 0


def _warn_flags(ctx: Context, block: TimeBlock, day: date) -> None:
    plan = _plan(ctx, day)
    n = plan.index_of(block.id)
    if n is None:
        return
    info, clients = plan.items[n], clients_by_id(ctx)
    for m in info.overlaps:
        ctx.print(_("Note: it overlaps block {id} ({what}).").format(
            id=plan.items[m].block.id, what=describe(plan.items[m].block, my_zone_name(ctx), clients)))
    for m in info.too_close:
        ctx.print(_("Note: less than {buffer} from block {id} ({what}).").format(
            buffer=format_duration(ctx.config.settings.block_buffer), id=plan.items[m].block.id,
            what=describe(plan.items[m].block, my_zone_name(ctx), clients)))
    client = clients.get(block.client_id) if block.client_id is not None else None
    if info.outside_hours and client is not None:
        ctx.print(_("Note: it falls outside {client}'s business hours ({hours}, {zone}).").format(
            client=client.name, hours=client.hours.format(), zone=client.tz))


def _plan(ctx: Context, day: date) -> core.DayPlan:
    store = ctx.store
    task_batches = {t.id: t.batch for t in store.tasks.all() if t.id is not None}
    lo, hi = core.day_bounds(day, my_zone_name(ctx))
    if hi < ctx.clock.now() - timedelta(days=28):  # old days may be in the archive
        from vatui.store.history import blocks_between, entries_between

        blocks, entries = blocks_between(store, lo, hi), entries_between(store, lo, hi)
    else:
        blocks, entries = store.blocks.all(), store.entries.all()
    return core.plan_day(blocks, day, my_zone_name(ctx), buffer=ctx.config.settings.block_buffer,
                         entries=entries, task_batches=task_batches, clients=clients_by_id(ctx))


def cmd_list(ctx: Context) -> int:
    zone_name = my_zone_name(ctx)
    day = parse_day(ctx.args.date, my_today(ctx))
    lay_out(ctx, day)
    plan = _plan(ctx, day)
    clients = clients_by_id(ctx)
    now = ctx.clock.now()
    standing = plan.standing(now) if plan.contains(now) else core.Standing()
    meetings = day_meetings(ctx, day, zone_name)
    if ctx.args.json:
        ctx.print(json.dumps(_as_json(plan, standing, clients, meetings), indent=2, ensure_ascii=False))
        return 0
    title = ngettext("{day} ({zone}): {count} block, {planned} planned, {tracked} tracked",
                     "{day} ({zone}): {count} blocks, {planned} planned, {tracked} tracked", len(plan.items)).format(
        day=long_day(day, pad=True), zone=zone_name, count=len(plan.items),
        planned=format_duration(plan.planned), tracked=format_duration(plan.tracked))
    if meetings is not None and meetings.meetings:
        from vatui.core.meetings import time_in

        title += ", " + ngettext("{count} meeting ({time})", "{count} meetings ({time})", len(meetings.meetings)).format(
            count=len(meetings.meetings), time=format_duration(time_in(meetings.spans, plan.start, plan.end)))
    if plan.length != timedelta(hours=24):
        hours = int(plan.length.total_seconds() // 3600)
        title += " · " + ngettext("a {hours}-hour day (clocks change)", "a {hours}-hour day (clocks change)",
                                  hours).format(hours=hours)
    ctx.print(title)
    if meetings is not None:
        from vatui.cli.block_meetings import stale_lines

        for line in [*(f"{b.label}" for b in meetings.banners), *stale_lines(ctx, meetings)]:
            ctx.print("  " + line)
    if not plan.items and not (meetings and meetings.meetings):
        ctx.print(_('No blocks. Add one: vatui block add "9:30-11 @acme weekly report"'))
        return 0
    rows: list[tuple[object, list[str]]] = []
    for n, info in enumerate(plan.items):
        b = info.block
        start, end = core.local_span(b, zone_name)
        times = f"{hm(start)}-{hm(end)}"
        if info.from_previous_day:
            times = _("{times} (from {day})").format(times=times, day=weekday(start.date()))
        if info.into_next_day:
            times = _("{times} (to {day})").format(times=times, day=weekday(end.date()))
        client = clients.get(b.client_id) if b.client_id is not None else None
        who = client.name if client else ("#" + b.batch if b.batch else "")
        flags = []
        if standing.current == n:
            flags.append(_("now, {left} left").format(left=_minutes(standing.left)))
        if standing.next == n:
            flags.append(_("next, in {time}").format(time=_minutes(standing.starts_in)))
        if info.overlaps:
            flags.append(_("overlaps {ids}").format(ids=", ".join(str(plan.items[m].block.id) for m in info.overlaps)))
        if info.too_close:
            flags.append(_("no buffer to {ids}").format(ids=", ".join(str(plan.items[m].block.id) for m in info.too_close)))
        if info.outside_hours:
            flags.append(_("outside hours"))
        if meetings is not None:
            from vatui.cli.block_meetings import clashing_meetings

            clash = clashing_meetings(b, meetings)
            if clash:
                flags.append(_("clashes with {refs}").format(refs=", ".join(clash)))
        tracked = format_duration(info.actual) if info.actual is not None else "-"
        if b.series is not None:
            times += " ↻"
        rows.append((b.start, [str(b.id), times, format_duration(b.length), who, b.note, _there(b.start, b.end, client),
                               tracked, "; ".join(flags)]))
    if meetings is not None:
        rows += _meeting_rows(meetings, plan, zone_name, clients)
    rows.sort(key=lambda r: r[0])
    ctx.print(table([r for _start, r in rows], [_("ID"), pgettext("time of day", "Time"), _("Length"), _("For"),
                                                 _("Note"), _("Client time"), _("Tracked"), _("Flags")]))
    if meetings is not None and meetings.meetings:
        ctx.print(_("{mark} a meeting from a subscribed calendar (read-only)").format(mark=MARK))
    return 0


def _there(start: datetime, end: datetime, client: Client | None) -> str:
    """The client's local time of a span, with their city."""
    if client is None:
        return ""
    tz = ZoneInfo(client.tz)
    return f"{hm(start.astimezone(tz))}-{hm(end.astimezone(tz))} {client.city}"


def _meeting_rows(meetings: DayMeetings, plan: core.DayPlan, zone_name: str,
                  clients: dict[int, Client]) -> list[tuple[object, list[str]]]:
    from vatui.cli.block_meetings import clashing_blocks

    tz = ZoneInfo(zone_name)
    rows = []
    for n, m in enumerate(meetings.meetings):
        start, end = m.start.astimezone(tz), m.end.astimezone(tz)
        times = f"{hm(start)}-{hm(end)} {MARK}"
        if m.start < plan.start:
            times = _("{times} (from {day})").format(times=times, day=weekday(start.date()))
        if m.end > plan.end:
            times = _("{times} (to {day})").format(times=times, day=weekday(end.date()))
        client = clients.get(m.client_id) if m.client_id is not None else None
        clash = clashing_blocks(m, plan.blocks)
        flags = [_("clashes with {refs}").format(refs=", ".join(map(str, clash)))] if clash else []
        who = client.name if client else m.calendar  # as the cockpit names it; the calendar is in --json
        rows.append((m.start, [meetings.ref(n), times, format_duration(m.end - m.start), who, m.summary,
                               _there(m.start, m.end, client), "-", "; ".join(flags)]))
    return rows


def _minutes(delta: timedelta | None) -> str:
    return format_duration(timedelta(minutes=core.whole_minutes_up(delta or timedelta())))


def _as_json(plan: core.DayPlan, standing: core.Standing, clients: dict[int, Client],
             meetings: DayMeetings | None = None) -> dict:
    def minutes(delta: timedelta | None) -> float | None:
        return None if delta is None else round(delta.total_seconds() / 60, 2)

    out = []
    for n, info in enumerate(plan.items):
        b = info.block
        start, end = core.local_span(b, plan.zone)
        client = clients.get(b.client_id) if b.client_id is not None else None
        row = {
            "id": b.id, "source": "vatui", "readonly": False, "series": b.series,
            "start": b.start.isoformat(), "end": b.end.isoformat(),
            "start_local": start.isoformat(), "end_local": end.isoformat(), "minutes": minutes(b.length),
            "client_id": b.client_id, "client": client.name if client else None, "batch": b.batch, "note": b.note,
            "client_start_local": core.local_span(b, client.tz)[0].isoformat() if client else None,
            "client_end_local": core.local_span(b, client.tz)[1].isoformat() if client else None,
            "from_previous_day": info.from_previous_day, "into_next_day": info.into_next_day,
            "overlaps": [plan.items[m].block.id for m in info.overlaps],
            "too_close": [plan.items[m].block.id for m in info.too_close],
            "outside_hours": info.outside_hours,
            "tracked_minutes": minutes(info.actual),
            "current": standing.current == n, "next": standing.next == n,
        }
        if meetings is not None:
            from vatui.cli.block_meetings import clashing_meetings

            row["clashes"] = clashing_meetings(b, meetings)
        out.append(row)
    doc = {
        "day": plan.day.isoformat(), "zone": plan.zone, "start": plan.start.isoformat(), "end": plan.end.isoformat(),
        "hours": plan.length.total_seconds() / 3600, "planned_minutes": minutes(plan.planned),
        "tracked_minutes": minutes(plan.tracked), "blocks": out,
    }
    if meetings is not None:
        from vatui.cli.block_meetings import banners_json, meeting_json, stale_json
        from vatui.core.meetings import time_in

        out += [meeting_json(n, m, meetings, plan.zone, clients, plan.blocks) for n, m in enumerate(meetings.meetings)]
        out.sort(key=lambda r: (datetime.fromisoformat(r["start"]), datetime.fromisoformat(r["end"])))
        doc["meeting_minutes"] = minutes(time_in(meetings.spans, plan.start, plan.end))
        doc["banners"] = banners_json(meetings)
        doc["stale_calendars"] = stale_json(meetings)
    return doc


def cmd_edit(ctx: Context) -> int:
    old = _block(ctx, refuse_meeting_ref(ctx.args.id))
    zone_name = my_zone_name(ctx)
    day = core.day_of(old.start, zone_name)
    new = block_syntax.parse_block(ctx.args.text, day=day, zone_name=zone_name, now=ctx.clock.now(),
                                   clients=ctx.store.clients.all)
    if ctx.args.series:
        return edit_series(ctx, old, new)
    saved = ctx.store.blocks.update(replace(new, id=old.id, series=old.series))
    ctx.print(_("Updated block {id}: {what}.").format(id=saved.id, what=describe(saved, zone_name, clients_by_id(ctx))))
    _warn_flags(ctx, saved, core.day_of(saved.start, zone_name))
    return 0


def cmd_remove(ctx: Context) -> int:
    block = _block(ctx, refuse_meeting_ref(ctx.args.id))
    if ctx.args.series:
        return remove_series(ctx, block)
    gone = ctx.store.blocks.delete(block.id)  # type: ignore[arg-type]
    ctx.print(_("Removed block {id}: {what}.").format(id=gone.id, what=describe(gone, my_zone_name(ctx), clients_by_id(ctx))))
    return 0


def cmd_shift(ctx: Context) -> int:
    store, zone_name, now = ctx.store, my_zone_name(ctx), ctx.clock.now()
    clients = clients_by_id(ctx)
    today = my_today(ctx)
    if ctx.args.after is not None:
        anchor: TimeBlock | None = _block(ctx, ctx.args.after)
    else:
        anchor = block_edits.overrun_anchor(core.blocks_on(store.blocks.all(), today, zone_name), now)
        if anchor is None:
            raise CliError(_("no block has ended yet today; name one with --after ID"))
    assert anchor is not None
    by = ctx.args.by_option if ctx.args.by_option is not None else ctx.args.by
    if by is not None:
        delta = block_edits.parse_shift(by)
    else:
        delta = block_edits.overrun(anchor, now)
        if not delta:
            raise CliError(_("block {id} ({what}) has not overrun; give how much, e.g. vatui block shift 15m")
                           .format(id=anchor.id, what=describe(anchor, zone_name, clients)))
    until = block_edits.day_end_after(anchor, zone_name)
    with store.transaction():  # read and write under the lock: another window may be editing too
        changed = block_edits.shift_later(store.blocks.all(), store.blocks.require(anchor.id), delta, until=until)  # type: ignore[arg-type]
        for b in changed:
            store.blocks.update(b)
    count = len(changed) - 1
    if delta > timedelta(0):
        text = ngettext("Block {id} ({what}) now ends {delta} later; {count} later block moved {delta} later.",
                        "Block {id} ({what}) now ends {delta} later; {count} later blocks moved {delta} later.", count)
    else:
        text = ngettext("Block {id} ({what}) now ends {delta} sooner; {count} later block moved {delta} earlier.",
                        "Block {id} ({what}) now ends {delta} sooner; {count} later blocks moved {delta} earlier.", count)
    ctx.print(text.format(id=anchor.id, what=describe(anchor, zone_name, clients), delta=format_duration(abs(delta)),
                          count=count))
    return 0
