"""`vatui today`: the day on one page of plain text (80 columns) or JSON, for cron, scripts and
a quick look without the full screen: clocks, today's blocks, each client's next task, the
Pomodoro and what was tracked today. Built from the same core functions as the panes."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from typing import Any

from vatui.cli.common import Context, log_ended_phases, my_hm, my_zone
from vatui.cli.invoices import money_owed_lines
from vatui.cli.tasks import _task_json
from vatui.cli.timer_status import status_dict, status_lines
from vatui.core.blocks import day_of, minutes_text, plan_day
from vatui.core.deadlines import DeadlineReader
from vatui.core.durations import format_duration
from vatui.core.periods import today_period
from vatui.core.queues import next_task, pressing_until
from vatui.core.reports import Amounts, GroupBy, build_report
from vatui.core.zones import SortBy, format_offset, order, places, readings
from vatui.exports.report_text import report_data
from vatui.exports.words import fmt_amounts, fmt_hours, fmt_money
from vatui.i18n import _
from vatui.store.history import tasks_by_id
from vatui.store.leave import leave_ranges
from vatui.text.clock_text import CLIENT_DOT, ME_SYMBOL, STATE_SYMBOLS, state_words
from vatui.text.formats import long_day, weekday_day_month
from vatui.text.queue_text import FLAGS, deadline_words
from vatui.text.textfit import fit_words
from vatui.timers.timekeeping import TimeKeeper

WIDTH = 80


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    today = sub.add_parser("today", parents=[common],
                           help=_("the day in plain text: clocks, blocks, next tasks, Pomodoro, tracked time"))
    today.add_argument("--json", action="store_true", help=_("the same as JSON, for scripts"))
    today.set_defaults(func=cmd_today)


def _with_amounts(head: str, amounts: Amounts) -> list[str]:
    """`head` then the amounts, a currency never split: a day billed in four currencies goes on
    under the first amount rather than past the 80th column."""
    if not amounts:
        return [head + fmt_amounts(amounts)]
    pieces = [fmt_money(amount, code) for code, amount in amounts]
    lines, line = [], head + pieces[0]
    for piece in pieces[1:]:
        if len(line) + 2 + len(piece) > WIDTH:
            lines.append(line + ",")
            line = " " * len(head) + piece
        else:
            line += ", " + piece
    return [*lines, line]


def _closed_ahead(rows: list, now: Any) -> list:
    """(place, [(day, name), ...]) for each place with closed days in its next 7 local days."""
    if not any(p.holidays for p in rows):
        return []
    from vatui.core.client_holidays import upcoming
    from vatui.core.zones import zone as zone_of

    out = []
    for p in rows:
        days = upcoming(p.holidays, now.astimezone(zone_of(p.zone)).date(), 7) if p.holidays else []
        if days:
            out.append((p, days))
    return out


def _next_reminders(store: Any, tasks: list, now: Any, leads: tuple) -> list:
    """The next reminders still to fire (at most 5)."""
    if not leads or not any(t.is_open and (t.due is not None or t.reply_by is not None) for t in tasks):
        return []
    from vatui.core.reminders import upcoming
    from vatui.store.reminder_log import fired_keys

    return upcoming(tasks, now, leads, fired_keys(store), limit=5)


def _meetings_json(meetings: Any, plan: Any) -> dict[str, Any]:
    from vatui.cli.block_meetings import banners_json, clashing_blocks, stale_json

    def z(at: Any) -> str:
        return at.isoformat().replace("+00:00", "Z")

    return {
        "meetings": [{"ref": meetings.ref(n), "source": f"calendar:{m.calendar}", "readonly": True, "uid": m.uid,
                      "start": z(m.start), "end": z(m.end), "client_id": m.client_id, "note": m.summary,
                      "clashes": clashing_blocks(m, plan.blocks)} for n, m in enumerate(meetings.meetings)],
        "banners": banners_json(meetings),
        "stale_calendars": stale_json(meetings),
    }


def _meeting_head(ctx: Context, meetings: Any, plan: Any) -> list[str]:
    """The day's meeting count and time, its all-day banners, and calendars that failed to sync."""
    from vatui.cli.block_meetings import stale_lines
    from vatui.core.meetings import time_in
    from vatui.i18n import ngettext

    out = []
    if meetings.meetings:
        out.append("  " + ngettext("{count} meeting ({time})", "{count} meetings ({time})", len(meetings.meetings)).format(
            count=len(meetings.meetings), time=format_duration(time_in(meetings.spans, plan.start, plan.end))))
    out += ["  " + fit_words(b.label, WIDTH - 2) for b in meetings.banners]
    out += ["  " + fit_words(line, WIDTH - 2) for line in stale_lines(ctx, meetings)]
    return out


