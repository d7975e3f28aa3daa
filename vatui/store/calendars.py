"""Calendar subscriptions in the data file, and the last good copy of each calendar beside it.

A subscription lives in the state table (key "calendars", a list of plain dicts), so its address,
a secret, is only ever in the 0600 data file. The last good .ics copy of each calendar is a 0600
file in a 0700 folder beside the data file (`<data file>.calendars/<id>-<digest>.ics`), not in the
data file: a calendar can be hundreds of kilobytes of history, which inside the data file would be
rewritten with every whole save, copied into every daily backup and carried by the journal; as its
own file it is written only when the calendar changed, atomically like the store's writes, and is
there to read offline. The file name carries the copy's digest, and the subscription records the
digest: a new copy is written first, then the record points at it, then the old file is deleted,
so a crash in between leaves the record pointing at a whole file (and at worst an orphan, removed
by the next write of that calendar). Copies are written under the data file's lock (record_ok).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from vatui.core.errors import ValidationError
from vatui.i18n import _
from vatui.store.atomic import atomic_write_bytes
from vatui.store.store import Store

KEY = "calendars"
DEFAULT_EVERY = 15 * 60  # seconds between syncs


@dataclass(frozen=True)
class Subscription:
    id: int
    name: str
    source: str  # a secret: show it only through calendars.mask.mask_source
    client_id: int | None = None
    every: int = DEFAULT_EVERY  # seconds
    etag: str | None = None
    last_modified: str | None = None
    last_ok_at: datetime | None = None  # the last fetch that worked (200 or 304), UTC
    last_error: str | None = None  # the reason of the last failed fetch, already masked
    last_error_at: datetime | None = None
    copy: str | None = None  # digest of the last good copy (its file name); None: no copy yet
    events: int | None = None  # how many events the copy holds (counted when it was fetched)

    @property
    def failing(self) -> bool:
        """The last attempt failed: what is shown comes from an older copy (or nothing)."""
        return self.last_error_at is not None and (self.last_ok_at is None or self.last_error_at >= self.last_ok_at)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("last_ok_at", "last_error_at"):
            out[key] = out[key].isoformat() if out[key] is not None else None
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Subscription:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        for key in ("last_ok_at", "last_error_at"):
            if known.get(key):
                known[key] = datetime.fromisoformat(known[key])
        return cls(**known)


def load(store: Store) -> list[Subscription]:
    return [Subscription.from_json(d) for d in store.get_state(KEY) or []]


def _save(store: Store, subs: list[Subscription]) -> None:
    store.set_state(KEY, [s.to_json() for s in subs])


def find(store: Store, name: str) -> Subscription | None:
    """The subscription called `name`, ignoring case."""
    key = name.strip().casefold()
    return next((s for s in load(store) if s.name.casefold() == key), None)


def require(store: Store, name: str) -> Subscription:
    found = find(store, name)
    if found is None:
        names = ", ".join(s.name for s in load(store)) or _("none yet")
        raise ValidationError(_("no calendar called {name!r} (calendars: {names})").format(name=name, names=names),
                              field="name")
    return found


def add(store: Store, name: str, source: str, *, client_id: int | None = None, every: int = DEFAULT_EVERY) -> Subscription:
    """Save a new subscription (names are unique ignoring case)."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("a calendar needs a name"), field="name")
    with store.transaction():
        subs = load(store)
        taken = next((s for s in subs if s.name.casefold() == name.casefold()), None)
        if taken is not None:
            raise ValidationError(_("there is already a calendar called {name}").format(name=taken.name), field="name")
        sub = Subscription(id=max((s.id for s in subs), default=0) + 1, name=name, source=source,
                           client_id=client_id, every=every)
        _save(store, [*subs, sub])
    return sub


def remove(store: Store, name: str) -> Subscription:
    """Forget a subscription and delete its copies."""
    with store.transaction():
        sub = require(store, name)
        _save(store, [s for s in load(store) if s.id != sub.id])
    _delete_copies(store, sub.id, keep=None)
    return sub


# --- the last good copy ----------------------------------------------------------------------------

def copies_dir(store: Store) -> Path:
    return store.path.with_name(store.path.name + ".calendars")


def _copy_path(store: Store, sub_id: int, digest: str) -> Path:
    return copies_dir(store) / f"{sub_id}-{digest}.ics"


def _delete_copies(store: Store, sub_id: int, keep: str | None) -> None:
    folder = copies_dir(store)
    try:
        stale = [p for p in folder.glob(f"{sub_id}-*.ics") if keep is None or p.name != f"{sub_id}-{keep}.ics"]
    except OSError:
        return
    for path in stale:
        try:
            path.unlink()
        except OSError:
            pass


def read_copy(store: Store, sub: Subscription) -> bytes | None:
    """The last good copy of `sub`, or None (never fetched, or its file is gone)."""
    if sub.copy is None:
        return None
    try:
        return _copy_path(store, sub.id, sub.copy).read_bytes()
    except OSError:
        return None


def record_ok(store: Store, sub_id: int, now: datetime, *, body: bytes | None, etag: str | None,
              last_modified: str | None, events: int | None = None) -> Subscription | None:
    """A fetch worked: `body` is the new copy holding `events` events (None: unchanged, a 304,
    the old copy stays). Returns the updated subscription (None if it was removed meanwhile).

    The copy is written inside the transaction, under the cross-process lock, so two processes
    syncing one calendar take turns: each replaces the copy the record points at, and deletes
    that one only once its own record is saved. Copies no record points at (a crash between
    the write and the save) are removed the next time, under the same lock."""
    digest = hashlib.sha256(body).hexdigest()[:16] if body is not None else None
    replaced = None
    with store.transaction():
        subs = load(store)
        n = next((i for i, s in enumerate(subs) if s.id == sub_id), None)
        if n is None:
            return None
        old = subs[n]
        if digest is not None and digest != old.copy:
            _delete_copies(store, sub_id, keep=old.copy)
            atomic_write_bytes(_copy_path(store, sub_id, digest), body)  # type: ignore[arg-type]
            replaced = old.copy
        updated = subs[n] = replace(old, etag=etag, last_modified=last_modified, last_ok_at=now,
                                    copy=digest or old.copy, events=events if digest else old.events)
        _save(store, subs)
    if replaced is not None:  # only the one replaced: another process may have saved a newer copy since
        try:
            _copy_path(store, sub_id, replaced).unlink()
        except OSError:
            pass
    return updated


def record_error(store: Store, sub_id: int, now: datetime, reason: str) -> Subscription | None:
    """A fetch failed: keep the copy and the validators, note the (masked) reason and when."""
    with store.transaction():
        subs = load(store)
        updated = None
        for i, s in enumerate(subs):
            if s.id == sub_id:
                updated = subs[i] = replace(s, last_error=reason, last_error_at=now)
        if updated is not None:
            _save(store, subs)
    return updated
