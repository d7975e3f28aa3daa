"""The queue's words: truncation at word boundaries, coarse time left, and every row exactly as
wide as the list at every width and in every view."""

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from vatui.core.deadlines import Deadline, DeadlineKind, DeadlineReader, DeadlineState
from vatui.core.models import ChecklistItem, Client, Status, Task
from vatui.core.queues import View, build_view
from vatui.text.queue_text import deadline_words, format_left
from vatui.widgets.queue_rows import header_cells, task_cells, truncate_words

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Reply to wholesale enquiry from Manly cafe", 20, "Reply to wholesale…"),
        ("Reply to wholesale enquiry", 26, "Reply to wholesale enquiry"),
        ("Reply to wholesale enquiry", 25, "Reply to wholesale…"),
        ("Supercalifragilistic", 8, "Superca…"),  # one long word: cut inside it
        ("Chase invoice, then file", 16, "Chase invoice…"),
        ("abc", 1, "…"),
        ("abc", 0, ""),
        ("日本語のタイトル test", 9, "日本語の…"),
    ],
)
def test_truncate_words(text, width, expected):
    out = truncate_words(text, width)
    assert out == expected and cell_len(out) <= width


@given(st.text(alphabet=st.sampled_from("ab cd日 "), max_size=40), st.integers(0, 45))
def test_truncate_never_overflows(text, width):
    assert cell_len(truncate_words(text, width)) <= max(width, 0)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(1, "5m"), (5, "5m"), (6, "10m"), (44, "45m"), (119, "2h"), (120, "2h"), (179, "2h"), (47 * 60, "47h"),
     (48 * 60, "2d"), (-3, "5m"), (-150, "2h")],
)
def test_time_left_is_coarse(minutes, text):
    assert format_left(timedelta(minutes=minutes)) == text


def dl(kind, state, left_min, at=NOW):
    return Deadline(kind, at, state, timedelta(minutes=left_min), "Australia/Sydney")


@pytest.mark.parametrize(
    ("deadline", "short", "long"),
    [
        (dl(DeadlineKind.REPLY, DeadlineState.OK, 300, NOW + timedelta(days=2)), "↩ Thu", "reply by Thu 00:00"),
        (dl(DeadlineKind.REPLY, DeadlineState.SOON, 42), "↩ soon 45m", "reply soon 45m"),
        (dl(DeadlineKind.REPLY, DeadlineState.SOON, 0), "↩ now", "reply now"),
        (dl(DeadlineKind.REPLY, DeadlineState.OVERDUE, -130), "↩ late 2h", "reply late 2h"),
        (dl(DeadlineKind.REPLY, DeadlineState.OVERDUE, 0), "↩ late", "reply late"),
        (dl(DeadlineKind.DUE, DeadlineState.SOON, 42), "soon 45m", "due soon 45m"),
        (dl(DeadlineKind.DUE, DeadlineState.OVERDUE, -61), "late 1h05m", "overdue 1h05m"),
        (dl(DeadlineKind.DUE, DeadlineState.OK, 3000, NOW + timedelta(days=3)), "Fri", "due Fri 00:00"),
    ],
)
def test_states_are_in_words(deadline, short, long):
    assert deadline_words(deadline, NOW, short=True)[0] == short
    assert deadline_words(deadline, NOW, short=False)[0] == long
    # A moment on another zone's clock says whose: the client's zone, labelled, unless it is mine.
    labelled = deadline_words(deadline, NOW, short=True, mine="Europe/Bucharest")[0]
    assert labelled == (short + " SYD" if deadline.state is DeadlineState.OK else short)
    assert deadline_words(deadline, NOW, short=True, mine="Australia/Sydney")[0] == short


CLIENTS = {1: Client(name="Bondi Bakes with a very long name indeed", tz="Australia/Sydney", id=1),
           2: Client(name="Hudson", tz="America/New_York", id=2)}
TASKS = [
    Task(title="A rather long task title that will need to be cut somewhere sensible", created=NOW, id=1, client_id=1,
         batch="email", urgent=True, important=True, estimate=timedelta(minutes=15), due=NOW + timedelta(hours=2),
         reply_by=NOW + timedelta(hours=30), checklist=(ChecklistItem("a", True), ChecklistItem("b"))),
    Task(title="Short", created=NOW, id=2, client_id=2, status=Status.WAITING, due=NOW - timedelta(hours=5)),
    Task(title="Deferred", created=NOW, id=3, status=Status.DEFERRED, defer_until=TODAY + timedelta(days=2),
         reply_by=NOW + timedelta(hours=1)),
    Task(title="In hand", created=NOW, id=4, client_id=2, status=Status.DOING, batch="a-very-long-batch-name"),
]


@settings(max_examples=80, deadline=None)
@given(st.integers(12, 260), st.sampled_from(list(View)))
def test_every_row_is_exactly_the_width_of_the_list(width, view):
    reader = DeadlineReader(CLIENTS, NOW, "Europe/Bucharest")
    qv = build_view(view, TASKS, CLIENTS, TODAY, my_zone="Europe/Bucharest", batch="email")
    for row in qv.rows:
        cells = header_cells(row.group, width, TODAY) if row.task is None else task_cells(row, reader, width, view, TODAY)
        assert sum(cell_len(c.text) for c in cells) == width


def test_wide_rows_show_estimate_checklist_due_in_client_time_and_reply_left():
    reader = DeadlineReader(CLIENTS, NOW, "Europe/Bucharest")
    qv = build_view(View.EISENHOWER, TASKS, CLIENTS, TODAY)
    row = next(r for r in qv.rows if r.task and r.task.id == 1)
    text = "".join(c.text for c in task_cells(row, reader, 200, View.EISENHOWER, TODAY))
    for part in ("15m", "1/2", "soon today 02:00 Sydney", "reply by tmrw 06:00 SYD", "email", "Bondi Bakes"):
        assert part in text
    narrow = "".join(c.text for c in task_cells(row, reader, 50, View.EISENHOWER, TODAY))
    assert "soon 2h" in narrow and narrow.rstrip().endswith("soon 2h")


def test_states_carry_a_symbol_or_word_as_well_as_a_style():
    reader = DeadlineReader(CLIENTS, NOW, "Europe/Bucharest")
    qv = build_view(View.EISENHOWER, TASKS, CLIENTS, TODAY)
    for row in qv.rows:
        if row.task is None:
            continue
        cells = task_cells(row, reader, 170, View.EISENHOWER, TODAY)
        text = "".join(c.text for c in cells)
        styles = {c.style for c in cells}
        if row.task.status is Status.WAITING:
            assert "◇" in text and "waiting" in text and "muted" in styles
            assert "late" in text and "overdue" in styles
        if row.task.status is Status.DEFERRED:
            assert "↷" in text and "until Wed" in text
        if row.task.status is Status.DOING:
            assert "►" in text and "doing" in text