def _meeting_lines(ctx: Context, meetings: Any, plan: Any) -> list[tuple[Any, str]]:
    """A meeting as a row of today's blocks: its mark, its calendar, and a clash with my blocks."""
    from vatui.cli.block_meetings import MARK, clashing_blocks

    out = []
    for m in meetings.meetings:
        text = f"{MARK} {my_hm(ctx, m.start)}-{my_hm(ctx, m.end)}  {fit_words(m.calendar, 18):<18} "
        tail = _("clash") if clashing_blocks(m, plan.blocks) else ""
        room = max(0, WIDTH - len(text) - len(tail) - 2)
        out.append((m.start, (text + fit_words(m.summary, room).ljust(room) + "  " + tail).rstrip()))
    return out


def cmd_today(ctx: Context) -> int:
    log_ended_phases(ctx)
    now = ctx.clock.now()
    settings = ctx.config.settings
    zone = settings.me_zone
    store = ctx.store
    clients = {c.id: c for c in store.clients.all() if c.id is not None}
    leave = leave_ranges(store)
    rows = order(places(settings, clients.values(), leave), SortBy.OFFSET, now, zone)
    clock = readings(rows, now, zone, settings.closing_soon)
    day = day_of(now, zone)
    from vatui.cli.block_series import lay_out
    from vatui.cli.tasks import settle_series

    lay_out(ctx)
    settle_series(ctx)
    plan = plan_day(store.blocks.all(), day, zone, buffer=settings.block_buffer, entries=store.entries.all(),
                    task_batches={t.id: t.batch for t in store.tasks.all() if t.id is not None}, clients=clients)
    standing = plan.standing(now)
    tasks = store.tasks.all()
    reader = DeadlineReader(clients, now, zone)
    presses = pressing_until(now, settings.me_hours, zone)
    top = [(c, next_task([t for t in tasks if t.client_id == c.id], day, presses))
           for c in sorted(clients.values(), key=lambda c: c.key) if not c.archived]
    keeper = TimeKeeper(store, settings)
    loaded = keeper.read()
    timer = keeper.view(now, loaded)
    period = today_period(now, zone)
    entries = [e for e in store.entries.all() if e.end > period.start and e.start < period.end]
    tracked = build_report(period, entries, clients=clients,
                           tasks=tasks_by_id(store, {e.task_id for e in entries if e.task_id is not None}),
                           by=GroupBy.CLIENT, rounding=settings.billing_rounding)

    from vatui.cli.block_meetings import clashing_meetings, day_meetings

    meetings = day_meetings(ctx, day, zone)
    closed_ahead = _closed_ahead(rows, now)
    reminders = _next_reminders(store, tasks, now, settings.reminders_before)

    if ctx.args.json:
        doc: dict[str, Any] = {
            "now": now.isoformat().replace("+00:00", "Z"),
            "zone": zone,
            "clocks": [{
                "name": r.place.name, "city": r.place.city, "zone": r.place.zone, "me": r.place.is_me,
                "local": r.local.isoformat(), "day_shift": r.day_shift,
                "offset_min": int(r.offset.total_seconds() // 60), "state": r.state.value,
                "change_at": r.change_at.isoformat().replace("+00:00", "Z") if r.change_at else None,
            } for r in clock],
            "blocks": [{
                "id": i.block.id, "start": i.block.start.isoformat().replace("+00:00", "Z"),
                "end": i.block.end.isoformat().replace("+00:00", "Z"), "client_id": i.block.client_id,
                "batch": i.block.batch, "note": i.block.note, "current": n == standing.current,
                "next": n == standing.next, "overlap": bool(i.overlaps), "no_buffer": bool(i.too_close),
                **({"clashes": clashing_meetings(i.block, meetings)} if meetings is not None else {}),
                "tracked_min": int(i.actual.total_seconds() // 60) if i.actual is not None else None,
            } for n, i in enumerate(plan.items)],
            **(_meetings_json(meetings, plan) if meetings is not None else {}),
            "next_tasks": [_task_json(t, clients, reader) for _c, t in top if t is not None],
            "pomodoro": status_dict(ctx, timer, now),
            "tracked_today": report_data(tracked),
            "closed_ahead": [{"name": p.name, "me": p.is_me, "day": d.isoformat(), "holiday": n}
                             for p, days in closed_ahead for d, n in days],
            "reminders": [{"task_id": r.task.id, "kind": r.kind, "lead_min": int(r.lead.total_seconds() // 60),
                           "at": r.at.isoformat().replace("+00:00", "Z")} for r in reminders],
            "invoicing": money_owed_lines(ctx),
        }
        ctx.print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0

    out: list[str] = []
    me = next(r for r in clock if r.place.is_me)
    out.append(fit_words(f"vatui · {long_day(day)} · {me.local:%H:%M} {me.place.city}", WIDTH))
    out += ["", _("Clocks")]
    for r in clock:
        mark = ME_SYMBOL if r.place.is_me else CLIENT_DOT
        shift = f"{r.day_shift:+d}" if r.day_shift else ""
        state = f"{STATE_SYMBOLS[r.state]} {state_words(r)}"
        out.append(f"  {mark} {fit_words(r.place.name, 22):<22} {fit_words(r.place.city, 14):<14} "
                   f"{r.local:%H:%M} {shift:<2} {format_offset(r.offset):>6}  {state}".rstrip())
    if closed_ahead:
        from vatui.text.holiday_text import closed_list

        out += ["", _("Closed in the next 7 days")]
        for place, days in closed_ahead:
            head = f"  {fit_words(place.name, 18):<18} "
            out.append(head + fit_words(closed_list(days), WIDTH - len(head)))
    out += ["", _("Today's blocks · {planned} planned, {tracked} tracked").format(
        planned=format_duration(plan.planned), tracked=format_duration(plan.tracked))]
    if meetings is not None:
        out += _meeting_head(ctx, meetings, plan)
    if not plan.items and not (meetings and meetings.meetings):
        out.append("  " + _("No blocks planned today. Add one: vatui block add \"9:30-11 @acme\""))
    lines: list[tuple[Any, str]] = []
    for n, i in enumerate(plan.items):
        b = i.block
        client = clients.get(b.client_id) if b.client_id is not None else None
        who = client.name if client else f"#{b.batch}" if b.batch else ""
        if n == standing.current:
            where = _("{left} left").format(left=minutes_text(standing.left))  # as the pane says it
        elif n == standing.next:
            where = _("in {time}").format(time=minutes_text(standing.starts_in))
        else:
            where = ""
        clash = meetings is not None and bool(clashing_meetings(b, meetings))
        flags = " ".join(w for w, on in ((_("overlap"), i.overlaps), (_("no buffer"), i.too_close),
                                         (_("clash"), clash)) if on)
        actual = f"{format_duration(i.actual or timedelta(0))}/{format_duration(b.length)}"
        lead = "▶" if n == standing.current else " "
        text = f"{lead} {my_hm(ctx, b.start)}-{my_hm(ctx, b.end)}  {fit_words(who, 18):<18} "
        tail = "  ".join(x for x in (where, flags, actual) if x)
        room = max(0, WIDTH - len(text) - len(tail) - 2)
        lines.append((b.start, text + fit_words(b.note, room).ljust(room) + "  " + tail))
    if meetings is not None:
        lines += _meeting_lines(ctx, meetings, plan)
    out += [line for _start, line in sorted(lines, key=lambda x: x[0])]
    out += ["", _("Next task per client")]
    if not any(t for _c, t in top):
        out.append("  " + _("Nothing to do: every queue is empty."))
    for c, t in top:
        if t is None:
            continue
        words = "  ".join(deadline_words(d, now, short=False, mine=zone)[0] for d in reader.both(t))
        head = f"  {fit_words(c.name, 18):<18} {FLAGS[t.quadrant]} "
        room = max(0, WIDTH - len(head) - len(words) - 2)
        out.append(head + fit_words(t.title, room).ljust(room) + ("  " + words if words else ""))
    if reminders:
        from vatui.timers.reminder_watch import reminder_body, reminder_title

        out += ["", _("Next reminders")]
        for r in reminders:
            head = f"  {weekday_day_month(r.at.astimezone(my_zone(ctx)).date())} {my_hm(ctx, r.at)}  "
            out.append(head + fit_words(f"{reminder_title(r)}: {reminder_body(r, clients)}", WIDTH - len(head)))
    out += ["", _("Pomodoro")]
    out += ["  " + line for line in status_lines(ctx, timer, now, damaged=loaded.damaged)]
    out += ["", _("Tracked today")]
    if tracked.empty:
        out.append("  " + _("Nothing tracked yet today."))
    for row in tracked.rows:
        name = row.client.name if row.client else _("no client")
        out += _with_amounts(f"  {fit_words(name, 24):<24} {fmt_hours(row.tracked):>7} h  ", row.amounts)
    if not tracked.empty:
        total = _("Total")
        out += _with_amounts(f"  {total:<24} {fmt_hours(tracked.tracked):>7} h  ", tracked.totals)
    owed = money_owed_lines(ctx)
    if owed:
        out += ["", _("Invoicing")] + ["  " + fit_words(line, WIDTH - 2) for line in owed]
    for line in out:
        ctx.print(line.rstrip())
    return 0
