"""Which task comes next: the ordering rule every queue view, `n` and the reports share, and the
views of the queue pane as data.

The rule, in order:
1. A task being worked on (doing) before anything else.
2. Time pressure, when the caller gives the end of my working day (`pressing_until`): a task that
   is late, or whose reply-by or due time falls before my working day ends, comes next, the
   soonest deadline first, whatever its quadrant. (`n`, `vatui next` and `vatui today` give it;
   a view's rows keep the quadrant order below, since each view groups by quadrant or client.)
3. Eisenhower quadrant: urgent+important, then important, then urgent, then neither.
4. The sooner reply-by promise, then the sooner due time (none last).
5. Older first (created).
Manual reordering sits on top: a task the user moved carries a `rank`, and ranked tasks keep
their place relative to each other inside their quadrant, ahead of the unranked ones.

Views (each a flat list of header and task rows, computed once per change of data or view):
- CLIENT: one queue per client (by name), grouped by batch; a client's batches in the order of
  their next task, tasks by the rule.
- BATCH: one batch across all clients ("all email now"), tasks by the rule.
- EISENHOWER: the four quadrants, tasks by the rule.
- DEADLINES: every open task with a reply-by or due time, soonest first, grouped by day.
In every group the tasks that are the VA's move come first; waiting-on-client and deferred tasks
follow, so nothing open is hidden.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from vatui.core.business import open_intervals
from vatui.core.errors import ValidationError
from vatui.core.hours import WeekHours
from vatui.core.models import DEFAULT_BATCHES, Client, Quadrant, Status, Task, client_slug
from vatui.i18n import _

_FAR = datetime.max.replace(tzinfo=timezone.utc)  # "no deadline" sorts last
# Quadrant rank straight from the flags (the same order as Quadrant.rank, without the enum walk:
# this key is computed for every task on every change of data or view).
_QUADRANT_RANK = {(True, True): 0, (False, True): 1, (True, False): 2, (False, False): 3}


def sort_key(task: Task, pressing_until: datetime | None = None) -> tuple:
    deadline = _FAR
    if pressing_until is not None:
        soonest = deadline_of(task)
        if soonest is not None and soonest <= pressing_until:
            deadline = soonest
    return (
        task.status is not Status.DOING,
        deadline,
        _QUADRANT_RANK[(task.urgent, task.important)],
        task.rank is None,
        task.rank if task.rank is not None else 0.0,
        task.reply_by or _FAR,
        task.due or _FAR,
        task.created,
        task.id or 0,
    )


def pressing_until(now: datetime, hours: WeekHours, zone_name: str) -> datetime:
    """Up to when a deadline presses: the end of my working day today, or `now` when today's
    work is over or today is a day off (then only late tasks press)."""
    tz = ZoneInfo(zone_name)
    day = now.astimezone(tz).date()
    start = datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(timezone.utc)
    end = (datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(days=1)).astimezone(timezone.utc)
    ends = [closes for _opens, closes in open_intervals(hours, zone_name, start, end)]
    return max([now, *ends])


def is_actionable(task: Task, today: date) -> bool:
    """Open and the VA's move: not done, not waiting on the client, not deferred to a later day."""
    if task.status in (Status.DONE, Status.WAITING):
        return False
    if task.status is Status.DEFERRED:
        return task.defer_until is not None and task.defer_until <= today
    return True


def order_tasks(tasks: Iterable[Task], today: date, pressing_until: datetime | None = None) -> list[Task]:
    """The actionable tasks, next first."""
    return sorted((t for t in tasks if is_actionable(t, today)), key=lambda t: sort_key(t, pressing_until))


def next_task(tasks: Iterable[Task], today: date, pressing_until: datetime | None = None) -> Task | None:
    ordered = order_tasks(tasks, today, pressing_until)
    return ordered[0] if ordered else None


def view_key(task: Task, today: date) -> tuple:
    """The order inside a view's group: the VA's moves by the rule, then the rest by the rule."""
    return (not is_actionable(task, today), sort_key(task))


def _flat_view_key(task: Task, actionable: bool) -> tuple:
    """view_key as one flat tuple (the same order; compared faster: 5,000 tasks on every change)."""
    rank = task.rank
    return (not actionable, task.status is not Status.DOING,
            _QUADRANT_RANK[(task.urgent, task.important)], rank is None, rank if rank is not None else 0.0,
            task.reply_by or _FAR, task.due or _FAR, task.created, task.id or 0)


