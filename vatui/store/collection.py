"""One table of records of one type (`store.tasks`, `store.clients`, ...): reads from memory,
changes through the store's transactions."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, Generic, Protocol, TypeVar

from tinydb.table import Document

from vatui.core.errors import ValidationError
from vatui.i18n import N_, _
from vatui.store import codec
from vatui.store.errors import NotFound

R = TypeVar("R")


class TableHost(Protocol):
    """What a collection needs from the store that owns it (store.Store). A protocol rather than
    an import, so that store.py can build its collections without an import cycle."""

    _records: dict[str, dict[int, Any]]
    _rlock: threading.RLock
    _storage: Any  # storage.AtomicJSONStorage

    def transaction(self) -> AbstractContextManager[Any]: ...
    def _table(self, name: str) -> Any: ...
    def _next_id(self, table: str) -> int: ...
    def _keep_counters_ahead(self, tables: tuple[str, ...] = ...) -> None: ...
    def _check(self, table: str, record: Any, own_id: int | None) -> None: ...

RECORD_WORDS = {"clients": N_("client"), "tasks": N_("task"), "blocks": N_("time block"), "entries": N_("time entry"),
                "templates": N_("template"), "invoices": N_("invoice")}


class Collection(Generic[R]):
    """One table of records of one type, e.g. `store.tasks`."""

    def __init__(self, store: TableHost, table: str) -> None:
        self._store = store
        self.table = table

    def _records(self) -> dict[int, R]:
        return self._store._records[self.table]

    def all(self) -> list[R]:
        with self._store._rlock:
            return list(self._records().values())

    def ids(self) -> set[int]:
        with self._store._rlock:
            return set(self._records())

    def get(self, id: int) -> R | None:
        with self._store._rlock:
            return self._records().get(id)

    def __len__(self) -> int:
        return len(self._records())

    def require(self, id: int) -> R:
        found = self.get(id)
        if found is None:
            raise NotFound(_("{record} {id} does not exist (was it deleted in another vatui window?)").format(
                record=_(RECORD_WORDS.get(self.table, self.table)), id=id))
        return found

    def add(self, record: R) -> R:
        return self.add_many([record])[0]

    def add_many(self, records: list[R]) -> list[R]:
        """Add records under new ids, in one write."""
        with self._store.transaction():
            out: list[R] = []
            for record in records:
                self._store._check(self.table, record, None)
                out.append(replace(record, id=self._store._next_id(self.table)))  # type: ignore[type-var]
                self._records()[out[-1].id] = out[-1]  # type: ignore[attr-defined]
            self._insert(out)
            return out

    def _insert(self, records: list[R]) -> None:
        docs = [Document(codec.encode(self.table, r), doc_id=r.id) for r in records]  # type: ignore[attr-defined]
        if docs:
            with self._store._storage.naming(self.table, [d.doc_id for d in docs]):
                self._store._table(self.table).insert_multiple(docs)

    def replace_all(self, records: list[R]) -> None:
        """Make the table hold exactly `records`, ids kept (import --replace)."""
        with self._store.transaction():
            self._store._table(self.table).truncate()
            self._records().clear()
            for record in records:
                self._store._check(self.table, record, record.id)  # type: ignore[attr-defined]
                self._records()[record.id] = record  # type: ignore[attr-defined]
            self._insert(records)
            self._store._keep_counters_ahead((self.table,))

    def _refuse_invoiced(self, rid: int, verb: str) -> None:
        """An entry on a live invoice keeps its time: the invoice was priced from it."""
        if self.table != "entries":
            return
        for invoice in self._store._records["invoices"].values():
            if invoice.voided is None and rid in invoice.entry_ids:
                raise ValidationError(_("time entry {id} is on invoice {number}, so it cannot be {verb}; void the "
                                        "invoice first (vatui invoice void {number})").format(
                    id=rid, number=invoice.number, verb=_(verb)))

    def update(self, record: R) -> R:
        rid = record.id  # type: ignore[attr-defined]
        with self._store.transaction():
            old = self.require(rid)
            if self.table == "entries" and old != record:
                self._refuse_invoiced(rid, N_("changed"))
            self._store._check(self.table, record, rid)
            encoded = codec.encode(self.table, record)

            def overwrite(doc: dict[str, Any]) -> None:
                doc.clear()
                doc.update(encoded)

            with self._store._storage.naming(self.table, [rid]):
                self._store._table(self.table).update(overwrite, doc_ids=[rid])
            self._records()[rid] = record
            return record

    def delete(self, id: int) -> R:
        """Remove a record and return it, so the caller can offer undo with `restore`."""
        with self._store.transaction():
            old = self.require(id)
            self._refuse_invoiced(id, N_("deleted"))
            with self._store._storage.naming(self.table, [id]):
                self._store._table(self.table).remove(doc_ids=[id])
            del self._records()[id]
            return old

    def delete_many(self, ids: list[int]) -> list[R]:
        """Remove several records in one write (archiving, bulk clean-up)."""
        with self._store.transaction():
            gone = [self.require(i) for i in ids]
            if ids:
                with self._store._storage.naming(self.table, ids):
                    self._store._table(self.table).remove(doc_ids=ids)
            for i in ids:
                del self._records()[i]
            return gone

    def restore(self, record: R) -> R:
        """Put back a deleted record under its old id (undo)."""
        rid = record.id  # type: ignore[attr-defined]
        with self._store.transaction():
            if rid in self._records():
                return self.update(record)
            self._store._check(self.table, record, rid)
            with self._store._storage.naming(self.table, [rid]):
                self._store._table(self.table).insert(Document(codec.encode(self.table, record), doc_id=rid))
            self._records()[rid] = record
            return record
