"""The shape of the data file, its version, and upgrades from older versions."""

from __future__ import annotations

from typing import Any

from vatui.i18n import _

# 2: the data file may have a journal beside it (journal.py). A vatui that reads only version 1
# would read the file without it, so it must refuse the file rather than misread it.
SCHEMA_VERSION = 2
META_TABLE = "_meta"
STATE_TABLE = "state"
RECORD_TABLES = ("clients", "tasks", "blocks", "entries", "templates", "invoices")  # invoices: absent in older files
KNOWN_TABLES = (META_TABLE, STATE_TABLE, *RECORD_TABLES)


class ShapeError(ValueError):
    pass


class TooNew(ValueError):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def new_meta() -> dict[str, Any]:
    return {"app": "vatui", "schema": SCHEMA_VERSION, "next_id": {t: 1 for t in RECORD_TABLES}}


def check_shape(data: dict[str, Any]) -> None:
    """Refuse anything that is not a vatui file we understand. Raises ShapeError or TooNew."""
    if not data:
        return  # empty: a new file
    meta_table = data.get(META_TABLE)
    if not isinstance(meta_table, dict) or not isinstance(meta_table.get("1"), dict):
        tables = ", ".join(sorted(map(str, data))[:5]) or _("nothing")
        raise ShapeError(_("it has no vatui header (found {tables})").format(tables=tables))
    meta = meta_table["1"]
    if meta.get("app") != "vatui":
        raise ShapeError(_("its header does not say it was written by vatui"))
    version = meta.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ShapeError(_("its data-format version {version!r} is not a positive whole number").format(version=version))
    if version > SCHEMA_VERSION:
        raise TooNew(version)
    if not isinstance(meta.get("next_id"), dict):
        raise ShapeError(_("its header has no id counters"))
    for name, table in data.items():
        if name not in KNOWN_TABLES:
            raise ShapeError(_("it holds an unknown table {name!r}").format(name=name))
        if not isinstance(table, dict):
            raise ShapeError(_("its table {name!r} is not an object").format(name=name))
        for key in table:
            if not key.isdigit():
                raise ShapeError(_("table {name!r} has a record id {key!r} that is not a number").format(name=name, key=key))


def migrate(data: dict[str, Any]) -> bool:
    """Bring an older file up to SCHEMA_VERSION in place. Returns True if anything changed.
    One step per version; the store rewrites a migrated file whole at its next write."""
    meta = data.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or meta.get("schema", SCHEMA_VERSION) >= SCHEMA_VERSION:
        return False
    if meta["schema"] == 1:
        meta["schema"] = 2  # 1 -> 2: the records are unchanged; the journal is new beside them
    return True