def _first(item: tuple) -> tuple:
    return item[0]


# --- filtering ---------------------------------------------------------------------------------

DONE_WORD = "done:"  # a filter word, the same in every language (like @client and #batch)


def _slug(name: str) -> str:
    return client_slug(name)


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """`/` in the queue: free words match the title and notes; `@acme` a client (name prefix),
    `#email` a batch (prefix). Words are ANDed; several @ or several # are ORed. `done:` shows
    the done tasks still in the data file (the last 30 days) instead of the open ones."""

    words: tuple[str, ...] = ()
    clients: tuple[str, ...] = ()
    batches: tuple[str, ...] = ()
    text: str = ""
    done: bool = False

    @classmethod
    def parse(cls, text: str) -> TaskFilter:
        words: list[str] = []
        clients: list[str] = []
        batches: list[str] = []
        done = False
        for word in text.split():
            if word.casefold() == DONE_WORD:
                done = True
            elif word.startswith("@") and len(word) > 1:
                clients.append(_slug(word[1:]))
            elif word.startswith("#") and len(word) > 1:
                batches.append(word[1:].lower())
            else:
                words.append(word.casefold())
        return cls(tuple(words), tuple(clients), tuple(batches), " ".join(text.split()), done)

    @property
    def is_empty(self) -> bool:
        """Nothing to match: every open task is shown."""
        return not (self.words or self.clients or self.batches or self.done)

    def matches(self, task: Task, client: Client | None) -> bool:
        if self.batches and not any(task.batch.startswith(b) for b in self.batches):
            return False
        if self.clients:
            if client is None or not any(_slug(client.name).startswith(c) for c in self.clients):
                return False
        if self.words:
            hay = (task.title + " " + task.notes).casefold()
            if not all(w in hay for w in self.words):
                return False
        return True


# --- views -------------------------------------------------------------------------------------


class View(enum.StrEnum):
    CLIENT = "client"
    BATCH = "batch"
    EISENHOWER = "eisenhower"
    DEADLINES = "deadlines"

    def following(self) -> View:
        members = list(View)
        return members[(members.index(self) + 1) % len(members)]


class GroupKind(enum.StrEnum):
    CLIENT = "client"
    BATCH = "batch"
    QUADRANT = "quadrant"
    DAY = "day"  # deadlines on one day (my zone)
    EARLIER = "earlier"  # deadlines on days before today


@dataclass(frozen=True, slots=True)
class Group:
    kind: GroupKind
    depth: int = 0  # 0: a queue; 1: a batch inside a client's queue
    client: Client | None = None
    batch: str | None = None
    quadrant: Quadrant | None = None
    day: date | None = None
    actionable: int = 0  # the VA's moves in it
    total: int = 0  # every open task in it

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.client.id if self.client else ''}:{self.batch or ''}:{self.quadrant or ''}:{self.day or ''}"


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the queue: a group header (task None) or a task (with the group it sits in)."""

    group: Group
    task: Task | None = None
    client: Client | None = None  # the task's client

    @property
    def is_header(self) -> bool:
        return self.task is None


@dataclass(frozen=True, slots=True)
class QueueCount:
    label: str  # a client name, batch name, quadrant value or "deadlines"
    count: int  # actionable tasks


@dataclass(frozen=True)
class QueueView:
    view: View
    rows: tuple[Row, ...]
    counts: tuple[QueueCount, ...]  # per queue of this view, in display order
    batch: str | None = None  # the batch shown in batch mode
    batches: tuple[str, ...] = ()  # batches with open tasks, for cycling
    open_total: int = 0  # open tasks that passed the filter
    _index: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({r.task.id: i for i, r in enumerate(self.rows) if r.task is not None and r.task.id is not None})

    def index_of(self, task_id: int | None) -> int | None:
        return self._index.get(task_id) if task_id is not None else None

    def tasks(self) -> list[Task]:
        return [r.task for r in self.rows if r.task is not None]


def batch_order(batches: Iterable[str]) -> list[str]:
    """The default batches in their usual order, then the user's own alphabetically."""
    found = set(batches)
    known = [b for b in DEFAULT_BATCHES if b in found]
    return known + sorted(found - set(known))


def deadline_of(task: Task) -> datetime | None:
    """The sooner of reply-by and due (what the deadlines view sorts on)."""
    found = [d for d in (task.reply_by, task.due) if d is not None]
    return min(found) if found else None


