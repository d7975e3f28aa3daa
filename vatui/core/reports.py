"""Tracked time and billing for a period, and the weekly digest, as data.

The rules (README "Reports and billing" says the same to users):

- A period is a run of whole local days in MY zone (settings.me_zone): today, the week holding
  today (starting on settings.week_start), the month, or FROM..TO with both days included.
- Time is real elapsed time. Entries are aware UTC instants, so an entry across a DST change
  counts the hours that really passed (01:00-04:00 on a spring-forward night is 2 h).
- An entry across local midnight is split across the days by real elapsed time, and an entry
  partly inside the period counts only its part inside (its days inside).
- Billing: only billable entries of a known client are billed, at the client's current rate in
  the client's currency. Each entry's time is rounded UP on its own to the rounding unit (none,
  6 or 15 minutes). When a rounded entry spans several days, the extra time belongs to its last
  day (rounding up moves the end), so a month's billed time is the sum of its days' exactly.
- Money is exact Decimal (hours x rate) until it is shown: each row is its exact sum rounded
  once, half-up, to the currency's minor unit (`round_money`). A currency's total is what is
  invoiced: the sum of each client's rounded amount, so the rows of a by-client report add up to
  it (rows by task, batch or day may differ from it by a cent, as in Toggl). Totals are per
  currency and never added across currencies.
- One amount per entry (the CSV export, `entry_lines`): each client's entries, per currency and
  oldest first, share out the client's rounded amount by cumulative rounding (`spread_rounding`),
  so they add up to the client's row and to the total, each within a cent of its exact amount.

Periods (today, week, month, FROM..TO) are built in periods.py. Core never reads the clock:
callers pass `now`.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from vatui.core.business import zone
from vatui.core.models import Client, Status, Task, TimeEntry
from vatui.core.money import round_money, spread_rounding
from vatui.core.periods import Period, local_midnight, local_today
from vatui.core.queues import deadline_of, order_tasks

_US_PER_HOUR = Decimal(3_600_000_000)
Amounts = tuple[tuple[str, Decimal], ...]  # (currency, amount), sorted by currency code


class GroupBy(enum.StrEnum):
    CLIENT = "client"
    TASK = "task"
    BATCH = "batch"
    DAY = "day"


# --- billing arithmetic ------------------------------------------------------------------------


def _us(delta: timedelta) -> int:
    return delta // timedelta(microseconds=1)


def round_up(duration: timedelta, unit: timedelta | None) -> timedelta:
    """Round a duration UP to a whole number of `unit`s (no rounding when unit is None)."""
    if unit is None or duration <= timedelta(0):
        return duration
    step = _us(unit)
    return timedelta(microseconds=-(-_us(duration) // step) * step)


def hours(duration: timedelta) -> Decimal:
    """A duration as decimal hours, exact (to the microsecond): 1h30m -> Decimal('1.5')."""
    return Decimal(_us(duration)) / _US_PER_HOUR


def hours2(duration: timedelta) -> Decimal:
    """Decimal hours rounded half-up to hundredths, as invoices show them: 1h30m -> 1.50."""
    return hours(duration).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- entries cut into days ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """The part of one entry that falls on one local day."""

    entry: TimeEntry
    day: date
    start: datetime  # UTC
    end: datetime  # UTC
    client: Client | None  # None: no client, or a client that no longer exists
    task: Task | None
    billed: timedelta  # time billed for this piece (0 unless billable with a client)
    amount: Decimal | None  # exact, not rounded to cents; None when nothing is billed
    last: bool  # the piece holding the entry's end

    @property
    def tracked(self) -> timedelta:
        return self.end - self.start

    @property
    def billable(self) -> bool:
        return self.entry.billable and self.client is not None

    @property
    def currency(self) -> str | None:
        return self.client.currency if self.client is not None else None

    @property
    def batch(self) -> str | None:
        return self.task.batch if self.task is not None else None


def split_entry(entry: TimeEntry, zone_name: str) -> list[tuple[date, datetime, datetime]]:
    """The entry cut at local midnights: (day, start, end) per local day, in order."""
    tz = zone(zone_name)
    out: list[tuple[date, datetime, datetime]] = []
    start = entry.start
    while start < entry.end:
        day = start.astimezone(tz).date()
        midnight = local_midnight(day + timedelta(days=1), zone_name)
        end = min(midnight, entry.end)
        if end <= start:  # cannot happen with a sane tz database; never loop forever on one
            raise ValueError(f"zone {zone_name}: no midnight after {start.isoformat()}")
        out.append((day, start, end))
        start = end
    return out


def entry_pieces(entry: TimeEntry, zone_name: str, client: Client | None, task: Task | None,
                 rounding: timedelta | None) -> list[Piece]:
    """Every day-piece of an entry. Each piece bills its real time; the last also bills the
    rounding's extra time. Amounts are exact (not yet rounded to cents)."""
    parts = split_entry(entry, zone_name)
    billable = entry.billable and client is not None
    extra = round_up(entry.duration, rounding) - entry.duration if billable else timedelta(0)
    pieces: list[Piece] = []
    for n, (day, start, end) in enumerate(parts):
        last = n == len(parts) - 1
        billed = timedelta(0)
        amount: Decimal | None = None
        if billable and client is not None:
            billed = (end - start) + (extra if last else timedelta(0))
            amount = hours(billed) * client.rate
        pieces.append(Piece(entry, day, start, end, client, task, billed, amount, last))
    return pieces


