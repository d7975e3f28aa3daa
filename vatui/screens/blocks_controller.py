"""The cockpit's handling of the time-blocks pane: which day is shown, what the pane's keys do
(through core/blocks.py, block_edits.py, block_syntax.py and the store writer), and undo for
every change. A plain object made by the cockpit screen, which hands it the pane's requests; day
templates and copying are in block_templates_controller.py (an object this one makes).

Per minute only `standing` (current block, minutes left, next block) is recomputed; the day's
plan (flags, tracked time) is recomputed when the store or the day changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from textual.message import Message

from vatui.core import block_edits
from vatui.core import blocks as core
from vatui.core.durations import format_duration
from vatui.core.models import Client, TimeBlock
from vatui.i18n import _, ngettext
from vatui.screens.block_templates_controller import BlockTemplatesController
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.screens.meeting_feed import NONE as NO_MEETINGS
from vatui.screens.meeting_feed import DayMeetings
from vatui.text.formats import weekday_day_month
from vatui.widgets.block_rows import DayView, describe_block
from vatui.widgets.blocks_pane import BlocksPane

ARCHIVE_AFTER = timedelta(days=28)  # older days may have blocks in the archive (retention.py)


def block_modal():  # noqa: ANN201 - the module
    """The block forms, imported when one is first opened rather than with the cockpit."""
    from vatui.screens import block_modal

    return block_modal


def block_syntax():  # noqa: ANN201 - the module
    """The block text syntax (its regular expressions are compiled at import), needed only once a
    block form opens: not on the first frame."""
    from vatui.core import block_syntax

    return block_syntax


SERIES_AHEAD = timedelta(days=13)  # how far the daily pass lays repeating blocks out (store/block_series.py)


class BlocksController:
    def __init__(self, services: Services, pane: Callable[[], BlocksPane],
                 meetings: Callable[[date, datetime], DayMeetings] = lambda day, now: NO_MEETINGS) -> None:
        """`meetings(day, now)`: the day's meetings of subscribed calendars (meeting_feed.py)."""
        self.services = services
        self.store = services.store
        self.settings = services.settings
        self.pane = pane
        self.meetings = meetings
        self.templates = BlockTemplatesController(services)
        self._day: date | None = None  # the day shown; None: today, following midnight
        self._shown_day: date | None = None
        self._plan_key: tuple[Any, ...] | None = None
        self._plan: core.DayPlan | None = None
        self._clients: dict[int, Client] = {}  # replaced, never mutated

    @property
    def my_zone_name(self) -> str:
        """The zone whose days and wall-clock times blocks are planned in."""
        return self.settings.me_zone

    # --- requests from the pane ----------------------------------------------------------------
    def handle(self, request: Message) -> None:
        """Handle a pane request now (BlocksPane.ask explains why not through the message queue)."""
        handler = {
            BlocksPane.AddRequested: self.add,
            BlocksPane.EditRequested: self.edit,
            BlocksPane.DeleteRequested: self.delete,
            BlocksPane.MoveRequested: self.move,
            BlocksPane.ResizeRequested: self.resize,
            BlocksPane.ShiftRequested: self.shift,
            BlocksPane.DayRequested: self.change_day,
            BlocksPane.TemplateSaveRequested: self.templates.save_template,
            BlocksPane.TemplateApplyRequested: self.templates.apply_template,
            BlocksPane.CopyRequested: self.templates.copy_day_before,
        }[type(request)]
        handler(request)  # type: ignore[operator]

    # --- what is shown -------------------------------------------------------------------------
    def today(self, now: datetime | None = None) -> date:
        return core.day_of(now or self.services.now(), self.my_zone_name)

    def viewed_day(self, now: datetime | None = None) -> date:
        return self._day or self.today(now)

    def _day_plan(self, day: date, now: datetime) -> core.DayPlan:
        meetings = self.meetings(day, now)  # the same object until the calendars change
        key = (self.store.revision, day, self.settings.block_buffer, self.my_zone_name, meetings)
        if key != self._plan_key or self._plan is None:
            store = self.store
            if day > self.today(now) + SERIES_AHEAD:
                # Repeating blocks are laid out two weeks ahead; a day further on gets its own now
                # (on the writer thread: the plan is redrawn when the blocks are in).
                from vatui.store.block_series import extend, has_series

                if has_series(store):
                    zone = self.my_zone_name
                    self.services.writer.submit(lambda: extend(store, day, zone),
                                           done=lambda added: added and self.services.refresh_all())
            self._clients = {c.id: c for c in store.clients.all() if c.id is not None}
            lo, hi = core.day_bounds(day, self.my_zone_name)
            if hi < now - ARCHIVE_AFTER:
                from vatui.store.history import blocks_between, entries_between

                blocks, entries = blocks_between(store, lo, hi), entries_between(store, lo, hi)
            else:
                blocks, entries = store.blocks.all(), store.entries.all()
            batches = {t.id: t.batch for t in store.tasks.all() if t.id is not None}
            if meetings.blocks:
                blocks = [*blocks, *meetings.blocks]
            self._plan = core.plan_day(blocks, day, self.my_zone_name, buffer=self.settings.block_buffer,
                                              entries=entries, task_batches=batches, clients=self._clients)
            self._plan_key = key
        return self._plan

    def refresh(self, now: datetime) -> None:
        today = self.today(now)
        if self._day == today:
            self._day = None
        day = self._day or today
        plan = self._day_plan(day, now)
        standing = plan.standing(now) if plan.contains(now) else core.Standing()
        meetings = self.meetings(day, now)
        view = DayView(plan=plan, today=today, now=now, zone=self.services.my_zone, clients=self._clients,
                       buffer=self.settings.block_buffer, standing=standing, banners=meetings.banners,
                       calendar_notes=meetings.notes)
        new_day = day != self._shown_day
        self._shown_day = day
        self.pane().show(view, new_day=new_day)

    def _describe(self, block: TimeBlock) -> str:
        return describe_block(block, self.services.my_zone, self._clients)

    def _block_or_say(self, block_id: int) -> TimeBlock | None:
        block = self.store.blocks.get(block_id)
        if block is None:
            self.services.notify(_("That block is gone (deleted in another window?)."), severity="warning", timeout=4)
        return block

    # --- add and edit --------------------------------------------------------------------------
    def _read_block(self, day: date, text: str) -> TimeBlock:
        return block_syntax().parse_block(text, day=day, zone_name=self.my_zone_name, now=self.services.now(),
                                          clients=self.store.clients.all)

    def _preview_block(self, block: TimeBlock) -> str:
        start = block.start.astimezone(self.services.my_zone)
        # TRANSLATORS: the add/edit block form's preview, e.g. "Mon 23 Nov 09:30-11:00 Acme report · 1h30m".
        return _("{day} {block} · {length}").format(day=weekday_day_month(start.date(), pad=True),
                                                    block=self._describe(block), length=format_duration(block.length))

    def add(self, message: BlocksPane.AddRequested) -> None:
        self.services.open_screen(
            block_modal().BlockModal(title=_("Add a block · {day}").format(day=weekday_day_month(message.day, pad=True)),
                       read=partial(self._read_block, message.day), preview=self._preview_block),
            callback=self._add_block)

    def _add_block(self, block: TimeBlock | None) -> None:
        if block is None:
            return
        self.services.save(
            lambda: self.store.blocks.add(block),
            done=self._after_block_saved,
            undo=lambda added: UndoStep(_("add {what}").format(what=self._describe(added)),
                                        lambda: self.store.blocks.delete(added.id)),
        )

    def _after_block_saved(self, block: TimeBlock) -> None:
        """Show the day the block is on, put the cursor on it, and say if it clashes."""
        day = self.viewed_day()
        lo, hi = core.day_bounds(day, self.my_zone_name)
        if not (block.start < hi and block.end > lo):
            self._day = core.day_of(block.start, self.my_zone_name)
        self.services.refresh_all()
        self.pane().select(block.id)
        plan = self._day_plan(self.viewed_day(), self.services.now())
        n = plan.index_of(block.id)
        if n is None:
            return
        info = plan.items[n]
        if info.overlaps:
            self.services.notify(_("It overlaps {what}.").format(what=self._describe(plan.items[info.overlaps[0]].block)),
                        severity="warning", timeout=5)
        elif info.too_close:
            self.services.notify(_("Less than {buffer} from {what}.").format(
                buffer=format_duration(self.settings.block_buffer),
                what=self._describe(plan.items[info.too_close[0]].block)), severity="warning", timeout=5)

    def edit(self, message: BlocksPane.EditRequested) -> None:
        block = self._block_or_say(message.block_id)
        if block is None:
            return
        day = core.day_of(block.start, self.my_zone_name)
        self.services.open_screen(
            block_modal().BlockModal(title=_("Edit block · {day}").format(day=weekday_day_month(day, pad=True)),
                       read=partial(self._read_block, day), preview=self._preview_block,
                       initial=block_syntax().block_text(block, self.my_zone_name, self._clients)),
            callback=partial(self._edit_block, block))

    def _edit_block(self, old: TimeBlock, new: TimeBlock | None) -> None:
        if new is None:
            return
        new = replace(new, id=old.id)
        if new == old:
            return
        self.services.save(
            lambda: self.store.blocks.update(new),
            done=self._after_block_saved,
            undo=lambda saved: UndoStep(_("edit {what}").format(what=self._describe(saved)),
                                        lambda: self.store.blocks.update(old)),
        )

    # --- delete, move, stretch -----------------------------------------------------------------
    def delete(self, message: BlocksPane.DeleteRequested) -> None:
        block_id = message.block_id

        def said(gone: TimeBlock) -> None:
            self.services.notify(_("Deleted {what}. Press u to undo.").format(what=self._describe(gone)), timeout=4)

        self.services.save(
            lambda: self.store.blocks.delete(block_id),
            done=said,
            undo=lambda gone: UndoStep(_("delete {what}").format(what=self._describe(gone)),
                                       lambda: self.store.blocks.restore(gone)),
        )

    def _change_block(self, block_id: int, how: str, edit: Any) -> None:
        """Apply `edit` to the stored block (read afresh in the writer, so quick presses add up)."""

        def change() -> tuple[TimeBlock, TimeBlock]:
            with self.store.transaction():
                old = self.store.blocks.require(block_id)
                return old, self.store.blocks.update(edit(old))

        self.services.save(change, undo=lambda pair: UndoStep(how.format(what=self._describe(pair[0])),
                                                     lambda: self.store.blocks.update(pair[0])))

    def move(self, message: BlocksPane.MoveRequested) -> None:
        delta = timedelta(minutes=message.minutes)
        self._change_block(message.block_id, _("move {what}"), lambda b: block_edits.move(b, delta))

    def resize(self, message: BlocksPane.ResizeRequested) -> None:
        delta = timedelta(minutes=message.minutes)
        how = _("stretch {what}") if message.minutes > 0 else _("shrink {what}")
        self._change_block(message.block_id, how, lambda b: block_edits.resize(b, delta))

    # --- shift on overrun ----------------------------------------------------------------------
    def shift(self, message: BlocksPane.ShiftRequested) -> None:
        now = self.services.now()
        selected = self.store.blocks.get(message.block_id) if message.block_id is not None else None
        if message.ask:
            if selected is None:
                self.services.notify(_("Put the cursor on the block that runs long first."), timeout=4)
                return
            what = self._describe(selected)

            def preview(delta: timedelta) -> str:
                if delta > timedelta(0):
                    return _("{what} ends {delta} later").format(what=what, delta=format_duration(delta))
                return _("{what} ends {delta} sooner").format(what=what, delta=format_duration(-delta))

            anchor_id = selected.id
            self.services.open_screen(
                block_modal().PromptModal(title=_("Shift later blocks"),
                            label=_("{what} gets longer by how much? Every later block of the day moves by as "
                                    "much.").format(what=what),
                            read=block_edits.parse_shift, initial="15m", hint=_("e.g. 15m, 1h, 20 (minutes), -10m"),
                            preview=preview, id="shift-modal"),
                callback=lambda delta: delta is not None and self._shift(anchor_id, delta))  # type: ignore[arg-type]
            return
        today = self.today(now)
        if self.viewed_day(now) != today:
            self.services.notify(_("An overrun is about today: press T to go back to today."), timeout=4)
            return
        todays = core.blocks_on(self.store.blocks.all(), today, self.my_zone_name)
        anchor = block_edits.overrun_anchor(todays, now)
        if anchor is None:
            self.services.notify(_("No block has ended yet today, so nothing has overrun."), timeout=4)
            return
        delta = block_edits.overrun(anchor, now)
        if not delta:
            self.services.notify(_("{what} has not overrun.").format(what=self._describe(anchor)), timeout=4)
            return
        self._shift(anchor.id, delta)  # type: ignore[arg-type]

    def _shift(self, anchor_id: int, delta: timedelta) -> None:
        zone_name = self.my_zone_name

        def change() -> tuple[list[TimeBlock], list[TimeBlock]]:
            with self.store.transaction():
                anchor = self.store.blocks.require(anchor_id)
                changed = block_edits.shift_later(self.store.blocks.all(), anchor, delta,
                                                  until=block_edits.day_end_after(anchor, zone_name))
                olds = [self.store.blocks.require(b.id) for b in changed]  # type: ignore[arg-type]
                for b in changed:
                    self.store.blocks.update(b)
                return olds, changed

        def undo_all(olds: list[TimeBlock]) -> None:
            with self.store.transaction():
                for b in olds:
                    self.store.blocks.update(b)

        def said(result: tuple[list[TimeBlock], list[TimeBlock]]) -> None:
            olds, _new = result
            if olds:
                count = len(olds) - 1
                if delta > timedelta(0):
                    text = ngettext("{what} now ends {delta} later; {count} later block moved by as much.",
                                    "{what} now ends {delta} later; {count} later blocks moved by as much.", count)
                else:
                    text = ngettext("{what} now ends {delta} sooner; {count} later block moved by as much.",
                                    "{what} now ends {delta} sooner; {count} later blocks moved by as much.", count)
                self.services.notify(text.format(what=self._describe(olds[0]), delta=format_duration(abs(delta)), count=count),
                            timeout=5)

        self.services.save(change, done=said,
                  undo=lambda result: UndoStep(_("shift by {delta}").format(delta=format_duration(delta)),
                                               partial(undo_all, result[0])) if result[0] else None)

    # --- other days ----------------------------------------------------------------------------
    def change_day(self, message: BlocksPane.DayRequested) -> None:
        now = self.services.now()
        if message.offset is None:
            self._day = None
        else:
            self._day = self.viewed_day(now) + timedelta(days=message.offset)
        self.refresh(now)