def build_view(view: View, tasks: Iterable[Task], clients: Mapping[int, Client], today: date, *,
               my_zone: str = "UTC", task_filter: TaskFilter | None = None, batch: str | None = None) -> QueueView:
    """The rows of one view over the open tasks (an archived client's are left out)."""
    flt = task_filter or TaskFilter()
    everything = flt.is_empty
    items: list[tuple[Task, Client | None]] = []
    all_batches: set[str] = set()
    for t in tasks:
        if (t.status is Status.DONE) is not flt.done:
            continue
        c = clients.get(t.client_id) if t.client_id is not None else None
        if c is not None and c.archived:
            continue  # a former client's tasks leave the queues with the client
        if everything or flt.matches(t, c):
            items.append((t, c))
            all_batches.add(t.batch)
    # Whether each task is the VA's move, worked out once (the sort and every group count use it).
    acts = {id(t) for t, _c in items if is_actionable(t, today)}
    keyed = sorted(((_flat_view_key(t, id(t) in acts), t, c) for t, c in items), key=_first)
    batches = tuple(batch_order(all_batches))
    if view is View.CLIENT:
        rows, counts = _by_client(keyed, acts)
    elif view is View.BATCH:
        if batch not in all_batches:
            batch = _first_batch(keyed, batches)
        rows, counts = _by_batch(keyed, batch, batches, acts)
    elif view is View.EISENHOWER:
        rows, counts = _by_quadrant(keyed, acts)
    else:
        rows, counts = _by_deadline(items, today, ZoneInfo(my_zone), acts)
    return QueueView(view, tuple(rows), tuple(counts), batch if view is View.BATCH else None, batches, len(items))


def _first_batch(keyed: list, batches: tuple[str, ...]) -> str | None:
    """Batch mode opens on the batch of the next task."""
    return keyed[0][1].batch if keyed else (batches[0] if batches else None)


def _counts(group_tasks: Sequence[tuple[Task, Client | None]], acts: set[int]) -> tuple[int, int]:
    """(the VA's moves, all) in a group; `acts` holds id() of the actionable tasks."""
    return sum(1 for t, _c in group_tasks if id(t) in acts), len(group_tasks)


def _by_client(keyed: list, acts: set[int]) -> tuple[list[Row], list[QueueCount]]:
    per_client: dict[int | None, list[tuple[Task, Client | None]]] = {}
    for _k, t, c in keyed:
        per_client.setdefault(c.id if c else None, []).append((t, c))
    order = sorted(per_client, key=lambda cid: (cid is None, per_client[cid][0][1].key if cid is not None else ""))
    rows: list[Row] = []
    counts: list[QueueCount] = []
    for cid in order:
        group_tasks = per_client[cid]
        client = group_tasks[0][1]
        act, total = _counts(group_tasks, acts)
        head = Group(GroupKind.CLIENT, 0, client=client, actionable=act, total=total)
        rows.append(Row(head))
        counts.append(QueueCount(client.name if client else "", act))
        per_batch: dict[str, list[tuple[Task, Client | None]]] = {}
        for t, c in group_tasks:  # already in rule order: batches come in the order of their next task
            per_batch.setdefault(t.batch, []).append((t, c))
        for name, batch_tasks in per_batch.items():
            act, total = _counts(batch_tasks, acts)
            sub = Group(GroupKind.BATCH, 1, client=client, batch=name, actionable=act, total=total)
            rows.append(Row(sub))
            rows.extend(Row(sub, t, c) for t, c in batch_tasks)
    return rows, counts


def _by_batch(keyed: list, batch: str | None, batches: tuple[str, ...], acts: set[int]) -> tuple[list[Row], list[QueueCount]]:
    per_batch: dict[str, list[tuple[Task, Client | None]]] = {b: [] for b in batches}
    for _k, t, c in keyed:
        per_batch[t.batch].append((t, c))
    counts = [QueueCount(b, _counts(per_batch[b], acts)[0]) for b in batches]
    if batch is None:
        return [], counts
    group_tasks = per_batch.get(batch, [])
    act, total = _counts(group_tasks, acts)
    head = Group(GroupKind.BATCH, 0, batch=batch, actionable=act, total=total)
    return [Row(head), *(Row(head, t, c) for t, c in group_tasks)], counts


