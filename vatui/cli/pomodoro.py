"""`vatui pomodoro …` and `vatui stopwatch …`. Tracked time by hand is in entries.py; the timer
in words (status, today) in timer_status.py.

The timer lives in the data file, so a timer started here shows up in an open cockpit within a
second or two and the other way round. `pomodoro status --short` is for status bars (tmux): it
prints one short line ("F 12:34 Acme"), nothing when idle, and never imports Textual.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta
from typing import Any

from vatui.cli.clients import find_client
from vatui.cli.common import CliError, Context, client_of, my_hm
from vatui.cli.timer_status import question_text, short_line, status_dict, status_lines, who_text
from vatui.core.durations import format_duration
from vatui.core.models import Task
from vatui.core.pomodoro import Timer
from vatui.core.pomodoro_state import Answer, Outcome, Phase, Pomodoro, Refusal, TimerError
from vatui.i18n import _
from vatui.text.timer_words import phase_name, refusal
from vatui.timers.timekeeping import Applied, TimeKeeper


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


def _keeper(ctx: Context) -> TimeKeeper:
    return TimeKeeper(ctx.store, ctx.config.settings)


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
            owner = client_of(ctx, task.client_id)
            raise CliError(_("task {id} is for {owner}, not {client}").format(
                id=task_id, owner=owner.name if owner else "?", client=client.name))
    client_id = client.id if client else (task.client_id if task else None)
    return True, task_id, client_id, task


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
            raise CliError(question_text(ctx, keeper.view(now))) from None
        raise CliError(refusal(exc.reason).rstrip(".")) from None
    if applied.damaged:
        print(_("The stored timer state could not be read ({why}); it was reset.").format(why=applied.damaged),
              file=ctx.err)
    return applied


def _report(ctx: Context, applied: Applied, said: str = "") -> None:
    """Say what the command caused: ends that passed meanwhile, what it did, time logged."""
    out = applied.outcome
    for end in out.ends:
        ctx.print(_("{phase} ended at {at}.").format(phase=phase_name(end.phase), at=my_hm(ctx, end.at)))
    if said:
        ctx.print(said)
    if applied.added:
        by_client: dict[int | None, timedelta] = {}
        for e in applied.added:
            by_client[e.client_id] = by_client.get(e.client_id, timedelta(0)) + e.duration
        for client_id, total in by_client.items():
            client = client_of(ctx, client_id)
            ctx.print(_("Logged {time} for {client}.").format(
                time=format_duration(total), client=client.name if client else _("no client")))
    if out.too_short is not None:
        ctx.print(_("It ran {seconds} s: under a minute, so no time was logged.").format(
            seconds=int(out.too_short.total_seconds())))


def _started(ctx: Context, out: Outcome) -> None:
    run = out.state.run
    assert run is not None
    who = who_text(ctx, out.state.task_id, out.state.client_id)
    if run.phase is Phase.STOPWATCH:
        ctx.print(_("Stopwatch started on {who}.").format(who=who))
        return
    ends = run.end_at
    assert ends is not None
    ctx.print(_("{phase} started: {length}, ends at {end} · {who}.").format(
        phase=phase_name(run.phase), length=format_duration(run.planned, seconds=True), end=my_hm(ctx, ends), who=who))


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
        ctx.print(_("{phase} ends at {end}.").format(phase=phase_name(v.phase), end=my_hm(ctx, v.end_at)))
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


def cmd_status(ctx: Context) -> int:
    now = ctx.clock.now()
    keeper = _keeper(ctx)
    keeper.log_ended_phases(now)
    loaded = keeper.read()
    v = keeper.view(now, loaded)
    if ctx.args.short:
        ctx.print(short_line(v, client_of(ctx, v.client_id)))
        return 0
    if ctx.args.json:
        doc = status_dict(ctx, v, now)
        if loaded.damaged:
            doc["damaged"] = loaded.damaged
        ctx.print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    for line in status_lines(ctx, v, now, damaged=loaded.damaged):
        ctx.print(line)
    return 0


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
