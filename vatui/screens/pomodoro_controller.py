"""The cockpit's handling of the Pomodoro pane: timer keys, the per-second countdown, phase-end
notifications, the unattended-timer question, and a focus bound to a task (`start_focus_on`, for
the queue's `n` and `s`). A plain object made by the cockpit screen, which hands it the pane's
messages, the tick, every key pressed anywhere (`someone_is_here`) and its unmounting (`closed`).

The countdown is computed from the stored timestamps at each `tick(now)`, so it is right after
a restart, a suspend, or a timer started from the CLI (the cockpit's tick reloads the store when
another process wrote it). Timer commands are applied through the store writer in one
transaction each (vatui/timers/timekeeping.py), never on the event loop. What the pane, the
notifications and the question say is worded in pomodoro_text.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from vatui.core.durations import format_duration
from vatui.core.models import Task
from vatui.core.pomodoro import Timer, advance, focus_done_between, interruptions_between, view
from vatui.core.pomodoro_state import Answer, Outcome, Phase, PhaseEnd, Pomodoro, TimerError, View
from vatui.core.tracking import Totals, day_bounds, local_date, totals
from vatui.i18n import _
from vatui.screens.cockpit_services import Services
from vatui.screens.pomodoro_text import announcement, pomodoro_display, question_words, task_line, totals_lines
from vatui.store.pomodoro_codec import Loaded
from vatui.text.timer_words import quoted, refusal
from vatui.timers.timekeeping import Applied, TimeKeeper
from vatui.widgets.pomodoro_pane import PomodoroDisplay, PomodoroPane

if TYPE_CHECKING:
    from vatui.terminal.notify import Notifier


@dataclass
class PomodoroUI:
    """What the controller remembers between ticks, made when the pane is first shown."""

    keeper: TimeKeeper
    loaded: Loaded
    revision: int = -1
    mounted_at: datetime | None = None
    settling: bool = False  # a write that rolls the state forward is on its way
    asking: bool = False  # the keep/trim/discard modal is open
    announced: set[tuple[str, datetime]] = field(default_factory=set)
    damaged_told: bool = False
    totals_key: Any = None
    totals_text: tuple[str, str] = ("", "")
    focus_today: int = 0
    interrupted_today: int = 0


class PomodoroController:
    def __init__(self, services: Services, pane: Callable[[], PomodoroPane], *, notifier: Callable[[], Notifier],
                 selected_task: Callable[[], Task | None]) -> None:
        """`notifier`: the app's (made at its first use); `selected_task`: the task under the
        queue's cursor, which `start` focuses on."""
        self.services = services
        self.store = services.store
        self.settings = services.settings
        self.clock = services.clock
        self.now = services.now
        self.notify = services.notify
        self.pane = pane
        self.notifier = notifier
        self.selected_task = selected_task
        self._ui: PomodoroUI | None = None

    # --- state ---------------------------------------------------------------------------------
    @property
    def pomo(self) -> PomodoroUI:
        ui = self._ui
        if ui is None:
            keeper = TimeKeeper(self.store, self.settings)
            ui = PomodoroUI(keeper=keeper, loaded=keeper.read(), revision=self.store.revision)
            self._ui = ui
        return ui

    @property
    def timer(self) -> Timer:
        return self.pomo.keeper.timer

    def pomodoro_state(self) -> Pomodoro:
        ui = self.pomo
        if ui.revision != self.store.revision:
            ui.loaded = ui.keeper.read()
            ui.revision = self.store.revision
        return ui.loaded.state

    def pomodoro_view(self, now: datetime) -> View:
        return view(self.pomodoro_state(), now, self.settings.pomodoro, self.settings.forgotten_after)

    @property
    def _zone(self) -> ZoneInfo:
        return self.services.my_zone

    # --- refresh and tick ----------------------------------------------------------------------
    def refresh(self, now: datetime) -> None:
        ui = self.pomo
        self.pomodoro_state()
        if ui.loaded.damaged and not ui.damaged_told:
            ui.damaged_told = True
            self.notify(_("The stored timer state could not be read ({why}); the timer was reset.").format(
                why=ui.loaded.damaged), severity="warning", timeout=12)
        if ui.mounted_at is None:
            self._pomodoro_opened(now)
        self._pomodoro_show(now)

    def tick(self, now: datetime) -> None:
        self._pomodoro_show(now)

    def _pomodoro_opened(self, now: datetime) -> None:
        """vatui opened: old ends are old news, ends that passed while it was closed are told
        in-app, and opening counts as someone being here."""
        ui = self.pomo
        ui.mounted_at = now
        state = self.pomodoro_state()
        if state.ended is not None:
            ui.announced.add((state.ended.phase.value, state.ended.at))
        v = self.pomodoro_view(now)
        for end in v.pending:
            ui.announced.add((end.phase.value, end.at))
            self._announce(end, now, live=False)
        if v.question is None:
            out = self.timer.touch(state, now)
            if out.state is not state:
                self._pomodoro_apply(lambda t, s, n: t.touch(s, n), quiet=True)

    def _pomodoro_show(self, now: datetime) -> None:
        ui = self.pomo
        v = self.pomodoro_view(now)
        fresh = [e for e in v.pending if (e.phase.value, e.at) not in ui.announced]
        for end in fresh:
            ui.announced.add((end.phase.value, end.at))
            self._announce(end, now, live=True)
        if v.ended is not None and (v.ended.phase.value, v.ended.at) not in ui.announced:
            # Another vatui (or the CLI) wrote this end before we saw it pass.
            ui.announced.add((v.ended.phase.value, v.ended.at))
            if ui.mounted_at is not None and v.ended.at >= ui.mounted_at:
                self._announce(v.ended, now, live=True)
        state = v.state
        if (state.closed_at is not None and ui.mounted_at is not None and ui.mounted_at < state.closed_at
                and v.question is None and not ui.settling):
            # Another vatui closed while this one stayed open and watching: not unattended.
            ui.settling = True
            self._pomodoro_apply(lambda t, s, n: t.touch(s, n), quiet=True,
                                 after=lambda: setattr(ui, "settling", False))
        elif v.pending and not ui.settling:
            ui.settling = True
            self._pomodoro_apply(lambda t, s, n: advance(s, n, t.cfg, t.forgotten_after), quiet=True,
                                 after=lambda: setattr(ui, "settling", False))
        if v.question is not None:
            self._pomodoro_ask(v, now)
        self._pomodoro_totals(v, now)
        self.pane().show(self._pomodoro_display(v, now))

    # --- what the pane shows -------------------------------------------------------------------
    def _pomodoro_totals(self, v: View, now: datetime) -> None:
        # Logged time only: the session in progress is on the big display and joins the totals
        # when it is logged, so these lines do not repaint every minute of a focus.
        ui = self.pomo
        zone = self._zone
        # They change only with the file (entries), the timer's state or the date, not each minute.
        key = (self.store.revision, v.state, local_date(now, zone), v.client_id, self.settings.week_start)
        if key == ui.totals_key:
            return
        ui.totals_key = key
        t: Totals = totals(self.store.entries.all(), now, zone, client_id=v.client_id,
                           week_start=self.settings.week_start)
        client = self.store.clients.get(v.client_id) if v.client_id is not None else None
        ui.totals_text = totals_lines(t, client)
        day = day_bounds(local_date(now, zone), zone)
        ui.focus_today = focus_done_between(v.state, *day)
        ui.interrupted_today = interruptions_between(v.state, *day)

    def _task_line(self, v: View) -> str:
        task = self.store.tasks.get(v.task_id) if v.task_id is not None else None
        client = self.store.clients.get(v.client_id) if v.client_id is not None else None
        return task_line(task, client)

    def _pomodoro_display(self, v: View, now: datetime) -> PomodoroDisplay:
        ui = self.pomo
        return pomodoro_display(v, zone=self._zone, focus_today=ui.focus_today, totals=ui.totals_text,
                                task=self._task_line(v))

    # --- notifications -------------------------------------------------------------------------
    def _announce(self, end: PhaseEnd, now: datetime, *, live: bool) -> None:
        title, body = announcement(end, self.settings.pomodoro, self._zone, now, live=live)
        self.notifier().send(title, body, in_app_only=not live)

    # --- the unattended question ---------------------------------------------------------------
    def _pomodoro_ask(self, v: View, now: datetime) -> None:
        ui = self.pomo
        if ui.asking or v.question is None:
            return
        from vatui.screens.unattended_modal import UnattendedModal

        q = v.question
        task = self.store.tasks.get(q.task_id) if q.task_id is not None else None
        client = self.store.clients.get(q.client_id) if q.client_id is not None else None
        text, keep, trim, discard = question_words(q, task, client, self._zone)
        ui.asking = True

        def answered(choice: Answer | None) -> None:
            ui.asking = False
            if choice is None:
                return
            self._pomodoro_apply(lambda t, s, n: t.answer(s, n, choice))

        self.services.open_screen(UnattendedModal(text, keep, trim, discard), answered)

    # --- commands ------------------------------------------------------------------------------
    def _pomodoro_apply(self, command: Any, *, quiet: bool = False, after: Any = None,
                        said: str | None = None) -> None:
        """Apply a timer command in the writer; report refusals and what was logged."""
        keeper = self.pomo.keeper
        clock_ = self.clock

        def change() -> Applied | TimerError:
            try:
                return keeper.apply(clock_.now(), command)
            except TimerError as exc:
                return exc

        def done(result: Applied | TimerError) -> None:
            if after is not None:
                after()
            if isinstance(result, TimerError):
                if not quiet:
                    self.notify(refusal(result.reason), severity="warning", timeout=4)
                return
            if not quiet:  # a phase end is announced by its own notification
                self._pomodoro_report(result.outcome, said=said)

        def failed(_exc: Exception) -> None:
            if after is not None:
                after()

        self.services.writer.submit(change, done=lambda r: (done(r), self.services.refresh_all()), failed=failed)

    def _pomodoro_report(self, out: Outcome, *, said: str | None) -> None:
        parts = [said] if said else []
        if out.logged:
            parts.append(_("Logged {time}.").format(time=format_duration(out.logged)))
        if out.too_short is not None:
            parts.append(_("It ran {seconds} s: under a minute, so no time was logged.").format(
                seconds=int(out.too_short.total_seconds())))
        if parts:
            self.notify(" ".join(parts), timeout=4)

    def _refused(self, exc: TimerError) -> None:
        self.notify(refusal(exc.reason), severity="warning", timeout=4)

    def _pomodoro_check(self, now: datetime, attempt: Any) -> bool:
        """Try the command on the in-memory state first, to answer at once and not queue a
        write that would be refused."""
        v = self.pomodoro_view(now)
        if v.question is not None:
            self._pomodoro_ask(v, now)
            return False
        try:
            attempt(self.timer, self.pomodoro_state(), now)
        except TimerError as exc:
            self._refused(exc)
            return False
        return True

    def _bound_task_open(self, v: View) -> bool:
        task = self.store.tasks.get(v.task_id) if v.task_id is not None else None
        return task is not None and task.is_open

    def command_picked(self, message: PomodoroPane.CommandPicked) -> None:
        now = self.now()
        command = message.command
        if command == "entries":
            self.show_entries()
            return
        if command == "start":
            v = self.pomodoro_view(now)
            will_focus = v.phase is not None or v.next_phase is Phase.FOCUS
            selected = self.selected_task()
            if will_focus and not self._bound_task_open(v) and selected is not None:
                self._start_focus(selected, now)
                return
            cmd = _start_next
            said = None
        elif command == "pause":
            cmd, said = _toggle, None
        elif command == "skip":
            cmd, said = _skip, _("Skipped.")
        elif command == "stop":
            cmd, said = _stop, _("Stopped.")
        elif command == "interrupt":
            cmd, said = _interrupt, _("Interruption logged.")
        elif command == "stopwatch":
            self._toggle_stopwatch(now)
            return
        else:
            return
        if self._pomodoro_check(now, cmd):
            self._pomodoro_apply(cmd, said=said)

    def _toggle_stopwatch(self, now: datetime) -> None:
        v = self.pomodoro_view(now)
        if v.phase is Phase.STOPWATCH:
            if self._pomodoro_check(now, _stop):
                self._pomodoro_apply(_stop, said=_("Stopwatch stopped."))
            return
        task = self.selected_task()
        if task is None and self._bound_task_open(v):
            task = self.store.tasks.get(v.task_id)  # type: ignore[arg-type]
        task_id = task.id if task else v.task_id
        client_id = task.client_id if task else v.client_id
        planned = self.pomo.keeper.planned_for(task)

        def cmd(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
            return t.start_stopwatch(s, n, task_id=task_id, client_id=client_id, planned=planned)

        if self._pomodoro_check(now, cmd):
            self._pomodoro_apply(cmd, said=_("Stopwatch started."))

    def _start_focus(self, task: Task, now: datetime) -> bool:
        def cmd(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
            return t.start(s, n, task_id=task.id, client_id=task.client_id, bind=True)

        if not self._pomodoro_check(now, cmd):
            return False
        self._pomodoro_apply(cmd, said=_("Focus on {title}.").format(title=quoted(task.title)))
        return True

    def start_focus_on(self, task: Task) -> bool:
        """Cross-pane hook (the queue's `n`): a focus bound to `task`. False if refused."""
        return self._start_focus(task, self.now())

    def show_entries(self) -> None:
        from vatui.screens.entries_screen import EntriesScreen

        self.services.open_screen(EntriesScreen(self.services))

    # --- someone is here / vatui closes ------------------------------------------------------------
    def someone_is_here(self) -> None:
        """Any key pressed (the app calls this for every key, before any widget can stop it)
        counts as someone being here (unattended time)."""
        ui = self._ui
        if ui is None or ui.mounted_at is None:
            return
        now = self.now()
        state = self.pomodoro_state()
        v = self.pomodoro_view(now)
        if v.question is not None:
            self._pomodoro_ask(v, now)
            return
        if self.timer.touch(state, now).state is not state:
            self._pomodoro_apply(lambda t, s, n: t.touch(s, n), quiet=True)

    def closed(self) -> None:
        """vatui is closing: a timer still running is unattended from now on. Written here and
        now (the writer's workers are stopping); a failure must not stop the exit."""
        ui = self._ui
        if ui is None:
            return
        try:
            now = self.now()
            state = self.pomodoro_state()
            if self.timer.closed(state, now) is not state:
                ui.keeper.apply(now, lambda t, s, n: Outcome(t.closed(s, n)))
        except Exception:  # noqa: BLE001 - leaving must never fail
            pass


# The commands as plain functions of (timer, state, now), so they run the same in the writer.
def _start_next(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
    return t.start(s, n)


def _toggle(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
    return t.toggle_pause(s, n)


def _skip(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
    return t.skip(s, n)


def _stop(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
    return t.stop(s, n)


def _interrupt(t: Timer, s: Pomodoro, n: datetime) -> Outcome:
    return t.interrupt(s, n)
