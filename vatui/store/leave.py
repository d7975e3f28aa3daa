"""My leave: ranges of days off (`vatui off 2026-12-24..2027-01-02`), kept in the store's small
state table as [first, last] ISO pairs, sorted, one entry per range."""

from __future__ import annotations

from datetime import date
from typing import Any

LEAVE_KEY = "leave"


def leave_ranges(store: Any) -> list[tuple[date, date]]:
    raw = store.get_state(LEAVE_KEY)
    if not raw:  # the common case: no leave, and no holiday module loaded for it
        return []
    from vatui.core.client_holidays import iter_leave

    return sorted(iter_leave(raw))


def add_leave(store: Any, first: date, last: date) -> bool:
    """Add a range; False if exactly that range is already there."""
    ranges = leave_ranges(store)
    if (first, last) in ranges:
        return False
    ranges.append((first, last))
    _save(store, ranges)
    return True


def remove_leave(store: Any, first: date, last: date) -> bool:
    """Remove exactly that range; False if it is not there."""
    ranges = leave_ranges(store)
    if (first, last) not in ranges:
        return False
    ranges.remove((first, last))
    _save(store, ranges)
    return True


def _save(store: Any, ranges: list[tuple[date, date]]) -> None:
    store.set_state(LEAVE_KEY, [[a.isoformat(), b.isoformat()] for a, b in sorted(ranges)])
