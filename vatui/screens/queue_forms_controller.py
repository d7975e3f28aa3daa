"""The queue's verbs that open a form: add a task from a quick-add line, edit a task, and add a
checklist template's tasks for a client. QueueController (queue_controller.py) makes one and
gives it the view state these verbs read (the view shown, where the cursor goes next).

The parsing behind the forms (quickadd, taskform, checklists) and the forms themselves are
imported by the verb that uses them, when first used: the cockpit's first paint needs none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from vatui.core.errors import ValidationError
from vatui.core.models import DEFAULT_BATCHES, Task
from vatui.core.queues import View, batch_order
from vatui.i18n import _, ngettext
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.text.queue_text import describe_quick_add, format_moment

if TYPE_CHECKING:
    from vatui.core.quickadd import QuickAdd
    from vatui.widgets.queue_pane import QueuePane


class QueueFormsController:
    def __init__(self, services: Services, pane: Callable[[], QueuePane], *, view: Callable[[], View],
                 select: Callable[[int | None], None]) -> None:
        """`view`: the view the queue shows; `select`: put the cursor on a task after the next rebuild."""
        self.services = services
        self.store = services.store
        self.settings = services.settings
        self.now = services.now
        self.save = services.save
        self.notify = services.notify
        self.open_screen = services.open_screen
        self.pane = pane
        self.view = view
        self.select = select

    def note(self, text: str) -> None:
        """Say what a verb did (every verb of the queue, these and QueueController's)."""
        self.notify(text + "  " + _("(u undoes)"), timeout=4)

    # --- verbs that open a form ----------------------------------------------------------------
    def add(self, _task: Task | None) -> None:
        from vatui.core.quickadd import parse_quick_add
        from vatui.screens.queue_modals import QuickAddModal

        clients = self.store.clients.all()
        now = self.now()
        my_zone = self.settings.me_zone
        prefill = ""
        row_group = self._cursor_group()
        if row_group is not None:
            if self.view() is View.CLIENT and row_group.client is not None:
                prefill = "@" + "-".join(row_group.client.name.lower().split()) + " "
                if row_group.batch:
                    prefill += "#" + row_group.batch + " "
            elif self.view() is View.BATCH and row_group.batch:
                prefill = "#" + row_group.batch + " "

        def parse(text: str) -> QuickAdd:
            return parse_quick_add(text, clients=clients, now=now, my_zone=my_zone)

        def added(text: str | None) -> None:
            if text is None:
                return
            # Parse again now: a reply-by promise counts from the moment it is saved.
            try:
                fresh = parse_quick_add(text, clients=self.store.clients.all(), now=self.now(), my_zone=my_zone)
            except ValidationError as exc:
                self.notify(exc.message, title=_("Not saved"), severity="error", timeout=8)
                return
            task = fresh.to_task(self.now())
            store = self.store

            def done(saved: Task) -> None:
                self.select(saved.id)
                self.note(_("Added: {title}").format(title=saved.title))

            self.save(lambda: store.tasks.add(task), done=done,
                      undo=lambda saved: UndoStep(_("add {title}").format(title=saved.title),
                                                  lambda: store.tasks.delete(saved.id)))

        self.open_screen(QuickAddModal(parse=parse, describe=lambda q: describe_quick_add(q, my_zone=my_zone),
                                           text=prefill), added)

    def _cursor_group(self):  # noqa: ANN202
        lst = self.pane().task_list
        if lst.cursor is None or not (0 <= lst.cursor < len(lst.rows)):
            return None
        return lst.rows[lst.cursor].group

    def edit(self, task: Task) -> None:
        from vatui.core.taskform import apply_form, form_values
        from vatui.screens.queue_modals import TaskModal

        clients = self.store.clients.all()
        by_id = {c.id: c for c in clients}
        my_zone = self.settings.me_zone
        batches = batch_order([*DEFAULT_BATCHES, *(t.batch for t in self.store.tasks.all())])  # as the pane groups

        def validate(values: dict[str, Any]) -> Task:
            return apply_form(task, values, clients=clients, now=self.now(), my_zone=my_zone)

        def edited(result: Task | None) -> None:
            if result is None or result == task:
                return
            store = self.store

            def run() -> tuple[Task | None, Task]:
                with store.transaction():
                    old = store.tasks.get(task.id)  # type: ignore[arg-type]
                    return old, store.tasks.restore(result)

            self.select(result.id)
            self.save(run, done=lambda r: self.note(_("Saved: {title}").format(title=r[1].title)),
                      undo=lambda r: UndoStep(_("edit {title}").format(title=r[1].title),
                                              (lambda: store.tasks.restore(r[0])) if r[0] else
                                              (lambda: store.tasks.delete(r[1].id))))

        self.open_screen(TaskModal(title=_("Task {id}").format(id=task.id), values=form_values(task, by_id, my_zone),
                                       clients=sorted(c.name for c in clients), batches=batches, validate=validate,
                                       client_records=clients),
                             edited)

    def apply_template(self, task: Task | None) -> None:
        from vatui.core.checklists import apply_checklist
        from vatui.core.quickadd import find_client
        from vatui.core.when_words import parse_day_field
        from vatui.screens.queue_modals import ApplyTemplateModal

        templates = {t.name: t for t in self.store.templates.all() if t.kind == "checklist"}
        clients = self.store.clients.all()
        if not templates:
            self.notify(_('No checklist templates yet. Define one on the command line: vatui template add '
                          '"Client onboarding" --item "Send welcome email #email ~15m day:0" ...'), timeout=8)
            return
        if not clients:
            self.notify(_("Add a client first: vatui client add NAME --tz ZONE"), timeout=6)
            return
        group = self._cursor_group()
        current = (group.client.name if group is not None and group.client else None) or next(
            (c.name for c in clients if task is not None and c.id == task.client_id), None)

        def plan(name: str, client_name: str, start_text: str) -> list[Task]:
            client = find_client(clients, client_name)
            today = self.now().astimezone(ZoneInfo(client.tz)).date()  # the start day is the client's
            start = parse_day_field(start_text or "today", today=today, field="start")
            return apply_checklist(templates[name], client, start, self.now())

        def preview(name: str, client_name: str, start_text: str) -> list[str]:
            tasks = plan(name, client_name, start_text)
            client = find_client(clients, client_name)
            return [_("{title} — due {when} {city}").format(title=t.title, when=format_moment(t.due, client.tz),
                                                            city=client.city) for t in tasks if t.due]

        def chosen(result: tuple[str, str, str] | None) -> None:
            if result is None:
                return
            try:
                tasks = plan(*result)
            except ValidationError as exc:
                self.notify(exc.message, severity="error", timeout=6)
                return
            store = self.store

            def undo_all(added: list[Task]) -> None:
                with store.transaction():
                    for t in added:
                        if store.tasks.get(t.id) is not None:  # type: ignore[arg-type]
                            store.tasks.delete(t.id)  # type: ignore[arg-type]

            def done(added: list[Task]) -> None:
                self.select(added[0].id if added else None)
                self.note(ngettext("Added {n} task for {client} from {template}.",
                                    "Added {n} tasks for {client} from {template}.", len(added)).format(
                    n=len(added), client=result[1], template=result[0]))

            self.save(lambda: store.tasks.add_many(tasks), done=done,
                      undo=lambda added: UndoStep(_("template {name}").format(name=result[0]), lambda: undo_all(added)))

        self.open_screen(ApplyTemplateModal(templates=sorted(templates), clients=sorted(c.name for c in clients),
                                                client=current, preview=preview), chosen)
