"""A TinyDB storage that keeps the data in memory and writes through atomically.

TinyDB's own JSONStorage re-reads and re-serialises the whole file on every operation and is not
crash-safe (see atomic.py). This one parses the file once, serves reads from memory, and
writes each committed change with orjson (about 10x faster than json for the same bytes) into a
temp file that replaces the old one. Several changes can be gathered and written once
(`deferred`), which is how the store makes a transaction. With `journal=True` (the cockpit) a
change whose records the store named is appended to the journal instead (journal.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from vatui.i18n import _
from vatui.store import journal
from vatui.store.atomic import atomic_write_bytes
from vatui.store.journal import DamagedJournal, journal_path

Signature = tuple[int, int, int, int]
FileState = tuple[Signature | None, Signature | None]  # the data file's and its journal's


class UnreadableFile(Exception):
    """The file exists but is not JSON we can parse; the message says why."""


def disk_signature(path: Path) -> Signature | None:
    """What changes whenever the file is replaced: inode, size and both timestamps."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def file_state(path: Path) -> FileState:
    return disk_signature(path), disk_signature(journal.journal_path(path))


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str], *, journal: bool = False) -> None:
        self.path = Path(path)
        self.journal_path = journal_path(self.path)
        self.use_journal = journal
        self._data: dict[str, dict[str, Any]] | None = None
        self.signature: FileState | None = None  # of the files our in-memory data came from
        self.loaded_signature: FileState | None = None  # of the files `load` last parsed
        self.deferred = False
        self.dirty = False
        # What the pending change touched, table -> ids, for a journal line; None: something the
        # store did not name (a truncate, an import), which only a full rewrite can save.
        self.touched: dict[str, set[int]] | None = {}
        self._naming: tuple[str, tuple[int, ...]] | None = None
        self._journal_good = 0  # where the journal's last complete line ends
        # Names the data file's bytes our memory started from; None until needed (a start without
        # a journal never needs it), then hashed from the file at the first append.
        self._base: str | None = None
        # The journal holds lines of another file: rewrite whole before appending (journal.py).
        self._stale_lines = False
        self._loaded: tuple[int, str | None, bool] = (0, None, False)

    # TinyDB's interface ------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            self._data = self.load()
        # TinyDB mutates what it is given and then hands it back to write(): returning our own
        # dict (not a copy) is what makes reads free.
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        if self._naming is None:
            self.touched = None
        elif self.touched is not None:
            self.touched.setdefault(self._naming[0], set()).update(self._naming[1])
        self._naming = None
        if self.deferred:
            self.dirty = True
        else:
            self.flush()

    def close(self) -> None:
        pass

    # Ours -------------------------------------------------------------------------------------
    @contextmanager
    def naming(self, table: str, ids: tuple[int, ...] | list[int]) -> Iterator[None]:
        """Around one TinyDB write of `table`: it changes just these records (so a journal line
        can hold just them). Header and state need no naming: every line holds them whole. A
        write nobody named is saved by a whole rewrite."""
        self._naming = (table, tuple(ids))
        try:
            yield
        finally:
            self._naming = None

    def load(self) -> dict[str, dict[str, Any]]:
        """Parse the file and its journal from disk (an absent or empty file is an empty database).
        Changes nothing in memory: the store checks the data first, then `seed`s it. Raises
        UnreadableFile for the file, DamagedJournal for its journal."""
        state, data, base, found = self._read_both()
        self.loaded_signature = state
        self._loaded = (found.good_bytes, base, found.skipped > 0)
        return data

    def _read_both(self) -> tuple[FileState, dict[str, Any], str | None, journal.Replay]:
        """The file folded with its journal: the files' state, the data, the file's base (hashed
        only when there is a journal to match it with), and what the journal held.

        Without the lock another process may rewrite the file and start a journal between our two
        reads: read both again until neither changed across the reading."""
        for _attempt in range(5):
            state = file_state(self.path)
            data, raw = self._read_main(state[0])
            base = journal.base_of(raw) if raw is not None and state[1] is not None else None
            found = journal.replay(self.journal_path, data, base)
            if file_state(self.path) == state:
                break
        # (Still moving after five tries: keep the last reading; its signature is already out
        # of date, so the next look at the disk reads again.)
        return state, data, base, found

    def _read_main(self, signature: Signature | None) -> tuple[dict[str, Any], bytes | None]:
        """The data file's content, and its bytes (None: no file, or an empty one)."""
        if signature is None:
            return {}, None
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise UnreadableFile(_("it cannot be read ({reason})").format(reason=exc.strerror)) from None
        # vatui never leaves an empty file (a new one is written whole, header first): an empty file
        # is one that something else emptied, and writing over it would bury the data it held.
        if not raw.strip():
            raise UnreadableFile(_("it is empty ({size} bytes), where vatui always writes at least a header")
                                 .format(size=len(raw)))
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise UnreadableFile(_("it is not valid JSON ({reason})").format(reason=exc)) from None
        if not isinstance(data, dict):
            raise UnreadableFile(_("it holds a JSON {kind}, not the object vatui writes").format(kind=type(data).__name__))
        if not data:
            raise UnreadableFile(_("it holds an empty JSON object, where vatui always writes at least a header"))
        return data, raw

    def seed(self, data: dict[str, dict[str, Any]]) -> None:
        """Serve `data` (just loaded and checked by the store) as the in-memory copy."""
        self._data = data
        self.signature = self.loaded_signature
        self._journal_good, self._base, self._stale_lines = self._loaded
        self.dirty = False
        self.touched = {}
        self._naming = None

    def current(self) -> dict[str, dict[str, Any]] | None:
        """The in-memory copy, if any (the store compares it with a reload)."""
        return self._data

    def commit(self, *, whole: bool = False) -> None:
        """Save the pending change: as a journal line when it can be, else by a full rewrite."""
        assert self._data is not None
        if (not whole and self.use_journal and self.touched is not None and not self._stale_lines
                and self._journal_good < journal.JOURNAL_LIMIT and self.signature and self.signature[0]):
            if self._base is None:  # under the lock, the file unchanged since we read it
                self._base = journal.base_of(self.path.read_bytes())
            line = journal.change_line(self._data, self.touched, self._base)
            journal.append(self.journal_path, line, self._journal_good)
            self._journal_good += len(line)
            self.signature = file_state(self.path)
            self.dirty = False
            self.touched = {}
        else:
            self.flush()

    def flush(self) -> None:
        """Rewrite the whole file, then drop the journal (the file now holds all of it)."""
        assert self._data is not None
        blob = orjson.dumps(self._data)
        atomic_write_bytes(self.path, blob)
        # The journal's base is hashed from the file at the first append, if one ever comes (a
        # one-shot command never appends; the hash and its import cost a start ~6 ms).
        self._base = None
        journal.remove(self.journal_path)
        self._journal_good = 0
        self._stale_lines = False
        self.signature = file_state(self.path)
        self.dirty = False
        self.touched = {}

    def has_journal(self) -> bool:
        return self.journal_path.exists()

    def disk_bytes(self) -> bytes:
        """What the files on disk hold, as one data file (for the daily backup): the file's own
        bytes when there is no journal, else file and journal folded together."""
        if not self.journal_path.exists():
            return self.path.read_bytes()
        try:
            _state, data, _base, _found = self._read_both()
        except (UnreadableFile, DamagedJournal):
            return self.path.read_bytes()  # not after a good load; and a plain copy is still a copy
        return orjson.dumps(data)

    def changed_on_disk(self) -> bool:
        return file_state(self.path) != self.signature