def _by_quadrant(keyed: list, acts: set[int]) -> tuple[list[Row], list[QueueCount]]:
    per_q: dict[Quadrant, list[tuple[Task, Client | None]]] = {q: [] for q in Quadrant}
    for _k, t, c in keyed:
        per_q[t.quadrant].append((t, c))
    rows: list[Row] = []
    counts: list[QueueCount] = []
    for q in Quadrant:
        act, total = _counts(per_q[q], acts)
        head = Group(GroupKind.QUADRANT, 0, quadrant=q, actionable=act, total=total)
        rows.append(Row(head))
        rows.extend(Row(head, t, c) for t, c in per_q[q])
        counts.append(QueueCount(q.value, act))
    return rows, counts


def _by_deadline(items: list[tuple[Task, Client | None]], today: date, tz: ZoneInfo,
                 acts: set[int]) -> tuple[list[Row], list[QueueCount]]:
    dated = [(deadline_of(t), t, c) for t, c in items]
    dated = sorted(((d, t, c) for d, t, c in dated if d is not None), key=lambda x: (x[0], sort_key(x[1])))
    per_day: dict[date | None, list[tuple[Task, Client | None]]] = {}
    for d, t, c in dated:
        day = d.astimezone(tz).date()
        per_day.setdefault(None if day < today else day, []).append((t, c))
    rows: list[Row] = []
    for day, group_tasks in per_day.items():
        act, total = _counts(group_tasks, acts)
        head = Group(GroupKind.EARLIER if day is None else GroupKind.DAY, 0, day=day, actionable=act, total=total)
        rows.append(Row(head))
        rows.extend(Row(head, t, c) for t, c in group_tasks)
    act = sum(1 for _d, t, _c in dated if id(t) in acts)
    return rows, [QueueCount("deadlines", act)]


def next_in_view(qv: QueueView, today: date, at_row: int | None = None,
                 pressing_until: datetime | None = None) -> Task | None:
    """What `n` picks: by the rule, among the VA's moves in the view's current queue (the client
    under the cursor in the per-client view; the soonest deadline in the deadlines view; the
    whole view otherwise)."""
    rows: Sequence[Row] = qv.rows
    if qv.view is View.CLIENT and at_row is not None and 0 <= at_row < len(rows):
        client = rows[at_row].group.client
        rows = [r for r in rows if r.group.client == client]
    candidates = [r.task for r in rows if r.task is not None and is_actionable(r.task, today)]
    if not candidates:
        return None
    if qv.view is View.DEADLINES:
        return candidates[0]
    return min(candidates, key=lambda t: sort_key(t, pressing_until))


# --- manual reordering -------------------------------------------------------------------------


def _compartment(task: Task) -> tuple[bool, int]:
    return (task.status is not Status.DOING, task.quadrant.rank)


def move_task(tasks: Iterable[Task], moving: Task, anchor: Task, *, before: bool, today: date) -> list[Task]:
    """Put `moving` just before (or after) `anchor` in the rule's order by giving ranks; returns the
    tasks whose rank changed (to save). Ranks are 1, 2, 3 ... over the start of the quadrant, so a
    swap of two ranked tasks changes two records. Both tasks must be the VA's moves in one quadrant."""
    if moving.id == anchor.id:
        return []
    if not (is_actionable(moving, today) and is_actionable(anchor, today)):
        raise ValidationError(_("only tasks that are your move can be reordered (not waiting or deferred ones)"),
                              field="rank")
    if _compartment(moving) != _compartment(anchor):
        raise ValidationError(_("tasks keep to their quadrant: change urgent/important to move one across"),
                              field="rank")
    peers = sorted((t for t in tasks if is_actionable(t, today) and _compartment(t) == _compartment(moving)
                    and t.id != moving.id), key=sort_key)
    ids = [t.id for t in peers]
    if anchor.id not in ids:
        raise ValidationError(_("the task to move past is no longer open"), field="rank")
    at = ids.index(anchor.id) + (0 if before else 1)
    peers.insert(at, moving)
    last_ranked = max((i for i, t in enumerate(peers) if t.rank is not None), default=-1)
    upto = max(at, last_ranked, ids.index(anchor.id) + (1 if before else 0))
    changed: list[Task] = []
    for i, t in enumerate(peers[: upto + 1]):
        if t.rank != float(i + 1):
            changed.append(replace(t, rank=float(i + 1)))
    return changed


def defer_day(now: datetime, my_zone: str, days: int = 1) -> date:
    """"Defer to tomorrow": the day after today in my zone."""
    return now.astimezone(ZoneInfo(my_zone)).date() + timedelta(days=days)
