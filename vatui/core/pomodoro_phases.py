"""How the Pomodoro's phases follow each other and what a finished run leaves behind.

The settings decide each phase's length and when a long break is due; a run of focus or
stopwatch time becomes time entries, or is held back when it ended after the attended point
(see pomodoro.py on unattended time).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from vatui.core.models import TimeEntry
from vatui.core.pomodoro_state import Held, Phase, Pomodoro, Run, Stretch, total_time
from vatui.core.settings import PomodoroSettings

MIN_TRACKED = timedelta(seconds=60)  # shorter sessions (a start pressed by mistake) log nothing
STOPWATCH_PLAN = timedelta(hours=1)  # a stopwatch's "planned end" when its task has no estimate
KEEP_DONE = timedelta(days=8)  # completed focus sessions remembered for "today" / "this week"


def entries_for(phase: Phase, stretches: tuple[Stretch, ...], task_id: int | None,
                client_id: int | None) -> tuple[TimeEntry, ...]:
    return tuple(
        TimeEntry(start=a, end=b, client_id=client_id, task_id=task_id, billable=True, source=phase.source)
        for a, b in stretches if b > a
    )


def next_break(cycle: int, cfg: PomodoroSettings) -> Phase:
    return Phase.LONG_BREAK if cycle >= cfg.long_every else Phase.SHORT_BREAK


def phase_after(state: Pomodoro, cfg: PomodoroSettings) -> Phase:
    """The phase that follows the one running when it runs its course; idle, the one `start`
    begins. A focus is followed by a break (a long one when it completes the set), a break by a
    focus, and a stopwatch, which stands outside the cycle, by a focus (as after a stop)."""
    run = state.run
    if run is None:
        return state.next_phase
    if run.phase is Phase.FOCUS:
        return next_break(state.cycle + 1, cfg)  # this focus, once completed, counts in the set
    return Phase.FOCUS


def phase_length(phase: Phase, cfg: PomodoroSettings) -> timedelta:
    return {Phase.FOCUS: cfg.focus, Phase.SHORT_BREAK: cfg.short_break, Phase.LONG_BREAK: cfg.long_break,
            Phase.STOPWATCH: STOPWATCH_PLAN}[phase]


def prune_done(done: tuple[datetime, ...], now: datetime) -> tuple[datetime, ...]:
    return tuple(d for d in done if now - d <= KEEP_DONE)


def attended_end(run: Run | None, now: datetime) -> datetime | None:
    if run is None or run.paused:
        return None
    assert run.end_at is not None
    return max(run.end_at, now)


def _new_run(phase: Phase, at: datetime, planned: timedelta, *, auto: bool = False) -> Run:
    return Run(phase=phase, planned=planned, running_since=at, auto=auto)


def begin_phase(state: Pomodoro, phase: Phase, at: datetime, cfg: PomodoroSettings, *, auto: bool,
                planned: timedelta | None = None) -> Pomodoro:
    cycle = state.cycle
    if phase is Phase.LONG_BREAK:
        cycle = 0
    elif (phase is Phase.FOCUS and state.last_focus_end is not None
          and at - state.last_focus_end > max(cfg.long_break, cfg.short_break)):
        cycle = 0  # rested longer than any break since the last focus: a fresh set
    run = _new_run(phase, at, planned or phase_length(phase, cfg), auto=auto)
    return replace(state, run=run, cycle=cycle)


def settle(run: Run, state: Pomodoro, end: datetime, *, completed: bool) -> tuple[Pomodoro, tuple[TimeEntry, ...],
                                                                            timedelta | None]:
    """Turn a finished tracked run into entries (or held time). Returns state, entries, too_short."""
    stretches = run.stretches(end)
    worked = total_time(stretches)
    if not completed and worked < MIN_TRACKED:
        return state, (), worked
    limit = state.limit()
    if limit is not None and end > limit:
        held = Held(run.phase, stretches, state.task_id, state.client_id, completed, end)
        return replace(state, held=state.held + (held,)), (), None
    return state, entries_for(run.phase, stretches, state.task_id, state.client_id), None


def logged_total(entries: tuple[TimeEntry, ...]) -> timedelta:
    return sum((e.duration for e in entries), timedelta(0))
