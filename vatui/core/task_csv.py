"""Tasks from a CSV file (`vatui import --csv tasks FILE`): every row checked, errors by line.

The header names the columns, in any order and any letter case; only `title` is required:

    title, client, batch, urgent, important, estimate, due, due_zone, notes, checklist, status

- client: a client's name or a unique start of it (empty: no client).
- batch: one word such as email, social, invoicing (default admin).
- urgent, important: yes/no, y/n, true/false, 1/0, x (empty: no).
- estimate: a duration with its unit: 25m, 1h, 1h30 (a bare number is refused: minutes or hours?).
- due: YYYY-MM-DD or YYYY-MM-DD HH:MM; a day alone means 17:00, the end of a working day.
- due_zone: the zone the due time is read in: empty for mine, "client" for the client's zone,
  or a zone name such as America/New_York.
- checklist: items separated by ";".
- status: todo (default), doing, waiting (on the client) or done.
Comma, semicolon and tab separated files are all read (the header tells which).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from vatui.core.business import zone
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_clock, parse_day, parse_duration
from vatui.core.models import ChecklistItem, Client, Status, Task
from vatui.core.tzdb import validate_zone
from vatui.core.when_words import DEFAULT_DUE_MINUTE
from vatui.i18n import _, ngettext

TASK_COLUMNS = ("title", "client", "batch", "urgent", "important", "estimate", "due", "due_zone", "notes",
                "checklist", "status")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_STATUSES = {"todo": Status.TODO, "doing": Status.DOING, "waiting": Status.WAITING, "done": Status.DONE}


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # 1 is the header
    field: str | None
    message: str


@dataclass(frozen=True, slots=True)
class TaskRows:
    tasks: tuple[tuple[int, Task], ...]  # (line, task) for every valid row
    errors: tuple[RowError, ...]  # every bad row, by line

    @property
    def rows(self) -> int:
        return len(self.tasks) + len({e.line for e in self.errors})


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _flag(value: str, name: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValidationError(_("{field}: {text!r} is not yes or no").format(field=name, text=value.strip()), field=name)


def _due(value: str, due_zone: str) -> datetime:
    """"2026-12-05" (at 17:00) or "2026-12-05 09:30" / "2026-12-05T09:30" in `due_zone`, as UTC."""
    day_text, _sep, time_text = value.strip().replace("T", " ").partition(" ")
    try:
        day = parse_day(day_text, today=None, field="due", allow_relative=False)
        minute = parse_clock(time_text, field="due") if time_text.strip() else DEFAULT_DUE_MINUTE
    except ValidationError:
        raise ValidationError(_("{field}: {text!r} is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM").format(
            field="due", text=value.strip()), field="due") from None
    wall = datetime.combine(day, time(minute // 60, minute % 60))
    return wall.replace(tzinfo=zone(due_zone)).astimezone(ZoneInfo("UTC"))


def _task(cells: dict[str, str], *, now: datetime, my_zone: str, find_client: Callable[[str], Client | None]) -> Task:
    def get(name: str) -> str:
        return (cells.get(name) or "").strip()

    client: Client | None = None
    if get("client"):
        client = find_client(get("client"))
        if client is None:
            raise ValidationError(_("{field}: no client called {name!r}").format(field="client", name=get("client")),
                                  field="client")
    zone_text = get("due_zone")
    if not zone_text:
        due_zone = my_zone
    elif zone_text.lower() == "client":
        if client is None:
            raise ValidationError(_("{field}: 'client' needs a client in the client column").format(field="due_zone"),
                                  field="due_zone")
        due_zone = client.tz
    else:
        due_zone = validate_zone(zone_text, field="due_zone")
    status_text = get("status").lower() or "todo"
    if status_text not in _STATUSES:
        raise ValidationError(_("{field}: {text!r} is not one of {choices}").format(
            field="status", text=get("status"), choices=", ".join(_STATUSES)), field="status")
    status = _STATUSES[status_text]
    checklist = tuple(ChecklistItem(item.strip()) for item in get("checklist").split(";") if item.strip())
    return Task(
        title=get("title"),
        created=now,
        client_id=client.id if client else None,
        batch=get("batch") or "admin",
        urgent=_flag(get("urgent"), "urgent"),
        important=_flag(get("important"), "important"),
        estimate=parse_duration(get("estimate"), field="estimate") if get("estimate") else None,
        due=_due(get("due"), due_zone) if get("due") else None,
        due_zone=due_zone if get("due") else None,
        notes=cells.get("notes", "").strip(),
        checklist=checklist,
        status=status,
        done_at=now if status is Status.DONE else None,
    )


def _csv_problem(line: int, problem: str) -> str:
    """The csv module's complaint (English, terse) in words that say what to fix."""
    if "end of data" in problem:
        return _("line {line}: a quoted cell opens here and is never closed (a closing \" is missing)").format(line=line)
    if "expected after" in problem:
        return _("line {line}: text after the closing quote of a cell; quote the whole cell and double any \" "
                 "inside it (\"\")").format(line=line)
    return _("line {line}: {problem}").format(line=line, problem=problem)


def parse_task_rows(text: str, *, now: datetime, my_zone: str,
                    find_client: Callable[[str], Client | None]) -> TaskRows:
    """Check every row. A problem with the file as a whole (no header, no title column, an
    unknown column) raises ValidationError; a bad row is collected with its line number."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise ValidationError(_("the file is empty; the first line must name the columns, e.g. title,client,batch"))
    # strict: a quote opened and never closed is an error, not a cell that swallows the rest of
    # the file (the lenient default imported `"unterminated,acme` as one title).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    header: list[str] | None = None
    tasks: list[tuple[int, Task]] = []
    errors: list[RowError] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ValidationError(_csv_problem(line, str(exc))) from None
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = [c.strip().lower().replace(" ", "_") for c in cells]
            unknown = [h for h in header if h not in TASK_COLUMNS]
            if unknown:
                raise ValidationError(_("line {line}: unknown column {column!r}; the columns are {columns}").format(
                    line=line, column=unknown[0], columns=", ".join(TASK_COLUMNS)))
            dupes = sorted({h for h in header if header.count(h) > 1})
            if dupes:
                raise ValidationError(_("line {line}: the column {column!r} appears twice").format(line=line, column=dupes[0]))
            if "title" not in header:
                raise ValidationError(_("line {line}: the header has no 'title' column (found: {columns})").format(
                    line=line, columns=", ".join(header)))
            continue
        if len(cells) > len(header):
            extra = cells[len(header):]
            if any(c.strip() for c in extra):
                errors.append(RowError(line, None, ngettext(
                    "{cells} cells but the header names {n} column", "{cells} cells but the header names {n} columns",
                    len(header)).format(cells=len(cells), n=len(header))))
                continue
        row = dict(zip(header, cells))
        try:
            tasks.append((line, _task(row, now=now, my_zone=my_zone, find_client=find_client)))
        except ValidationError as exc:
            errors.append(RowError(line, exc.field, exc.message))
    if header is None:
        raise ValidationError(_("the file has no header line naming the columns, e.g. title,client,batch"))
    return TaskRows(tuple(tasks), tuple(errors))
