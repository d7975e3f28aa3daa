"""Task and TimeEntry through the codec: every field, set to a value other than its default,
comes back from the file as it went in (the decoders build the records positionally)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import date, datetime, timedelta, timezone

import pytest

from vatui.core.models import ChecklistItem, Status, Task, TimeEntry
from vatui.store.codec import check_positional_order, decode_entry, decode_task, encode_entry, encode_task

UTC = timezone.utc

# One value per field, none of them the field's default: a field the codec drops or misplaces
# then shows as a difference. A field without a value here fails the test (add one).
TASK_VALUES = {
    "title": "Send the invoice",
    "created": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    "client_id": 4,
    "batch": "email",
    "urgent": True,
    "important": True,
    "estimate": timedelta(minutes=25),
    "due": datetime(2026, 11, 27, 17, 0, tzinfo=UTC),
    "due_zone": "America/New_York",
    "reply_by": datetime(2026, 11, 24, 12, 0, tzinfo=UTC),
    "notes": "net 30",
    "checklist": (ChecklistItem("draft", True), ChecklistItem("send")),
    "status": Status.DONE,
    "done_at": datetime(2026, 11, 23, 13, 0, tzinfo=UTC),
    "defer_until": date(2026, 11, 25),
    "rank": 2.5,
    "repeat": "FREQ=WEEKLY;BYDAY=MO",
    "series": 9,
    "id": 17,
}
ENTRY_VALUES = {
    "start": datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    "end": datetime(2026, 11, 23, 9, 25, tzinfo=UTC),
    "client_id": 4,
    "task_id": 17,
    "billable": False,
    "note": "call",
    "source": "pomodoro",
    "id": 9,
}


@pytest.mark.parametrize(("cls", "values", "encode", "decode"), [
    (Task, TASK_VALUES, encode_task, decode_task),
    (TimeEntry, ENTRY_VALUES, encode_entry, decode_entry),
], ids=["task", "entry"])
def test_every_field_survives_the_file(cls, values, encode, decode):
    names = [f.name for f in fields(cls)]
    assert sorted(names) == sorted(values), "give every field of the record a value above"
    record = cls(**values)
    for f in fields(cls):
        assert getattr(record, f.name) != f.default, f"{f.name}: use a value other than its default"
    assert decode(encode(record), values["id"]) == record
    # Each field alone away from its default: two fields of one type swapped (urgent, important)
    # show here, where both set at once would not.
    required = {f.name: values[f.name] for f in fields(cls) if f.default is MISSING}
    for name in values:
        record = cls(**{**required, name: values[name]})
        assert decode(encode(record), record.id) == record, name


def test_a_positional_order_that_is_not_the_fields_is_refused():
    order = tuple(f.name for f in fields(TimeEntry))
    check_positional_order(TimeEntry, order)
    with pytest.raises(TypeError, match="positionally"):
        check_positional_order(TimeEntry, (order[1], order[0], *order[2:]))
    with pytest.raises(TypeError, match="positionally"):
        check_positional_order(TimeEntry, order[:-1])
