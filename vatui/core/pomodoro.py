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
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from vatui.core.errors import VatuiError
from vatui.core.models import TimeEntry
from vatui.core.settings import PomodoroSettings
from vatui.i18n import _

STATE_KEY = "pomodoro"  # store.get_state / set_state key
STATE_VERSION = 1
MIN_TRACKED = timedelta(seconds=60)  # shorter sessions (a start pressed by mistake) log nothing
STOPWATCH_PLAN = timedelta(hours=1)  # a stopwatch's "planned end" when its task has no estimate
KEEP_DONE = timedelta(days=8)  # completed focus sessions remembered for "today" / "this week"
TOUCH_STEP = timedelta(seconds=60)  # an interaction moves trusted_until at most once a minute
MAX_CHAIN = 2000  # auto-started phases rolled forward in one go, at most


class Phase(enum.StrEnum):
    FOCUS = "focus"
    SHORT_BREAK = "short_break"
    LONG_BREAK = "long_break"
    STOPWATCH = "stopwatch"

    @property
    def is_break(self) -> bool:
        return self in (Phase.SHORT_BREAK, Phase.LONG_BREAK)

    @property
    def tracks_time(self) -> bool:
        """Focus and stopwatch time becomes time entries; breaks do not."""
        return not self.is_break

    @property
    def source(self) -> str:
        return "stopwatch" if self is Phase.STOPWATCH else "pomodoro"


class Refusal(enum.StrEnum):
    """Why a command was refused. The UI and CLI turn these into words."""

    NOTHING_RUNNING = "nothing_running"
    ALREADY_RUNNING = "already_running"
    PAUSED = "paused"  # a paused focus stands in the way: resume or stop it
    NOT_PAUSED = "not_paused"
    ALREADY_PAUSED = "already_paused"
    NOT_FOCUS = "not_focus"
    NEEDS_ANSWER = "needs_answer"
    NO_QUESTION = "no_question"


