"""`vatui pomodoro …`, `vatui stopwatch …`, `vatui log`, `vatui entries`, `vatui entry edit|delete`.

The timer lives in the data file, so a timer started here shows up in an open cockpit within a
second or two and the other way round. `pomodoro status --short` is for status bars (tmux): it
prints one short line ("F 12:34 Acme"), nothing when idle, and never imports Textual.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, table
from vatui.core.durations import format_duration
from vatui.core.models import Client, Task, TimeEntry
from vatui.core.pomodoro import Timer, focus_done_between
from vatui.core.pomodoro_state import Answer, Outcome, Phase, Pomodoro, Refusal, TimerError, View
from vatui.core.tracking import day_bounds, entries_on, entry_window, local_date, manual_entry, parse_day, totals
from vatui.formats import hm
from vatui.i18n import _, pgettext
from vatui.timekeeping import Applied, TimeKeeper
from vatui.timer_words import clock, phase_letter, phase_name, quoted, refusal, source_name

SHORT_NAME = 14  # characters of the client's name in `status --short`


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pomo = sub.add_parser("pomodoro", parents=[common], help=_("start, pause, stop the Pomodoro timer; its status"))
    psub = pomo.add_subparsers(dest="pomodoro_command", metavar="COMMAND", required=True)

    start = psub.add_parser("start", parents=[common], help=_("start the next phase (a focus unless a break is due)"))
    _binding(start)
    start.add_argument("--focus", action="store_true", help=_("start a focus even if a break is due"))
    _answers(start)
    start.set_defaults(func=cmd_start)

    for name, helptext, func in [
        ("pause", _("pause the running phase"), cmd_pause),
        ("resume", _("resume a paused phase"), cmd_resume),
        ("skip", _("end this phase now and go to the next (a skipped focus is logged)"), cmd_skip),
        ("stop", _("stop the timer; a focus is logged as time worked"), cmd_stop),
        ("interrupt", _("log an interruption of the focus in progress"), cmd_interrupt),
    ]:
        p = psub.add_parser(name, parents=[common], help=helptext)
        _answers(p)
        p.set_defaults(func=func)

    status = psub.add_parser("status", parents=[common], help=_("show the timer"))
    fmt = status.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help=_("for scripts"))
    fmt.add_argument("--short", action="store_true", help=_('one short line for a status bar, e.g. "F 12:34 Acme"'))
    status.set_defaults(func=cmd_status)

    watch = sub.add_parser("stopwatch", parents=[common], help=_("track time on a task without Pomodoro phases"))
    wsub = watch.add_subparsers(dest="stopwatch_command", metavar="COMMAND", required=True)
    wstart = wsub.add_parser("start", parents=[common], help=_("start counting up"))
    _binding(wstart)
    _answers(wstart)
    wstart.set_defaults(func=cmd_stopwatch_start)
    wstop = wsub.add_parser("stop", parents=[common], help=_("stop and log the time"))
    _answers(wstop)
    wstop.set_defaults(func=cmd_stopwatch_stop)

    log = sub.add_parser("log", parents=[common], help=_("add tracked time by hand"))
    log.add_argument("--client", required=True, metavar="NAME", help=_("who the time was for"))
    log.add_argument("--from", dest="start", required=True, metavar="HH:MM", help=_("start, in your zone"))
    log.add_argument("--to", dest="end", required=True, metavar="HH:MM", help=_("end, in your zone (24:00 for midnight)"))
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


def _binding(p: argparse.ArgumentParser) -> None:
    p.add_argument("--task", type=int, metavar="ID", help=_("the task to work on (its client too)"))
    p.add_argument("--client", metavar="NAME", help=_("the client, when there is no task"))


def _answers(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    for choice, helptext in [
        ("keep", _("if the timer ran unattended: keep all of that time")),
        ("trim", _("if the timer ran unattended: keep time up to its planned end")),
        ("discard", _("if the timer ran unattended: drop it")),
    ]:
        group.add_argument(f"--{choice}", dest="answer", action="store_const", const=choice, help=helptext)


# --- shared -------------------------------------------------------------------------------------


def _zone(ctx: Context) -> ZoneInfo:
    return ZoneInfo(ctx.config.settings.me_zone)


def _hm(ctx: Context, at: datetime) -> str:
    return hm(at.astimezone(_zone(ctx)))


def _keeper(ctx: Context) -> TimeKeeper:
    return TimeKeeper(ctx.store, ctx.config.settings)


def _client(ctx: Context, client_id: int | None) -> Client | None:
    return ctx.store.clients.get(client_id) if client_id is not None else None


def _task(ctx: Context, task_id: int | None) -> Task | None:
    return ctx.store.tasks.get(task_id) if task_id is not None else None


def _who(ctx: Context, task_id: int | None, client_id: int | None) -> str:
    parts = []
    task = _task(ctx, task_id)
    if task is not None:
        parts.append(quoted(task.title))
    client = _client(ctx, client_id)
    parts.append(client.name if client else _("no client"))
    return " · ".join(parts)


def _resolve_binding(ctx: Context) -> tuple[bool, int | None, int | None, Task | None]:
    """--task / --client -> (bind?, task id, client id, task)."""
    task_id = ctx.args.task
    name = ctx.args.client
    if task_id is None and name is None:
        return False, None, None, None
    task = None
    client = find_client(ctx, name) if name else None
    if task_id is not None:
        task = ctx.store.tasks.get(task_id)
        if task is None:
            raise CliError(_("there is no task {id}").format(id=task_id))
        if client is not None and task.client_id not in (None, client.id):
            owner = _client(ctx, task.client_id)
            raise CliError(_("task {id} is for {owner}, not {client}").format(
                id=task_id, owner=owner.name if owner else "?", client=client.name))
    client_id = client.id if client else (task.client_id if task else None)
    return True, task_id, client_id, task


def _question_text(ctx: Context, v: View) -> str:
    q = v.question
    assert q is not None
    what = phase_name(q.phase)
    if q.closed:
        head = _("The {what} on {who} kept running after vatui was closed at {since}.")
    else:
        head = _("The {what} on {who} has run unattended since {since}.")
    return (head.format(what=what.lower(), who=_who(ctx, q.task_id, q.client_id), since=_hm(ctx, q.since)) + " "
            + _("Say what to do with that time: --keep ({keep}), --trim to the planned end {end} ({trim}) "
                "or --discard.").format(keep=format_duration(q.keep), end=_hm(ctx, q.plan_end),
                                        trim=format_duration(q.trim)))


def _run(ctx: Context, command: Any) -> Applied:
    """Answer a pending question if asked to, then run the command, in one transaction each."""
    keeper = _keeper(ctx)
    now = ctx.clock.now()
    answer = getattr(ctx.args, "answer", None)
    answered: Applied | None = None
    if answer:
        v = keeper.view(now)
        if v.question is not None:
            answered = keeper.apply(now, lambda t, s, n: t.answer(s, n, Answer(answer)))
            _report(ctx, answered)
    try:
        applied = keeper.apply(now, command)
    except TimerError as exc:
        if answered is not None and exc.reason is Refusal.NOTHING_RUNNING:
            # Trimming or discarding already stopped the timer: that was the point of `stop --trim`.
            return Applied(Outcome(answered.outcome.state), (), None, False)
        if exc.reason is Refusal.NEEDS_ANSWER:
            raise CliError(_question_text(ctx, keeper.view(now))) from None
        raise CliError(refusal(exc.reason).rstrip(".")) from None
    if applied.damaged:
        print(_("The stored timer state could not be read ({why}); it was reset.").format(why=applied.damaged),
              file=ctx.err)
    return applied


def _report(ctx: Context, applied: Applied, said: str = "") -> None:
    """Say what the command caused: ends that passed meanwhile, what it did, time logged."""
    out = applied.outcome
    for end in out.ends:
        ctx.print(_("{phase} ended at {at}.").format(phase=phase_name(end.phase), at=_hm(ctx, end.at)))
    if said:
        ctx.print(said)
    if applied.added:
        by_client: dict[int | None, timedelta] = {}
        for e in applied.added:
            by_client[e.client_id] = by_client.get(e.client_id, timedelta(0)) + e.duration
        for client_id, total in by_client.items():
            client = _client(ctx, client_id)
            ctx.print(_("Logged {time} for {client}.").format(
                time=format_duration(total), client=client.name if client else _("no client")))
    if out.too_short is not None:
        ctx.print(_("It ran {seconds} s: under a minute, so no time was logged.").format(
            seconds=int(out.too_short.total_seconds())))


def _started(ctx: Context, out: Outcome) -> None:
    run = out.state.run
    assert run is not None
    who = _who(ctx, out.state.task_id, out.state.client_id)
    if run.phase is Phase.STOPWATCH:
        ctx.print(_("Stopwatch started on {who}.").format(who=who))
        return
    ends = run.end_at
    assert ends is not None
    ctx.print(_("{phase} started: {length}, ends at {end} · {who}.").format(
        phase=phase_name(run.phase), length=format_duration(run.planned, seconds=True), end=_hm(ctx, ends), who=who))


# --- pomodoro -----------------------------------------------------------------------------------


def cmd_start(ctx: Context) -> int:
    bind, task_id, client_id, _task_ = _resolve_binding(ctx)
    phase = Phase.FOCUS if ctx.args.focus else None

    def command(t: Timer, s: Pomodoro, now: datetime) -> Outcome:
        return t.start(s, now, phase=phase, task_id=task_id, client_id=client_id, bind=bind)

    applied = _run(ctx, command)
    _report(ctx, applied)
    _started(ctx, applied.outcome)
    return 0


def _simple(ctx: Context, method: str, said: str) -> int:
    applied = _run(ctx, lambda t, s, now: getattr(t, method)(s, now))
    _report(ctx, applied, said)
    out = applied.outcome
    v = out.state.run
    if method == "resume" and v is not None and v.end_at is not None:
        ctx.print(_("{phase} ends at {end}.").format(phase=phase_name(v.phase), end=_hm(ctx, v.end_at)))
    if method == "skip":
        if v is not None:
            _started(ctx, out)
        else:
            ctx.print(_("Next: {phase}. Start it with: vatui pomodoro start").format(
                phase=phase_name(out.state.next_phase).lower()))
    return 0


def cmd_pause(ctx: Context) -> int:
    return _simple(ctx, "pause", _("Paused."))


def cmd_resume(ctx: Context) -> int:
    return _simple(ctx, "resume", _("Resumed."))


def cmd_skip(ctx: Context) -> int:
    return _simple(ctx, "skip", "")


def cmd_stop(ctx: Context) -> int:
    return _simple(ctx, "stop", _("Stopped."))


def cmd_interrupt(ctx: Context) -> int:
    applied = _run(ctx, lambda t, s, now: t.interrupt(s, now))
    _report(ctx, applied)
    run = applied.outcome.state.run
    ctx.print(_("Interruption logged ({count} in this focus).").format(count=len(run.interruptions) if run else 0))
    return 0


def _status_dict(ctx: Context, v: View, now: datetime) -> dict[str, Any]:
    zone = _zone(ctx)
    day = day_bounds(local_date(now, zone), zone)
    task = _task(ctx, v.task_id)
    client = _client(ctx, v.client_id)

    def iso(at: datetime | None) -> str | None:
        return at.isoformat().replace("+00:00", "Z") if at else None

    q = v.question
    return {
        "phase": v.phase.value if v.phase else None,
        "running": v.running,
        "paused": v.paused,
        "remaining_seconds": int(v.remaining.total_seconds()) if v.phase and v.phase is not Phase.STOPWATCH else None,
        "elapsed_seconds": int(v.worked.total_seconds()),
        "planned_seconds": int(v.planned.total_seconds()),
        "ends_at": iso(v.ends_at) if v.phase is not Phase.STOPWATCH else None,
        "next_phase": v.next_phase.value,
        "task": {"id": task.id, "title": task.title} if task else None,
        "client": {"id": client.id, "name": client.name} if client else None,
        "interruptions": v.interruptions,
        "cycle": v.cycle,
        "long_every": v.long_every,
        "focus_done_today": focus_done_between(v.state, *day),
        "last_end": {"phase": v.ended.phase.value, "at": iso(v.ended.at)} if v.ended else None,
        "unattended": None if q is None else {
            "since": iso(q.since), "planned_end": iso(q.plan_end), "closed": q.closed,
            "keep_seconds": int(q.keep.total_seconds()), "trim_seconds": int(q.trim.total_seconds()),
        },
    }


def short_line(v: View, client: Client | None) -> str:
    """"F 12:34 Acme" (remaining time; elapsed for the stopwatch); "" when idle."""
    if v.phase is None:
        return ""
    stopwatch = v.phase is Phase.STOPWATCH
    parts = [phase_letter(v.phase), clock(v.worked if stopwatch else v.remaining, countdown=not stopwatch)]
    if client is not None:
        name = client.name if len(client.name) <= SHORT_NAME else client.name[: SHORT_NAME - 1] + "…"
        parts.append(name)
    if v.paused:
        parts.append(_("(paused)"))
    if v.question is not None:
        parts.append("?")
    return " ".join(parts)


def cmd_status(ctx: Context) -> int:
    now = ctx.clock.now()
    keeper = _keeper(ctx)
    loaded = keeper.read()
    v = keeper.view(now, loaded)
    if ctx.args.short:
        ctx.print(short_line(v, _client(ctx, v.client_id)))
        return 0
    if ctx.args.json:
        doc = _status_dict(ctx, v, now)
        if loaded.damaged:
            doc["damaged"] = loaded.damaged
        ctx.print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    for line in status_lines(ctx, v, now, damaged=loaded.damaged):
        ctx.print(line)
    return 0


def status_lines(ctx: Context, v: View, now: datetime, *, damaged: str | None = None) -> list[str]:
    """The timer in words, then today's and this week's tracked time (`status` and `vatui today`)."""
    lines: list[str] = []
    if damaged:
        lines.append(_("The stored timer state could not be read ({why}); it will be reset.").format(why=damaged))
    zone = _zone(ctx)
    who = _who(ctx, v.task_id, v.client_id)
    if v.phase is None:
        line = _("Idle. Next: {phase} ({length}).").format(phase=phase_name(v.next_phase).lower(),
                                                            length=format_duration(v.planned, seconds=True))
        if v.ended is not None:
            line += " " + _("{phase} ended at {at}.").format(phase=phase_name(v.ended.phase), at=_hm(ctx, v.ended.at))
    elif v.phase is Phase.STOPWATCH:
        line = _("Stopwatch · {elapsed} · {who}").format(elapsed=clock(v.worked), who=who)
    else:
        line = _("{phase} · {left} left").format(phase=phase_name(v.phase), left=clock(v.remaining, countdown=True))
        if v.ends_at is not None:
            line += " " + _("(ends {at})").format(at=_hm(ctx, v.ends_at))
        line += f" · {who}"
    if v.paused:
        line += " · " + _("paused")
    lines.append(line)
    if v.question is not None:
        lines.append(_question_text(ctx, v))
    day = day_bounds(local_date(now, zone), zone)
    running = [] if v.state.run is None or not v.state.run.phase.tracks_time else list(v.state.run.stretches(now))
    t = totals(ctx.store.entries.all(), now, zone, client_id=v.client_id, week_start=ctx.config.settings.week_start,
               running=running, running_client=v.client_id)
    client = _client(ctx, v.client_id)
    line = _("Focus sessions today: {n}").format(n=focus_done_between(v.state, *day))
    if client is not None:
        line += " · " + _("{client}: {today} today, {week} this week").format(
            client=client.name, today=format_duration(t.today_client), week=format_duration(t.week_client))
    line += " · " + _("all: {today} today, {week} this week").format(
        today=format_duration(t.today_all), week=format_duration(t.week_all))
    lines.append(line)
    return lines


# --- stopwatch ----------------------------------------------------------------------------------


def cmd_stopwatch_start(ctx: Context) -> int:
    bind, task_id, client_id, task = _resolve_binding(ctx)
    keeper = _keeper(ctx)
    planned = keeper.planned_for(task)

    def command(t: Timer, s: Pomodoro, now: datetime) -> Outcome:
        tid, cid = (task_id, client_id) if bind else (s.task_id, s.client_id)
        return t.start_stopwatch(s, now, task_id=tid, client_id=cid, planned=planned)

    applied = _run(ctx, command)
    _report(ctx, applied)
    _started(ctx, applied.outcome)
    return 0


def cmd_stopwatch_stop(ctx: Context) -> int:
    keeper = _keeper(ctx)
    v = keeper.view(ctx.clock.now())
    if v.phase is not Phase.STOPWATCH and v.question is None:
        raise CliError(_("no stopwatch is running (see: vatui pomodoro status)"))
    return _simple(ctx, "stop", _("Stopped."))


# --- entries ------------------------------------------------------------------------------------


def cmd_log(ctx: Context) -> int:
    zone = _zone(ctx)
    client = find_client(ctx, ctx.args.client)
    if ctx.args.task is not None:
        task = ctx.store.tasks.get(ctx.args.task)
        if task is None:
            raise CliError(_("there is no task {id}").format(id=ctx.args.task))
    day = parse_day(ctx.args.date, local_date(ctx.clock.now(), zone))
    entry = manual_entry(day, ctx.args.start, ctx.args.end, zone, client_id=client.id, task_id=ctx.args.task,
                         billable=ctx.args.billable, note=ctx.args.note)
    saved = ctx.store.entries.add(entry)
    ctx.print(_("Logged {time} for {client} on {day}, {start}-{end} (entry {id}{billable}).").format(
        time=format_duration(saved.duration), client=client.name, day=day.isoformat(), start=_hm(ctx, saved.start),
        end=_hm(ctx, saved.end), id=saved.id, billable="" if saved.billable else ", " + _("not billable")))
    return 0


def _entry_row(ctx: Context, e: TimeEntry) -> dict[str, Any]:
    client = _client(ctx, e.client_id)
    task = _task(ctx, e.task_id)
    return {
        "id": e.id, "start": e.start.isoformat().replace("+00:00", "Z"), "end": e.end.isoformat().replace("+00:00", "Z"),
        "minutes": round(e.duration.total_seconds() / 60, 2), "client": client.name if client else None,
        "client_id": e.client_id, "task_id": e.task_id, "task": task.title if task else None,
        "billable": e.billable, "source": e.source, "note": e.note,
    }


def cmd_entries(ctx: Context) -> int:
    zone = _zone(ctx)
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
        rows.append([str(e.id), _hm(ctx, e.start), _hm(ctx, e.end), format_duration(e.duration), r["client"] or "-",
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
    zone = _zone(ctx)
    entry = _require_entry(ctx, a.id)
    changes: dict[str, Any] = {}
    if a.start is not None or a.end is not None or a.date is not None:
        day = parse_day(a.date, local_date(ctx.clock.now(), zone)) if a.date else local_date(entry.start, zone)
        start_text = a.start or _hm(ctx, entry.start)
        end_text = a.end or _hm(ctx, entry.end)
        changes["start"], changes["end"] = entry_window(day, start_text, end_text, zone)
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
        id=updated.id, start=_hm(ctx, updated.start), end=_hm(ctx, updated.end), time=format_duration(updated.duration)))
    return 0


def cmd_entry_delete(ctx: Context) -> int:
    entry = _require_entry(ctx, ctx.args.id)
    ctx.store.entries.delete(entry.id)  # type: ignore[arg-type]
    client = _client(ctx, entry.client_id)
    zone = _zone(ctx)
    ctx.print(_("Deleted entry {id} ({start}-{end}, {time}).").format(
        id=entry.id, start=_hm(ctx, entry.start), end=_hm(ctx, entry.end), time=format_duration(entry.duration)))
    if client is not None:
        again = (f"vatui log --client {json.dumps(client.name)} --date {local_date(entry.start, zone).isoformat()} "
                 f"--from {_hm(ctx, entry.start)} --to {_hm(ctx, entry.end)}")
        ctx.print(_("To put it back: {command}").format(command=again))
    return 0


