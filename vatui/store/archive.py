"""Monthly archive files beside the data file: `<stem>.archive/<YYYY-MM>.json`.

Same format as the data file (a TinyDB file with the vatui header), written the same atomic
way, and only ever written while the data file's lock is held. Records keep their ids, so an
entry's task is found whether the task is hot or archived. Moving records is done archive-first:
a crash in between leaves a record in both places, never in neither, and readers prefer the hot copy.

One file per month, not per year: the daily archive pass adds to the month or two it moves records
into (without decoding what they hold), and a report reads only the months its period reaches.
With one file per year, each first start of a day decoded and rewrote the whole year to add a
day to it (the heavy year's 6.8 MB file: 350 ms and 65 MiB more peak memory). Files of the yearly
kind (`<YYYY>.json`, vatui 0.1.0) are still read, as covering their whole year; nothing is
written to them any more.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from vatui.i18n import _
from vatui.store import codec
from vatui.store.atomic import atomic_write_bytes
from vatui.store.errors import StoreError
from vatui.store.schema import META_TABLE, SCHEMA_VERSION, ShapeError, TooNew, check_shape
from vatui.store.storage import AtomicJSONStorage, Signature, UnreadableFile, disk_signature

ARCHIVED_TABLES = ("tasks", "entries", "blocks")
_PART = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?\.json")


def archive_dir(data_file: Path) -> Path:
    return data_file.parent / f"{data_file.stem}.archive"


def part_name(year: int, month: int) -> str:
    """The archive file a month's records go to, without its extension: "2026-11"."""
    return f"{year:04d}-{month:02d}"


def _span(part: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The first and last (year, month) a part covers: one month, or a whole year (vatui 0.1.0)."""
    year = int(part[:4])
    if len(part) == 4:
        return (year, 1), (year, 12)
    month = int(part[5:])
    return (year, month), (year, month)


class Archive:
    def __init__(self, data_file: Path) -> None:
        self.folder = archive_dir(data_file)
        self._cache: dict[str, tuple[Signature | None, dict[str, dict[int, Any]]]] = {}

    def path(self, part: str) -> Path:
        return self.folder / f"{part}.json"

    def parts(self) -> list[str]:
        """The archive files there are, oldest first (a year's file before its months)."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name[:-5] for p in self.folder.iterdir() if _PART.fullmatch(p.name))

    def years(self) -> list[int]:
        return sorted({int(part[:4]) for part in self.parts()})

    def parts_between(self, start: datetime, end: datetime) -> list[str]:
        """The files that may hold records archived under a month from `start`'s to `end`'s (UTC)."""
        start, end = start.astimezone(timezone.utc), end.astimezone(timezone.utc)
        first, last = (start.year, start.month), (end.year, end.month)
        return [part for part in self.parts() if _span(part)[0] <= last and _span(part)[1] >= first]

    def load(self, part: str) -> dict[str, dict[int, Any]]:
        """The records of one file, decoded (cached until the file changes)."""
        path = self.path(part)
        signature = disk_signature(path)
        cached = self._cache.get(part)
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
            raise _unusable(path, exc) from None
        except TooNew as exc:
            raise _too_new(path, exc) from None
        self._cache[part] = (signature, records)
        return records

    def put(self, part: str, records: dict[str, list[Any]]) -> None:
        """Add (or overwrite, by id) records in one file, in one atomic write. What the file holds
        already is kept as it is, not decoded: only its ids are looked at."""
        self._change(part, records, {})

    def drop(self, part: str, ids: dict[str, list[int]]) -> None:
        """Remove records by id from one file (copies left there by a move that did not finish)."""
        self._change(part, {}, ids)

    def _change(self, part: str, records: dict[str, list[Any]], drop: dict[str, list[int]]) -> None:
        path = self.path(part)
        storage = AtomicJSONStorage(path)
        try:
            data = storage.load()
            check_shape(data)
        except (UnreadableFile, ShapeError) as exc:
            raise _unusable(path, exc) from None
        except TooNew as exc:
            raise _too_new(path, exc) from None
        storage.seed(data)
        storage.deferred = True
        db = TinyDB(storage=lambda: storage)
        if not data:
            db.table(META_TABLE).insert(Document({"app": "vatui", "schema": SCHEMA_VERSION, "kind": "archive",
                                                  "next_id": {}}, doc_id=1))
        for table in ARCHIVED_TABLES:
            recs, held = records.get(table, []), data.get(table, {})
            gone = [i for i in {*drop.get(table, []), *(r.id for r in recs)} if str(i) in held]
            if gone:
                db.table(table, cache_size=0).remove(doc_ids=gone)
            if recs:
                db.table(table, cache_size=0).insert_multiple(Document(codec.encode(table, r), doc_id=r.id) for r in recs)
        storage.flush()
        self._cache.pop(part, None)

    # A move into the archive writes the archive first and drops the records from the data file
    # last (a crash in between duplicates, never loses). What each move wrote is noted here first,
    # so that the next move can drop the copies of one that did not finish: left in place, a copy
    # in one month could outlive its record's edit to another month and be read instead of it.
    def moving(self) -> dict[str, dict[str, list[int]]]:
        """What the last move wrote: {part: {table: ids}} (empty when none is noted)."""
        try:
            data = orjson.loads(self.moving_path().read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        return data if isinstance(data, dict) else {}

    def note_moving(self, moves: dict[str, dict[str, list[int]]]) -> None:
        atomic_write_bytes(self.moving_path(), orjson.dumps(moves))

    def moving_path(self) -> Path:
        return self.folder / "moving.json"


def _unusable(path: Path, problem: Exception) -> StoreError:
    return StoreError(
        _("The archive file {path} cannot be used: {problem}. It has not been touched; restore it from a "
          "backup or move it aside (its records will then be missing from old reports).").format(
            path=path, problem=problem)
    )


def _too_new(path: Path, exc: TooNew) -> StoreError:
    return StoreError(_("The archive file {path} was written by a newer vatui (data format {version}).").format(
        path=path, version=exc.version))
