"""The Pomodoro state in the store: read it, and apply a timer command in one transaction.

Used by the CLI and the cockpit alike. A command runs inside `store.transaction()`, which takes
the cross-process lock and starts from what another process last wrote; the entries it produces
and the new state are saved in the same atomic write. So a phase end seen by two processes at
once is logged once. No Textual here (the CLI's quick commands use it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from vatui.core.models import Task, TimeEntry
from vatui.core.pomodoro import Timer, advance, view
from vatui.core.pomodoro_phases import STOPWATCH_PLAN
from vatui.core.pomodoro_state import Outcome, Pomodoro, View
from vatui.core.settings import Settings
from vatui.store import Store
from vatui.store.pomodoro_codec import STATE_KEY, Loaded, load, to_dict

Command = Callable[[Timer, Pomodoro, datetime], Outcome]


@dataclass(frozen=True, slots=True)
class Applied:
    outcome: Outcome
    added: tuple[TimeEntry, ...]  # the entries as stored (with ids)
    damaged: str | None  # the stored state could not be read and was reset (why)
    changed: bool  # something was written


class TimeKeeper:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.timer = Timer(settings.pomodoro, settings.forgotten_after)

    def read(self) -> Loaded:
        return load(self.store.get_state(STATE_KEY))

    def view(self, now: datetime, loaded: Loaded | None = None) -> View:
        state = (loaded or self.read()).state
        return view(state, now, self.settings.pomodoro, self.settings.forgotten_after)

    def apply(self, now: datetime, command: Command) -> Applied:
        """Run `command(timer, state, now)` on the freshest state and save what it produced.
        TimerError propagates (nothing is written)."""
        now = now.replace(microsecond=0)  # whole seconds in the file and in entries
        with self.store.transaction():
            loaded = self.read()
            out = command(self.timer, loaded.state, now)
            added: list[TimeEntry] = []
            if out.entries:
                added = self.store.entries.add_many(list(out.entries))
            changed = bool(added) or out.state != loaded.state or loaded.damaged is not None
            if out.state != loaded.state or loaded.damaged is not None:
                self.store.set_state(STATE_KEY, to_dict(out.state))
        return Applied(out, tuple(added), loaded.damaged, changed)

    def log_ended_phases(self, now: datetime) -> Applied | None:
        """Log the phases that ran their course since anyone last looked (a focus started from the
        CLI that ended while no cockpit was open): the same entries and state the cockpit's tick
        writes, so reports never wait for a cockpit to open. None when nothing had ended. Time
        past a planned end is not decided here: the keep/trim/discard question stays."""
        if not self.view(now).pending:
            return None
        return self.apply(now, lambda t, s, n: advance(s, n, t.cfg, t.forgotten_after))

    def planned_for(self, task: Task | None) -> timedelta:
        """A stopwatch's plan (when a forgotten one is asked about): the task's estimate."""
        return task.estimate if task is not None and task.estimate else STOPWATCH_PLAN
