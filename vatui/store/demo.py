"""`vatui --demo`: a throw-away data file seeded with realistic data."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from vatui.core.clock import Clock
from vatui.core.demo import build_demo
from vatui.core.retention import pass_day
from vatui.store import Store
from vatui.store.history import ARCHIVED_ON_KEY
from vatui.store.reminder_log import record_fired


def seed_demo(store: Store, now: datetime, my_zone: str) -> None:
    demo = build_demo(now, my_zone)
    with store.transaction():
        clients = store.clients.add_many(demo.clients)

        def cid(index: int | None) -> int | None:
            return clients[index].id if index is not None else None

        store.tasks.add_many([replace(t, client_id=cid(t.client_id)) for t in demo.tasks])
        store.blocks.add_many([replace(b, client_id=cid(b.client_id)) for b in demo.blocks])
        store.entries.add_many([replace(e, client_id=cid(e.client_id)) for e in demo.entries])
        store.templates.add_many(demo.templates)
        # Made just now: nothing in it is due for the daily archive pass, which would otherwise
        # run (and take the file's lock, ~10 ms of imports) on every `vatui --demo` start.
        store.set_state(ARCHIVED_ON_KEY, pass_day(now, my_zone))
        # Nor were reminders missed while "closed": the demo's past deadlines are its story, not
        # a pile of missed notes on the first screen. The ones still ahead fire as usual.
        record_fired(store, demo_fired(store.tasks.all(), now), now)


def demo_fired(tasks: list, now: datetime) -> list[str]:
    """The reminders (at the default leads) whose moment has passed: as if they went out."""
    from vatui.core.reminders import check
    from vatui.core.settings import Settings

    found = check([t for t in tasks if t.is_open], now, Settings().reminders_before, set())
    due_now = {r.key for r in found.due}
    return [key for key in found.fired if key not in due_now]


def make_demo_store(clock: Clock, my_zone: str) -> tuple[Store, Path]:
    """A new store in a temp folder (the caller removes the folder when done)."""
    folder = Path(tempfile.mkdtemp(prefix="vatui-demo-"))
    store = Store(folder / "demo.json", clock=clock, new_private_file=True, journal=True)
    seed_demo(store, clock.now(), my_zone)
    return store, folder
