"""The Store: records in memory, written through to one TinyDB file, safe across processes.

- Every change happens in a transaction: a cross-process file lock is taken, the file is
  re-read if another process changed it since we last looked, the change is applied, and the
  new content is written atomically once. So two vatui processes on one file lose no edit.
- Reads come from memory. `reload_if_changed()` (one `stat`) lets a running cockpit pick up
  what another process wrote.
- A file we do not understand is refused with a StoreError and left byte-for-byte untouched.
"""

from __future__ import annotations

import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.table import Document

from vatui.core.clock import Clock, SystemClock
from vatui.core.errors import ValidationError
from vatui.core.models import Client, Task, Template, TimeBlock, TimeEntry
from vatui.i18n import _
from vatui.store import codec
from vatui.store.archive import Archive
from vatui.store.atomic import remove_stale_temp_files
from vatui.store.backups import backup_dir, list_backups, take_daily_backup
from vatui.store.collection import Collection
from vatui.store.errors import StoreError
from vatui.store.journal import DamagedJournal
from vatui.store.schema import (
    META_TABLE,
    RECORD_TABLES,
    SCHEMA_VERSION,
    STATE_TABLE,
    ShapeError,
    TooNew,
    check_shape,
    migrate,
    new_meta,
)
from vatui.store.storage import AtomicJSONStorage, FileState, UnreadableFile, file_state

if TYPE_CHECKING:
    from filelock import FileLock


def _untouched(path: Path) -> str:
    copies = list_backups(path)
    if copies:
        return _("The file has not been touched. Restore the newest copy, {newest} ({count} in {folder}), move the "
                 "file aside to start afresh, or point vatui at another file with --db PATH (or VATUI_DB).").format(
                     newest=copies[-1], count=len(copies), folder=backup_dir(path))
    return _("The file has not been touched, and there is no backup of it in {folder}. Move the file aside to start "
             "afresh, or point vatui at another file with --db PATH (or VATUI_DB).").format(folder=backup_dir(path))


def lock_timeout() -> type[Exception]:
    from filelock import Timeout

    return Timeout


