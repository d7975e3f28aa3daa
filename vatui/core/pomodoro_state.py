"""The Pomodoro timer's state and what reading it gives: phases, runs, held time, outcomes.

Plain frozen dataclasses; the rules that move them are in pomodoro.py (the state machine) and
pomodoro_phases.py, and pomodoro_codec.py stores them. Instants are aware UTC datetimes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from vatui.core.errors import VatuiError
from vatui.core.models import TimeEntry


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


def as_utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime: the timer only handles aware datetimes")
    return at.astimezone(timezone.utc)


def total_time(stretches: tuple[Stretch, ...]) -> timedelta:
    return sum((b - a for a, b in stretches), timedelta(0))


def clip_stretches(stretches: tuple[Stretch, ...], limit: datetime) -> tuple[Stretch, ...]:
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
        return total_time(self.stretches(now))

    def remaining(self, now: datetime) -> timedelta:
        """Time left, never negative (a stopwatch counts toward its plan the same way)."""
        return max(self.planned - self.worked(now), timedelta(0))

    @property
    def end_at(self) -> datetime | None:
        """When the plan is reached if it keeps running; None while paused."""
        if self.running_since is None:
            return None
        return self.running_since + (self.planned - total_time(self.segments))


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
    next_phase: Phase  # what follows the current phase; idle, what `start` begins
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
