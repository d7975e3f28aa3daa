"""The cockpit: four panes on one screen. Each pane's behaviour is in its controller, a plain
object (clock_controller.py, blocks_controller.py, queue_controller.py, pomodoro_controller.py)
made here with what it needs: the services (cockpit_services.Services: store, writer, clock,
settings, undo), the pane it drives, and the other panes' hooks it uses. The screen routes its
panes' messages to them, runs the tick, and redraws every pane after a change.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen

from vatui.core.models import Task
from vatui.core.tzdb import city_of
from vatui.i18n import N_, _
from vatui.screens.background_jobs import BackgroundJobs
from vatui.screens.base import CockpitBase, FollowsCockpit
from vatui.screens.blocks_controller import BlocksController
from vatui.screens.clock_controller import ClockController
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.screens.meeting_feed import MeetingFeed
from vatui.screens.pomodoro_controller import PomodoroController
from vatui.screens.queue_controller import QueueController
from vatui.text.formats import weekday_day_month
from vatui.widgets.blocks_pane import BlocksPane
from vatui.widgets.clock_pane import ClockPane
from vatui.widgets.fit import TextCell
from vatui.widgets.footer import KeyFooter
from vatui.widgets.pomodoro_pane import PomodoroPane
from vatui.widgets.queue_pane import QueuePane


class CockpitScreen(CockpitBase):
    AUTO_FOCUS = "#queue-list"  # pane 3's list, as on_mount wants: no detour through the clock first
    BINDINGS = [
        Binding("r", "open_report", N_("Report"), id="open-report", show=False,
                tooltip=N_("Hours and billing per client and per day, invoices; export a client's weekly digest")),
    ]

    def __init__(self) -> None:
        super().__init__()
        app = self.app
        self.services = Services(store=app.store, writer=app.writer, clock=app.clock, settings=app.settings,
                                 my_zone=app.my_zone, screen=self)
        self.settings = app.settings
        self._last_minute: datetime | None = None
        self._seen_revision = -1
        self._background: BackgroundJobs | None = None
        self.clock_controller = ClockController(self.services, lambda: self.query_one("#clock-pane", ClockPane))
        self.meeting_feed = MeetingFeed(app=app, store=app.store, writer=app.writer, zone_name=app.settings.me_zone,
                                        on_change=lambda: self.blocks.refresh(self.now()))
        self.blocks = BlocksController(self.services, lambda: self.query_one("#blocks-pane", BlocksPane),
                                       meetings=self.meeting_feed.day)
        # Late-bound through the screen: the queue starts a focus, the Pomodoro asks for the
        # task under the queue's cursor.
        self.queue = QueueController(self.services, lambda: self.query_one("#queue-pane", QueuePane),
                                     start_focus=lambda task: self.start_focus_on(task))
        self.pomodoro = PomodoroController(self.services, lambda: self.query_one("#pomodoro-pane", PomodoroPane),
                                           notifier=lambda: self.app.notifier,
                                           selected_task=lambda: self.selected_task())

    def compose(self) -> ComposeResult:
        self.size_classes(*self.app.size, update=False)
        yield TextCell(fit=True, id="top-bar")  # shortened at a word boundary on narrow screens
        # Two columns rather than a grid so that the DOM order (and so Tab) follows the numbers.
        with Horizontal(id="panes"):
            with Vertical(id="left-column"):
                yield ClockPane(1, id="clock-pane")
                yield BlocksPane(2, id="blocks-pane")
            with Vertical(id="right-column"):
                yield QueuePane(3, id="queue-pane")
                yield PomodoroPane(4, id="pomodoro-pane")

    def now(self) -> datetime:
        return self.services.now()

    # --- what controllers ask of the screen (cockpit_services.CockpitHandle) ---------------------
    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None:
        self.app.push_screen(screen, callback)

    def refresh_all(self) -> None:
        """Recompute every pane from the store (after a change here or in another process)."""
        now = self.now()
        if self._seen_revision != -1 and self._seen_revision != self.services.store.revision:
            self.background.plan_changed(now)  # not at the first paint: nothing changed yet
        self._seen_revision = self.services.store.revision
        self._last_minute = now.replace(second=0, microsecond=0)
        self.refresh_top_bar(now)
        self.clock_controller.refresh(now)
        self.blocks.refresh(now)
        self.queue.refresh(now)
        self.pomodoro.refresh(now)
        for screen in list(self.app.screen_stack):
            if isinstance(screen, FollowsCockpit) and screen.is_mounted:
                screen.cockpit_refreshed()

    def save(self, change: Callable[[], Any], *, done: Callable[[Any], None] | None = None,
             undo: Callable[[Any], UndoStep | None] | None = None) -> None:
        """Run a store change in the background, then redraw (Services.save)."""
        self.services.save(change, done=done, undo=undo)

    # --- start-up ------------------------------------------------------------------------------
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

        store = self.services.store
        now = self.now()
        today = pass_day(now, self.settings.me_zone)
        if store.get_state(ARCHIVED_ON_KEY) == today:
            return

        def run() -> tuple[int, int]:
            # On the writer thread, which makes every change of this process. `before` is read
            # inside the transaction: opening it re-reads the file if another process wrote
            # since, and that write must still reach the panes (so `before` is then not what
            # they were drawn from, and `done` leaves the refresh to the tick).
            with store.transaction():
                before = store.revision
                archive_old(store, now, self.settings.me_zone)
                store.set_state(ARCHIVED_ON_KEY, today)
            return before, store.revision

        def done(revisions: tuple[int, int]) -> None:
            # What moves is what no pane shows (core/retention.py: the hot file keeps what the
            # cockpit shows), so the panes are still right: no refresh of every pane (on a heavy
            # year, 40-70 ms just after the first paint). Unless something else changed first,
            # here or in another process.
            before, after = revisions
            if self._seen_revision == before:
                self._seen_revision = after

        self.services.writer.submit(run, done=done)

    @property
    def background(self) -> BackgroundJobs:
        if self._background is None:
            app = self.app
            self._background = BackgroundJobs(
                app=app, store=self.services.store, settings=self.settings, writer=self.services.writer,
                notify=lambda title, body, in_app_only: app.notifier.send(title, body, in_app_only=in_app_only))
        return self._background

    # --- the tick ------------------------------------------------------------------------------
    def tick(self, now: datetime) -> None:
        """Called once a second by the app. Cheap unless something changed."""
        store = self.services.store
        if store.changed_on_disk():
            # Another process wrote: re-read off the event loop, in line with our own writes.
            self.services.writer.submit(store.reload_if_changed, done=lambda changed: changed and self.refresh_all(),
                                        title=_("Not read"))  # nothing was being saved: the re-read failed
        minute = now.replace(second=0, microsecond=0)
        if store.revision != self._seen_revision:
            self.refresh_all()  # a change nobody refreshed for yet
        elif minute != self._last_minute:
            self._last_minute = minute
            self.refresh_top_bar(now)
            self.clock_controller.refresh(now)
            self.blocks.refresh(now)
            self.queue.refresh(now)
        self.pomodoro.tick(now)
        self.background.tick(now)
        self.meeting_feed.tick(now)

    def refresh_top_bar(self, now: datetime) -> None:
        local = now.astimezone(self.services.my_zone)
        text = f" vatui · {weekday_day_month(local.date(), pad=True)} · {self.settings.me_city or city_of(self.settings.me_zone)}"
        if self.app.demo:
            wide = self.size.width >= 110
            text += "  " + (_("DEMO DATA: a temporary file; nothing is written to your own data file") if wide
                            else _("DEMO DATA (temporary file)"))
        self.query_one("#top-bar", TextCell).set_text(text)  # repaints only when the text changed

    def on_resize(self) -> None:
        super().on_resize()
        self.refresh_top_bar(self.now())

    # --- across panes --------------------------------------------------------------------------
    def start_focus_on(self, task: Task) -> bool:
        """Start a Pomodoro focus bound to `task`. False when the timer refused."""
        return self.pomodoro.start_focus_on(task)

    def selected_task(self) -> Task | None:
        """The task under the queue's cursor."""
        return self.queue.selected_task()

    def someone_is_here(self) -> None:
        """A key was pressed anywhere (the app calls this): the Pomodoro tracks unattended time."""
        self.pomodoro.someone_is_here()

    def on_unmount(self) -> None:
        self.pomodoro.closed()

    # --- actions -------------------------------------------------------------------------------
    def action_undo(self) -> None:
        self.services.undo_last()

    def action_open_report(self) -> None:
        """`r`: the report screen. A store change refreshes an open report through refresh_all
        (the report screen follows the cockpit: base.FollowsCockpit)."""
        from vatui.screens.report_screen import ReportScreen

        if not any(isinstance(s, ReportScreen) for s in self.app.screen_stack):
            self.app.push_screen(ReportScreen())

    # --- the panes' messages, each to its controller --------------------------------------------
    def blocks_request(self, request: Message) -> None:
        """The blocks pane's requests, taken at once (widgets/blocks_pane.BlocksHost)."""
        self.blocks.handle(request)

    def on_clock_pane_cursor_moved(self, message: ClockPane.CursorMoved) -> None:
        self.clock_controller.move_cursor(message)

    def on_clock_pane_cursor_reset(self, message: ClockPane.CursorReset) -> None:
        self.clock_controller.set_cursor(None)

    def on_clock_pane_hour_picked(self, message: ClockPane.HourPicked) -> None:
        self.clock_controller.set_cursor(message.at)

    def on_clock_pane_sort_toggled(self, message: ClockPane.SortToggled) -> None:
        self.clock_controller.toggle_sort()

    def on_clock_pane_add_client_asked(self, message: ClockPane.AddClientAsked) -> None:
        self.clock_controller.add_client()

    def on_clock_pane_edit_client_asked(self, message: ClockPane.EditClientAsked) -> None:
        self.clock_controller.edit_client(message)

    def on_clock_pane_remove_client_asked(self, message: ClockPane.RemoveClientAsked) -> None:
        self.clock_controller.remove_client(message)

    def on_clock_pane_overlap_asked(self, message: ClockPane.OverlapAsked) -> None:
        self.clock_controller.find_overlap(message)

    def on_queue_pane_filter_changed(self, message: QueuePane.FilterChanged) -> None:
        self.queue.filter_changed(message)

    def on_queue_pane_action_chosen(self, message: QueuePane.ActionChosen) -> None:
        self.queue.action_chosen(message)

    def on_pomodoro_pane_command_picked(self, message: PomodoroPane.CommandPicked) -> None:
        message.stop()
        self.pomodoro.command_picked(message)
