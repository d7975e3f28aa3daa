"""The cockpit's handling of the World clock pane: readings once a minute, the hour cursor, sort
order (remembered), the overlap finder, and adding, editing and removing clients. A plain object
made by the cockpit screen, which routes the pane's messages to it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from vatui.core.errors import ValidationError
from vatui.core.models import CLIENT_COLOURS, Client, TimeBlock
from vatui.core.zones import (
    HOUR,
    Place,
    SortBy,
    hour_start,
    hour_strip,
    order,
    places,
    readings,
    shift_days,
)
from vatui.i18n import _
from vatui.screens.cockpit_services import Services, UndoStep
from vatui.store.history import client_usage
from vatui.store.leave import leave_ranges
from vatui.text.formats import weekday_day_month
from vatui.text.queue_text import client_in_use
from vatui.widgets.clock_pane import ClockPane, weekday
from vatui.widgets.hour_strip import StripView

SORT_STATE = "clock.sort"
STRIP_BEFORE = timedelta(hours=36)  # the strip's data reaches this far either side of its anchor;
STRIP_HOURS = 108  # the widget shows as many columns as fit (61 at 200 columns)
CURSOR_LIMIT = timedelta(days=366)


class ClientInUse(ValidationError):
    """A client that still has tasks or tracked time cannot be removed (as `vatui client remove`)."""


def in_use_message(name: str, tasks: int, entries: int) -> str:
    return client_in_use(name, tasks, entries)


class ClockController:
    def __init__(self, services: Services, pane: Callable[[], ClockPane]) -> None:
        self.services = services
        self.store = services.store
        self.settings = services.settings
        self.pane = pane
        self._cursor: datetime | None = None  # None: the clock shows now
        self._sort: SortBy | None = None
        self._strip_key: tuple | None = None

    # --- reading --------------------------------------------------------------------------
    def sort(self) -> SortBy:
        if self._sort is None:
            saved = self.store.get_state(SORT_STATE)
            self._sort = SortBy(saved) if saved in {s.value for s in SortBy} else SortBy.OFFSET
        return self._sort

    def places(self, at: datetime) -> list[Place]:
        # (core.zones.me_place already says the default "Me" in the user's language)
        return order(places(self.settings, self.store.clients.all(), leave_ranges(self.store)), self.sort(), at,
                     self.settings.me_zone)

    def refresh(self, now: datetime) -> None:
        pane = self.pane()
        me_zone = self.settings.me_zone
        cursor = self._cursor
        at = cursor or now
        rows = self.places(at)
        pane.show_readings(readings(rows, at, me_zone, self.settings.closing_soon), cursor=cursor)
        this_hour = hour_start(now, me_zone)
        key = (tuple(rows), this_hour, cursor)
        if key != self._strip_key:  # the strip changes with the hour, the cursor or the rows
            self._strip_key = key
            start = (cursor or now) - STRIP_BEFORE
            pane.show_strip(StripView(key, tuple(p.name for p in rows), this_hour, cursor,
                                      make=lambda: hour_strip(rows, me_zone, start, STRIP_HOURS)))
        pane.set_info(_("by offset") if self.sort() is SortBy.OFFSET else _("by name"))
        if cursor is None:
            pane.show_cursor("")
        else:
            mine = cursor.astimezone(self.services.my_zone)
            when = f"{weekday(mine)} {mine.day} {mine:%H:%M}"
            pane.show_cursor(_("at {when} · Esc: now").format(when=when))

    # --- the cursor -----------------------------------------------------------------------
    def set_cursor(self, at: datetime | None) -> None:
        now = self.services.now()
        if at is not None:
            at = max(now - CURSOR_LIMIT, min(now + CURSOR_LIMIT, at))
        self._cursor = at
        self.refresh(now)

    def move_cursor(self, message: ClockPane.CursorMoved) -> None:
        now = self.services.now()
        base = self._cursor or hour_start(now, self.settings.me_zone)
        if message.days:
            base = shift_days(base, message.days, self.settings.me_zone)
        self.set_cursor(base + message.hours * HOUR)

    # --- sort -----------------------------------------------------------------------------
    def toggle_sort(self) -> None:
        new = SortBy.NAME if self.sort() is SortBy.OFFSET else SortBy.OFFSET
        self._sort = new
        self.refresh(self.services.now())
        self.services.writer.submit(lambda: self.store.set_state(SORT_STATE, new.value))

    # --- clients --------------------------------------------------------------------------
    def _client_modal(self, client: Client | None):  # noqa: ANN202 - a ClientModal
        from vatui.screens.client_modal import ClientModal

        others = [c for c in self.store.clients.all() if client is None or c.id != client.id]
        used = {c.colour for c in others}
        colour = next((c for c in CLIENT_COLOURS if c not in used), CLIENT_COLOURS[len(others) % len(CLIENT_COLOURS)])
        return ClientModal(client, taken={c.key: c.name for c in others}, default_colour=colour)

    def _explain_me_row(self) -> None:
        self.services.notify(_("That row is you. Your zone, city and hours come from the config file "
                               "(me.zone, me.city, me.hours); vatui where shows where it is."), timeout=8)

    def add_client(self) -> None:
        self.services.open_screen(self._client_modal(None), self._add_client)

    def _add_client(self, client: Client | None) -> None:
        if client is None:
            return

        def done(added: Client) -> None:
            self.pane().selected_key = f"client:{added.id}"
            self.services.notify(_("Added client {name}.").format(name=added.name), timeout=4)

        self.services.save(lambda: self.store.clients.add(client), done=done,
                           undo=lambda added: UndoStep(_("add client {name}").format(name=added.name),
                                                       lambda: self.store.clients.delete(added.id)))

    def edit_client(self, message: ClockPane.EditClientAsked) -> None:
        client = self.store.clients.get(message.client_id) if message.client_id is not None else None
        if client is None:
            self._explain_me_row()
            return
        self.services.open_screen(self._client_modal(client), lambda edited: self._edit_client(client, edited))

    def _edit_client(self, old: Client, new: Client | None) -> None:
        if new is None or new == old:
            return
        self.services.save(lambda: self.store.clients.update(new),
                           done=lambda c: self.services.notify(_("Saved client {name}.").format(name=c.name), timeout=4),
                           undo=lambda c: UndoStep(_("edit client {name}").format(name=c.name),
                                                   lambda: self.store.clients.update(old)))

    def remove_client(self, message: ClockPane.RemoveClientAsked) -> None:
        client = self.store.clients.get(message.client_id) if message.client_id is not None else None
        if client is None:
            self._explain_me_row()
            return
        tasks, entries = client_usage(self.store, client.id)  # type: ignore[arg-type]
        if tasks or entries:
            self.services.notify(in_use_message(client.name, tasks, entries), title=_("Not removed"),
                                 severity="warning", timeout=10)
            return
        self.services.save(
            lambda: self._remove_client(client.id),  # type: ignore[arg-type]
            done=lambda c: self.services.notify(_("Removed client {name}. u undoes.").format(name=c.name), timeout=6),
            undo=lambda c: UndoStep(_("remove client {name}").format(name=c.name),
                                    lambda: self.store.clients.restore(c)))

    def _remove_client(self, client_id: int) -> Client:
        """In the writer thread, under the store's lock: check again (another vatui may have just
        added a task for this client), then delete."""
        with self.store.transaction():
            client = self.store.clients.require(client_id)
            tasks, entries = client_usage(self.store, client_id)
            if tasks or entries:
                raise ClientInUse(in_use_message(client.name, tasks, entries))
            return self.store.clients.delete(client_id)

    # --- overlap finder -------------------------------------------------------------------
    def find_overlap(self, message: ClockPane.OverlapAsked) -> None:
        from vatui.screens.overlap_modal import OverlapModal

        now = self.services.now()
        rows = self.places(now)
        chosen = {"me"}
        if message.client_id is not None:
            chosen.add(f"client:{message.client_id}")
        elif len(rows) > 1:
            chosen.add(rows[1].key)
        self.services.open_screen(OverlapModal(rows, now, self.settings.me_zone, chosen=chosen), self._block_in_window)

    def _block_in_window(self, wanted: Any) -> None:
        """Enter on an overlap window: the block it asked for, added (u undoes it)."""
        if wanted is None:
            return
        store = self.store
        my_zone = self.services.my_zone
        block = TimeBlock(start=wanted.start, end=wanted.end, client_id=wanted.client_id, note=wanted.note)

        def run() -> TimeBlock:
            return store.blocks.add(block)

        def said(added: TimeBlock) -> None:
            local = added.start.astimezone(my_zone)
            self.services.notify(_("Block {start}-{end} added on {day}.").format(
                start=f"{local:%H:%M}", end=f"{added.end.astimezone(my_zone):%H:%M}",
                day=weekday_day_month(local.date())), timeout=5)

        self.services.save(run, done=said, undo=lambda added: UndoStep(_("add a block"),
                                                                        lambda: store.blocks.delete(added.id)))
