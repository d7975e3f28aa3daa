"""What the cockpit says about the Pomodoro: the pane's lines (`pomodoro_display`), the phase-end
notification, and the keep/trim/discard question. Pure: the controller (pomodoro_controller.py)
looks up the task, client and totals and passes them in, with my zone and `now`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from vatui.core.durations import format_duration
from vatui.core.models import Client, Task
from vatui.core.pomodoro_state import Phase, PhaseEnd, Question, View
from vatui.core.settings import PomodoroSettings
from vatui.core.tracking import Totals
from vatui.i18n import _, ngettext
from vatui.text.formats import hm
from vatui.text.timer_words import big_minutes, clock, phase_name, quoted
from vatui.widgets.pomodoro_pane import PomodoroDisplay

LATE = timedelta(seconds=90)  # an end noticed this late is announced with its time


def totals_lines(t: Totals, client: Client | None) -> tuple[str, str]:
    """The pane's "Logged today" and "This week" lines, for the bound client and for all."""
    today, week = _("Logged today"), _("This week")
    if client is not None:
        return (
            _("{label}: {client} {mine} · all {all}").format(label=today, client=client.name,
                                                              mine=format_duration(t.today_client),
                                                              all=format_duration(t.today_all)),
            _("{label}: {client} {mine} · all {all}").format(label=week, client=client.name,
                                                              mine=format_duration(t.week_client),
                                                              all=format_duration(t.week_all)),
        )
    return (
        _("{label}: all {all}").format(label=today, all=format_duration(t.today_all)),
        _("{label}: all {all}").format(label=week, all=format_duration(t.week_all)),
    )


def task_line(task: Task | None, client: Client | None) -> str:
    who = client.name if client else _("no client")
    if task is not None:
        return f"{quoted(task.title)} · {who}"
    if client is not None:
        return _("No task · {client}").format(client=who)
    return _("No task bound: a focus takes the task selected in the queue")


def pomodoro_display(v: View, *, zone: ZoneInfo, focus_today: int, totals: tuple[str, str],
                     task: str) -> PomodoroDisplay:
    """Everything the pane shows at the view's instant; `task` is the task line (task_line)."""
    dots = ""
    if v.long_every > 1:
        done = v.cycle % v.long_every if v.cycle < v.long_every else v.long_every
        dots = "●" * done + "○" * (v.long_every - done)
    meta = [dots] if dots else []
    meta.append(ngettext("{n} focus today", "{n} focus today", focus_today).format(n=focus_today))
    if v.interruptions:
        meta.append(ngettext("{n} interruption", "{n} interruptions", v.interruptions).format(n=v.interruptions))
    if v.phase is None:
        kind = "-break" if v.next_phase.is_break else "-idle"
        ended = v.ended
        if ended is not None and ended.next_phase is v.next_phase and ended.phase is not Phase.STOPWATCH:
            word = _("{phase} done").format(phase=phase_name(ended.phase)).upper()
            note = _("{next} next · ended {at}").format(next=phase_name(v.next_phase).lower(),
                                                         at=hm(ended.at.astimezone(zone)))
        else:
            word = _("Idle").upper()
            note = _("{next} next").format(next=phase_name(v.next_phase).lower())
        shown, countdown, info = v.planned, True, ""
    elif v.phase is Phase.STOPWATCH:
        kind, word = "-stopwatch", phase_name(v.phase).upper()
        shown, countdown, note, info = v.worked, False, _("elapsed"), phase_name(v.phase)
    else:
        kind = "-focus" if v.phase is Phase.FOCUS else "-break"
        word = phase_name(v.phase).upper()
        shown, countdown, info = v.remaining, True, phase_name(v.phase)
        if v.paused:
            note = _("left · paused")
        else:
            assert v.ends_at is not None
            note = _("left · ends {at}").format(at=hm(v.ends_at.astimezone(zone)))
    if v.paused:
        word = _("{phase} · paused").format(phase=word).upper()
    if v.question is not None:
        note = _("waiting for your answer")
    return PomodoroDisplay(
        kind=kind, phase=word, meta=" · ".join(meta), big=big_minutes(shown, countdown=countdown),
        clock=clock(shown, countdown=countdown), note=" " + note, task=task,
        today=totals[0], week=totals[1], info=info, paused=v.paused,
    )


def announcement(end: PhaseEnd, cfg: PomodoroSettings, zone: ZoneInfo, now: datetime, *,
                 live: bool) -> tuple[str, str]:
    """The notification's title and body for a phase end. `live`: seen as it happened (not
    while vatui was closed)."""
    length = {Phase.FOCUS: cfg.focus, Phase.SHORT_BREAK: cfg.short_break,
              Phase.LONG_BREAK: cfg.long_break}.get(end.next_phase, cfg.focus)
    nxt = phase_name(end.next_phase).lower()
    if end.phase is Phase.FOCUS:
        title = _("Focus done")
    else:
        title = _("Break over")
    if end.auto_started:
        body = _("{next} started ({length}).").format(next=phase_name(end.next_phase),
                                                      length=format_duration(length, seconds=True))
    else:
        body = _("Next: {next} ({length}).").format(next=nxt, length=format_duration(length, seconds=True))
    at = hm(end.at.astimezone(zone))
    if not live:
        body += " " + _("It ended at {at}, while vatui was closed.").format(at=at)
    elif now - end.at > LATE:
        body += " " + _("It ended at {at}.").format(at=at)
    return title, body


def question_words(q: Question, task: Task | None, client: Client | None,
                   zone: ZoneInfo) -> tuple[str, str, str | None, str]:
    """The unattended-timer question and its three answers: (text, keep, trim, discard). `trim`
    is None when trimming would keep the same time as keeping."""
    who = " · ".join(p for p in [quoted(task.title) if task else "", client.name if client else ""] if p)
    what = phase_name(q.phase).lower() + (f" ({who})" if who else "")
    since = hm(q.since.astimezone(zone))
    if q.closed:
        text = _("The {what} kept running after vatui was closed at {since}.").format(what=what, since=since)
    else:
        text = _("The {what} has run with nothing pressed since {since}.").format(what=what, since=since)
    text += "\n" + _("What should be logged?")
    keep = _("Keep {time}").format(time=format_duration(q.keep))
    trim = None
    if q.trim != q.keep:
        trim = _("Trim to {at} ({time})").format(at=hm(q.plan_end.astimezone(zone)),
                                                 time=format_duration(q.trim))
    discard = _("Discard")
    return text, keep, trim, discard