def pieces_in(period: Period, entries: Iterable[TimeEntry], clients: Mapping[int, Client],
              tasks: Mapping[int, Task], rounding: timedelta | None,
              client_id: int | None = None) -> list[Piece]:
    """The day-pieces of every entry that fall inside the period, oldest first."""
    start, end = period.start, period.end
    out: list[Piece] = []
    for entry in entries:
        if entry.end <= start or entry.start >= end:
            continue
        if client_id is not None and entry.client_id != client_id:
            continue
        client = clients.get(entry.client_id) if entry.client_id is not None else None
        task = tasks.get(entry.task_id) if entry.task_id is not None else None
        for piece in entry_pieces(entry, period.zone, client, task, rounding):
            if period.first <= piece.day <= period.last:
                out.append(piece)
    out.sort(key=lambda p: (p.start, p.entry.id or 0))
    return out


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a report: a client, a task, a batch or a day."""

    client: Client | None = None  # by client and by task
    task: Task | None = None  # by task (None: time without a task)
    batch: str | None = None  # by batch (None: time without a task, so without a batch)
    day: date | None = None  # by day
    tracked: timedelta = timedelta(0)
    billable: timedelta = timedelta(0)  # tracked time of billable entries, before rounding
    billed: timedelta = timedelta(0)  # billable time after rounding
    amounts: Amounts = ()
    entries: int = 0  # how many entries have time in this row

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(c for c, _amount in self.amounts)

    def amount(self, currency: str) -> Decimal | None:
        return dict(self.amounts).get(currency)


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    by: GroupBy
    rows: tuple[Row, ...]
    rounding: timedelta | None
    tracked: timedelta = timedelta(0)
    billable: timedelta = timedelta(0)
    billed: timedelta = timedelta(0)
    totals: Amounts = ()  # per currency, never summed across
    pieces: tuple[Piece, ...] = field(default=(), repr=False)

    @property
    def empty(self) -> bool:
        return self.tracked == timedelta(0)


def _sum_amounts(pieces: Iterable[Piece]) -> Amounts:
    """Exact amounts added up per currency, then rounded once to the currency's minor unit."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for p in pieces:
        if p.amount is not None and p.currency is not None:
            sums[p.currency] += p.amount
    return tuple((c, round_money(a, c)) for c, a in sorted(sums.items()))


def _invoiced(pieces: Iterable[Piece]) -> Amounts:
    """Per currency, the sum of each client's rounded amount: what the invoices add up to."""
    by_client: dict[int | None, list[Piece]] = defaultdict(list)
    for p in pieces:
        by_client[p.client.id if p.client else None].append(p)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for ps in by_client.values():
        for currency, amount in _sum_amounts(ps):
            sums[currency] += amount
    return tuple(sorted(sums.items()))


def _row(pieces: list[Piece], **labels: object) -> Row:
    return Row(
        tracked=sum((p.tracked for p in pieces), timedelta(0)),
        billable=sum((p.tracked for p in pieces if p.billable), timedelta(0)),
        billed=sum((p.billed for p in pieces), timedelta(0)),
        amounts=_sum_amounts(pieces),
        entries=len({id(p.entry) for p in pieces}),
        **labels,  # type: ignore[arg-type]
    )


def _client_order(client: Client | None) -> tuple:
    return (client is None, client.key if client else "")


def build_report(period: Period, entries: Iterable[TimeEntry], *, clients: Mapping[int, Client],
                 tasks: Mapping[int, Task], by: GroupBy = GroupBy.CLIENT,
                 rounding: timedelta | None = None, client_id: int | None = None) -> Report:
    """Tracked time and amounts in `period`, one row per client, task, batch or day.

    By day, every day of the period has a row (zero when nothing was tracked). Other groupings
    list only what has time. `client_id` keeps one client's entries only.
    """
    pieces = pieces_in(period, entries, clients, tasks, rounding, client_id)
    groups: dict[object, list[Piece]] = defaultdict(list)
    rows: list[Row] = []
    if by is GroupBy.CLIENT:
        for p in pieces:
            groups[p.client.id if p.client else None].append(p)
        rows = [_row(ps, client=ps[0].client) for ps in groups.values()]
        rows.sort(key=lambda r: _client_order(r.client))
    elif by is GroupBy.TASK:
        for p in pieces:
            groups[(p.client.id if p.client else None, p.task.id if p.task else None)].append(p)
        rows = [_row(ps, client=ps[0].client, task=ps[0].task, batch=ps[0].batch) for ps in groups.values()]
        rows.sort(key=lambda r: (*_client_order(r.client), r.task is None, r.task.title.casefold() if r.task else ""))
    elif by is GroupBy.BATCH:
        for p in pieces:
            groups[p.batch].append(p)
        rows = [_row(ps, batch=b) for b, ps in groups.items()]  # type: ignore[arg-type]
        rows.sort(key=lambda r: (r.batch is None, r.batch or ""))
    else:
        for p in pieces:
            groups[p.day].append(p)
        rows = [_row(groups.get(d, []), day=d) for d in period.days]
    whole = _row(pieces)
    return Report(period, by, tuple(rows), rounding, whole.tracked, whole.billable, whole.billed,
                  _invoiced(pieces), tuple(pieces))


