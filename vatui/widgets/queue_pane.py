"""The Task queues pane: the list of tasks in one of four views, a `/` filter line, and the keys
a VA works the queue with. It renders what the controller gives it and posts what was chosen."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from vatui.core.deadlines import DeadlineReader
from vatui.core.models import Quadrant, Task
from vatui.core.queues import QueueCount, QueueView, View
from vatui.i18n import N_, _, ngettext
from vatui.widgets.form_input import FormInput
from vatui.widgets.pane import Pane
from vatui.widgets.queue_rows import truncate_words
from vatui.widgets.task_list import TaskList

VIEW_NAMES = {
    View.CLIENT: N_("by client"),
    View.BATCH: N_("batch"),
    View.EISENHOWER: N_("Eisenhower"),
    View.DEADLINES: N_("deadlines"),
}
QUADRANT_SHORT = {Quadrant.DO: N_("do"), Quadrant.SCHEDULE: N_("schedule"), Quadrant.DELEGATE: N_("delegate"),
                  Quadrant.DROP: N_("drop")}


class FilterInput(FormInput):
    BINDINGS = [
        Binding("escape", "clear", N_("Clear filter"), id="queue-filter-clear", show=False,
                tooltip=N_("Clear the filter and go back to the list")),
    ]

    class Cleared(Message):
        pass

    def action_clear(self) -> None:
        self.post_message(self.Cleared())



class QueueAction(enum.StrEnum):
    """What a key in the queue pane asks the screen to do (the bindings name them by value)."""

    ADD = "add"
    NEXT = "next"
    DONE = "done"
    EDIT = "edit"
    START = "start"
    DEFER = "defer"
    WAIT = "wait"
    CHECK = "check"
    DELETE = "delete"
    MOVE_UP = "move-up"
    MOVE_DOWN = "move-down"
    VIEW = "view"
    BATCH = "batch"
    TEMPLATE = "template"

    @property
    def needs_task(self) -> bool:
        """Whether it acts on the task under the cursor (and so needs one there)."""
        return self not in (QueueAction.ADD, QueueAction.NEXT, QueueAction.VIEW, QueueAction.BATCH,
                            QueueAction.TEMPLATE)

class QueuePane(Pane):
    PANE_TITLE = N_("Task queues")
    DEFAULT_CSS = """
    QueuePane #queue-filter { dock: top; height: 1; border: none; padding: 0; margin: 0 0 0 0; }
    QueuePane #queue-filter.-hidden { display: none; }
    QueuePane TaskList { height: 1fr; }
    """
    BINDINGS = [
        Binding("a", "choose('add')", N_("Add"), id="add-task",
                tooltip=N_("Quick add: title @client #batch !u !i ~15m due:fri reply:24h")),
        Binding("n", "choose('next')", N_("Next"), id="next-task",
                tooltip=N_("Pick the next task by the rule in this view, mark it doing and start a focus session")),
        Binding("d", "choose('done')", N_("Done"), id="done-task", tooltip=N_("Mark the task done (u undoes)")),
        Binding("e,enter", "choose('edit')", N_("Edit"), id="edit-task", show=False,
                tooltip=N_("Edit every field of the task in a form")),
        Binding("s", "choose('start')", N_("Start"), id="start-task", show=False,
                tooltip=N_("Mark this task doing and start a focus session on it")),
        Binding("f", "choose('defer')", N_("Defer"), id="defer-task", show=False,
                tooltip=N_("Defer the task to tomorrow (again: back today)")),
        Binding("w", "choose('wait')", N_("Waiting"), id="wait-task", show=False,
                tooltip=N_("Mark the task waiting on the client (again: back to to-do)")),
        Binding("c", "choose('check')", N_("Tick item"), id="check-item", show=False,
                tooltip=N_("Tick the next item of the task's checklist")),
        Binding("delete,D", "choose('delete')", N_("Delete"), id="delete-task", show=False,
                tooltip=N_("Delete the task (u undoes)")),
        Binding("shift+up,K", "choose('move-up')", N_("Move up"), id="move-task-up", show=False,
                tooltip=N_("Move the task up in its quadrant (a manual place on top of the rule)")),
        Binding("shift+down,J", "choose('move-down')", N_("Move down"), id="move-task-down", show=False,
                tooltip=N_("Move the task down in its quadrant")),
        Binding("v", "choose('view')", N_("View"), id="switch-view",
                tooltip=N_("Next view: by client, batch, Eisenhower, deadlines (remembered)")),
        Binding("b", "choose('batch')", N_("Batch"), id="next-batch", show=False,
                tooltip=N_("Batch mode on the batch under the cursor; again for the next batch")),
        Binding("slash", "open_filter", N_("Filter"), id="filter-tasks",
                tooltip=N_("Filter by words, @client and #batch (Esc clears)")),
        Binding("T", "choose('template')", N_("Template"), id="apply-template", show=False,
                tooltip=N_("Apply a checklist template to a client")),
        Binding("escape", "clear_filter", N_("Clear filter"), id="queue-clear-filter", show=False,
                tooltip=N_("Clear the filter (only while one is set; else Esc does what it does elsewhere)")),
    ]

    @dataclass(eq=False)
    class ActionChosen(Message):
        """A key asked for something to be done with the task under the cursor (or none)."""

        action: QueueAction
        task: Task | None

    @dataclass(eq=False)
    class FilterChanged(Message):
        text: str

    def __init__(self, number: int, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(number, id=id, classes=classes)
        self._counts: tuple[View, tuple[QueueCount, ...], str | None] | None = None
        self._states = (0, 0)
        self.filter_text = ""

    def compose(self) -> ComposeResult:
        yield TaskList(id="queue-list")  # first: the pane's body, focused by its number key
        yield FilterInput(placeholder=_("filter: words @client #batch · Enter keeps · Esc clears"),
                          id="queue-filter", classes="-hidden", compact=True)

    def focus_body(self) -> None:
        self.task_list.focus()

    @property
    def task_list(self) -> TaskList:
        return self.query_one(TaskList)

    @property
    def selected_task(self) -> Task | None:
        return self.task_list.selected_task

    # --- data in -------------------------------------------------------------------------------
    def show_view(self, qv: QueueView, reader: DeadlineReader, today: date, *, keep_task: int | None = None,
                  client_notes: Mapping[int, str] | None = None) -> None:
        """Show the view's rows; `client_notes` (client id -> words) follow a client's header."""
        lst = self.task_list
        if self.filter_text:
            lst.empty_text = _("Nothing matches “{filter}”. Press / then Esc to clear the filter.").format(
                filter=self.filter_text)
        else:
            lst.empty_text = _("No open tasks. Press a to add one.")
        lst.show(qv.rows, qv.view, today, reader, keep_task=keep_task, client_notes=client_notes)
        self._counts = (qv.view, qv.counts, qv.batch)
        self._show_title()

    def set_clock(self, reader: DeadlineReader, today: date) -> int:
        return self.task_list.set_reader(reader, today)

    def set_states(self, late: int, soon: int) -> None:
        """How many listed tasks are past or near a reply-by or due time (in the title, which
        shows in the compact frame of a short terminal too)."""
        if self._states != (late, soon):
            self._states = (late, soon)
            self._show_title()

    def _show_title(self) -> None:
        if self._counts is None:
            return
        view, counts, batch = self._counts
        name = _(VIEW_NAMES[view])
        if view is View.CLIENT:
            nobody = _("no client")
            items = [f"{(c.label.split() or [nobody])[0]} {c.count}" for c in counts]
        elif view is View.BATCH:
            first = [c for c in counts if c.label == batch]
            items = [f"{c.label} {c.count}" for c in first + [c for c in counts if c.label != batch]]
            name = _("batch:")
        elif view is View.EISENHOWER:
            items = [_(QUADRANT_SHORT[Quadrant(c.label)]) + f" {c.count}" for c in counts]
        else:
            items = [str(c.count) for c in counts]
        late, soon = self._states
        late_text = ngettext("{n} late", "{n} late", late).format(n=late) if late else ""
        soon_text = ngettext("{n} soon", "{n} soon", soon).format(n=soon) if soon else ""
        if view is View.BATCH and items:  # the batch on show belongs with its name
            name, items = f"{name} {items[0]}", items[1:]
        room = self.expected_width() - len(f"{self.number} {self.title}") - 8
        self.set_info(_title_info(name, late_text, soon_text, items, room))

    def on_resize(self) -> None:
        self._show_title()

    # --- keys ----------------------------------------------------------------------------------
    def action_choose(self, verb: str) -> None:
        # QueueAction(verb) raises on a name that is no action: a binding with a typo fails loudly.
        self.post_message(self.ActionChosen(QueueAction(verb), self.selected_task))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a filter, Esc is not this pane's: it goes on to the screen (un-zoom).
        if action == "clear_filter":
            return bool(self.filter_text)
        return True

    def action_clear_filter(self) -> None:
        self.query_one(FilterInput).action_clear()

    def action_open_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.remove_class("-hidden")
        box.value = self.filter_text
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "queue-filter":
            event.stop()
            self.filter_text = " ".join(event.value.split())
            self.post_message(self.FilterChanged(self.filter_text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "queue-filter":
            event.stop()
            if not self.filter_text:
                event.input.add_class("-hidden")
            self.task_list.focus()

    def on_filter_input_cleared(self, event: FilterInput.Cleared) -> None:
        event.stop()
        box = self.query_one(FilterInput)
        box.add_class("-hidden")
        self.task_list.focus()
        if box.value or self.filter_text:
            box.value = ""  # posts Input.Changed, which clears the filter
            self.filter_text = ""
            self.post_message(self.FilterChanged(""))

    def set_filter(self, text: str) -> None:
        """Show a filter given from outside (e.g. remembered) without posting it back."""
        self.filter_text = text
        box = self.query_one(FilterInput)
        with box.prevent(Input.Changed):
            box.value = text
        box.set_class(not text, "-hidden")


def _title_info(name: str, late: str, soon: str, items: list[str], room: int) -> str:
    """The title's words in `room` cells, whole parts only. The view's name stays; the per-queue
    counts give way first (from the last), then "soon", then "late": the list itself shows them."""
    if room <= 8:
        return ""
    parts = [p for p in (late, soon, name) if p]
    for drop in ([], [soon], [soon, late]):
        head = [p for p in parts if p not in drop]
        if cell_len(" · ".join(head)) <= room:
            for item in items if not drop else ():
                if cell_len(" · ".join([*head, item])) > room:
                    break
                head.append(item)
            return " · ".join(head)
    return truncate_words(name, room)
