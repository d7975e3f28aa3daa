"""The journal beside the data file: small changes appended, the whole file rewritten seldom.

Rewriting and fsyncing the whole data file for every edit costs what the file weighs: 14-28 ms
for the heavy year's 2.7 MB hot file on this machine, over one frame (benchmarks/). A cockpit
instead appends each committed change to `<name>.journal` as one JSON line holding the records it
touched, whole (a deleted one as null), plus the file's header and state, and fsyncs that line:
hundreds of bytes, however big the file. The data file is rewritten (and the journal removed)
when the journal outgrows JOURNAL_LIMIT, at the first write of each day (with the daily backup),
and when the cockpit quits; one-shot commands always rewrite it.

Why this cannot lose or resurrect anything:
- Each line names the data file it extends (`base`: a hash of that file's bytes). Lines naming
  another file are skipped: they were folded into the file already (a crash between a rewrite
  and the journal's removal) or belong to a file the user moved away or restored over. (Lines set
  records whole, so replaying them over a file that already holds them would change nothing
  either.)
- A crash mid-append leaves a last line with no newline: it was never reported saved, so it is
  ignored, and cut off before the next append. A complete line that does not parse means the
  file was damaged by something else: the store refuses it, as it refuses a damaged data file.
- Lines are appended only under the data file's lock, after re-reading whatever another process
  wrote, exactly like full rewrites. A reader without the lock reads file and journal until both
  are unchanged across the read (storage.py), so it never mixes two versions of them.
- A vatui from before the journal would read the file without it: files that may have a journal
  are data format 2 (schema.py), which such a vatui refuses instead of misreading.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from vatui.i18n import _
from vatui.store.atomic import PRIVATE_FILE, fsync_dir
from vatui.store.schema import KNOWN_TABLES

JOURNAL_LIMIT = 256 * 1024  # bytes; ~350 task edits, a 2 ms parse at start-up
META = "_meta"
STATE = "state"


class DamagedJournal(Exception):
    """A complete line of the journal is not one vatui wrote; the message says where."""


def journal_path(data_file: Path) -> Path:
    """`vatui.json.journal`: the whole name, as for the lock, so `work.json` and `work.db` in one
    folder never share a journal."""
    return data_file.with_name(data_file.name + ".journal")


def base_of(raw: bytes) -> str:
    """What names a data file's content in the journal (sha256: ~2 ms for 2.7 MB here)."""
    import hashlib  # 3.5 ms of OpenSSL: only once a journal is read or first written

    return hashlib.sha256(raw).hexdigest()[:32]


@dataclass
class Replay:
    """What reading the journal found: where its last whole line ends, and whether it holds lines
    of another file."""

    good_bytes: int = 0  # the journal's length up to the end of its last complete line
    skipped: int = 0  # whole lines extending another file


def replay(path: Path, data: dict[str, Any], base: str | None) -> Replay:
    """Apply the journal's lines that extend the file `base` names to `data` (that file's
    content), in place. No base (no file yet): nothing applies."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Replay()
    except OSError as exc:
        raise DamagedJournal(_("it cannot be read ({reason})").format(reason=exc.strerror)) from None
    end = raw.rfind(b"\n") + 1  # a torn last line (no newline) was never reported saved
    out = Replay(good_bytes=end)
    for number, line in enumerate(raw[:end].splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise DamagedJournal(_("line {n} is not valid JSON ({reason})").format(n=number, reason=exc)) from None
        tables = entry.get("tables") if isinstance(entry, dict) else None
        if not _well_formed(tables):
            raise DamagedJournal(_("line {n} is not a change vatui wrote").format(n=number))
        if base is None or entry.get("base") != base:
            out.skipped += 1
            continue
        for name, docs in tables.items():
            table = data.setdefault(name, {})
            if not isinstance(table, dict):
                raise DamagedJournal(_("line {n} changes {name!r}, which is not a table").format(n=number, name=name))
            for key, doc in docs.items():
                if doc is None:
                    table.pop(key, None)
                else:
                    table[key] = doc
    return out


def _well_formed(tables: Any) -> bool:
    """Known tables of numbered records, each a record or null: what change_line writes."""
    return isinstance(tables, dict) and all(
        name in KNOWN_TABLES and isinstance(docs, dict)
        and all(isinstance(key, str) and key.isdigit() and (doc is None or isinstance(doc, dict))
                for key, doc in docs.items())
        for name, docs in tables.items())


def change_line(data: dict[str, Any], touched: dict[str, set[int]], base: str) -> bytes:
    """One journal line: the touched records as they now are (null: gone), header and state whole."""
    tables: dict[str, Any] = {META: data.get(META, {})}
    if STATE in data:
        tables[STATE] = data[STATE]
    for name, ids in touched.items():
        if name in (META, STATE):
            continue
        table = data.get(name, {})
        tables[name] = {str(i): table.get(str(i)) for i in sorted(ids)}
    return orjson.dumps({"base": base, "tables": tables}) + b"\n"


def append(path: Path, line: bytes, good_bytes: int) -> None:
    """Add `line` durably, first cutting off a torn tail beyond `good_bytes`. Only under the lock,
    with `good_bytes` from a read made under it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    size = os.fstat(fd).st_size
    if size < good_bytes:  # cut by something else since we read it: never pad it with zeros
        os.close(fd)
        raise OSError(errno.EIO, _("the journal is shorter than when vatui read it"))
    try:
        if size != good_bytes:
            os.ftruncate(fd, good_bytes)
        os.lseek(fd, good_bytes, os.SEEK_SET)
        view = memoryview(line)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        # The change is reported not saved: take back what reached the file, so no reader ever
        # applies it (and if even that fails, the next append cuts it off before writing).
        try:
            os.ftruncate(fd, good_bytes)
        except OSError:
            pass
        os.close(fd)
        raise
    os.close(fd)
    if good_bytes == 0:
        fsync_dir(path.parent)  # the journal's own name must survive a crash too (cheap: once per file)


def remove(path: Path) -> None:
    """Drop the journal once the data file holds all of it. If it cannot be removed, no harm is
    done: its lines extend the file as it was, and the next append starts it afresh."""
    try:
        path.unlink()
    except OSError:
        return
    fsync_dir(path.parent)
