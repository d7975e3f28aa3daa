"""The cockpit's day templates and copying, for the time-blocks pane: save a day's plan under a
name (w), add a saved template's blocks to a day (p), copy the day before (y). Each is one write
through the store writer, undone by u. A plain object given the cockpit's services;
BlocksController (blocks_controller.py) makes one and hands it the pane's template and copy requests.

The forms (screens/block_modal.py) are imported when first opened, not with the cockpit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import partial

from vatui.core import block_edits
from vatui.core import blocks as core
from vatui.core.hours import format_clock_time
from vatui.core.models import Template, TimeBlock, validate_name
from vatui.i18n import _, ngettext
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.text.formats import weekday_day_month, weekday_long
from vatui.widgets.blocks_pane import BlocksPane


class BlockTemplatesController:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.store = services.store
        self.settings = services.settings

    @property
    def my_zone_name(self) -> str:
        """The zone whose days and wall-clock times blocks are planned in (BlocksController's too)."""
        return self.settings.me_zone

    def _day_templates(self) -> list[Template]:
        return sorted((t for t in self.store.templates.all() if t.kind == "day"), key=lambda t: t.name.casefold())

    def save_template(self, message: BlocksPane.TemplateSaveRequested) -> None:
        from vatui.screens.block_modal import PromptModal

        day = message.day
        blocks = self.store.blocks.all()
        if not block_edits.template_items(blocks, day, self.my_zone_name):
            self.services.notify(_("No block starts on {day}: nothing to save.").format(day=weekday_day_month(day, pad=True)),
                        timeout=4)
            return
        existing = self._day_templates()

        def read(text: str) -> str:
            return validate_name(text, what="template")

        names = ", ".join(t.name for t in existing)
        label = _("Save the plan of {day} as the day template:").format(day=weekday_day_month(day, pad=True))
        hint = _("Existing: {names} (the same name replaces it)").format(names=names) if names else ""
        self.services.open_screen(PromptModal(title=_("Save as template"), label=label, read=read,
                                         initial=weekday_long(day), hint=hint, id="template-name-modal"),
                             callback=lambda name: name is not None and self._save_as(day, name))

    def _save_as(self, day: date, name: str) -> None:
        zone_name = self.my_zone_name

        def change() -> tuple[Template, Template | None]:
            with self.store.transaction():
                template = block_edits.day_template(name, self.store.blocks.all(), day, zone_name)
                same = [t for t in self.store.templates.all() if t.kind == "day" and t.name.casefold() == name.casefold()]
                if same:
                    return self.store.templates.update(replace(template, id=same[0].id)), same[0]
                return self.store.templates.add(template), None

        def undo(saved: Template, old: Template | None) -> None:
            if old is None:
                self.store.templates.delete(saved.id)  # type: ignore[arg-type]
            else:
                self.store.templates.update(old)

        self.services.save(change,
                  done=lambda r: self.services.notify(ngettext("Saved {count} block as the day template {name!r}.",
                                                      "Saved {count} blocks as the day template {name!r}.",
                                                      len(r[0].items)).format(count=len(r[0].items), name=r[0].name),
                                             timeout=4),
                  undo=lambda r: UndoStep(_("save template {name!r}").format(name=r[0].name), partial(undo, *r)))

    def apply_template(self, message: BlocksPane.TemplateApplyRequested) -> None:
        from vatui.screens.block_modal import TemplatePickModal

        templates = self._day_templates()
        if not templates:
            self.services.notify(_("No day templates yet: press w to save a day's plan as one."), timeout=4)
            return
        choices = []
        for t in templates:
            items = t.items
            first = min(i.start_minute for i in items) if items else 0  # type: ignore[union-attr]
            span = format_clock_time(first)
            choices.append((t.id, ngettext("{name} · {count} block from {start}", "{name} · {count} blocks from {start}",
                                           len(items)).format(name=t.name, count=len(items), start=span)))
        day = message.day
        self.services.open_screen(
            TemplatePickModal(title=_("Apply a day template to {day}").format(day=weekday_day_month(day, pad=True)),
                              choices=choices),
            callback=lambda tid: tid is not None and self._apply(day, tid))

    def _add_blocks(self, compute: Callable[[], tuple[list[TimeBlock], int]], *, what: Callable[[int], str],
                    empty: str) -> None:
        """Add the blocks `compute()` returns (new, skipped) in one write; undo removes them."""

        def change() -> tuple[list[TimeBlock], int]:
            with self.store.transaction():
                new, skipped = compute()
                return self.store.blocks.add_many(new), skipped

        def said(result: tuple[list[TimeBlock], int]) -> None:
            added, skipped = result
            if not added and not skipped:
                self.services.notify(empty, timeout=4)
                return
            text = what(len(added))
            if skipped:
                text += " " + ngettext("{count} skipped (already there, or for a client that no longer exists).",
                                       "{count} skipped (already there, or for a client that no longer exists).",
                                       skipped).format(count=skipped)
            self.services.notify(text, timeout=5)

        self.services.save(change, done=said,
                  undo=lambda r: UndoStep(what(len(r[0])),
                                          partial(self.store.blocks.delete_many, [b.id for b in r[0]]))
                  if r[0] else None)

    def _apply(self, day: date, template_id: int) -> None:
        zone_name = self.my_zone_name
        template = self.store.templates.get(template_id)
        if template is None:
            return

        def compute() -> tuple[list[TimeBlock], int]:
            store = self.store
            return block_edits.blocks_from_items(template.items, day, zone_name,  # type: ignore[arg-type]
                                                 existing=core.blocks_on(store.blocks.all(), day, zone_name),
                                                 known_clients={c.id for c in store.clients.all() if c.id is not None})

        self._add_blocks(compute, what=lambda n: ngettext("Added {count} block from {name!r}.",
                                                          "Added {count} blocks from {name!r}.", n).format(
                                                              count=n, name=template.name),
                         empty=_("The template has no blocks."))

    def copy_day_before(self, message: BlocksPane.CopyRequested) -> None:
        day, zone_name = message.day, self.my_zone_name
        source = day - timedelta(days=1)

        def compute() -> tuple[list[TimeBlock], int]:
            store = self.store
            return block_edits.copy_day(store.blocks.all(), source, day, zone_name,
                                        known_clients={c.id for c in store.clients.all() if c.id is not None})

        source_day = weekday_day_month(source, pad=True)
        self._add_blocks(compute, what=lambda n: ngettext("Copied {count} block from {day}.", "Copied {count} blocks from {day}.",
                                                          n).format(count=n, day=source_day),
                         empty=_("No block starts on {day}: nothing to copy.").format(day=source_day))
