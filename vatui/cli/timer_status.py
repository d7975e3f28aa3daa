"""The timer in words for the command line: `pomodoro status` (lines, --json, --short) and the
timer's part of `vatui today`, and the keep/trim/discard question a refused command prints.
No Textual here: `status --short` runs in status bars every few seconds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from vatui.cli.common import Context, client_of, my_hm, my_zone, task_of
from vatui.core.durations import format_duration
from vatui.core.models import Client
from vatui.core.pomodoro import focus_done_between
from vatui.core.pomodoro_state import Phase, View
from vatui.core.tracking import day_bounds, local_date, totals
from vatui.i18n import _
from vatui.text.timer_words import clock, phase_letter, phase_name, quoted

SHORT_NAME = 14  # characters of the client's name in `status --short`


def who_text(ctx: Context, task_id: int | None, client_id: int | None) -> str:
    parts = []
    task = task_of(ctx, task_id)
    if task is not None:
        parts.append(quoted(task.title))
    client = client_of(ctx, client_id)
    parts.append(client.name if client else _("no client"))
    return " · ".join(parts)


def question_text(ctx: Context, v: View) -> str:
    q = v.question
    assert q is not None
    what = phase_name(q.phase)
    if q.closed:
        head = _("The {what} on {who} kept running after vatui was closed at {since}.")
    else:
        head = _("The {what} on {who} has run unattended since {since}.")
    return (head.format(what=what.lower(), who=who_text(ctx, q.task_id, q.client_id), since=my_hm(ctx, q.since)) + " "
            + _("Say what to do with that time: --keep ({keep}), --trim to the planned end {end} ({trim}) "
                "or --discard.").format(keep=format_duration(q.keep), end=my_hm(ctx, q.plan_end),
                                        trim=format_duration(q.trim)))


def status_dict(ctx: Context, v: View, now: datetime) -> dict[str, Any]:
    zone = my_zone(ctx)
    day = day_bounds(local_date(now, zone), zone)
    task = task_of(ctx, v.task_id)
    client = client_of(ctx, v.client_id)

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


def status_lines(ctx: Context, v: View, now: datetime, *, damaged: str | None = None) -> list[str]:
    """The timer in words, then today's and this week's tracked time (`status` and `vatui today`)."""
    lines: list[str] = []
    if damaged:
        lines.append(_("The stored timer state could not be read ({why}); it will be reset.").format(why=damaged))
    zone = my_zone(ctx)
    who = who_text(ctx, v.task_id, v.client_id)
    if v.phase is None:
        line = _("Idle. Next: {phase} ({length}).").format(phase=phase_name(v.next_phase).lower(),
                                                            length=format_duration(v.planned, seconds=True))
        if v.ended is not None:
            line += " " + _("{phase} ended at {at}.").format(phase=phase_name(v.ended.phase), at=my_hm(ctx, v.ended.at))
    elif v.phase is Phase.STOPWATCH:
        line = _("Stopwatch · {elapsed} · {who}").format(elapsed=clock(v.worked), who=who)
    else:
        line = _("{phase} · {left} left").format(phase=phase_name(v.phase), left=clock(v.remaining, countdown=True))
        if v.ends_at is not None:
            line += " " + _("(ends {at})").format(at=my_hm(ctx, v.ends_at))
        line += f" · {who}"
    if v.paused:
        line += " · " + _("paused")
    lines.append(line)
    if v.question is not None:
        lines.append(question_text(ctx, v))
    day = day_bounds(local_date(now, zone), zone)
    running = [] if v.state.run is None or not v.state.run.phase.tracks_time else list(v.state.run.stretches(now))
    t = totals(ctx.store.entries.all(), now, zone, client_id=v.client_id, week_start=ctx.config.settings.week_start,
               running=running, running_client=v.client_id)
    client = client_of(ctx, v.client_id)
    line = _("Focus sessions today: {n}").format(n=focus_done_between(v.state, *day))
    if client is not None:
        line += " · " + _("{client}: {today} today, {week} this week").format(
            client=client.name, today=format_duration(t.today_client), week=format_duration(t.week_client))
    line += " · " + _("all: {today} today, {week} this week").format(
        today=format_duration(t.today_all), week=format_duration(t.week_all))
    lines.append(line)
    return lines
