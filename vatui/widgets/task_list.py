"""TaskList: the queue's rows as a virtualised Line API widget.

Only the lines on screen are rendered, so 5,000 open tasks cost what 30 do. Moving the cursor
repaints two lines (no widget is rebuilt), the rows are given once per change of data or view,
and once a minute only the visible lines whose words changed (time left) are repainted.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from vatui.core.deadlines import DeadlineReader
from vatui.core.models import Task
from vatui.core.queues import Row, View
from vatui.i18n import N_
from vatui.widgets.first_layout import scrollbar_up_front
from vatui.widgets.queue_rows import Columns, RowCells, columns_for, fit, header_cells, task_cells


class TaskList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {
        "task-list--header", "task-list--sub", "task-list--cursor", "task-list--cursor-blurred",
        "task-list--soon", "task-list--overdue", "task-list--muted", "task-list--doing", "task-list--dim",
    }
    DEFAULT_CSS = """
    TaskList { background: transparent; overflow-x: hidden; scrollbar-size-vertical: 1; }
    TaskList > .task-list--header { text-style: bold; color: $text; }
    TaskList > .task-list--sub { text-style: bold; color: $text-muted; }
    TaskList > .task-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    TaskList > .task-list--cursor-blurred { background: $block-cursor-blurred-background; }
    TaskList > .task-list--soon { color: $due-soon; }
    TaskList > .task-list--overdue { color: $overdue; text-style: bold; }
    TaskList > .task-list--muted { color: $text-muted; }
    TaskList > .task-list--doing { color: $accent; text-style: bold; }
    TaskList > .task-list--dim { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up,k", "cursor_up", N_("Up"), id="queue-cursor-up", show=False),
        Binding("down,j", "cursor_down", N_("Down"), id="queue-cursor-down", show=False),
        Binding("pageup", "page_up", N_("Page up"), id="queue-page-up", show=False),
        Binding("pagedown", "page_down", N_("Page down"), id="queue-page-down", show=False),
        Binding("home,g", "first", N_("First task"), id="queue-first", show=False),
        Binding("end,G", "last", N_("Last task"), id="queue-last", show=False),
        Binding("left_square_bracket", "previous_group", N_("Previous queue"), id="queue-previous-group", show=False,
                tooltip=N_("Jump to the previous client, batch, quadrant or day")),
        Binding("right_square_bracket", "next_group", N_("Next queue"), id="queue-next-group", show=False,
                tooltip=N_("Jump to the next client, batch, quadrant or day")),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple[Row, ...] = ()
        self.view = View.CLIENT
        self.today: date | None = None
        self.reader: DeadlineReader | None = None
        self.cursor: int | None = None
        self._task_rows: list[int] = []  # indexes of task rows, for cursor moves
        self._starts: list[int] = []  # the first task row of each top-level group
        self._cells: dict[tuple[int, int], RowCells] = {}  # (row, width) -> cells, for the current minute
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._batch_all_clients = False
        self._columns = Columns()
        self.client_notes: dict[int, str] = {}  # client id -> words after the client's header
        self.empty_text = ""  # shown when there are no rows
        self.renders = 0  # lines rendered (not from cache): for tests and benchmarks

    # --- data in ---------------------------------------------------------------------------------
    def show(self, rows: Sequence[Row], view: View, today: date, reader: DeadlineReader, *,
             keep_task: int | None = None, client_notes: Mapping[int, str] | None = None) -> None:
        """New rows (after a change of data, view or filter). The cursor stays on `keep_task` if it
        is still listed, else on the row where it was (the next task after a finished one)."""
        old_index = self.cursor
        rows = tuple(rows)
        # The same rows again (a change elsewhere in the file: an entry logged, old work
        # archived, a block moved): only the visible lines whose words changed repaint, as on
        # a new minute, instead of the whole list (a full resend of the pane's rows).
        notes = dict(client_notes or {})
        same = (bool(rows) and rows == self.rows and view is self.view and today == self.today
                and notes == self.client_notes)
        self.client_notes = notes
        self.rows = rows
        self.view = view
        self.today = today
        self._batch_all_clients = view is View.BATCH
        if not same:
            self._task_rows = [i for i, r in enumerate(self.rows) if r.task is not None]
            self._starts = self._group_starts()
            self._columns = columns_for(self.rows)  # from titles, estimates and places: not by the minute
        new_cursor: int | None = None
        if keep_task is not None:
            new_cursor = next((i for i in self._task_rows if self.rows[i].task.id == keep_task), None)  # type: ignore[union-attr]
        if new_cursor is None and self._task_rows:
            new_cursor = self._nearest_task_row(old_index if old_index is not None else 0)
        if same:
            self.set_reader(reader, today)
            self._move_cursor(new_cursor)
            return
        self.reader = reader
        self._cells.clear()
        self.cursor = new_cursor
        if self.virtual_size.height != len(self.rows):  # only the height counts (see on_resize)
            self.virtual_size = Size(0, len(self.rows))
        scrollbar_up_front(self, len(self.rows))
        self.refresh()
        if self.cursor is not None:
            self._scroll_to_cursor()
        else:
            self.scroll_to(y=0, animate=False, immediate=True)

    def set_reader(self, reader: DeadlineReader, today: date) -> int:
        """A new minute: repaint only the visible lines whose words changed. Returns how many."""
        self.reader = reader
        day_changed = today != self.today
        self.today = today
        old = self._cells
        self._cells = {}
        if day_changed:
            self.refresh()
            return len(self.rows)
        changed = 0
        width = self.line_width
        top = round(self.scroll_offset.y)
        for index in range(top, min(len(self.rows), top + self.size.height)):
            before = old.get((index, width))
            if before is None or before != self._row_cells(index, width):
                self.refresh_line(index)
                changed += 1
        return changed

    @property
    def line_width(self) -> int:
        """The width a line is drawn in: the widget less its scrollbar."""
        return self.scrollable_content_region.width

    # --- reading -------------------------------------------------------------------------------
    @property
    def selected_task(self) -> Task | None:
        if self.cursor is None or not (0 <= self.cursor < len(self.rows)):
            return None
        return self.rows[self.cursor].task

    def neighbour(self, step: int) -> Task | None:
        """The task `step` task rows away from the cursor inside the same group (for reordering)."""
        if self.cursor is None:
            return None
        at = bisect_left(self._task_rows, self.cursor) + step
        if not 0 <= at < len(self._task_rows):
            return None
        index = self._task_rows[at]
        if self.rows[index].group != self.rows[self.cursor].group:
            return None
        return self.rows[index].task

    def select_task(self, task_id: int | None) -> bool:
        for i in self._task_rows:
            if self.rows[i].task.id == task_id:  # type: ignore[union-attr]
                self._move_cursor(i)
                return True
        return False

    # --- rendering -----------------------------------------------------------------------------
    def _row_cells(self, index: int, width: int) -> RowCells:
        key = (index, width)
        cells = self._cells.get(key)
        if cells is None:
            row = self.rows[index]
            today = self.today or date.today()
            if row.task is None:
                client = row.group.client
                note = self.client_notes.get(client.id, "") if client is not None and client.id is not None else ""
                cells = header_cells(row.group, width, today, batch_view_all_clients=self._batch_all_clients, note=note)
            else:
                assert self.reader is not None
                cells = task_cells(row, self.reader, width, self.view, today, self._columns)
            self._cells[key] = cells
        return cells

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_offset.y) + y
        width = self.line_width
        if index >= len(self.rows) or width <= 0:
            if index == 0 and not self.rows and self.empty_text and width > 0:
                style = self.rich_style + self.get_component_rich_style("task-list--dim")
                return Strip([Segment(fit(self.empty_text, width), style)])
            return Strip.blank(width, self.rich_style)
        cells = self._row_cells(index, width)
        cursor = index == self.cursor
        key = (cells, cursor, cursor and self.has_focus)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build_strip(cells, cursor)
            self._strips[key] = strip
            self.renders += 1
        return strip

    def _build_strip(self, cells: RowCells, cursor: bool) -> Strip:
        base = self.rich_style
        over: Style | None = None
        if cursor:
            name = "task-list--cursor" if self.has_focus else "task-list--cursor-blurred"
            cursor_style = self.get_component_rich_style(name)
            # The cursor's colours win over the cells' (a state keeps its word, e.g. "late").
            over = Style(color=cursor_style.color if self.has_focus else None, bgcolor=cursor_style.bgcolor,
                         bold=cursor_style.bold)
        segments: list[Segment] = []
        for cell in cells:
            style = base
            if cell.style:
                style = style + self.get_component_rich_style(f"task-list--{cell.style}")
            if over is not None:
                style = style + over
            segments.append(Segment(cell.text, style))
        return Strip(segments).simplify()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_resize(self, event: events.Resize) -> None:
        # No new virtual size: lines are drawn to the width they get, and setting one lays the
        # screen out again (one more frame on every resize, and at start-up). Lines worked out
        # for this width stay: the next minute then repaints only the lines whose words changed.
        width = self.line_width
        self._cells = {key: cells for key, cells in self._cells.items() if key[1] == width}
        if self.cursor is not None:
            self.call_after_refresh(self._scroll_to_cursor)

    def on_focus(self) -> None:
        if self.cursor is not None:
            self.refresh_line(self.cursor)

    def on_blur(self) -> None:
        if self.cursor is not None:
            self.refresh_line(self.cursor)

    # --- the cursor ----------------------------------------------------------------------------
    def _nearest_task_row(self, index: int) -> int | None:
        """The first task row at or after `index` (else the last one)."""
        if not self._task_rows:
            return None
        at = bisect_left(self._task_rows, index)
        return self._task_rows[min(at, len(self._task_rows) - 1)]

    def _move_cursor(self, index: int | None) -> None:
        if index is None or index == self.cursor:
            return
        old = self.cursor
        self.cursor = index
        if old is not None:
            self.refresh_line(old)
        self.refresh_line(index)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None:
            return
        top = self.cursor
        while top > 0 and self.rows[top - 1].task is None and self.cursor - top < 2:
            top -= 1  # keep the group's header(s) in sight above its first task
        self.scroll_to_region(Region(0, top, 1, self.cursor - top + 1), animate=False, force=True, immediate=True)

    def _step(self, step: int) -> None:
        if self.cursor is None:
            return
        at = bisect_left(self._task_rows, self.cursor) + step
        self._move_cursor(self._task_rows[max(0, min(len(self._task_rows) - 1, at))])

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_page_up(self) -> None:
        if self.cursor is not None:
            self._move_cursor(self._nearest_task_row(max(0, self.cursor - max(1, self.size.height - 1))) or
                              self._task_rows[0])

    def action_page_down(self) -> None:
        if self.cursor is not None:
            self._move_cursor(self._nearest_task_row(self.cursor + max(1, self.size.height - 1)))

    def action_first(self) -> None:
        if self._task_rows:
            self._move_cursor(self._task_rows[0])

    def action_last(self) -> None:
        if self._task_rows:
            self._move_cursor(self._task_rows[-1])

    def _group_starts(self) -> list[int]:
        """The first task row of each top-level group."""
        starts: list[int] = []
        for i, row in enumerate(self.rows):
            if row.task is None and row.group.depth == 0:
                first = self._nearest_task_row(i)
                if first is not None and (not starts or first != starts[-1]):
                    starts.append(first)
        return starts

    def action_next_group(self) -> None:
        if self.cursor is not None:
            nxt = next((s for s in self._starts if s > self.cursor), None)
            self._move_cursor(nxt)

    def action_previous_group(self) -> None:
        if self.cursor is None:
            return
        starts = [s for s in self._starts if s < self.cursor]
        if starts:
            # From inside a group, go to its start first; from its start, to the previous group.
            own = max((s for s in self._starts if s <= self.cursor), default=None)
            self._move_cursor(own if own is not None and own != self.cursor else starts[-1])
