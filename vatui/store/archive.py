"""Yearly archive files beside the data file: `<stem>.archive/<year>.json`.

Same format as the data file (a TinyDB file with the vatui header), written the same atomic
way, and only ever written while the data file's lock is held. Records keep their ids, so an
entry's task is found whether the task is hot or archived. Moving records is done archive-first:
a crash in between leaves a record in both places, never in neither, and readers prefer the hot copy.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from vatui.i18n import _
from vatui.store import codec
from vatui.store.errors import StoreError
from vatui.store.schema import META_TABLE, SCHEMA_VERSION, ShapeError, TooNew, check_shape
from vatui.store.storage import AtomicJSONStorage, Signature, UnreadableFile, disk_signature

ARCHIVED_TABLES = ("tasks", "entries", "blocks")


def archive_dir(data_file: Path) -> Path:
    return data_file.parent / f"{data_file.stem}.archive"


class Archive:
    def __init__(self, data_file: Path) -> None:
        self.folder = archive_dir(data_file)
        self._cache: dict[int, tuple[Signature | None, dict[str, dict[int, Any]]]] = {}

    def path(self, year: int) -> Path:
        return self.folder / f"{year}.json"

    def years(self) -> list[int]:
        if not self.folder.is_dir():
            return []
        return sorted(int(p.stem) for p in self.folder.iterdir() if re.fullmatch(r"\d{4}\.json", p.name))

    def load(self, year: int) -> dict[str, dict[int, Any]]:
        """The records of one year, decoded (cached until the file changes)."""
        path = self.path(year)
        signature = disk_signature(path)
        cached = self._cache.get(year)
        if cached is not None and cached[0] == signature:
            return cached[1]
        storage = AtomicJSONStorage(path)
        try:
            data = storage.load()
            check_shape(data)
            records = {
                t: {int(k): codec.decode(t, v, int(k)) for k, v in data.get(t, {}).items()} for t in ARCHIVED_TABLES
            }
        except (UnreadableFile, ShapeError, codec.CodecError) as exc:
            raise StoreError(
                _("The archive file {path} cannot be used: {problem}. It has not been touched; restore it from a "
                  "backup or move it aside (its records will then be missing from old reports).").format(
                    path=path, problem=exc)
            ) from None
        except TooNew as exc:
            raise StoreError(_("The archive file {path} was written by a newer vatui (data format {version}).").format(
                path=path, version=exc.version)) from None
        self._cache[year] = (signature, records)
        return records

    def put(self, year: int, records: dict[str, list[Any]]) -> None:
        """Add (or overwrite, by id) records in one year's file, in one atomic write."""
        path = self.path(year)
        existing = self.load(year) if path.exists() else None
        storage = AtomicJSONStorage(path)
        db = TinyDB(storage=lambda: storage)
        storage.read()
        storage.deferred = True
        if existing is None:
            db.table(META_TABLE).insert(Document({"app": "vatui", "schema": SCHEMA_VERSION, "kind": "archive",
                                                  "next_id": {}}, doc_id=1))
        for table, recs in records.items():
            if not recs:
                continue
            t = db.table(table, cache_size=0)
            present = [r.id for r in recs if existing is not None and r.id in existing[table]]
            if present:
                t.remove(doc_ids=present)
            t.insert_multiple(Document(codec.encode(table, r), doc_id=r.id) for r in recs)
        storage.flush()
        self._cache.pop(year, None)
