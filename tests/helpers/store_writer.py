"""A child process for the store's crash and concurrency tests.

    python store_writer.py PATH kill-me        add tasks forever, printing each acknowledged number
    python store_writer.py PATH edits NAME N   N edits: half new tasks, half appends to a shared checklist

A last argument `journal` makes the store a cockpit's: its edits go to the journal.
"""

import sys
from dataclasses import replace
from datetime import datetime, timezone

from vatui.core.models import ChecklistItem, Task
from vatui.store import Store

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)


def kill_me(store: Store) -> None:
    n = 0
    print("ready", flush=True)
    while True:
        n += 1
        store.tasks.add(Task(title=f"w{n}", created=NOW, notes="x" * 200))
        print(n, flush=True)  # acknowledged: the add returned, so it must survive a kill


def edits(store: Store, name: str, count: int) -> None:
    shared = next(t for t in store.tasks.all() if t.title == "shared")
    for i in range(count):
        if i % 2 == 0:
            store.tasks.add(Task(title=f"{name}-{i}", created=NOW))
        else:
            with store.transaction():
                current = store.tasks.require(shared.id)
                item = ChecklistItem(f"{name}-{i}")
                store.tasks.update(replace(current, checklist=current.checklist + (item,)))


if __name__ == "__main__":
    path, mode = sys.argv[1], sys.argv[2]
    s = Store(path, journal=sys.argv[-1] == "journal")
    if mode == "kill-me":
        kill_me(s)
    else:
        edits(s, sys.argv[3], int(sys.argv[4]))
