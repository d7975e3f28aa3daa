"""Words for the queue's rows: turns core data (rows, deadlines) into fixed-width cells.

Three layouts by the list's width: narrow (< 60 columns: the 80x24 cockpit), normal (the most
pressing deadline, checklist and, from 76 columns, the estimate), and wide (>= 110, or >= 88 in the
per-client and batch views: the right pane of a 200-column cockpit, or a zoomed pane) with the
estimate, checklist, due time in the client's zone and reply-by time left as separate columns.
Every state has a word or symbol, not only a colour: "late", "soon", ► doing, ◇ waiting, ↷ deferred.

Time left is shown coarsely (5-minute steps under 2 hours, whole hours under 2 days, then days),
so a row's text changes a few times an hour, not every minute: each change repaints a line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len

from vatui.core.deadlines import DeadlineReader
from vatui.core.durations import format_duration
from vatui.core.models import Status
from vatui.core.queues import Group, Row, View
from vatui.i18n import _, current_language
from vatui.text.formats import day_month, weekday
from vatui.text.queue_text import (
    FLAGS,
    deadline_words,
    due_with_place,
    format_day,
    format_when,
    group_count,
    group_title,
)
from vatui.text.textfit import fit_words as truncate_words

NARROW_BELOW = 60
WIDE_FROM = 110
WIDE_GROUPED_FROM = 88
HUGE_FROM = 160

STATUS_MARK = {Status.TODO: " ", Status.DOING: "►", Status.WAITING: "◇", Status.DEFERRED: "↷", Status.DONE: "✓"}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    style: str = ""  # a TaskList component class suffix: header, sub, soon, overdue, muted, doing, dim


RowCells = tuple[Cell, ...]



def fit(text: str, width: int, *, right: bool = False) -> str:
    text = truncate_words(text, width)
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


def status_word(row: Row, today: date) -> tuple[str, str]:
    task = row.task
    assert task is not None
    if task.status is Status.DOING:
        return _("doing"), "doing"
    if task.status is Status.WAITING:
        return _("waiting"), "muted"
    if task.status is Status.DEFERRED and task.defer_until:
        if task.defer_until > today:
            return _("until {day}").format(day=format_day(task.defer_until, today)), "muted"
        return _("back"), ""
    return "", ""


@dataclass(frozen=True, slots=True)
class Widths:
    """The word columns' widths in the language in use: as wide as its usual words need (English:
    10, 16 and 10), within limits, so a longer language keeps its words and the title gives way."""

    short_deadline: int  # "↩ late 45m", narrow layout
    deadline: int  # "reply soon 45m", "due Fri 17:00 SYD", "reply by Fri 17:00 SYD"
    status: int  # "waiting", "until Fri", huge layout


_WIDTHS: dict[str, Widths] = {}


def widths() -> Widths:
    language = current_language()
    if language not in _WIDTHS:
        left, day = "45m", weekday(date(2026, 11, 27))

        def need(*texts: str, least: int, most: int) -> int:
            return max(least, min(most, max(cell_len(t) for t in texts)))

        _WIDTHS[language] = Widths(
            short_deadline=need(_("↩ late {left}").format(left=left), _("↩ soon {left}").format(left=left),
                                _("late {left}").format(left=left), _("soon {left}").format(left=left),
                                _("↩ late"), _("↩ now"), least=10, most=13),
            deadline=need(*(_(t).format(left=left) for t in ("reply soon {left}", "overdue {left}",
                                                              "due soon {left}")),
                          *(_(t).format(when=f"{d} 17:00") + " SYD" for t in ("due {when}", "reply by {when}")
                            for d in (day, _("today"))),
                          _("reply now"), least=16, most=26),
            status=need(_("doing"), _("waiting"), _("back"), _("until {day}").format(day=day), least=10, most=14),
        )
    return _WIDTHS[language]


@dataclass(frozen=True, slots=True)
class Columns:
    """How wide the columns are for the rows on show: as wide as what they hold, not as wide as
    they might ever need, so the title gets the rest. Worked out once per list (`columns_for`)
    from what does not change by the minute; the default is the fixed widths of a lone row."""

    titles: tuple[int, ...] = ()  # the titles' widths, sorted; empty: unknown
    estimate: int = 6
    checklist: int = 5
    due: int = 0  # the wide layout's due column with its city; 0: the fixed 24 or 27, -1: no dues
    reply: bool = True  # some row has a reply-by


_DUE_HEADS: dict[str, int] = {}


def _due_head() -> int:
    """Cells of the longest "soon Wed 12:00" in the language in use: any state word, any day."""
    language = current_language()
    if language not in _DUE_HEADS:
        monday = date(2026, 11, 23)
        days = [_("today"), _("tmrw"), _("yday")]
        days += [weekday(date.fromordinal(monday.toordinal() + n)) for n in range(7)]
        days += [day_month(date(2026, m, 28)) for m in range(1, 13)]
        word = max(cell_len(w) for w in (_("late"), _("soon"), _("due")))
        _DUE_HEADS[language] = word + 1 + max(cell_len(d) for d in days) + len(" 00:00")
    return _DUE_HEADS[language]


def columns_for(rows: Sequence[Row]) -> Columns:
    # One pass, measuring each distinct text once: a heavy queue holds 5,000 tasks but far fewer
    # distinct estimates, checklists and cities (four passes measuring every row took ~15 ms).
    titles: set[str] = set()
    estimates: set = set()
    checklists: set[str] = set()
    cities: set[str] = set()
    reply = False
    for r in rows:
        task = r.task
        if task is None:
            continue
        titles.add(task.title)
        if task.estimate:
            estimates.add(task.estimate)
        if task.checklist:
            checklists.add(_checklist(r))
        if task.due is not None:
            cities.add(r.client.city if r.client else "")
        reply = reply or task.reply_by is not None
    return Columns(
        titles=tuple(sorted({cell_len(t) for t in titles})),
        estimate=max((cell_len(format_duration(e)) for e in estimates), default=0),
        checklist=max((cell_len(c) for c in checklists), default=0),
        due=max((_due_head() + (1 + cell_len(c) if c else 0) for c in cities), default=-1),
        reply=reply,
    )


def layout_of(width: int, view: View = View.EISENHOWER) -> str:
    """narrow, normal or wide. The per-client and batch views have no client/batch columns, so
    they go wide sooner (the right-hand pane of a 200-column cockpit)."""
    if width < NARROW_BELOW:
        return "narrow"
    if width >= WIDE_FROM or (width >= WIDE_GROUPED_FROM and view in (View.CLIENT, View.BATCH)):
        return "wide"
    return "normal"


def _checklist(row: Row) -> str:
    items = row.task.checklist if row.task else ()
    return f"{sum(i.done for i in items)}/{len(items)}" if items else ""


def task_cells(row: Row, reader: DeadlineReader, width: int, view: View, today: date,
               columns: Columns = Columns()) -> RowCells:
    """One task line, exactly `width` cells wide, its columns as wide as `columns` says (an empty
    column is left out)."""
    task = row.task
    assert task is not None
    layout = layout_of(width, view)
    now = reader.now
    mark = STATUS_MARK[task.status]
    if task.status is Status.DEFERRED and task.defer_until and task.defer_until <= today:
        mark = " "
    waiting = task.status is Status.WAITING or (task.status is Status.DEFERRED and mark != " ")
    base = "muted" if waiting else ("doing" if task.status is Status.DOING else "")
    show_client = view is not View.CLIENT and row.client is not None
    cells: list[tuple[str, int | None, str, bool]] = []  # text, width (None: the title), style, right-aligned
    cells.append((mark, 1, base or "dim", False))
    if view is not View.EISENHOWER:
        cells.append((FLAGS[task.quadrant], 3, "dim", False))
    if layout == "narrow":
        d = reader.pressing(task)
        words, style = deadline_words(d, now, short=True, mine=reader.my_zone) if d else ("", "")
        cells.append(("", None, base, False))
        cells.append((words, widths().short_deadline, style or "dim", True))
    elif layout == "normal":
        if show_client:
            cells.append(("", None, base, False))
            cells.append((row.client.name, 12, "dim", False))  # type: ignore[union-attr]
        else:
            cells.append(("", None, base, False))
        if width >= 76:
            cells.append((format_duration(task.estimate) if task.estimate else "", columns.estimate, "dim", True))
        cells.append((_checklist(row), columns.checklist, "dim", True))
        d = reader.pressing(task)
        words, style = deadline_words(d, now, short=False, mine=reader.my_zone) if d else ("", "")
        cells.append((words, widths().deadline, style or "dim", False))
    else:
        cells.append(("", None, base, False))
        if show_client:
            cells.append((row.client.name, 14, "dim", False))  # type: ignore[union-attr]
        if view not in (View.CLIENT, View.BATCH):
            cells.append((task.batch, 9, "dim", False))
        if width >= HUGE_FROM:
            words, style = status_word(row, today)
            cells.append((words, widths().status, style or "dim", False))
        cells.append((format_duration(task.estimate) if task.estimate else "", columns.estimate, "dim", True))
        cells.append((_checklist(row), columns.checklist, "dim", True))
        due = reader.due(task)
        place = row.client.city if row.client else ""
        words, style = due_with_place(due, now, place) if due else ("", "")
        roomy = width >= 140 or (width >= 110 and view in (View.CLIENT, View.BATCH))
        due_width = columns.due if columns.due else (27 if roomy else 24)
        cells.append((words, due_width, style or "dim", False))
        if width >= HUGE_FROM and view is View.DEADLINES:
            mine = format_when(due.at, reader.my_zone, now) if due else ""
            cells.append(((_("mine {when}").format(when=mine)) if mine else "", 18, "dim", False))
        if columns.reply:
            column = _reply_column(columns, _title_room(cells, width, 1))
            reply = reader.reply(task)
            words, style = deadline_words(reply, now, short=False, mine=reader.my_zone) if reply else ("", "")
            if cell_len(words) > column:  # this row's words do not fit: "↩ late 2h"
                words, style = deadline_words(reply, now, short=True, mine=reader.my_zone)  # type: ignore[arg-type]
            cells.append((words, column, style or "dim", False))
    cells = [c for c in cells if c[1] is None or c[1] > 0]  # a column empty in every row is left out
    title_width = max(4, _title_room(cells, width))
    out: list[Cell] = []
    for i, (text, w, style, right) in enumerate(cells):
        if w is None:
            title = task.title
            if layout == "narrow" and task.status is Status.WAITING:
                title = _("(waiting) {title}").format(title=title)
            out.append(Cell(fit(title, title_width), style))
        else:
            out.append(Cell(fit(text, w, right=right), style))
        if i < len(cells) - 1:
            out.append(Cell(" "))
    return _exact(tuple(out), width)


def _reply_column(columns: Columns, room: int) -> int:
    """The reply-by column's width when `room` cells are left for it and the title: its own words
    need up to 16 cells, but it gives up to 6 of them (down to the short form's "↩ late 2h")
    where that lets more titles show whole. Cut titles get nothing back: it stays as wide as it
    can while the number of whole titles is the same."""
    long_w, short_w = widths().deadline, widths().short_deadline
    if not columns.titles:
        return long_w
    best, best_whole = long_w, -1
    for column in range(long_w, short_w - 1, -1):
        whole = bisect_right(columns.titles, room - column)
        if whole > best_whole:
            best, best_whole = column, whole
    return best


def _title_room(cells: list[tuple[str, int | None, str, bool]], width: int, more: int = 0) -> int:
    """What is left of `width` for the title beside `cells` (and `more` cells to come), one
    space between cells."""
    kept = [w for _t, w, _s, _r in cells if w is None or w > 0]
    return width - (len(kept) - 1) - sum(w for w in kept if w is not None) - more


def header_cells(group: Group, width: int, today: date, *, batch_view_all_clients: bool = False,
                 note: str = "") -> RowCells:
    """A group's header row; `note` follows the title (a client's retainer month)."""
    indent = "  " * group.depth
    title = indent + group_title(group, today) + (f" · {note}" if note else "")
    if batch_view_all_clients:
        title += " · " + _("all clients")
    count = group_count(group)
    if width < NARROW_BELOW:
        count = str(group.actionable) if group.total else "0"
    count_w = cell_len(count)
    title_w = max(1, width - count_w - 1)
    style = "header" if group.depth == 0 else "sub"
    return _exact((Cell(fit(title, title_w), style), Cell(" "), Cell(count, "dim")), width)


def _exact(cells: RowCells, width: int) -> RowCells:
    """Pad or cut the last cells so the line is exactly `width` cells."""
    total = sum(cell_len(c.text) for c in cells)
    if total == width:
        return cells
    if total < width:
        return (*cells, Cell(" " * (width - total)))
    out: list[Cell] = []
    used = 0
    for c in cells:
        w = cell_len(c.text)
        if used + w <= width:
            out.append(c)
            used += w
        else:
            out.append(Cell(fit(c.text, width - used), c.style))
            break
    return tuple(out)
