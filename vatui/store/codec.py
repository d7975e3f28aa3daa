"""Records <-> JSON-ready dicts. The one place that knows how a record looks in the file.

Decoding is strict: a record of the wrong shape raises `CodecError` naming the table, the id
and the field, so a damaged file is refused with a message instead of half-loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from vatui.core.client_billing import ClientBilling, Retainer
from vatui.core.errors import ValidationError
from vatui.core.hours import WeekHours
from vatui.core.models import (
    ChecklistItem,
    ChecklistTemplateItem,
    Client,
    DayTemplateItem,
    Status,
    Task,
    Template,
    TimeBlock,
    TimeEntry,
)
from vatui.i18n import _


class CodecError(ValueError):
    pass


# decode_task and decode_entry build Task and TimeEntry positionally: a keyword call of a
# dataclass this wide costs ~0.7 us more per record (type.__call__ packs the keywords into a dict
# that __init__ unpacks), 10% of opening a heavy year (6,000 tasks, 3,000 entries). The orders
# below are what those calls follow, and they are checked against the classes' fields here, on
# import: a field added, removed or moved fails at once instead of shifting every value by one.
TASK_ARGS = ("title", "created", "client_id", "batch", "urgent", "important", "estimate", "due", "due_zone",
             "reply_by", "notes", "checklist", "status", "done_at", "defer_until", "rank", "repeat", "series", "id")
ENTRY_ARGS = ("start", "end", "client_id", "task_id", "billable", "note", "source", "id")


def check_positional_order(cls: type, names: tuple[str, ...]) -> None:
    """Raise if `names` is not `cls`'s fields in their order (see TASK_ARGS)."""
    actual = tuple(f.name for f in fields(cls))
    if actual != names:
        raise TypeError(f"store/codec.py builds {cls.__name__} positionally as {names}, "
                        f"but its fields are {actual}: update the order and the call")


check_positional_order(Task, TASK_ARGS)
check_positional_order(TimeEntry, ENTRY_ARGS)


