"""The Pomodoro and the stopwatch as a state machine over stored timestamps.

Nothing here ticks. The state records instants (when a stretch of work began, when it was
paused, what was planned); reading it at any `now` tells the phase, the time left and which
phase ends have passed since it was last written. So the timer survives a restart, a laptop
suspend and a second vatui process, and elapsed time is real time (UTC), DST or not.

Every change is a pure function `state, now, ... -> Outcome`: the new state plus the time
entries to write and the phase ends that happened. The caller (cockpit or CLI) applies an
Outcome inside one store transaction, so two processes never write the same entry twice.

Unattended time. A timer can count time as work while nobody is there: a stopwatch left running,
focus sessions started on their own (auto-start), a focus that kept running after vatui was
closed. The state remembers the instant up to which the running timer is known to be attended
(`trusted_until`: the planned end of what the user last touched). Tracked time that ends after
it is held back, not written. Once the timer has run `forgotten_after` past that instant with no
interaction, or vatui was closed and a planned end passed meanwhile, `question()` asks to keep,
trim to the planned end, or discard; until answered, commands are refused with NEEDS_ANSWER.

The state's types are in pomodoro_state.py, phase lengths and the entries a run leaves in
pomodoro_phases.py, and the stored form in pomodoro_codec.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from vatui.core.models import TimeEntry
from vatui.core.pomodoro_phases import (
    KEEP_DONE,
    STOPWATCH_PLAN,
    attended_end,
    begin_phase,
    entries_for,
    logged_total,
    next_break,
    phase_after,
    phase_length,
    prune_done,
    settle,
)
from vatui.core.pomodoro_state import (
    Answer,
    Outcome,
    Phase,
    PhaseEnd,
    Pomodoro,
    Question,
    Refusal,
    Run,
    TimerError,
    View,
    as_utc,
    clip_stretches,
    total_time,
)
from vatui.core.settings import PomodoroSettings

TOUCH_STEP = timedelta(seconds=60)  # an interaction moves trusted_until at most once a minute
MAX_CHAIN = 2000  # auto-started phases rolled forward in one go, at most


# --- rolling forward -------------------------------------------------------------------------------


def advance(state: Pomodoro, now: datetime, cfg: PomodoroSettings, forgotten_after: timedelta) -> Outcome:
    """Roll the state forward to `now`: every phase whose planned end has passed ends there,
    writes its entries (or holds them), and the next phase starts on its own if auto_start is on
    and the timer is not yet unattended past `forgotten_after`."""
    now = as_utc(now)
    entries: list[TimeEntry] = []
    ends: list[PhaseEnd] = []
    for _step in range(MAX_CHAIN):
        run = state.run
        if run is None or run.phase is Phase.STOPWATCH or run.end_at is None or run.end_at > now:
            break
        end = run.end_at
        if run.phase is Phase.FOCUS:
            state, new, _short = settle(run, state, end, completed=True)
            entries.extend(new)
            cycle = state.cycle + 1
            state = replace(state, cycle=cycle, last_focus_end=end, done=prune_done(state.done + (end,), end))
            nxt = next_break(cycle, cfg)
        else:
            nxt = Phase.FOCUS
        alarm = state.trusted_until + forgotten_after if state.trusted_until else None
        auto = cfg.auto_start and (alarm is None or end < alarm)
        ends.append(PhaseEnd(run.phase, end, nxt, auto))
        state = replace(state, run=None, next_phase=nxt, ended=ends[-1])
        if auto:
            state = begin_phase(state, nxt, end, cfg, auto=True)
    else:  # a chain too long to roll (tiny phases, huge forgotten_after): stop it where it is
        state = replace(state, run=None)
    return Outcome(state, tuple(entries), tuple(ends), logged=logged_total(tuple(entries)))


def question(state: Pomodoro, now: datetime, forgotten_after: timedelta) -> Question | None:
    """Keep / trim / discard, when the timer has run unattended (see the module docstring).
    `state` must already be advanced to `now`."""
    now = as_utc(now)
    limit = state.limit()
    if limit is None or state.trusted_until is None:
        return None
    run = state.run
    running_tracked = run is not None and run.phase.tracks_time and not run.paused and now > limit
    if not state.held and not running_tracked:
        return None
    if state.closed_at is not None:
        if now < state.trusted_until:
            return None
    elif now < state.trusted_until + forgotten_after:
        return None
    plan_end = state.trusted_until
    kept = sum((total_time(h.stretches) for h in state.held), timedelta(0))
    trimmed = sum((total_time(clip_stretches(h.stretches, plan_end)) for h in state.held), timedelta(0))
    gone = timedelta(0)  # discard drops the held time and the running run, nothing else
    if run is not None and run.phase.tracks_time:
        kept += run.worked(now)
        trimmed += total_time(clip_stretches(run.stretches(now), plan_end))
    first = state.held[0] if state.held else None
    phase = first.phase if first else run.phase  # type: ignore[union-attr]
    return Question(
        phase=phase,
        task_id=first.task_id if first else state.task_id,
        client_id=first.client_id if first else state.client_id,
        since=limit, plan_end=plan_end, closed=state.closed_at is not None,
        keep=kept, trim=trimmed, discard=gone,
        running=run is not None and not run.paused,
    )


def view(state: Pomodoro, now: datetime, cfg: PomodoroSettings, forgotten_after: timedelta) -> View:
    """Everything the pane, the status line and the CLI show, at `now`."""
    now = as_utc(now)
    out = advance(state, now, cfg, forgotten_after)
    s = out.state
    run = s.run
    unlogged = run.worked(now) if run is not None and run.phase.tracks_time else timedelta(0)
    return View(
        phase=run.phase if run else None,
        paused=bool(run and run.paused),
        remaining=run.remaining(now) if run else timedelta(0),
        worked=run.worked(now) if run else timedelta(0),
        planned=run.planned if run else phase_length(s.next_phase, cfg),
        ends_at=run.end_at if run else None,
        next_phase=phase_after(s, cfg),
        task_id=s.task_id,
        client_id=s.client_id,
        interruptions=len(run.interruptions) if run else 0,
        cycle=s.cycle,
        long_every=cfg.long_every,
        ended=s.ended,
        pending=out.ends,
        to_write=out.entries,
        question=question(s, now, forgotten_after),
        unlogged=unlogged,
        state=s,
    )


def focus_done_between(state: Pomodoro, start: datetime, end: datetime) -> int:
    """Completed focus sessions that ended in [start, end)."""
    return sum(1 for d in state.done if start <= d < end)


def interruptions_between(state: Pomodoro, start: datetime, end: datetime) -> int:
    return sum(1 for d in state.interrupted if start <= d < end)


# --- commands --------------------------------------------------------------------------------------


class Timer:
    """The commands, bound to the settings. Each takes the stored state and `now`, rolls the state
    forward, refuses when a keep/trim/discard answer is due, and returns an Outcome."""

    def __init__(self, cfg: PomodoroSettings, forgotten_after: timedelta) -> None:
        self.cfg = cfg
        self.forgotten_after = forgotten_after

    # internal: roll forward, then check the question
    def _ready(self, state: Pomodoro, now: datetime) -> tuple[Outcome, datetime]:
        now = as_utc(now)
        out = advance(state, now, self.cfg, self.forgotten_after)
        if question(out.state, now, self.forgotten_after) is not None:
            raise TimerError(Refusal.NEEDS_ANSWER, "the timer ran unattended: keep, trim or discard first")
        return out, now

    @staticmethod
    def _touched(state: Pomodoro, now: datetime) -> Pomodoro:
        return replace(state, touched=now, trusted_until=attended_end(state.run, now), closed_at=None)

    def _release(self, out: Outcome) -> tuple[Pomodoro, tuple[TimeEntry, ...]]:
        """The user is back in time: held entries are written."""
        state = out.state
        entries = out.entries
        for h in state.held:
            entries += entries_for(h.phase, h.stretches, h.task_id, h.client_id)
        return replace(state, held=()), entries

    def _finish(self, out: Outcome, state: Pomodoro, now: datetime, *, extra: tuple[TimeEntry, ...] = (),
                too_short: timedelta | None = None, stopped: Run | None = None) -> Outcome:
        state, released = self._release(replace(out, state=state))
        entries = released + extra
        state = self._touched(state, now)
        return Outcome(state, entries, out.ends, too_short=too_short, logged=logged_total(entries), stopped=stopped)

    def _stop_run(self, state: Pomodoro, now: datetime) -> tuple[Pomodoro, tuple[TimeEntry, ...], timedelta | None, Run]:
        run = state.run
        assert run is not None
        entries: tuple[TimeEntry, ...] = ()
        short = None
        if run.phase.tracks_time:
            end = now if run.running_since is not None else (run.segments[-1][1] if run.segments else now)
            state, entries, short = settle(run, replace(state, closed_at=None, trusted_until=None), end,
                                           completed=False)
        return replace(state, run=None), entries, short, run

    def start(self, state: Pomodoro, now: datetime, *, phase: Phase | None = None, task_id: int | None = None,
              client_id: int | None = None, bind: bool = False) -> Outcome:
        """Start the next phase (or `phase`). `bind` sets the task and client (a focus then).
        A break in progress gives way to a new focus; a stopwatch is stopped and logged first.
        Refused while a focus runs or is paused."""
        out, now = self._ready(state, now)
        s = out.state
        if phase is not None:
            wanted = phase
        elif bind or s.run is not None:
            wanted = Phase.FOCUS  # a break or a stopwatch in progress gives way to a focus
        else:
            wanted = s.next_phase
        extra: tuple[TimeEntry, ...] = ()
        short = None
        stopped = None
        if s.run is not None:
            if s.run.phase is Phase.FOCUS or s.run.phase is wanted:
                if s.run.paused_at is not None:
                    raise TimerError(Refusal.PAUSED, "the timer is paused")
                raise TimerError(Refusal.ALREADY_RUNNING, "a timer is already running")
            s, extra, short, stopped = self._stop_run(s, now)
        if bind:
            s = replace(s, task_id=task_id, client_id=client_id)
        s = begin_phase(s, wanted, now, self.cfg, auto=False)
        return self._finish(out, s, now, extra=extra, too_short=short, stopped=stopped)

    def start_stopwatch(self, state: Pomodoro, now: datetime, *, task_id: int | None, client_id: int | None,
                        planned: timedelta | None = None) -> Outcome:
        """Count up on a task without Pomodoro phases. `planned` (the task's estimate) is when a
        forgotten stopwatch is asked about; a break in progress gives way."""
        out, now = self._ready(state, now)
        s = out.state
        if s.run is not None and not s.run.phase.is_break:
            raise TimerError(Refusal.ALREADY_RUNNING, "a timer is already running")
        s = replace(s, run=None, task_id=task_id, client_id=client_id)
        s = begin_phase(s, Phase.STOPWATCH, now, self.cfg, auto=False, planned=planned or STOPWATCH_PLAN)
        s = replace(s, next_phase=Phase.FOCUS)
        return self._finish(out, s, now)

    def pause(self, state: Pomodoro, now: datetime) -> Outcome:
        out, now = self._ready(state, now)
        run = out.state.run
        if run is None:
            raise TimerError(Refusal.NOTHING_RUNNING, "no timer is running")
        if run.paused:
            raise TimerError(Refusal.ALREADY_PAUSED, "the timer is already paused")
        assert run.running_since is not None
        paused = replace(run, segments=run.segments + ((run.running_since, now),), running_since=None, paused_at=now)
        return self._finish(out, replace(out.state, run=paused), now)

    def resume(self, state: Pomodoro, now: datetime) -> Outcome:
        out, now = self._ready(state, now)
        run = out.state.run
        if run is None:
            raise TimerError(Refusal.NOTHING_RUNNING, "no timer is running")
        if not run.paused:
            raise TimerError(Refusal.NOT_PAUSED, "the timer is not paused")
        resumed = replace(run, running_since=now, paused_at=None)
        return self._finish(out, replace(out.state, run=resumed), now)

    def toggle_pause(self, state: Pomodoro, now: datetime) -> Outcome:
        run = advance(state, now, self.cfg, self.forgotten_after).state.run
        return self.resume(state, now) if run is not None and run.paused else self.pause(state, now)

    def skip(self, state: Pomodoro, now: datetime) -> Outcome:
        """End the current phase now and go to the next (it starts if auto_start is on). A skipped
        focus logs the time worked but does not count as completed."""
        out, now = self._ready(state, now)
        s = out.state
        if s.run is None:
            raise TimerError(Refusal.NOTHING_RUNNING, "no timer is running")
        if s.run.phase is Phase.STOPWATCH:
            return self.stop(state, now)
        phase = s.run.phase
        s, extra, short, stopped = self._stop_run(s, now)
        nxt = next_break(s.cycle, self.cfg) if phase is Phase.FOCUS else Phase.FOCUS
        s = replace(s, next_phase=nxt)
        if phase is Phase.FOCUS:
            s = replace(s, last_focus_end=now)
        if self.cfg.auto_start:
            s = begin_phase(s, nxt, now, self.cfg, auto=False)
        return self._finish(out, s, now, extra=extra, too_short=short, stopped=stopped)

    def stop(self, state: Pomodoro, now: datetime) -> Outcome:
        """Stop whatever runs; a focus or stopwatch logs the time worked. A focus comes next."""
        out, now = self._ready(state, now)
        s = out.state
        if s.run is None:
            if s.next_phase is Phase.FOCUS:
                raise TimerError(Refusal.NOTHING_RUNNING, "no timer is running")
            return self._finish(out, replace(s, next_phase=Phase.FOCUS), now)  # drop the pending break
        was_focus = s.run.phase is Phase.FOCUS
        s, extra, short, stopped = self._stop_run(s, now)
        s = replace(s, next_phase=Phase.FOCUS, last_focus_end=now if was_focus else s.last_focus_end)
        return self._finish(out, s, now, extra=extra, too_short=short, stopped=stopped)

    def interrupt(self, state: Pomodoro, now: datetime) -> Outcome:
        """Log an interruption of the focus in progress (counted, and kept in the state)."""
        out, now = self._ready(state, now)
        run = out.state.run
        if run is None or run.phase is not Phase.FOCUS:
            raise TimerError(Refusal.NOT_FOCUS, "interruptions are logged during a focus")
        marked = replace(run, interruptions=run.interruptions + (now,))
        log = tuple(i for i in out.state.interrupted if now - i <= KEEP_DONE) + (now,)
        return self._finish(out, replace(out.state, run=marked, interrupted=log), now)

    def touch(self, state: Pomodoro, now: datetime) -> Outcome:
        """Someone is here (a key pressed in the cockpit, vatui opened). Releases held time and
        moves the attended point, unless a question is due. Returns the same state when nothing
        would change (so the caller writes nothing)."""
        now = as_utc(now)
        out = advance(state, now, self.cfg, self.forgotten_after)
        s = out.state
        if question(s, now, self.forgotten_after) is not None:
            return out
        trusted = attended_end(s.run, now)
        same_trust = (trusted is None and s.trusted_until is None) or (
            trusted is not None and s.trusted_until is not None and trusted - s.trusted_until < TOUCH_STEP)
        if not s.held and s.closed_at is None and not out.ends and same_trust:
            return Outcome(state)
        return self._finish(out, s, now)

    def answer(self, state: Pomodoro, now: datetime, choice: Answer) -> Outcome:
        """Resolve the keep / trim / discard question."""
        now = as_utc(now)
        out = advance(state, now, self.cfg, self.forgotten_after)
        s = out.state
        q = question(s, now, self.forgotten_after)
        if q is None:
            raise TimerError(Refusal.NO_QUESTION, "there is nothing to answer")
        if choice is Answer.KEEP:
            return self._finish(out, s, now)
        plan_end = q.plan_end
        entries: list[TimeEntry] = list(out.entries)
        dropped_done: set[datetime] = set()
        for h in s.held:
            if choice is Answer.TRIM:
                entries.extend(entries_for(h.phase, clip_stretches(h.stretches, plan_end), h.task_id, h.client_id))
            if h.completed and (choice is Answer.DISCARD or h.end > plan_end):
                dropped_done.add(h.end)
        run = s.run
        if run is not None and run.phase.tracks_time and choice is Answer.TRIM:
            entries.extend(entries_for(run.phase, clip_stretches(run.stretches(now), plan_end), s.task_id, s.client_id))
        cycle = 0 if dropped_done else s.cycle
        s = replace(s, run=None, held=(), next_phase=Phase.FOCUS, cycle=cycle,
                    done=tuple(d for d in s.done if d not in dropped_done))
        s = self._touched(s, now)
        final = tuple(entries)
        return Outcome(s, final, out.ends, logged=logged_total(final), stopped=run)

    def closed(self, state: Pomodoro, now: datetime) -> Pomodoro:
        """vatui (the cockpit) was closed at `now` while a timer ran: time after this is unattended."""
        s = advance(state, now, self.cfg, self.forgotten_after).state
        if s.run is None or s.run.paused or s.closed_at is not None:
            return state
        return replace(state, closed_at=as_utc(now))