class Store:
    def __init__(self, path: str | Path, *, clock: Clock | None = None, lock_timeout: float = 10.0,
                 new_private_file: bool = False, journal: bool = False) -> None:
        """`new_private_file`: the file does not exist yet and its folder was just made by this
        process for it alone (a demo's temp folder), so its first write needs no lock.
        `journal`: save small changes as journal lines (a long-running cockpit; see journal.py),
        and call `close()` at the end to fold them into the file."""
        self.path = Path(path).expanduser().absolute()
        self.clock = clock or SystemClock()
        self.lock_timeout = lock_timeout
        self.revision = 0  # bumped whenever the records change, here or from disk
        self._rlock = threading.RLock()  # guards the in-memory records
        self._write_lock = threading.Lock()  # one writer at a time in this process
        self._owner: int | None = None  # the thread inside a transaction, for nesting
        self._storage = AtomicJSONStorage(self.path, journal=journal)
        self._db = TinyDB(storage=lambda: self._storage)
        self._records: dict[str, dict[int, Any]] = {t: {} for t in RECORD_TABLES}
        self._filelock: FileLock | None = None
        self._refused: FileState | None = None  # a version of the files we could not use
        self._unseen = new_private_file and not self.path.exists()
        self.archive = Archive(self.path)  # finished work and old entries, by month (see history.py)
        self.clients: Collection[Client] = Collection(self, "clients")
        self.tasks: Collection[Task] = Collection(self, "tasks")
        self.blocks: Collection[TimeBlock] = Collection(self, "blocks")
        self.entries: Collection[TimeEntry] = Collection(self, "entries")
        self.templates: Collection[Template] = Collection(self, "templates")
        self.invoices: Collection[Any] = Collection(self, "invoices")  # core.invoicing.Invoice, loaded when used
        self._load()

    # --- loading -------------------------------------------------------------------------------
    def _load(self) -> None:
        """Read and check the file; only if all of it is good does it replace what is in memory."""
        try:
            data = self._storage.load()
        except UnreadableFile as exc:
            raise StoreError(_("vatui cannot use its data file {path}: {problem}.").format(path=self.path, problem=exc)
                             + " " + _untouched(self.path)) from None
        except DamagedJournal as exc:
            raise StoreError(
                _("vatui cannot use the journal {journal} beside its data file {path}: {problem}. Neither file has "
                  "been touched. Move the journal aside to open the data file as it was last written whole (the "
                  "journal holds the changes made since, one JSON line each), or point vatui at another file with "
                  "--db PATH.").format(journal=self._storage.journal_path, path=self.path, problem=exc)
            ) from None
        try:
            check_shape(data)
        except TooNew as exc:
            raise StoreError(
                _("The data file {path} was written by a newer vatui (data format {version}; this vatui reads up "
                  "to {known}). Upgrade vatui (pip install -U vatui), or point this one at another file with "
                  "--db PATH. The file has not been touched.").format(path=self.path, version=exc.version,
                                                                      known=SCHEMA_VERSION)
            ) from None
        except ShapeError as exc:
            raise StoreError(
                _("The file {path} does not look like a vatui data file: {problem}.").format(path=self.path, problem=exc)
                + " " + _untouched(self.path)
            ) from None
        if not data:
            data[META_TABLE] = {"1": new_meta()}
        migrated = migrate(data)
        records: dict[str, dict[int, Any]] = {}
        previous = self._storage.current() or {}
        try:
            for table in RECORD_TABLES:
                records[table] = self._decode_table(table, data.get(table, {}), previous.get(table, {}))
        except codec.CodecError as exc:
            raise StoreError(_("The data file {path} holds a damaged record: {problem}.").format(path=self.path, problem=exc)
                             + " " + _untouched(self.path)) from None
        self._storage.seed(data)
        if migrated:
            self._storage.touched = None  # the next write saves the whole migrated file
        self._db.clear_cache()
        self._records = records
        self._keep_counters_ahead()
        self.revision += 1

    def _decode_table(self, table: str, raw: dict[str, Any], before: dict[str, Any]) -> dict[int, Any]:
        """Decode a table, reusing the record already in memory wherever its JSON is unchanged: a
        reload after another process's edit then decodes one record, not the whole file."""
        known = self._records.get(table, {})
        out: dict[int, Any] = {}
        for key, value in raw.items():
            rid = int(key)
            old = known.get(rid)
            out[rid] = old if old is not None and before.get(key) == value else codec.decode(table, value, rid)
        return out

    def changed_on_disk(self) -> bool:
        """One stat: has another process replaced the file since we read or wrote it? (A version
        already refused as unreadable does not count again: it is reported once.)"""
        return self._storage.changed_on_disk() and file_state(self.path) != self._refused

    def reload_if_changed(self) -> bool:
        """Re-read the file if another process changed it. Returns True if the records changed.
        Raises StoreError once for a version of the file that cannot be used; memory keeps the
        last good state."""
        with self._rlock:
            if self._owner is not None or not self.changed_on_disk():
                return False
            try:
                self._load()
            except StoreError:
                self._refused = file_state(self.path)
                raise
            return True

    # --- transactions --------------------------------------------------------------------------
    def _lock(self) -> FileLock:
        if self._filelock is None:
            # Imported on the first write, not with the store: filelock brings logging, hashlib
            # and more, which a start that only reads (the cockpit's first paint) does not need.
            from filelock import FileLock

            self._filelock = FileLock(str(self.path) + ".lock", timeout=self.lock_timeout, mode=0o600, thread_local=False)
        return self._filelock

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Gather changes and write them once, under the cross-process lock. Nests.

        Lock order: this process's writers queue on `_write_lock`, then the file lock (which may
        wait on another process), and only then `_rlock`, which readers share. So a reader on the
        event loop never waits for another process, only for the in-memory change and its write.
        """
        me = threading.get_ident()
        if self._owner == me:
            yield self
            return
        with self._write_lock:
            if self._unseen:
                # A new file in a folder made for it by this process: no other process can know
                # it before its first write, so there is no lock to take for that write (and no
                # filelock to import: ~10 ms of `vatui --demo`'s start).
                self._unseen = False
                with self._rlock:
                    yield from self._apply(me)
                return
            lock = self._lock()
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                lock.acquire()
            except lock_timeout():
                raise StoreError(
                    _("Another vatui has held the lock on {path} for over {seconds} s, so the change was not saved. "
                      "If no other vatui is running, delete {lock} and try again.").format(
                        path=self.path, seconds=f"{self.lock_timeout:.0f}", lock=lock.lock_file)
                ) from None
            except OSError as exc:
                raise StoreError(_("vatui cannot lock its data file {path}: {reason}.").format(
                    path=self.path, reason=exc.strerror)) from None
            try:
                with self._rlock:
                    yield from self._apply(me)
            finally:
                lock.release()

    def _refuse_read_only(self) -> None:
        """A data file without its owner's write bit was made read-only on purpose (chmod 444):
        vatui writes by replacing the file, which the folder would allow, so it asks the mode
        instead of relying on a failed write (and root may write anything)."""
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return
        if not mode & stat.S_IWUSR:
            raise StoreError(_("The data file {path} is read-only (mode {mode:o}), so the change was not saved. "
                               "Make it writable (chmod u+w {path}) to change it; reading it works as it is.").format(
                                   path=self.path, mode=stat.S_IMODE(mode)))

    def _apply(self, me: int) -> Iterator[Store]:
        """The body of a transaction, under the locks: gather the changes, then write them once."""
        self._owner = me
        try:
            self._refuse_read_only()
            if self._storage.changed_on_disk():
                self._load()  # start from what another process wrote
            remove_stale_temp_files(self.path)
            self._storage.deferred = True
            try:
                yield self
            except BaseException:
                self._discard()
                raise
            if self._storage.dirty:
                self._commit()
        finally:
            self._owner = None
            self._storage.deferred = False

    def _commit(self) -> None:
        try:
            # The first write of a day copies the files as they are, then rewrites the whole file:
            # so the journal is folded in at least once a day.
            backup = take_daily_backup(self.path, self.clock.now().astimezone().date(), self._storage.disk_bytes)
            self._storage.commit(whole=backup is not None)
        except OSError as exc:
            self._discard()
            raise StoreError(
                _("vatui could not save to {path} ({reason}); the last change was not saved. The file still holds "
                  "everything saved before it.").format(path=self.path, reason=exc.strerror or exc)
            ) from None
        self.revision += 1

    def _discard(self) -> None:
        """Forget unsaved changes: reload what is on disk (the file was never half-written)."""
        self._storage.deferred = False
        self._load()

    def close(self) -> None:
        """Fold the journal into the data file (a cockpit's last write). Skipping it loses
        nothing: the next start reads the journal, and the next full rewrite folds it in."""
        if not self._storage.has_journal():
            return
        with self.transaction():
            self._storage.touched = None  # a whole rewrite
            self._storage.dirty = True

    # --- helpers for collections ---------------------------------------------------------------
    def _table(self, name: str):  # noqa: ANN202 - TinyDB's Table
        return self._db.table(name, cache_size=0)

    def _meta(self) -> dict[str, Any]:
        return self._storage.read()[META_TABLE]["1"]  # type: ignore[index]

    def _next_id(self, table: str) -> int:
        # A counter in the header, not TinyDB's max+1: ids stay unique even after records are
        # deleted or archived, so "task 42" never comes to mean a different task.
        # O(1): the counter is kept ahead of every id in the table (see _keep_counters_ahead).
        counters = self._meta()["next_id"]
        new_id = int(counters.get(table, 1))
        # The header lives in the same in-memory dict TinyDB writes back, so a plain assignment
        # is saved with the rest of the transaction (and costs nothing per record).
        counters[table] = new_id + 1
        self._storage.dirty = True
        return new_id

    def _keep_counters_ahead(self, tables: tuple[str, ...] = RECORD_TABLES) -> None:
        """Counters above every id present: after a load (a hand-edited or imported file may lag)
        and after records arrive with their own ids (import --replace)."""
        counters = self._meta().setdefault("next_id", {})
        for table in tables:
            existing = self._records[table]
            floor = max(existing) + 1 if existing else 1
            if int(counters.get(table, 1)) < floor:
                counters[table] = floor
                if self._owner is not None:
                    self._storage.dirty = True

    def _check(self, table: str, record: Any, own_id: int | None) -> None:
        """Rules that span records: client names are unique ignoring case."""
        if table == "clients":
            for other in self._records["clients"].values():
                if other.key == record.key and other.id != own_id:
                    raise ValidationError(_("{field}: there is already a client called {name}").format(
                        field="name", name=other.name), field="name")

    # --- small key/value state (Pomodoro, remembered choices) ----------------------------------
    def get_state(self, key: str, default: Any = None) -> Any:
        with self._rlock:
            data = self._storage.read() or {}
            return data.get(STATE_TABLE, {}).get("1", {}).get(key, default)

    def set_state(self, key: str, value: Any) -> None:
        with self.transaction():
            table = self._db.table(STATE_TABLE, cache_size=0)
            with self._storage.naming(STATE_TABLE, []):
                if table.contains(doc_id=1):
                    table.update({key: value}, doc_ids=[1])
                else:
                    table.insert(Document({key: value}, doc_id=1))

    # --- lookups used everywhere ---------------------------------------------------------------
    def client_named(self, name: str) -> Client | None:
        """Find a client by name, ignoring case; a unique prefix also matches ("@acm" -> Acme)."""
        key = " ".join(name.split()).casefold().lstrip("@")
        clients = self.clients.all()
        for c in clients:
            if c.key == key:
                return c
        slug = key.replace(" ", "")
        matches = [c for c in clients if c.key.replace(" ", "").startswith(slug)]
        return matches[0] if len(matches) == 1 else None
