"""The reminders already fired, so each fires once per task and lead, across restarts: a map of
reminder key (vatui.core.reminders.Reminder.key) -> when it fired, in the store's state table.
Entries older than KEEP are dropped when new ones are recorded, so the map stays small."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

FIRED_KEY = "reminders_fired"
KEEP = timedelta(days=60)


def fired_keys(store: Any) -> set[str]:
    raw = store.get_state(FIRED_KEY) or {}
    return set(raw) if isinstance(raw, dict) else set()


def record_fired(store: Any, keys: Iterable[str], now: datetime) -> None:
    """Add `keys` as fired at `now` (and drop entries older than KEEP). Writes nothing when there
    is nothing new, so a quiet minute costs no write."""
    keys = list(keys)
    if not keys:
        return
    raw = store.get_state(FIRED_KEY) or {}
    kept = {k: v for k, v in (raw.items() if isinstance(raw, dict) else ()) if _recent(v, now)}
    kept.update({k: now.isoformat() for k in keys})
    store.set_state(FIRED_KEY, kept)


def _recent(value: Any, now: datetime) -> bool:
    try:
        return now - datetime.fromisoformat(value) <= KEEP
    except (TypeError, ValueError):
        return False
