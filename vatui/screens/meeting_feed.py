"""The cockpit's meetings from subscribed calendars (`vatui calendar add`): what the blocks pane
shows for a day, read and synced without ever holding up a key.

- `day(day)` answers from memory: the day's meetings as read-only blocks, its all-day banners and
  a note for each calendar that could not be read lately. A day not read yet answers empty and is
  read on a worker thread (parsing a large calendar the first time takes a while); `on_change` is
  called when it is in.
- `tick(now)`, once a minute, syncs the calendars whose `--every` has passed: the fetch runs on a
  worker thread with a timeout, what it brought is recorded on the store's writer thread (in order
  with the edits), then the days are read again. A calendar that fails keeps its last good copy
  and says "stale since 09:40 (timeout)".

With no calendar subscribed all of this is a dictionary lookup, and nothing of the calendar
modules is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vatui.core.blocks import day_bounds
from vatui.core.models import TimeBlock
from vatui.i18n import _

CALENDARS_STATE = "calendars"  # the store's state key of the subscriptions (store/calendars.py)
FETCH_TIMEOUT = 10.0  # seconds: a slow calendar is given up on and tried at its next turn


@dataclass(frozen=True)
class DayMeetings:
    blocks: tuple[TimeBlock, ...] = ()
    banners: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


NONE = DayMeetings()


class MeetingFeed:
    def __init__(self, *, app: Any, store: Any, writer: Any, zone_name: str,
                 on_change: Callable[[], None]) -> None:
        """`app` runs the worker threads; `writer`: store/writer.py's StoreWriter; `on_change`:
        redraw the blocks (a day was read, or a sync brought something new)."""
        self.app = app
        self.store = store
        self.writer = writer
        self.zone_name = zone_name
        self.on_change = on_change
        self._days: dict[date, DayMeetings] = {}
        self._reading: set[date] = set()
        self._state: Any = None  # the subscriptions as last seen: a change (a sync, an add) rereads
        self._minute: datetime | None = None
        self._syncing: set[int] = set()

    def _subscribed(self) -> bool:
        state = self.store.get_state(CALENDARS_STATE)
        if state != self._state:
            self._state = deepcopy(state)  # a snapshot: the store may hand out the object it keeps
            self._days.clear()  # another copy, calendar or client: every day is read again
        return bool(state)

    def day(self, day: date, now: datetime) -> DayMeetings:
        if not self._subscribed():
            return NONE
        found = self._days.get(day)
        if found is None:
            found = NONE
            if day not in self._reading:
                self._reading.add(day)
                self._read(day, now)
        return found

    def _read(self, day: date, now: datetime) -> None:
        store, zone_name, state = self.store, self.zone_name, self._state

        def read() -> None:
            try:
                found = _read_day(store, day, zone_name, now)
            except Exception:  # noqa: BLE001 - a damaged copy shows no meetings, never a traceback
                found = NONE
            self.app.call_from_thread(done, found)

        def done(found: DayMeetings) -> None:
            self._reading.discard(day)
            if state == self._state:  # not read from a copy that has since been replaced
                self._days[day] = found
                if found != NONE:
                    self.on_change()

        self.app.run_worker(read, thread=True, group="calendar-read", exit_on_error=False)

    # --- syncing -------------------------------------------------------------------------------
    def tick(self, now: datetime) -> None:
        minute = now.replace(second=0, microsecond=0)
        if minute == self._minute:
            return
        self._minute = minute
        if not self._subscribed():
            return
        from vatui.calendars.meetings import due

        for sub in due(self.store, now):
            if sub.id not in self._syncing:
                self._syncing.add(sub.id)
                self._sync(sub, now)

    def _sync(self, sub: Any, now: datetime) -> None:
        store, zone_name = self.store, self.zone_name

        def fetch() -> None:
            from vatui.calendars.meetings import fetch_for

            try:
                fetched = fetch_for(store, sub, timeout=FETCH_TIMEOUT, my_zone=zone_name)
            except Exception:  # noqa: BLE001 - whatever went wrong, the calendar is tried again
                self.app.call_from_thread(self._syncing.discard, sub.id)
                return
            self.app.call_from_thread(record, fetched)

        def record(fetched: Any) -> None:
            from vatui.calendars.meetings import record

            self.writer.submit(lambda: record(store, sub, now, fetched, my_zone=zone_name), done=recorded,
                               failed=lambda *_: self._syncing.discard(sub.id), title=_("Calendar"))

        def recorded(_result: Any) -> None:
            self._syncing.discard(sub.id)
            self._subscribed()  # the recorded state clears the days read from the old copy
            self.on_change()

        self.app.run_worker(fetch, thread=True, group=f"calendar-sync-{sub.id}", exit_on_error=False)


def _read_day(store: Any, day: date, zone_name: str, now: datetime) -> DayMeetings:
    from vatui.calendars.meetings import meetings_between
    from vatui.text.calendar_text import stale_note

    lo, hi = day_bounds(day, zone_name)
    found = meetings_between(store, lo, hi, zone_name)
    return DayMeetings(
        blocks=tuple(found.as_blocks()),
        banners=tuple(b.label for b in found.banners if b.day == day),
        notes=tuple(stale_note(s.calendar, s.last_ok_at, s.reason, now, zone_name)
                    for s in found.status.values() if s.stale))