class TimerError(VatuiError):
    def __init__(self, reason: Refusal, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class StateError(ValueError):
    """The stored state cannot be read (hand-edited, damaged)."""


class Answer(enum.StrEnum):
    KEEP = "keep"
    TRIM = "trim"
    DISCARD = "discard"


Stretch = tuple[datetime, datetime]


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime: the timer only handles aware datetimes")
    return at.astimezone(timezone.utc)


def _total(stretches: tuple[Stretch, ...]) -> timedelta:
    return sum((b - a for a, b in stretches), timedelta(0))


def _clip(stretches: tuple[Stretch, ...], limit: datetime) -> tuple[Stretch, ...]:
    return tuple((a, min(b, limit)) for a, b in stretches if a < limit)


@dataclass(frozen=True, slots=True)
class Run:
    """One phase in progress (running or paused)."""

    phase: Phase
    planned: timedelta
    segments: tuple[Stretch, ...] = ()  # finished running stretches (before pauses)
    running_since: datetime | None = None  # None while paused
    paused_at: datetime | None = None
    interruptions: tuple[datetime, ...] = ()
    auto: bool = False  # started on its own (auto-start), not by the user

    @property
    def paused(self) -> bool:
        return self.running_since is None

    @property
    def started(self) -> datetime:
        if self.segments:
            return self.segments[0][0]
        assert self.running_since is not None
        return self.running_since

    def stretches(self, now: datetime) -> tuple[Stretch, ...]:
        """The running stretches up to `now` (the open one closed at now)."""
        if self.running_since is None:
            return self.segments
        return self.segments + ((self.running_since, max(now, self.running_since)),)

    def worked(self, now: datetime) -> timedelta:
        return _total(self.stretches(now))

    def remaining(self, now: datetime) -> timedelta:
        """Time left, never negative (a stopwatch counts toward its plan the same way)."""
        return max(self.planned - self.worked(now), timedelta(0))

    @property
    def end_at(self) -> datetime | None:
        """When the plan is reached if it keeps running; None while paused."""
        if self.running_since is None:
            return None
        return self.running_since + (self.planned - _total(self.segments))


@dataclass(frozen=True, slots=True)
class Held:
    """Tracked time that ended after the attended point: written only once the user says so."""

    phase: Phase
    stretches: tuple[Stretch, ...]
    task_id: int | None
    client_id: int | None
    completed: bool  # a focus that ran its full length (counted in `done` and `cycle`)
    end: datetime


@dataclass(frozen=True, slots=True)
class PhaseEnd:
    """A phase that ran its full length (skips and stops are not ends)."""

    phase: Phase
    at: datetime
    next_phase: Phase
    auto_started: bool  # the next phase began on its own


@dataclass(frozen=True, slots=True)
class Pomodoro:
    """The whole timer state. `Pomodoro()` is idle with a focus next."""

    run: Run | None = None
    task_id: int | None = None
    client_id: int | None = None
    next_phase: Phase = Phase.FOCUS
    cycle: int = 0  # completed focus sessions since the last long break
    last_focus_end: datetime | None = None
    trusted_until: datetime | None = None
    closed_at: datetime | None = None
    held: tuple[Held, ...] = ()
    ended: PhaseEnd | None = None  # the latest phase end
    done: tuple[datetime, ...] = ()  # ends of completed focus sessions, last KEEP_DONE
    touched: datetime | None = None  # the last interaction
    interrupted: tuple[datetime, ...] = ()  # logged interruptions, last KEEP_DONE

    @property
    def idle(self) -> bool:
        return self.run is None

    @property
    def phase(self) -> Phase | None:
        return self.run.phase if self.run else None

    def limit(self) -> datetime | None:
        """Tracked time after this instant is unattended."""
        if self.trusted_until is None:
            return self.closed_at
        if self.closed_at is None:
            return self.trusted_until
        return min(self.trusted_until, self.closed_at)


@dataclass(frozen=True, slots=True)
class Outcome:
    state: Pomodoro
    entries: tuple[TimeEntry, ...] = ()  # to add to the store
    ends: tuple[PhaseEnd, ...] = ()  # phase ends that passed, oldest first
    too_short: timedelta | None = None  # a session shorter than MIN_TRACKED was not logged
    logged: timedelta = timedelta(0)  # total of `entries`
    stopped: Run | None = None  # the run a stop/skip/answer ended


@dataclass(frozen=True, slots=True)
class Question:
    """Keep / trim / discard for a timer that ran unattended."""

    phase: Phase
    task_id: int | None
    client_id: int | None
    since: datetime  # attended up to here
    plan_end: datetime  # trimming cuts here
    closed: bool  # vatui was closed while it ran
    keep: timedelta  # tracked time kept by each answer
    trim: timedelta
    discard: timedelta
    running: bool  # the timer still runs (keep lets it go on)


@dataclass(frozen=True, slots=True)
class View:
    """What to show at `now`: computed as if the pending phase ends had been written."""

    phase: Phase | None
    paused: bool
    remaining: timedelta
    worked: timedelta  # of the current run
    planned: timedelta
    ends_at: datetime | None
    next_phase: Phase
    task_id: int | None
    client_id: int | None
    interruptions: int
    cycle: int
    long_every: int
    ended: PhaseEnd | None  # the latest end, stored or pending
    pending: tuple[PhaseEnd, ...]  # ends that passed since the state was written
    to_write: tuple[TimeEntry, ...]  # the entries those ends produce (written by advance())
    question: Question | None
    unlogged: timedelta  # tracked time of the current run, not yet in the store
    state: Pomodoro  # the advanced state

    @property
    def running(self) -> bool:
        return self.phase is not None and not self.paused


# --- helpers ---------------------------------------------------------------------------------------


def _entries(phase: Phase, stretches: tuple[Stretch, ...], task_id: int | None,
             client_id: int | None) -> tuple[TimeEntry, ...]:
    return tuple(
        TimeEntry(start=a, end=b, client_id=client_id, task_id=task_id, billable=True, source=phase.source)
        for a, b in stretches if b > a
    )


def _next_break(cycle: int, cfg: PomodoroSettings) -> Phase:
    return Phase.LONG_BREAK if cycle >= cfg.long_every else Phase.SHORT_BREAK


def _length(phase: Phase, cfg: PomodoroSettings) -> timedelta:
    return {Phase.FOCUS: cfg.focus, Phase.SHORT_BREAK: cfg.short_break, Phase.LONG_BREAK: cfg.long_break,
            Phase.STOPWATCH: STOPWATCH_PLAN}[phase]


def _prune(done: tuple[datetime, ...], now: datetime) -> tuple[datetime, ...]:
    return tuple(d for d in done if now - d <= KEEP_DONE)


def _attended_end(run: Run | None, now: datetime) -> datetime | None:
    if run is None or run.paused:
        return None
    assert run.end_at is not None
    return max(run.end_at, now)


def _new_run(phase: Phase, at: datetime, planned: timedelta, *, auto: bool = False) -> Run:
    return Run(phase=phase, planned=planned, running_since=at, auto=auto)


def _begin(state: Pomodoro, phase: Phase, at: datetime, cfg: PomodoroSettings, *, auto: bool,
           planned: timedelta | None = None) -> Pomodoro:
    cycle = state.cycle
    if phase is Phase.LONG_BREAK:
        cycle = 0
    elif (phase is Phase.FOCUS and state.last_focus_end is not None
          and at - state.last_focus_end > max(cfg.long_break, cfg.short_break)):
        cycle = 0  # rested longer than any break since the last focus: a fresh set
    run = _new_run(phase, at, planned or _length(phase, cfg), auto=auto)
    return replace(state, run=run, cycle=cycle)


def _settle(run: Run, state: Pomodoro, end: datetime, *, completed: bool) -> tuple[Pomodoro, tuple[TimeEntry, ...],
                                                                                  timedelta | None]:
    """Turn a finished tracked run into entries (or held time). Returns state, entries, too_short."""
    stretches = run.stretches(end)
    worked = _total(stretches)
    if not completed and worked < MIN_TRACKED:
        return state, (), worked
    limit = state.limit()
    if limit is not None and end > limit:
        held = Held(run.phase, stretches, state.task_id, state.client_id, completed, end)
        return replace(state, held=state.held + (held,)), (), None
    return state, _entries(run.phase, stretches, state.task_id, state.client_id), None


def _logged(entries: tuple[TimeEntry, ...]) -> timedelta:
    return sum((e.duration for e in entries), timedelta(0))


# --- rolling forward -------------------------------------------------------------------------------


def advance(state: Pomodoro, now: datetime, cfg: PomodoroSettings, forgotten_after: timedelta) -> Outcome:
    """Roll the state forward to `now`: every phase whose planned end has passed ends there,
    writes its entries (or holds them), and the next phase starts on its own if auto_start is on
    and the timer is not yet unattended past `forgotten_after`."""
    now = _utc(now)
    entries: list[TimeEntry] = []
    ends: list[PhaseEnd] = []
    for _step in range(MAX_CHAIN):
        run = state.run
        if run is None or run.phase is Phase.STOPWATCH or run.end_at is None or run.end_at > now:
            break
        end = run.end_at
        if run.phase is Phase.FOCUS:
            state, new, _short = _settle(run, state, end, completed=True)
            entries.extend(new)
            cycle = state.cycle + 1
            state = replace(state, cycle=cycle, last_focus_end=end, done=_prune(state.done + (end,), end))
            nxt = _next_break(cycle, cfg)
        else:
            nxt = Phase.FOCUS
        alarm = state.trusted_until + forgotten_after if state.trusted_until else None
        auto = cfg.auto_start and (alarm is None or end < alarm)
        ends.append(PhaseEnd(run.phase, end, nxt, auto))
        state = replace(state, run=None, next_phase=nxt, ended=ends[-1])
        if auto:
            state = _begin(state, nxt, end, cfg, auto=True)
    else:  # a chain too long to roll (tiny phases, huge forgotten_after): stop it where it is
        state = replace(state, run=None)
    return Outcome(state, tuple(entries), tuple(ends), logged=_logged(tuple(entries)))


def question(state: Pomodoro, now: datetime, forgotten_after: timedelta) -> Question | None:
    """Keep / trim / discard, when the timer has run unattended (see the module docstring).
    `state` must already be advanced to `now`."""
    now = _utc(now)
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
    kept = sum((_total(h.stretches) for h in state.held), timedelta(0))
    trimmed = sum((_total(_clip(h.stretches, plan_end)) for h in state.held), timedelta(0))
    gone = timedelta(0)  # discard drops the held time and the running run, nothing else
    if run is not None and run.phase.tracks_time:
        kept += run.worked(now)
        trimmed += _total(_clip(run.stretches(now), plan_end))
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
    now = _utc(now)
    out = advance(state, now, cfg, forgotten_after)
    s = out.state
    run = s.run
    unlogged = run.worked(now) if run is not None and run.phase.tracks_time else timedelta(0)
    return View(
        phase=run.phase if run else None,
        paused=bool(run and run.paused),
        remaining=run.remaining(now) if run else timedelta(0),
        worked=run.worked(now) if run else timedelta(0),
        planned=run.planned if run else _length(s.next_phase, cfg),
        ends_at=run.end_at if run else None,
        next_phase=s.next_phase,
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
        now = _utc(now)
        out = advance(state, now, self.cfg, self.forgotten_after)
        if question(out.state, now, self.forgotten_after) is not None:
            raise TimerError(Refusal.NEEDS_ANSWER, "the timer ran unattended: keep, trim or discard first")
        return out, now

    @staticmethod
    def _touched(state: Pomodoro, now: datetime) -> Pomodoro:
        return replace(state, touched=now, trusted_until=_attended_end(state.run, now), closed_at=None)

    def _release(self, out: Outcome) -> tuple[Pomodoro, tuple[TimeEntry, ...]]:
        """The user is back in time: held entries are written."""
        state = out.state
        entries = out.entries
        for h in state.held:
            entries += _entries(h.phase, h.stretches, h.task_id, h.client_id)
        return replace(state, held=()), entries

    def _finish(self, out: Outcome, state: Pomodoro, now: datetime, *, extra: tuple[TimeEntry, ...] = (),
                too_short: timedelta | None = None, stopped: Run | None = None) -> Outcome:
        state, released = self._release(replace(out, state=state))
        entries = released + extra
        state = self._touched(state, now)
        return Outcome(state, entries, out.ends, too_short=too_short, logged=_logged(entries), stopped=stopped)

    def _stop_run(self, state: Pomodoro, now: datetime) -> tuple[Pomodoro, tuple[TimeEntry, ...], timedelta | None, Run]:
        run = state.run
        assert run is not None
        entries: tuple[TimeEntry, ...] = ()
        short = None
        if run.phase.tracks_time:
            end = now if run.running_since is not None else (run.segments[-1][1] if run.segments else now)
            state, entries, short = _settle(run, replace(state, closed_at=None, trusted_until=None), end,
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
        s = _begin(s, wanted, now, self.cfg, auto=False)
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
        s = _begin(s, Phase.STOPWATCH, now, self.cfg, auto=False, planned=planned or STOPWATCH_PLAN)
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
        nxt = _next_break(s.cycle, self.cfg) if phase is Phase.FOCUS else Phase.FOCUS
        s = replace(s, next_phase=nxt)
        if phase is Phase.FOCUS:
            s = replace(s, last_focus_end=now)
        if self.cfg.auto_start:
            s = _begin(s, nxt, now, self.cfg, auto=False)
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
        now = _utc(now)
        out = advance(state, now, self.cfg, self.forgotten_after)
        s = out.state
        if question(s, now, self.forgotten_after) is not None:
            return out
        trusted = _attended_end(s.run, now)
        same_trust = (trusted is None and s.trusted_until is None) or (
            trusted is not None and s.trusted_until is not None and trusted - s.trusted_until < TOUCH_STEP)
        if not s.held and s.closed_at is None and not out.ends and same_trust:
            return Outcome(state)
        return self._finish(out, s, now)

    def answer(self, state: Pomodoro, now: datetime, choice: Answer) -> Outcome:
        """Resolve the keep / trim / discard question."""
        now = _utc(now)
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
                entries.extend(_entries(h.phase, _clip(h.stretches, plan_end), h.task_id, h.client_id))
            if h.completed and (choice is Answer.DISCARD or h.end > plan_end):
                dropped_done.add(h.end)
        run = s.run
        if run is not None and run.phase.tracks_time and choice is Answer.TRIM:
            entries.extend(_entries(run.phase, _clip(run.stretches(now), plan_end), s.task_id, s.client_id))
        cycle = 0 if dropped_done else s.cycle
        s = replace(s, run=None, held=(), next_phase=Phase.FOCUS, cycle=cycle,
                    done=tuple(d for d in s.done if d not in dropped_done))
        s = self._touched(s, now)
        final = tuple(entries)
        return Outcome(s, final, out.ends, logged=_logged(final), stopped=run)

    def closed(self, state: Pomodoro, now: datetime) -> Pomodoro:
        """vatui (the cockpit) was closed at `now` while a timer ran: time after this is unattended."""
        s = advance(state, now, self.cfg, self.forgotten_after).state
        if s.run is None or s.run.paused or s.closed_at is not None:
            return state
        return replace(state, closed_at=_utc(now))


# --- serialisation ---------------------------------------------------------------------------------


def _enc(at: datetime | None) -> str | None:
    return None if at is None else _utc(at).isoformat().replace("+00:00", "Z")


def _dec(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise StateError(_("expected a timestamp, got {value!r}").format(value=value))
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise StateError(_("{value!r} is not a timestamp").format(value=value)) from None
    if parsed.tzinfo is None:
        raise StateError(_("timestamp {value!r} has no zone").format(value=value))
    return parsed.astimezone(timezone.utc)


def _dec_req(value: Any) -> datetime:
    out = _dec(value)
    if out is None:
        raise StateError(_("a timestamp is missing"))
    return out


def _secs(value: Any) -> timedelta:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise StateError(_("expected a number of seconds, got {value!r}").format(value=value))
    return timedelta(seconds=value)


def _opt_id(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise StateError(_("expected an id, got {value!r}").format(value=value))
    return value


def _stretches(value: Any) -> tuple[Stretch, ...]:
    if not isinstance(value, list):
        raise StateError(_("expected a list of stretches"))
    out = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise StateError(_("a stretch is [start, end]"))
        a, b = _dec_req(pair[0]), _dec_req(pair[1])
        if b < a:
            raise StateError(_("a stretch ends before it starts"))
        out.append((a, b))
    return tuple(out)


def _enc_stretches(stretches: tuple[Stretch, ...]) -> list[list[str | None]]:
    return [[_enc(a), _enc(b)] for a, b in stretches]


def _phase(value: Any) -> Phase:
    try:
        return Phase(value)
    except ValueError:
        raise StateError(_("unknown phase {value!r}").format(value=value)) from None


def to_dict(state: Pomodoro) -> dict[str, Any]:
    """A JSON-ready dict for `store.set_state("pomodoro", ...)`."""
    run = state.run
    return {
        "version": STATE_VERSION,
        "run": None if run is None else {
            "phase": run.phase.value,
            "planned_s": run.planned.total_seconds(),
            "segments": _enc_stretches(run.segments),
            "running_since": _enc(run.running_since),
            "paused_at": _enc(run.paused_at),
            "interruptions": [_enc(i) for i in run.interruptions],
            "auto": run.auto,
        },
        "task": state.task_id,
        "client": state.client_id,
        "next_phase": state.next_phase.value,
        "cycle": state.cycle,
        "last_focus_end": _enc(state.last_focus_end),
        "trusted_until": _enc(state.trusted_until),
        "closed_at": _enc(state.closed_at),
        "held": [
            {"phase": h.phase.value, "stretches": _enc_stretches(h.stretches), "task": h.task_id,
             "client": h.client_id, "completed": h.completed, "end": _enc(h.end)}
            for h in state.held
        ],
        "ended": None if state.ended is None else {
            "phase": state.ended.phase.value, "at": _enc(state.ended.at),
            "next_phase": state.ended.next_phase.value, "auto_started": state.ended.auto_started,
        },
        "done": [_enc(d) for d in state.done],
        "touched": _enc(state.touched),
        "interrupted": [_enc(i) for i in state.interrupted],
    }


def from_dict(raw: Mapping[str, Any] | None) -> Pomodoro:
    """Read the stored state; None (never used) is idle. Raises StateError when it is damaged."""
    if raw is None:
        return Pomodoro()
    if not isinstance(raw, Mapping):
        raise StateError(_("the timer state is not an object"))
    version = raw.get("version")
    if version != STATE_VERSION:
        raise StateError(_("unknown timer state version {version!r}").format(version=version))
    try:
        r = raw.get("run")
        run = None
        if r is not None:
            run = Run(
                phase=_phase(r["phase"]),
                planned=_secs(r["planned_s"]),
                segments=_stretches(r.get("segments", [])),
                running_since=_dec(r.get("running_since")),
                paused_at=_dec(r.get("paused_at")),
                interruptions=tuple(_dec_req(i) for i in r.get("interruptions", [])),
                auto=bool(r.get("auto", False)),
            )
            if run.running_since is None and not run.segments:
                raise StateError(_("a paused run has no time"))
        e = raw.get("ended")
        cycle = raw.get("cycle", 0)
        if isinstance(cycle, bool) or not isinstance(cycle, int) or cycle < 0:
            raise StateError(_("{field}: expected a count, got {value!r}").format(field="cycle", value=cycle))
        return Pomodoro(
            run=run,
            task_id=_opt_id(raw.get("task")),
            client_id=_opt_id(raw.get("client")),
            next_phase=_phase(raw.get("next_phase", "focus")),
            cycle=cycle,
            last_focus_end=_dec(raw.get("last_focus_end")),
            trusted_until=_dec(raw.get("trusted_until")),
            closed_at=_dec(raw.get("closed_at")),
            held=tuple(
                Held(_phase(h["phase"]), _stretches(h["stretches"]), _opt_id(h.get("task")), _opt_id(h.get("client")),
                     bool(h.get("completed", False)), _dec_req(h["end"]))
                for h in raw.get("held", [])
            ),
            ended=None if e is None else PhaseEnd(_phase(e["phase"]), _dec_req(e["at"]), _phase(e["next_phase"]),
                                                  bool(e.get("auto_started", False))),
            done=tuple(_dec_req(d) for d in raw.get("done", [])),
            touched=_dec(raw.get("touched")),
            interrupted=tuple(_dec_req(i) for i in raw.get("interrupted", [])),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise StateError(_("the timer state is damaged ({problem})").format(problem=exc)) from None


@dataclass(frozen=True, slots=True)
class Loaded:
    state: Pomodoro
    damaged: str | None = None  # why the stored state was set aside, if it was


def load(raw: Any) -> Loaded:
    """Like from_dict, but a damaged state becomes idle with the reason (nothing raised)."""
    try:
        return Loaded(from_dict(raw))
    except StateError as exc:
        return Loaded(Pomodoro(), str(exc))


__all__ = [
    "Answer", "Held", "Loaded", "Outcome", "Phase", "PhaseEnd", "Pomodoro", "Question", "Refusal", "Run",
    "StateError", "Timer", "TimerError", "View", "advance", "focus_done_between", "from_dict", "load",
    "question", "to_dict", "view",
]