def enc_dt(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


_UTC = timezone.utc
_fromisoformat = datetime.fromisoformat


def dec_dt(value: Any) -> datetime | None:
    if value is None:
        return None
    if type(value) is not str:
        raise ValueError(_("expected a timestamp string, got {kind}").format(kind=type(value).__name__))
    parsed = _fromisoformat(value)
    if parsed.tzinfo is _UTC:  # what vatui writes ("...Z"): already as wanted
        return parsed
    if parsed.tzinfo is None:
        raise ValueError(_("timestamp {value!r} has no zone").format(value=value))
    return parsed.astimezone(_UTC)


def _minutes(value: timedelta | None) -> int | float | None:
    if value is None:
        return None
    minutes = value.total_seconds() / 60
    return int(minutes) if minutes == int(minutes) else minutes


def dec_required_dt(value: Any) -> datetime:
    """A timestamp that must be there (a task's creation, an entry's start and end)."""
    if value is None:
        raise ValueError(_("expected a timestamp string, got {kind}").format(kind="null"))
    return dec_dt(value)  # type: ignore[return-value]


def _from_minutes(value: Any) -> timedelta | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(_("expected a number of minutes"))
    return timedelta(minutes=value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("expected true or false, got {value!r}").format(value=value))
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(_("expected text, got {kind}").format(kind=type(value).__name__))
    return value


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(_("expected a whole number, got {value!r}").format(value=value))
    return value


# --- clients -----------------------------------------------------------------------------------


def encode_client(c: Client) -> dict[str, Any]:
    return {
        "name": c.name,
        "tz": c.tz,
        "city": c.city,
        "hours": c.hours.format(),
        "colour": c.colour,
        "rate": str(c.rate),
        "currency": c.currency,
        "reply_by_hours": c.reply_by_hours,
        "notes": c.notes,
        **({"holidays": c.holidays} if c.holidays else {}),
        **({"closed": [d.isoformat() for d in c.closed]} if c.closed else {}),
        **({"archived": True} if c.archived else {}),
        **_encode_billing(c.billing),
    }


def _encode_billing(b: ClientBilling) -> dict[str, Any]:
    """The invoice fields, written only when set: a file without invoices keeps its old shape."""
    if b == _NO_BILLING:
        return {}
    out: dict[str, Any] = {"billing_name": b.billing_name, "billing_address": b.billing_address,
                           "tax_id": b.tax_id, "email": b.email, "language": b.language,
                           "tax": None if b.tax is None else str(b.tax)}
    if b.retainer is not None:
        r = b.retainer
        out["retainer"] = {"hours": str(r.hours), "fee": str(r.fee), "rollover": r.rollover,
                           "overage_rate": None if r.overage_rate is None else str(r.overage_rate)}
    return {"billing": out}


_NO_BILLING = ClientBilling()


def _opt_dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(_str(value))


def _decode_billing(d: Any) -> ClientBilling:
    if d is None:
        return _NO_BILLING
    if not isinstance(d, Mapping):
        raise ValueError(_("{field}: expected an object").format(field="billing"))
    r = d.get("retainer")
    retainer = None
    if r is not None:
        retainer = Retainer(hours=Decimal(_str(r["hours"])), fee=Decimal(_str(r.get("fee", "0"))),
                            rollover=_bool(r.get("rollover", False)), overage_rate=_opt_dec(r.get("overage_rate")))
    return ClientBilling(
        billing_name=_str(d.get("billing_name", "")), billing_address=_str(d.get("billing_address", "")),
        tax_id=_str(d.get("tax_id", "")), email=_str(d.get("email", "")), language=_str(d.get("language", "en")),
        tax=_opt_dec(d.get("tax")), retainer=retainer,
    )


def decode_client(d: Mapping[str, Any], id: int | None) -> Client:
    return Client(
        name=_str(d["name"]),
        tz=_str(d["tz"]),
        city=_str(d.get("city", "")),
        hours=WeekHours.parse(d["hours"]) if d.get("hours", "closed") != "closed" else WeekHours(((),) * 7),
        colour=_str(d.get("colour", "blue")),
        rate=Decimal(_str(d.get("rate", "0"))),
        currency=_str(d.get("currency", "USD")),
        reply_by_hours=_opt_int(d.get("reply_by_hours", 24)) or 24,
        notes=_str(d.get("notes", "")),
        id=id,
        holidays=_str(d.get("holidays", "")),
        closed=tuple(sorted({date.fromisoformat(_str(x)) for x in d.get("closed", ())})),
        archived=_bool(d.get("archived", False)),
        billing=_decode_billing(d.get("billing")),
    )


# --- tasks -------------------------------------------------------------------------------------


def encode_task(t: Task) -> dict[str, Any]:
    return {
        "title": t.title,
        "client": t.client_id,
        "batch": t.batch,
        "urgent": t.urgent,
        "important": t.important,
        "estimate_min": _minutes(t.estimate),
        "due": enc_dt(t.due),
        "due_zone": t.due_zone,
        "reply_by": enc_dt(t.reply_by),
        "notes": t.notes,
        "checklist": [[i.text, i.done] for i in t.checklist],
        "status": t.status.value,
        "created": enc_dt(t.created),
        "done_at": enc_dt(t.done_at),
        "defer_until": t.defer_until.isoformat() if t.defer_until else None,
        "rank": t.rank,
        **({"repeat": t.repeat, "series": t.series} if t.repeat is not None or t.series is not None else {}),
    }


# Every start decodes every task: a dict lookup is a tenth of what Status(value) costs.
_STATUSES = {s.value: s for s in Status}


def _status(value: Any) -> Status:
    try:
        return _STATUSES[value]
    except (KeyError, TypeError):  # TypeError: an unhashable value, e.g. a list
        raise ValueError(_("{value!r} is not a task status ({known})").format(
            value=value, known=", ".join(_STATUSES))) from None


def decode_task(d: Mapping[str, Any], id: int | None) -> Task:
    # Every start decodes every task in the hot file (6,000 on a heavy year), so the usual case
    # (each value already of its type, most optional ones absent) is checked inline and the
    # helpers above are called only to build the message for a value that is wrong.
    get = d.get
    title = d["title"]
    if type(title) is not str:
        _str(title)
    batch = get("batch", "admin")
    if type(batch) is not str:
        _str(batch)
    notes = get("notes", "")
    if type(notes) is not str:
        _str(notes)
    urgent = get("urgent", False)
    if type(urgent) is not bool:
        _bool(urgent)
    important = get("important", False)
    if type(important) is not bool:
        _bool(important)
    client = get("client")
    if client is not None and type(client) is not int:
        _opt_int(client)
    estimate = get("estimate_min")
    checklist = get("checklist", [])
    if type(checklist) is not list:
        raise ValueError(_("{field}: expected a list").format(field="checklist"))
    status = get("status", "todo")
    defer = get("defer_until")
    repeat = get("repeat")  # absent in files written before repeats existed, and on most tasks
    if repeat is not None and type(repeat) is not str:
        _str(repeat)
    series = get("series")
    if series is not None and type(series) is not int:
        _opt_int(series)
    rank = get("rank")
    if rank is not None and (isinstance(rank, bool) or not isinstance(rank, (int, float))):
        raise ValueError(_("{field}: expected a number").format(field="rank"))
    return Task(  # positionally, in the order of TASK_ARGS (checked on import)
        title,  # title
        dec_required_dt(d["created"]),  # created
        client,  # client_id
        batch,  # batch
        urgent,  # urgent
        important,  # important
        None if estimate is None else _from_minutes(estimate),  # estimate
        dec_dt(get("due")),  # due
        get("due_zone"),  # due_zone
        dec_dt(get("reply_by")),  # reply_by
        notes,  # notes
        tuple(ChecklistItem(_str(text), _bool(done)) for text, done in checklist) if checklist else (),  # checklist
        _status(status),  # status
        dec_dt(get("done_at")),  # done_at
        date.fromisoformat(_str(defer)) if defer else None,  # defer_until
        None if rank is None else float(rank),  # rank
        repeat,  # repeat
        series,  # series
        id,  # id
    )


# --- blocks and entries ------------------------------------------------------------------------


def encode_block(b: TimeBlock) -> dict[str, Any]:
    return {
        "start": enc_dt(b.start),
        "end": enc_dt(b.end),
        "client": b.client_id,
        "batch": b.batch,
        "note": b.note,
        **({"series": b.series} if b.series is not None else {}),
    }


def decode_block(d: Mapping[str, Any], id: int | None) -> TimeBlock:
    batch = d.get("batch")
    return TimeBlock(
        start=dec_required_dt(d["start"]),
        end=dec_required_dt(d["end"]),
        client_id=_opt_int(d.get("client")),
        batch=_str(batch) if batch is not None else None,
        note=_str(d.get("note", "")),
        series=_opt_int(d.get("series")),
        id=id,
    )


def encode_entry(e: TimeEntry) -> dict[str, Any]:
    return {
        "start": enc_dt(e.start),
        "end": enc_dt(e.end),
        "client": e.client_id,
        "task": e.task_id,
        "billable": e.billable,
        "note": e.note,
        "source": e.source,
    }


def decode_entry(d: Mapping[str, Any], id: int | None) -> TimeEntry:
    # As decode_task: the usual case inline (a heavy year's hot file holds 3,000 entries).
    get = d.get
    client, task = get("client"), get("task")
    if client is not None and type(client) is not int:
        _opt_int(client)
    if task is not None and type(task) is not int:
        _opt_int(task)
    billable = get("billable", True)
    if type(billable) is not bool:
        _bool(billable)
    note, source = get("note", ""), get("source", "manual")
    if type(note) is not str:
        _str(note)
    if type(source) is not str:
        _str(source)
    return TimeEntry(  # positionally, in the order of ENTRY_ARGS (checked on import)
        dec_required_dt(d["start"]),  # start
        dec_required_dt(d["end"]),  # end
        client,  # client_id
        task,  # task_id
        billable,  # billable
        note,  # note
        source,  # source
        id,  # id
    )


# --- templates ---------------------------------------------------------------------------------


def encode_template(t: Template) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for item in t.items:
        if isinstance(item, DayTemplateItem):
            items.append(
                {"start_minute": item.start_minute, "minutes": item.minutes, "client": item.client_id,
                 "batch": item.batch, "note": item.note}
            )
        else:
            items.append(
                {"title": item.title, "batch": item.batch, "offset_days": item.offset_days,
                 "estimate_min": _minutes(item.estimate), "urgent": item.urgent, "important": item.important}
            )
    return {"kind": t.kind, "name": t.name, "items": items}


def decode_template(d: Mapping[str, Any], id: int | None) -> Template:
    kind = _str(d["kind"])
    items: list[Any] = []
    for raw in d.get("items", []):
        if kind == "day":
            items.append(
                DayTemplateItem(
                    start_minute=int(raw["start_minute"]), minutes=int(raw["minutes"]),
                    client_id=_opt_int(raw.get("client")), batch=raw.get("batch"), note=_str(raw.get("note", "")),
                )
            )
        else:
            items.append(
                ChecklistTemplateItem(
                    title=_str(raw["title"]), batch=_str(raw.get("batch", "admin")),
                    offset_days=int(raw.get("offset_days", 0)), estimate=_from_minutes(raw.get("estimate_min")),
                    urgent=_bool(raw.get("urgent", False)), important=_bool(raw.get("important", False)),
                )
            )
    return Template(kind=kind, name=_str(d["name"]), items=tuple(items), id=id)


# --- invoices (their record module is imported when a file holds one) ---------------------------


def encode_invoice(inv: Any) -> dict[str, Any]:
    return {
        "number": inv.number, "year": inv.year, "seq": inv.seq, "client": inv.client_id,
        "client_name": inv.client_name, "currency": inv.currency,
        "issued": inv.issued.isoformat(), "due": inv.due.isoformat(),
        "lines": [[ln.text, str(ln.quantity), ln.unit, str(ln.rate), str(ln.amount)] for ln in inv.lines],
        "subtotal": str(inv.subtotal), "tax_rate": None if inv.tax_rate is None else str(inv.tax_rate),
        "tax": str(inv.tax), "total": str(inv.total), "language": inv.language,
        "entries": list(inv.entry_ids),
        "sent": inv.sent.isoformat() if inv.sent else None,
        "voided": inv.voided.isoformat() if inv.voided else None,
        "payments": [[p.day.isoformat(), str(p.amount)] for p in inv.payments],
    }


def decode_invoice(d: Mapping[str, Any], id: int | None) -> Any:
    from vatui.core.invoice_record import Invoice, Line, Payment

    def day(value: Any) -> date | None:
        return None if value is None else date.fromisoformat(_str(value))

    entries = d.get("entries", [])
    if not isinstance(entries, list) or any(type(e) is not int for e in entries):
        raise ValueError(_("{field}: expected a list of whole numbers").format(field="entries"))
    return Invoice(
        number=_str(d["number"]), year=int(d["year"]), seq=int(d["seq"]), client_id=int(d["client"]),
        client_name=_str(d.get("client_name", "")), currency=_str(d["currency"]),
        issued=date.fromisoformat(_str(d["issued"])), due=date.fromisoformat(_str(d["due"])),
        lines=tuple(Line(_str(t), Decimal(_str(q)), _str(u), Decimal(_str(r)), Decimal(_str(a)))
                    for t, q, u, r, a in d.get("lines", [])),
        subtotal=Decimal(_str(d["subtotal"])), tax_rate=_opt_dec(d.get("tax_rate")), tax=Decimal(_str(d["tax"])),
        total=Decimal(_str(d["total"])), language=_str(d.get("language", "en")), entry_ids=tuple(entries),
        sent=day(d.get("sent")), voided=day(d.get("voided")),
        payments=tuple(Payment(date.fromisoformat(_str(p)), Decimal(_str(a))) for p, a in d.get("payments", [])),
        id=id,
    )


CODECS: dict[str, tuple[Callable[[Any], dict[str, Any]], Callable[[Mapping[str, Any], int | None], Any]]] = {
    "clients": (encode_client, decode_client),
    "tasks": (encode_task, decode_task),
    "blocks": (encode_block, decode_block),
    "entries": (encode_entry, decode_entry),
    "templates": (encode_template, decode_template),
    "invoices": (encode_invoice, decode_invoice),
}


def decode(table: str, raw: Mapping[str, Any], id: int | None) -> Any:
    """Decode one record, turning every way it can be wrong into one CodecError."""
    if type(raw) is not dict and not isinstance(raw, Mapping):  # (the exact type first: ABC checks cost)
        raise CodecError(_("{table} record {id}: expected an object, got {kind}").format(table=table, id=id,
                                                                                        kind=type(raw).__name__))
    try:
        return CODECS[table][1](raw, id)
    except ValidationError as exc:
        raise CodecError(_("{table} record {id}: {problem}").format(table=table, id=id, problem=exc.message)) from None
    except KeyError as exc:
        raise CodecError(_("{table} record {id}: missing field {name!r}").format(table=table, id=id, name=exc.args[0])) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise CodecError(_("{table} record {id}: {problem}").format(table=table, id=id, problem=exc)) from None


def encode(table: str, record: Any) -> dict[str, Any]:
    return CODECS[table][0](record)