@dataclass(frozen=True, slots=True)
class EntryLine:
    """One entry's pieces inside a period, and its amount as one line of an export."""

    pieces: tuple[Piece, ...]  # in order; several when the entry crosses midnight
    amount: Decimal | None  # None when nothing is billed

    @property
    def entry(self) -> TimeEntry:
        return self.pieces[0].entry


def entry_lines(pieces: Iterable[Piece]) -> list[EntryLine]:
    """One line per entry, oldest first. A client's amounts in a currency are spread so that they
    add up to that client's rounded amount (and so to the report's total): 3 x 13.333.. USD is
    13.33, 13.34, 13.33, not 3 x 13.33 = 39.99 against a total of 40.00."""
    by_entry: dict[int, list[Piece]] = {}
    for p in pieces:
        by_entry.setdefault(id(p.entry), []).append(p)  # id(): entries not yet saved have no id
    groups = sorted(by_entry.values(), key=lambda ps: (ps[0].start, ps[0].entry.id or 0))
    columns: dict[tuple[int | None, str], list[int]] = defaultdict(list)  # (client, currency) -> group numbers
    exact: list[Decimal | None] = []
    for n, ps in enumerate(groups):
        amounts = [p.amount for p in ps if p.amount is not None]
        exact.append(sum(amounts, Decimal(0)) if amounts else None)
        if amounts and ps[0].currency is not None:
            columns[(ps[0].client.id if ps[0].client else None, ps[0].currency)].append(n)
    shown: list[Decimal | None] = [None] * len(groups)
    for (_client, currency), numbers in columns.items():
        for n, amount in zip(numbers, spread_rounding([exact[n] or Decimal(0) for n in numbers], currency)):
            shown[n] = amount
    return [EntryLine(tuple(ps), shown[n]) for n, ps in enumerate(groups)]


# --- the weekly digest -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Digest:
    """What a client is told about a week: done, time by batch, next, and waiting on them."""

    client: Client
    period: Period
    done: tuple[Task, ...]  # finished in the period, in the order they were finished
    by_batch: tuple[Row, ...]  # this client's time per batch (batch None: time without a task)
    tracked: timedelta
    billed: timedelta
    amount: Decimal | None  # in the client's currency; None when nothing was billable
    next_up: tuple[Task, ...]  # the client's next tasks, by the queue's ordering rule
    waiting: tuple[Task, ...]  # open and waiting on the client, oldest first
    closed_ahead: tuple[tuple[date, str], ...] = ()  # the client's holidays in its next 7 local days


def build_digest(client: Client, period: Period, *, now: datetime, tasks: Iterable[Task],
                 entries: Iterable[TimeEntry], rounding: timedelta | None = None, next_count: int = 5) -> Digest:
    own = [t for t in tasks if t.client_id == client.id]
    by_id = {t.id: t for t in own if t.id is not None}
    report = build_report(period, entries, clients={client.id: client} if client.id is not None else {},
                          tasks=by_id, by=GroupBy.BATCH, rounding=rounding, client_id=client.id)
    done = sorted((t for t in own if t.status is Status.DONE and t.done_at is not None and period.contains(t.done_at)),
                  key=lambda t: (t.done_at, t.id or 0))
    waiting = sorted((t for t in own if t.status is Status.WAITING), key=lambda t: (t.created, t.id or 0))
    today = local_today(now, period.zone)
    closed_ahead: list[tuple[date, str]] = []
    if client.holidays or client.closed:
        from vatui.core.client_holidays import client_calendar, upcoming

        closed_ahead = upcoming(client_calendar(client), local_today(now, client.tz), 7)
    return Digest(
        client=client,
        period=period,
        done=tuple(done),
        by_batch=report.rows,
        tracked=report.tracked,
        billed=report.billed,
        amount=report.totals[0][1] if report.totals else None,
        next_up=tuple(by_date(order_tasks(own, today)[:next_count])),
        waiting=tuple(waiting),
        closed_ahead=tuple(closed_ahead),
    )


def by_date(tasks: list[Task]) -> list[Task]:
    """The next tasks as a client reads them: by date (the sooner of reply-by and due), the
    undated ones after, in the order given."""
    undated = datetime.max.replace(tzinfo=timezone.utc)
    return sorted(tasks, key=lambda t: deadline_of(t) or undated)
