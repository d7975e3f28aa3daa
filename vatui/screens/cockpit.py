"""The cockpit: four panes on one screen. Each pane's behaviour is in its controller module."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message

from vatui.core.models import Task
from vatui.core.tzdb import city_of
from vatui.i18n import _
from vatui.screens.blocks_controller import BlocksController
from vatui.screens.clock_controller import ClockController
from vatui.screens.pomodoro_controller import PomodoroController
from vatui.screens.queue_controller import QueueController
from vatui.screens.reports_controller import ReportsController
from vatui.text.formats import weekday_day_month
from vatui.widgets.blocks_pane import BlocksPane
from vatui.widgets.clock_pane import ClockPane
from vatui.widgets.fit import TextCell
from vatui.widgets.pomodoro_pane import PomodoroPane
from vatui.widgets.queue_pane import QueuePane


class CockpitScreen(ReportsController):
    AUTO_FOCUS = "#queue-list"  # pane 3's list, as on_mount wants: no detour through the clock first

    def __init__(self) -> None:
        super().__init__()
        self.clock_controller = ClockController(self.services, lambda: self.query_one("#clock-pane", ClockPane))
        self.blocks = BlocksController(self.services, lambda: self.query_one("#blocks-pane", BlocksPane))
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

    def refresh_top_bar(self, now: datetime) -> None:
        local = now.astimezone(self.app.my_zone)
        text = f" vatui · {weekday_day_month(local.date(), pad=True)} · {self.settings.me_city or city_of(self.settings.me_zone)}"
        if self.app.demo:
            wide = self.size.width >= 110
            text += "  " + (_("DEMO DATA: a temporary file; nothing is written to your own data file") if wide
                            else _("DEMO DATA (temporary file)"))
        self.query_one("#top-bar", TextCell).set_text(text)  # repaints only when the text changed

    def on_resize(self) -> None:
        super().on_resize()
        self.refresh_top_bar(self.now())

    # --- the panes' messages, each to its controller --------------------------------------------
    def refresh_pomodoro(self, now: datetime) -> None:
        self.pomodoro.refresh(now)

    def tick_pomodoro(self, now: datetime) -> None:
        self.pomodoro.tick(now)

    def start_focus_on(self, task: Task) -> bool:
        """Start a Pomodoro focus bound to `task`. False when the timer refused."""
        return self.pomodoro.start_focus_on(task)

    def someone_is_here(self) -> None:
        """A key was pressed anywhere (the app calls this): the Pomodoro tracks unattended time."""
        self.pomodoro.someone_is_here()

    def on_unmount(self) -> None:
        self.pomodoro.closed()

    def on_pomodoro_pane_command_picked(self, message: PomodoroPane.CommandPicked) -> None:
        message.stop()
        self.pomodoro.command_picked(message)

    def refresh_queue(self, now: datetime) -> None:
        self.queue.refresh(now)

    def selected_task(self) -> Task | None:
        """The task under the queue's cursor."""
        return self.queue.selected_task()

    def on_queue_pane_filter_changed(self, message: QueuePane.FilterChanged) -> None:
        self.queue.filter_changed(message)

    def on_queue_pane_action_chosen(self, message: QueuePane.ActionChosen) -> None:
        self.queue.action_chosen(message)

    def refresh_blocks(self, now: datetime) -> None:
        self.blocks.refresh(now)

    def blocks_request(self, request: Message) -> None:
        """The blocks pane's requests, taken at once (widgets/blocks_pane.BlocksHost)."""
        self.blocks.handle(request)

    def refresh_clock(self, now: datetime) -> None:
        self.clock_controller.refresh(now)

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
