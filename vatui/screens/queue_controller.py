"""The cockpit's handling of the task-queue pane: builds the current view from the store (once per
change of data, view, filter or day), refreshes time left once a minute, and turns the pane's
keys (QueuePane.ActionChosen, one QueueAction each) into store changes with undo. The verbs
that open a form (add, edit, checklist template) are in queue_forms_controller.py. A plain object
made by the cockpit screen, which hands it the pane's messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from vatui.core.deadlines import CalendarCache, DeadlineReader
from vatui.core.errors import ValidationError
from vatui.core.models import Client, Status, Task
from vatui.core.queues import (
    QueueView,
    TaskFilter,
    View,
    build_view,
    defer_day,
    move_task,
    next_in_view,
    pressing_until,
)
from vatui.i18n import _
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.screens.queue_forms_controller import QueueFormsController
from vatui.text.formats import weekday_day_month
from vatui.widgets.queue_pane import QueueAction, QueuePane

STATE_VIEW = "queue.view"
STATE_BATCH = "queue.batch"


class QueueController:
    def __init__(self, services: Services, pane: Callable[[], QueuePane], *,
                 start_focus: Callable[[Task], bool]) -> None:
        """`start_focus`: start a Pomodoro focus bound to a task (False if the timer refused)."""
        self.services = services
        self.store = services.store
        self.settings = services.settings
        self.now = services.now
        self.save = services.save
        self.notify = services.notify
        self.pane = pane
        self.start_focus = start_focus
        self._view_name: View | None = None
        self._batch: str | None = None
        self._filter = TaskFilter()
        self._key: tuple | None = None
        self._qv: QueueView | None = None
        self._select: int | None = None  # a task to put the cursor on after the next rebuild
        self._calendars: CalendarCache | None = None
        self.forms = QueueFormsController(services, pane, view=lambda: self.queue_view, select=self.select_after)
        self._note = self.forms.note
        self._handlers: dict[QueueAction, Callable[[Any], None]] = {
            QueueAction.ADD: self.forms.add, QueueAction.NEXT: self.start_next,
            QueueAction.DONE: self.mark_done, QueueAction.EDIT: self.forms.edit,
            QueueAction.START: self.start, QueueAction.DEFER: self.defer,
            QueueAction.WAIT: self.toggle_waiting, QueueAction.CHECK: self.tick_item,
            QueueAction.DELETE: self.delete, QueueAction.MOVE_UP: self.move_up,
            QueueAction.MOVE_DOWN: self.move_down, QueueAction.VIEW: self.next_view,
            QueueAction.BATCH: self.next_batch, QueueAction.TEMPLATE: self.forms.apply_template,
        }
        missing = set(QueueAction) - set(self._handlers)
        if missing:
            raise TypeError(f"no handler for {sorted(a.value for a in missing)}")

    def select_after(self, task_id: int | None) -> None:
        """Put the cursor on this task after the next rebuild (a task just added or changed)."""
        self._select = task_id

    @property
    def queue_view(self) -> View:
        if self._view_name is None:
            try:
                self._view_name = View(self.store.get_state(STATE_VIEW) or View.CLIENT)
            except ValueError:
                self._view_name = View.CLIENT
            self._batch = self.store.get_state(STATE_BATCH)
        return self._view_name

    def _today(self, now: datetime) -> date:
        return now.astimezone(self.services.my_zone).date()

    def _clients(self) -> dict[int, Client]:
        return {c.id: c for c in self.store.clients.all() if c.id is not None}

    # --- refresh -------------------------------------------------------------------------------
    def refresh(self, now: datetime) -> None:
        pane = self.pane()
        today = self._today(now)
        clients = self._clients()
        if self._calendars is None:
            self._calendars = CalendarCache()
        reader = DeadlineReader(clients, now, self.settings.me_zone, cache=self._calendars)
        key = (self.store.revision, self.queue_view, self._batch, self._filter, today)
        if key != self._key or self._qv is None:
            self._key = key
            qv = build_view(self.queue_view, self.store.tasks.all(), clients, today, my_zone=self.settings.me_zone,
                            task_filter=self._filter, batch=self._batch)
            self._qv = qv
            keep = self._select
            if keep is None:
                current = pane.selected_task
                keep = current.id if current else None
            self._select = None
            pane.show_view(qv, reader, today, keep_task=keep, client_notes=self._retainer_notes(clients, today))
        else:
            pane.set_clock(reader, today)
        pane.set_states(*reader.count_states(self._qv.tasks()))

    def _retainer_notes(self, clients: dict[int, Client], today: date) -> dict[int, str]:
        """Each retainer client's month beside its name: "retainer 12.5/20 h"."""
        retained = [c for c in clients.values() if c.billing.retainer is not None]
        if not retained:
            return {}
        from vatui.core.invoicing import retainer_usage
        from vatui.text.invoice_text import retainer_words

        entries = self.store.entries.all()
        notes = {}
        for client in retained:
            own = [e for e in entries if e.client_id == client.id]
            month = retainer_usage(client.billing.retainer, own, today, self.settings.me_zone,  # type: ignore[arg-type]
                                   self.settings.billing_rounding)
            notes[client.id] = retainer_words(month.used, month.bank)  # type: ignore[index]
        return notes

    def _rebuild(self) -> None:
        self._key = None
        self.refresh(self.now())

    def selected_task(self) -> Task | None:
        return self.pane().selected_task

    # --- messages from the pane ----------------------------------------------------------------
    def filter_changed(self, event: QueuePane.FilterChanged) -> None:
        self._filter = TaskFilter.parse(event.text)
        self._rebuild()

    def handlers(self) -> dict[QueueAction, Callable[[Task | None], None]]:
        """The method that carries out each queue action (every action has one: __init__ checks)."""
        return dict(self._handlers)

    def action_chosen(self, event: QueuePane.ActionChosen) -> None:
        if event.action.needs_task and event.task is None:
            self.notify(_("No task here. Press a to add one."), timeout=3)
            return
        self._handlers[event.action](event.task)

    # --- helpers -------------------------------------------------------------------------------
    def _change_task(self, task: Task, change: Callable[[Task], Task], label: str, *,
                     done: Callable[[Task], None] | None = None) -> None:
        """Save `change` applied to the stored task (not the possibly stale one shown); undo puts it back."""
        store = self.store

        def run() -> tuple[Task, Task]:
            with store.transaction():
                old = store.tasks.require(task.id)  # type: ignore[arg-type]
                return old, store.tasks.update(change(old))

        self.save(run, done=(lambda r: done(r[1])) if done else None,
                  undo=lambda r: UndoStep(label, lambda: store.tasks.restore(r[0])))

    # --- verbs ---------------------------------------------------------------------------------
    def mark_done(self, task: Task) -> None:
        now = self.now()
        if task.repeat is None:
            self._change_task(task, lambda t: replace(t, status=Status.DONE, done_at=now),
                              _("done {title}").format(title=task.title),
                              done=lambda t: self._note(_("Done: {title}").format(title=t.title)))
            return
        # A repeating task: done and its next instance are written together (store/series.py).
        store, zone = self.store, self.settings.me_zone

        def run() -> tuple[Task, Task | None]:
            from vatui.store.series import mark_done

            with store.transaction():
                old = store.tasks.require(task.id)  # type: ignore[arg-type]
                _done, nxt = mark_done(store, old, now, zone)
                return old, nxt

        def undo(r: tuple[Task, Task | None]) -> UndoStep:
            def back() -> None:
                with store.transaction():
                    store.tasks.restore(r[0])
                    if r[1] is not None:
                        store.tasks.delete(r[1].id)  # type: ignore[arg-type]

            return UndoStep(_("done {title}").format(title=task.title), back)

        def said(r: tuple[Task, Task | None]) -> None:
            text = _("Done: {title}").format(title=task.title)
            if r[1] is not None and r[1].due is not None:
                local = r[1].due.astimezone(ZoneInfo(r[1].due_zone or zone))
                when = f"{weekday_day_month(local.date())} {local:%H:%M}"
                text += " " + _("Next one due {when}.").format(when=when)
            self._note(text)

        self.save(run, done=said, undo=undo)

    def _start(self, task: Task, label: str) -> None:
        """Mark `task` doing (any other doing task goes back to to-do) and start a focus on it."""
        store = self.store

        def run() -> tuple[Task, list[Task], Task]:
            with store.transaction():
                current = store.tasks.require(task.id)  # type: ignore[arg-type]
                others = [t for t in store.tasks.all() if t.status is Status.DOING and t.id != task.id]
                for other in others:
                    store.tasks.update(replace(other, status=Status.TODO))
                started = store.tasks.update(replace(current, status=Status.DOING, defer_until=None))
                return current, others, started

        def undo_all(r: tuple[Task, list[Task], Task]) -> None:
            with store.transaction():
                for old in (r[0], *r[1]):
                    store.tasks.restore(old)

        def done(r: tuple[Task, list[Task], Task]) -> None:
            self._select = r[2].id
            if not self.start_focus(r[2]):
                self._note(_("Doing: {title}").format(title=r[2].title))

        self.save(run, done=done, undo=lambda r: UndoStep(label, lambda: undo_all(r)))

    def start(self, task: Task) -> None:
        self._start(task, _("start {title}").format(title=task.title))

    def start_next(self, _task: Task | None) -> None:
        qv = self._qv
        if qv is None:
            return
        now = self.now()
        presses = pressing_until(now, self.settings.me_hours, self.settings.me_zone)
        picked = next_in_view(qv, self._today(now), self.pane().task_list.cursor, presses)
        if picked is None:
            self.notify(_("Nothing to do in this view: every task is done, waiting or deferred."), timeout=4)
            return
        self.pane().task_list.select_task(picked.id)
        self._start(picked, _("next {title}").format(title=picked.title))

    def defer(self, task: Task) -> None:
        today = self._today(self.now())
        if task.status is Status.DEFERRED and task.defer_until and task.defer_until > today:
            self._change_task(task, lambda t: replace(t, status=Status.TODO, defer_until=None),
                              _("bring back {title}").format(title=task.title),
                              done=lambda t: self._note(_("Back today: {title}").format(title=t.title)))
            return
        day = defer_day(self.now(), self.settings.me_zone)
        self._change_task(task, lambda t: replace(t, status=Status.DEFERRED, defer_until=day),
                          _("defer {title}").format(title=task.title),
                          done=lambda t: self._note(_("Deferred to tomorrow: {title}").format(title=t.title)))

    def toggle_waiting(self, task: Task) -> None:
        if task.status is Status.WAITING:
            self._change_task(task, lambda t: replace(t, status=Status.TODO),
                              _("stop waiting on {title}").format(title=task.title),
                              done=lambda t: self._note(_("Your move again: {title}").format(title=t.title)))
        else:
            self._change_task(task, lambda t: replace(t, status=Status.WAITING, defer_until=None),
                              _("wait on {title}").format(title=task.title),
                              done=lambda t: self._note(_("Waiting on the client: {title}").format(title=t.title)))

    def tick_item(self, task: Task) -> None:
        from vatui.core.taskform import toggle_next_item

        if not task.checklist:
            self.notify(_("This task has no checklist; e edits it and adds one."), timeout=4)
            return
        if toggle_next_item(task) is None:
            self.notify(_("Every checklist item is ticked; d marks the task done."), timeout=4)
            return

        def tick(t: Task) -> Task:
            return toggle_next_item(t) or t

        self._change_task(task, tick, _("tick an item of {title}").format(title=task.title),
                          done=lambda t: self._note(_("Ticked {done}/{total}: {title}").format(
                              done=sum(i.done for i in t.checklist), total=len(t.checklist), title=t.title)))

    def delete(self, task: Task) -> None:
        store = self.store
        self.save(lambda: store.tasks.delete(task.id),  # type: ignore[arg-type]
                  done=lambda old: self._note(_("Deleted: {title}").format(title=old.title)),
                  undo=lambda old: UndoStep(_("delete {title}").format(title=old.title), lambda: store.tasks.restore(old)))

    def _move(self, task: Task, step: int) -> None:
        lst = self.pane().task_list
        anchor = lst.neighbour(step)
        if anchor is None:
            self.notify(_("Already at the top of its group.") if step < 0 else _("Already at the bottom of its group."),
                        timeout=3)
            return
        today = self._today(self.now())
        try:
            changed = move_task(self.store.tasks.all(), task, anchor, before=step < 0, today=today)
        except ValidationError as exc:
            self.notify(exc.message, severity="warning", timeout=4)
            return
        if not changed:
            return
        store = self.store
        before = {t.id: store.tasks.get(t.id) for t in changed}

        def run() -> list[Task]:
            with store.transaction():
                return [store.tasks.update(t) for t in changed]

        def undo_all() -> None:
            with store.transaction():
                for old in before.values():
                    if old is not None:
                        store.tasks.restore(old)

        self._select = task.id
        self.save(run, undo=lambda _r: UndoStep(_("move {title}").format(title=task.title), undo_all))

    def move_up(self, task: Task) -> None:
        self._move(task, -1)

    def move_down(self, task: Task) -> None:
        self._move(task, 1)

    def next_view(self, _task: Task | None) -> None:
        self._view_name = self.queue_view.following()
        self.services.remember(STATE_VIEW, self._view_name.value)
        self._rebuild()

    def next_batch(self, task: Task | None) -> None:
        qv = self._qv
        if self.queue_view is not View.BATCH:
            self._view_name = View.BATCH
            self._batch = task.batch if task else self._batch
            self._select = task.id if task else None
        elif qv is not None and qv.batches:
            at = qv.batches.index(qv.batch) + 1 if qv.batch in qv.batches else 0
            self._batch = qv.batches[at % len(qv.batches)]
        self.services.remember(STATE_VIEW, View.BATCH.value)
        if self._batch:
            self.services.remember(STATE_BATCH, self._batch)
        self._rebuild()
