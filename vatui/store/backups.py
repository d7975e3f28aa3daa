"""One rolling copy of the data file per day, the last seven kept, in a `backups` folder beside it.

A copy is taken before the first write of each day, so it always holds a state the user saw work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from vatui.store.atomic import atomic_write_bytes

KEEP_DAYS = 7


def backup_dir(data_file: Path) -> Path:
    return data_file.parent / "backups"


def backup_path(data_file: Path, day: date) -> Path:
    return backup_dir(data_file) / f"{data_file.stem}-{day.isoformat()}{data_file.suffix}"


def list_backups(data_file: Path) -> list[Path]:
    """This file's backups, oldest first."""
    folder = backup_dir(data_file)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(data_file.stem) + r"-\d{4}-\d{2}-\d{2}" + re.escape(data_file.suffix) + "$")
    return sorted(p for p in folder.iterdir() if pattern.match(p.name))


def take_daily_backup(data_file: Path, today: date, content: Callable[[], bytes] | None = None,
                      keep: int = KEEP_DAYS) -> Path | None:
    """Copy the file as it is now, once per day; prune copies beyond `keep`. Returns the new copy.
    `content`: what to copy, if not the file's own bytes (the file folded with its journal)."""
    target = backup_path(data_file, today)
    if target.exists() or not data_file.exists():
        return None
    atomic_write_bytes(target, content() if content else data_file.read_bytes())
    for old in list_backups(data_file)[:-keep]:
        old.unlink(missing_ok=True)
    return target
