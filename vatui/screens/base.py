"""What the cockpit screen does for all four panes: the tick, focus and zoom keys, saving
through the store writer, undo, and noticing what another vatui process wrote.

Each pane's own behaviour lives in a controller mixin (clock_controller.py, ...), so the screen
stays a list of small files rather than one long one. Controllers implement `refresh_<area>`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events
from textual.binding import Binding
from textual.screen import Screen

from vatui.core.clock import Clock
from vatui.core.models import Task
from vatui.core.settings import Settings
from vatui.i18n import N_, _
from vatui.screens.background_jobs import BackgroundJobs
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.screens.key_bindings import TranslatedBindings
from vatui.store import Store
from vatui.widgets.footer import KeyFooter
from vatui.widgets.pane import Pane

if TYPE_CHECKING:
    from vatui.screens.host import VatuiHost

PANE_IDS = ("clock-pane", "blocks-pane", "queue-pane", "pomodoro-pane")
NARROW_BELOW = 100  # columns: below this the panes switch to their compact form
SHORT_BELOW = 30  # rows


class FollowsCockpit:
    """A screen opened over the cockpit that shows what is in the store (the report, the day's
    entries): refreshed whenever the cockpit is. (A marker the cockpit checks for, so that it
    need not import every such screen to find out whether one is open.)"""

    def cockpit_refreshed(self) -> None:
        """The store may have changed: show it again."""


class CockpitBase(TranslatedBindings, Screen[None]):
    # Escape first goes to the focused pane (the clock's cursor returns to now), then un-zooms.
    ESCAPE_TO_MINIMIZE = False
    BINDINGS = [
        Binding("1", "focus_pane(1)", N_("Clock"), id="focus-clock", show=False),
        Binding("2", "focus_pane(2)", N_("Blocks"), id="focus-blocks", show=False),
        Binding("3", "focus_pane(3)", N_("Queues"), id="focus-queue", show=False),
        Binding("4", "focus_pane(4)", N_("Pomodoro"), id="focus-pomodoro", show=False),
        # Global keys stay out of the footer (it must fit the focused pane's keys at 80 columns);
        # `?` lists them and the command palette finds them.
        Binding("z", "zoom_pane", N_("Zoom"), id="zoom-pane", show=False,
                tooltip=N_("Show the focused pane on the whole screen")),
        Binding("u", "undo", N_("Undo"), id="undo", show=False, tooltip=N_("Undo the last change")),
        Binding("escape", "back_out", N_("Back"), id="back-out", show=False,
                tooltip=N_("Back out: leave the zoomed pane")),
    ]

    app: VatuiHost  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="cockpit")
        app = self.app
        self.services = Services(store=app.store, writer=app.writer, clock=app.clock, settings=app.settings,
                                 my_zone=app.my_zone, screen=self)
        self._last_minute: datetime | None = None
        self._seen_revision = -1
        self.active_pane: Pane | None = None  # the pane last focused (by key, Tab or mouse)
        self._background: BackgroundJobs | None = None

    # --- services ------------------------------------------------------------------------------
    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def clock(self) -> Clock:
        return self.app.clock

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def now(self) -> datetime:
        return self.clock.now()

    # --- refresh and the tick ------------------------------------------------------------------
    def on_mount(self) -> None:
        # Textual hides its (empty) toast rack when the screen is first shown, by setting its
        # display: a layout and a repaint of the whole screen a frame after the first. Set
        # before the first layout, that later setting changes nothing.
        for rack in self.query_children("ToastRack"):
            rack.display = False
        self.refresh_all()
        self.pane(3).focus_body()
        # The footer last, once the focus is set: it then draws the focused pane's keys at once
        # instead of drawing the screen's and redrawing a frame later.
        self.mount(KeyFooter())
        self.call_after_refresh(self.first_paint_done)

    def first_paint_done(self) -> None:
        # The records just loaded live as long as the app: move them (and Textual's start-up
        # objects) out of the garbage collector's reach. With a heavy year a full collection took
        # 50 ms, enough to stall a key press; frozen, it costs nothing. Acyclic records that are
        # later replaced are still freed by reference counting. Then collection resumes (the
        # `vatui` command holds it off during start-up: see vatui/cli/cockpit.py).
        gc.freeze()
        gc.enable()
        self.housekeeping()

    def housekeeping(self) -> None:
        """Once a day, after the first paint: move old records to the archive (history.py), so
        the hot file that every start reads and every edit rewrites stays small."""
        from vatui.core.retention import pass_day
        from vatui.store.history import ARCHIVED_ON_KEY, archive_old

        now = self.now()
        today = pass_day(now, self.settings.me_zone)
        if self.store.get_state(ARCHIVED_ON_KEY) == today:
            return

        def run() -> tuple[int, int]:
            # On the writer thread, which makes every change of this process. `before` is read
            # inside the transaction: opening it re-reads the file if another process wrote
            # since, and that write must still reach the panes (so `before` is then not what
            # they were drawn from, and `done` leaves the refresh to the tick).
            with self.store.transaction():
                before = self.store.revision
                archive_old(self.store, now, self.settings.me_zone)
                self.store.set_state(ARCHIVED_ON_KEY, today)
            return before, self.store.revision

        def done(revisions: tuple[int, int]) -> None:
            # What moves is what no pane shows (core/retention.py: the hot file keeps what the
            # cockpit shows), so the panes are still right: no refresh of every pane (on a heavy
            # year, 40-70 ms just after the first paint). Unless something else changed first,
            # here or in another process.
            before, after = revisions
            if self._seen_revision == before:
                self._seen_revision = after

        self.app.writer.submit(run, done=done)

    @property
    def background(self) -> BackgroundJobs:
        if self._background is None:
            app = self.app
            self._background = BackgroundJobs(
                app=app, store=self.store, settings=self.settings, writer=app.writer,
                notify=lambda title, body, in_app_only: app.notifier.send(title, body, in_app_only=in_app_only))
        return self._background

    def refresh_all(self) -> None:
        """Recompute every pane from the store (after a change here or in another process)."""
        now = self.now()
        if self._seen_revision != -1 and self._seen_revision != self.store.revision:
            self.background.plan_changed(now)  # not at the first paint: nothing changed yet
        self._seen_revision = self.store.revision
        self._last_minute = now.replace(second=0, microsecond=0)
        self.refresh_top_bar(now)
        self.refresh_clock(now)
        self.refresh_blocks(now)
        self.refresh_queue(now)
        self.refresh_pomodoro(now)
        for screen in list(self.app.screen_stack):
            if isinstance(screen, FollowsCockpit) and screen.is_mounted:
                screen.cockpit_refreshed()

    def tick(self, now: datetime) -> None:
        """Called once a second by the app. Cheap unless something changed."""
        if self.store.changed_on_disk():
            # Another process wrote: re-read off the event loop, in line with our own writes.
            self.app.writer.submit(self.store.reload_if_changed, done=lambda changed: changed and self.refresh_all(),
                                   title=_("Not read"))  # nothing was being saved: the re-read failed
        if self.store.revision != self._seen_revision:
            self.refresh_all()  # a change nobody refreshed for yet
            return
        minute = now.replace(second=0, microsecond=0)
        if minute != self._last_minute:
            self._last_minute = minute
            self.refresh_top_bar(now)
            self.refresh_clock(now)
            self.refresh_blocks(now)
            self.refresh_queue(now)
        self.tick_pomodoro(now)
        self.background.tick(now)

    # Cross-pane hooks: one controller calls, another implements (defaults do nothing).
    def start_focus_on(self, task: Task) -> bool:
        """Start a Pomodoro focus bound to `task` (the Pomodoro controller implements it).
        Returns False when no timer could be started."""
        return False

    def someone_is_here(self) -> None:
        """A key was pressed anywhere (the Pomodoro controller tracks unattended time)."""

    def selected_task(self) -> Task | None:
        """The task under the queue's cursor (the queue controller implements it)."""
        return None

    # Controllers override these.
    def refresh_top_bar(self, now: datetime) -> None: ...
    def refresh_clock(self, now: datetime) -> None: ...
    def refresh_blocks(self, now: datetime) -> None: ...
    def refresh_queue(self, now: datetime) -> None: ...
    def refresh_pomodoro(self, now: datetime) -> None: ...
    def tick_pomodoro(self, now: datetime) -> None: ...

    # --- saving and undo -----------------------------------------------------------------------
    def save(self, change: Callable[[], Any], *, done: Callable[[Any], None] | None = None,
             undo: Callable[[Any], UndoStep | None] | None = None) -> None:
        """Run a store change in the background, then redraw (Services.save)."""
        self.services.save(change, done=done, undo=undo)

    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None:
        self.app.push_screen(screen, callback)

    def action_undo(self) -> None:
        self.services.undo_last()

    # --- focus, zoom, layout -------------------------------------------------------------------
    def pane(self, number: int) -> Pane:
        return self.query_one(f"#{PANE_IDS[number - 1]}", Pane)

    def action_focus_pane(self, number: int) -> None:
        if self.maximized is not None:
            self.minimize()
        self.active_pane = self.pane(number)
        self.active_pane.focus_body()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = next((a for a in event.widget.ancestors_with_self if isinstance(a, Pane)), None)
        if pane is not None:
            self.active_pane = pane

    def action_zoom_pane(self) -> None:
        """Zoom the pane that holds the focus (the pane itself, whatever widget inside has focus:
        Textual will not maximise a scrolling body). The pane last chosen is the fallback, so a
        `3` then `z` sent in one burst zooms pane 3 even if focus is still settling."""
        if self.maximized is not None:
            self.minimize()
            return
        focused = self.focused
        pane = next((a for a in focused.ancestors_with_self if isinstance(a, Pane)), None) if focused else None
        pane = pane or self.active_pane
        if pane is not None:
            self.maximize(pane, container=False)

    def action_back_out(self) -> None:
        if self.maximized is not None:
            self.minimize()

    def on_resize(self) -> None:
        self.size_classes(self.size.width, self.size.height)

    def size_classes(self, width: int, height: int, *, update: bool = True) -> None:
        """The compact forms for small terminals. Also set before the panes are first styled
        (compose), from the app's size: set only on the first resize, after the first frame,
        every pane was styled, laid out and painted twice at 80x24."""
        self.set_class(width < NARROW_BELOW, "-narrow", update=update)
        self.set_class(height < SHORT_BELOW, "-short", update=update)
