"""Recurring blocks in the data file: the series (in the state table, key "block_series") and
the blocks laid out from them. Every function runs in one transaction. The rule modules load only
when a series exists (`has_series` reads the state alone)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vatui.core.models import TimeBlock
from vatui.store.store import Store

KEY = "block_series"


def has_series(store: Store) -> bool:
    return bool(store.get_state(KEY))


def load(store: Store) -> list:
    from vatui.core.block_series import BlockSeries

    return [BlockSeries.from_json(d) for d in store.get_state(KEY) or []]


def _save(store: Store, series: list) -> None:
    store.set_state(KEY, [s.to_json() for s in series])


def add_series(store: Store, block: TimeBlock, rule: str, zone_name: str, today: date) -> tuple[object, list[TimeBlock]]:
    """Start a series from a typed block and lay out its days through a fortnight from today."""
    from vatui.core import block_series as core

    with store.transaction():
        existing = load(store)
        sid = max((s.id for s in existing), default=0) + 1
        series = core.from_block(block, rule, sid, zone_name)
        series, blocks = core.lay_out(series, max(core.horizon(today), series.anchor), zone_name)
        added = store.blocks.add_many(blocks)
        _save(store, [*existing, series])
    return series, added


def extend(store: Store, upto: date, zone_name: str) -> int:
    """Lay out every series' blocks up to `upto` (today's horizon, or a later day being looked at).
    Returns how many blocks were added; nothing is written when none are due."""
    if not has_series(store):
        return 0
    from vatui.core import block_series as core

    with store.transaction():
        series = load(store)
        moved, new = [], []
        for s in series:
            s2, blocks = core.lay_out(s, upto, zone_name)
            moved.append(s2)
            new.extend(blocks)
        if moved != series:
            store.blocks.add_many(new)
            _save(store, moved)
    return len(new)


def find(store: Store, series_id: int):  # noqa: ANN201 - a BlockSeries or None
    return next((s for s in load(store) if s.id == series_id), None)


def edit_from(store: Store, block: TimeBlock, typed: TimeBlock, zone_name: str) -> list[TimeBlock] | None:
    """Change the series of `block` to look like `typed` (wall time, length, client, batch, note)
    from `block`'s day on: the series and every one of its blocks on or after that day. None when
    the series has ended (nothing changed)."""
    from vatui.core import block_series as core

    day = core.local_day(block.start, zone_name)
    with store.transaction():
        series = load(store)
        if not any(s.id == block.series for s in series):
            return None
        out = []
        for i, s in enumerate(series):
            if s.id != block.series:
                continue
            new = core.reshaped(s, typed, zone_name)
            series[i] = new
            for b in store.blocks.all():
                if b.series == s.id and core.local_day(b.start, zone_name) >= day:
                    moved = core.block_on(new, core.local_day(b.start, zone_name), zone_name)
                    out.append(store.blocks.update(replace(moved, id=b.id)))
        _save(store, series)
    return out


def remove_from(store: Store, block: TimeBlock, zone_name: str) -> int:
    """End the series of `block`: its blocks from that day on are deleted, earlier ones stay."""
    from vatui.core import block_series as core

    day = core.local_day(block.start, zone_name)
    with store.transaction():
        gone = [b.id for b in store.blocks.all()
                if b.series == block.series and b.id is not None and core.local_day(b.start, zone_name) >= day]
        store.blocks.delete_many(gone)
        _save(store, [s for s in load(store) if s.id != block.series])
    return len(gone)
