"""How close a task is to its reply-by promise and its due time, as data for the widgets.

- Reply-by: the time left counts the client's business hours only (a promise does not run out
  over the weekend, nor over the client's holidays). Due soon when at most `REPLY_SOON` of business time is left.
- Due: plain time left (a due time is a moment on the clock). Due soon within `DUE_SOON`.
- Overdue once the moment has passed; `left` is then negative (business time for reply-by).

With thousands of tasks the business-time arithmetic is done against one `BusinessCalendar` per
client (its open intervals over a window, with running totals), so each task costs a bisect.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from vatui.core.business import business_time_between, client_closed, open_intervals
from vatui.core.models import Client, Task

REPLY_SOON = timedelta(hours=2)  # business time left
DUE_SOON = timedelta(hours=3)  # clock time left
CALENDAR_BEFORE = timedelta(days=35)
CALENDAR_AFTER = timedelta(days=60)


class DeadlineState(enum.StrEnum):
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"

    @property
    def rank(self) -> int:  # most pressing first
        return {"overdue": 0, "soon": 1, "ok": 2}[self.value]


class DeadlineKind(enum.StrEnum):
    REPLY = "reply"
    DUE = "due"


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: DeadlineKind
    at: datetime  # UTC
    state: DeadlineState
    left: timedelta  # business time for reply-by, clock time for due; negative once overdue
    zone: str  # where to show `at`: the client's zone when there is a client


class BusinessCalendar:
    """A client's open intervals over [start, end), for fast business-time sums inside it.
    Outside the window it falls back to `business_time_between` (correct, just slower)."""

    def __init__(self, client: Client, start: datetime, end: datetime) -> None:
        self.client = client
        self.start, self.end = start, end
        self.closed = client_closed(client)  # holidays and the client's own closed days
        self.intervals = list(open_intervals(client.hours, client.tz, start, end, self.closed))
        self._starts = [a for a, _b in self.intervals]
        self._cum: list[timedelta] = [timedelta()]  # open time before interval i
        for a, b in self.intervals:
            self._cum.append(self._cum[-1] + (b - a))

    def _open_before(self, at: datetime) -> timedelta:
        """Open time in [start, at)."""
        i = bisect_right(self._starts, at)  # intervals starting at or before `at`
        if i == 0:
            return timedelta()
        a, b = self.intervals[i - 1]
        return self._cum[i - 1] + (min(at, b) - a)

    def between(self, a: datetime, b: datetime) -> timedelta:
        if not (self.start <= min(a, b) and max(a, b) <= self.end):
            return business_time_between(self.client.hours, self.client.tz, a, b, self.closed)
        return self._open_before(b) - self._open_before(a)


class CalendarCache:
    """Business calendars kept from one minute to the next: keyed by the client record (an edited
    client gets a new one) and rebuilt when the UTC day, and so the window, moves on."""

    def __init__(self) -> None:
        self._day: date | None = None
        self._calendars: dict[Client, BusinessCalendar] = {}

    def get(self, client: Client, now: datetime) -> BusinessCalendar:
        day = now.date()
        if day != self._day:
            self._day = day
            self._calendars.clear()
        cal = self._calendars.get(client)
        if cal is None:
            anchor = datetime.combine(day, time(0), timezone.utc)
            cal = BusinessCalendar(client, anchor - CALENDAR_BEFORE, anchor + CALENDAR_AFTER)
            self._calendars[client] = cal
        return cal


@dataclass
class DeadlineReader:
    """Deadlines of many tasks at one `now`: each client's calendar is built once (and kept in
    `cache` across readers when one is given)."""

    clients: Mapping[int, Client]
    now: datetime
    my_zone: str
    reply_soon: timedelta = REPLY_SOON
    due_soon: timedelta = DUE_SOON
    cache: CalendarCache = field(default_factory=CalendarCache)

    def calendar(self, client: Client) -> BusinessCalendar:
        return self.cache.get(client, self.now)

    def count_states(self, tasks: Iterable[Task]) -> tuple[int, int]:
        """(late, soon) over `tasks`, by their most pressing deadline; no records are built."""
        late = soon = 0
        now = self.now
        for task in tasks:
            reply, due = task.reply_by, task.due
            if reply is None and due is None:
                continue
            if (reply is not None and reply <= now) or (due is not None and due <= now):
                late += 1
                continue
            if due is not None and due - now <= self.due_soon:
                soon += 1
                continue
            if reply is not None:
                client = self.clients.get(task.client_id) if task.client_id is not None else None
                left = self.calendar(client).between(now, reply) if client else reply - now
                if left <= self.reply_soon:
                    soon += 1
        return late, soon

    def reply(self, task: Task) -> Deadline | None:
        if task.reply_by is None:
            return None
        client = self.clients.get(task.client_id) if task.client_id is not None else None
        if client is None:  # no business hours to count in: fall back to the clock
            left = task.reply_by - self.now
            zone_name = self.my_zone
        else:
            left = self.calendar(client).between(self.now, task.reply_by)
            zone_name = client.tz
        if task.reply_by <= self.now:
            state = DeadlineState.OVERDUE
        elif left <= self.reply_soon:
            state = DeadlineState.SOON
        else:
            state = DeadlineState.OK
        return Deadline(DeadlineKind.REPLY, task.reply_by, state, left, zone_name)

    def due(self, task: Task) -> Deadline | None:
        if task.due is None:
            return None
        left = task.due - self.now
        client = self.clients.get(task.client_id) if task.client_id is not None else None
        zone_name = client.tz if client else (task.due_zone or self.my_zone)
        if left <= timedelta(0):
            state = DeadlineState.OVERDUE
        elif left <= self.due_soon:
            state = DeadlineState.SOON
        else:
            state = DeadlineState.OK
        return Deadline(DeadlineKind.DUE, task.due, state, left, zone_name)

    def both(self, task: Task) -> tuple[Deadline, ...]:
        return tuple(d for d in (self.reply(task), self.due(task)) if d is not None)

    def pressing(self, task: Task) -> Deadline | None:
        """The deadline to show first: the worse state, then the sooner moment."""
        found = self.both(task)
        return min(found, key=lambda d: (d.state.rank, d.at)) if found else None


def deadlines_of(task: Task, client: Client | None, now: datetime, my_zone: str) -> tuple[Deadline, ...]:
    """One task's deadlines (for a form or the CLI); use DeadlineReader for many."""
    clients = {client.id: client} if client is not None and client.id is not None else {}
    return DeadlineReader(clients, now, my_zone).both(task)
