"""Tasks as CSV (`vatui export --csv tasks`), in the columns `vatui import --csv tasks` reads
(core/task_csv.py), so a file exported here imports back as the same tasks.

Due times are written on the clock of the zone they were entered in, with that zone named
(empty for mine), as the import reads them. A deferred task is written as todo (the import has
no deferral), and checklist items lose their done marks (the column holds their text only);
a ";" inside an item, the column's separator, becomes ",".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from vatui.core.durations import format_duration_config
from vatui.core.models import Client, Status, Task
from vatui.core.task_csv import TASK_COLUMNS

_STATUS_WORD = {Status.TODO: "todo", Status.DOING: "doing", Status.WAITING: "waiting", Status.DONE: "done",
                Status.DEFERRED: "todo"}


def _row(task: Task, clients: Mapping[int, Client], my_zone: str) -> list[str]:
    client = clients.get(task.client_id) if task.client_id is not None else None
    due = due_zone = ""
    if task.due is not None:
        zone_name = task.due_zone or my_zone
        due = task.due.astimezone(ZoneInfo(zone_name)).strftime("%Y-%m-%d %H:%M")
        due_zone = "" if zone_name == my_zone else zone_name
    return [
        task.title,
        client.name if client else "",
        task.batch,
        "yes" if task.urgent else "no",
        "yes" if task.important else "no",
        format_duration_config(task.estimate) if task.estimate else "",
        due,
        due_zone,
        task.notes,
        "; ".join(item.text.replace(";", ",") for item in task.checklist),
        _STATUS_WORD[task.status],
    ]


def tasks_csv(tasks: Iterable[Task], clients: Mapping[int, Client], my_zone: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TASK_COLUMNS)
    for task in sorted(tasks, key=lambda t: (t.created, t.id or 0)):
        writer.writerow(_row(task, clients, my_zone))
    return out.getvalue()
