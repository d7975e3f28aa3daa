"""The whole data set as one JSON document, and the way back in.

Import is all-or-nothing: every record is decoded and every reference checked before anything
is written, and then everything is written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from vatui import __version__
from vatui.core.errors import ValidationError
from vatui.i18n import _, ngettext
from vatui.store import codec
from vatui.store.backups import backup_dir
from vatui.store.history import all_records
from vatui.store.schema import RECORD_TABLES, SCHEMA_VERSION
from vatui.store.store import Store

EXPORT_KIND = "vatui-export"


@dataclass
class Dataset:
    records: dict[str, list[Any]] = field(default_factory=lambda: {t: [] for t in RECORD_TABLES})

    def count(self) -> dict[str, int]:
        return {t: len(v) for t, v in self.records.items()}


def export_dataset(store: Store, *, now: datetime, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "kind": EXPORT_KIND,
        "schema": SCHEMA_VERSION,
        "vatui": __version__,
        "exported_at": codec.enc_dt(now),
        "settings": settings or {},
    }
    for table in RECORD_TABLES:
        records = all_records(store, table)
        out[table] = [{"id": r.id, **codec.encode(table, r)} for r in records]
    return out


def parse_dataset(data: Any) -> Dataset:
    """Decode and check an export. Raises ValidationError naming the first bad record."""
    if not isinstance(data, dict) or data.get("kind") != EXPORT_KIND:
        raise ValidationError(_("this is not a vatui export (it has no \"kind\": \"vatui-export\" header)"))
    schema = data.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise ValidationError(_("this export uses data format {version!r}; this vatui reads up to {known}").format(
            version=schema, known=SCHEMA_VERSION))
    ds = Dataset()
    for table in RECORD_TABLES:
        raw = data.get(table, [])
        if not isinstance(raw, list):
            raise ValidationError(_("{table}: expected a list").format(table=table))
        seen: set[int] = set()
        for n, item in enumerate(raw, 1):
            if not isinstance(item, dict):
                raise ValidationError(_("{table} item {n}: expected an object").format(table=table, n=n))
            rid = item.get("id")
            if isinstance(rid, bool) or not isinstance(rid, int) or rid < 1:
                raise ValidationError(_("{table} item {n}: \"id\" must be a positive whole number").format(table=table, n=n))
            if rid in seen:
                raise ValidationError(_("{table} item {n}: id {id} appears twice").format(table=table, n=n, id=rid))
            seen.add(rid)
            body = {k: v for k, v in item.items() if k != "id"}
            try:
                ds.records[table].append(codec.decode(table, body, rid))
            except codec.CodecError as exc:
                raise ValidationError(_("{table} item {n}: {problem}").format(table=table, n=n, problem=exc)) from None
    _check_references(ds)
    return ds


def _check_references(ds: Dataset) -> None:
    clients = {c.id for c in ds.records["clients"]}
    tasks = {t.id for t in ds.records["tasks"]}
    names: dict[str, int] = {}
    for c in ds.records["clients"]:
        if c.key in names:
            raise ValidationError(_("clients: the name {name!r} is used by ids {first} and {second}").format(
                name=c.name, first=names[c.key], second=c.id))
        names[c.key] = c.id
    for table in ("tasks", "blocks", "entries"):
        for r in ds.records[table]:
            if r.client_id is not None and r.client_id not in clients:
                raise ValidationError(_("{table} id {id}: refers to client {client}, which is not in the file").format(
                    table=table, id=r.id, client=r.client_id))
    for e in ds.records["entries"]:
        if e.task_id is not None and e.task_id not in tasks:
            raise ValidationError(_("{table} id {id}: refers to task {task}, which is not in the file").format(
                table="entries", id=e.id, task=e.task_id))
    for t in ds.records["templates"]:
        for item in t.items:
            cid = getattr(item, "client_id", None)
            if cid is not None and cid not in clients:
                raise ValidationError(_("{table} id {id}: refers to client {client}, which is not in the file").format(
                    table="templates", id=t.id, client=cid))


def import_dataset(store: Store, ds: Dataset, *, mode: str) -> dict[str, int]:
    """mode: "new" (the store must be empty), "replace" (ids kept), or "merge" (new ids, clients
    matched by name). Returns how many records of each kind were written."""
    with store.transaction():
        existing = sum(len(getattr(store, t)) for t in RECORD_TABLES)
        if mode == "new" and (existing or store.archive.years()):
            raise ValidationError(
                _("the data file already holds {records} (and {years}); use --replace to replace them (today's "
                  "backup keeps the old data) or --merge to add to them").format(
                    records=ngettext("{n} record", "{n} records", existing).format(n=existing),
                    years=ngettext("{n} archive year", "{n} archive years", len(store.archive.years())).format(
                        n=len(store.archive.years())))
            )
        if mode in ("new", "replace"):
            if store.archive.years():
                # The archive is replaced too; keep the old one with the backups rather than delete it.
                aside = backup_dir(store.path) / f"{store.archive.folder.name}-{store.clock.now():%Y%m%dT%H%M%S}"
                aside.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                store.archive.folder.rename(aside)
            for table in RECORD_TABLES:
                getattr(store, table).replace_all(ds.records[table])
            return ds.count()
        return _merge(store, ds)


def _merge(store: Store, ds: Dataset) -> dict[str, int]:
    """Add what the dataset holds that the store does not: merging the same file twice adds
    nothing the second time. A record is the same when it is the same piece of work: a client by
    name, a task by creation time, title and client, a block or an entry by its times and client,
    a template by kind and name (names are unique, so an existing one is kept)."""
    counts = {t: 0 for t in RECORD_TABLES}
    client_ids: dict[int, int] = {}
    for c in ds.records["clients"]:
        same = store.client_named(c.name)
        if same is not None and same.key == c.key:
            client_ids[c.id] = same.id  # type: ignore[index]
        else:
            client_ids[c.id] = store.clients.add(replace(c, id=None)).id  # type: ignore[index]
            counts["clients"] += 1

    def cid(old: int | None) -> int | None:
        return client_ids[old] if old is not None else None

    known_tasks = {(t.created, t.title, t.client_id): t.id for t in store.tasks.all()}
    task_ids: dict[int | None, int | None] = {}
    fresh_tasks = []
    for t in ds.records["tasks"]:
        key = (t.created, t.title, cid(t.client_id))
        if key in known_tasks:
            task_ids[t.id] = known_tasks[key]
        else:
            fresh_tasks.append(t)
    added = store.tasks.add_many([replace(t, id=None, client_id=cid(t.client_id)) for t in fresh_tasks])
    task_ids.update({old.id: new.id for old, new in zip(fresh_tasks, added)})
    known_blocks = {(b.start, b.end, b.client_id, b.batch, b.note) for b in store.blocks.all()}
    blocks = [replace(b, id=None, client_id=cid(b.client_id)) for b in ds.records["blocks"]]
    blocks = [b for b in blocks if (b.start, b.end, b.client_id, b.batch, b.note) not in known_blocks]
    store.blocks.add_many(blocks)
    known_entries = {(e.start, e.end, e.client_id) for e in store.entries.all()}
    entries = [replace(e, id=None, client_id=cid(e.client_id), task_id=task_ids[e.task_id] if e.task_id is not None else None)
               for e in ds.records["entries"]]
    entries = [e for e in entries if (e.start, e.end, e.client_id) not in known_entries]
    store.entries.add_many(entries)
    known_templates = {(tpl.kind, tpl.name.casefold()) for tpl in store.templates.all()}
    templates = [
        replace(tpl, id=None, items=tuple(
            replace(i, client_id=cid(i.client_id)) if hasattr(i, "client_id") else i for i in tpl.items
        ))
        for tpl in ds.records["templates"] if (tpl.kind, tpl.name.casefold()) not in known_templates
    ]
    store.templates.add_many(templates)
    counts.update(tasks=len(fresh_tasks), blocks=len(blocks), entries=len(entries), templates=len(templates))
    return counts
