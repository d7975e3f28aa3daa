"""Write a deterministic heavy year of VA data through vatui's own store.

    python benchmarks/make_year.py OUT.json [--scale N] [--seed S] [--add-many]

At scale 1: 50 clients over 30 time zones (+5:30, +5:45, half-hour DST, both hemispheres),
5,000 open and 15,000 done tasks, 20,000 time entries, a year of time blocks (five per weekday)
and six templates (three day plans, three checklists). `--scale N` multiplies every count and
spreads the history over N years (ten years of the same heavy use at N=10).

Everything is derived from a fixed "now" (Mon 2026-11-23 13:00 UTC, the tests' frozen instant)
and a seeded random generator, so the same arguments give the same file byte for byte.

Every record is built as a vatui.core.models record (so it passes the models' validation) and
written through vatui.store.Store inside one transaction (one atomic write). Small tables go
through `add_many`. Tasks and entries go through `replace_all` (the store's import path) with
ids assigned here, because `add_many` finds each new id with a max() over the whole table, which
makes a bulk add quadratic: 20,000 entries take ~13 s that way, 200,000 would take half an hour.
`--add-many` uses add_many for every table anyway (to time it).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from vatui.core.clock import FixedClock
from vatui.core.hours import WeekHours
from vatui.core.models import (
    CLIENT_COLOURS,
    DEFAULT_BATCHES,
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
from vatui.store import Store
from vatui.store.history import archive_old

NOW = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)
MY_ZONE = ZoneInfo("Europe/Bucharest")

# 30 zones: both hemispheres, DST north and south, +5:30 (Kolkata), +5:45 (Kathmandu),
# +9:30/+10:30 (Adelaide), -3:30/-2:30 (St John's), +10:30/+11 (Lord Howe, half-hour DST).
ZONES: list[tuple[str, str, str]] = [  # (zone, city, currency)
    ("Australia/Sydney", "Sydney", "AUD"),
    ("Australia/Perth", "Perth", "AUD"),
    ("Australia/Adelaide", "Adelaide", "AUD"),
    ("Australia/Lord_Howe", "Lord Howe Island", "AUD"),
    ("Pacific/Auckland", "Auckland", "NZD"),
    ("Asia/Kolkata", "Mumbai", "INR"),
    ("Asia/Kathmandu", "Kathmandu", "NPR"),
    ("Asia/Tokyo", "Tokyo", "JPY"),
    ("Asia/Singapore", "Singapore", "SGD"),
    ("Asia/Dubai", "Dubai", "AED"),
    ("Asia/Manila", "Manila", "PHP"),
    ("Asia/Tehran", "Tehran", "USD"),
    ("Europe/London", "London", "GBP"),
    ("Europe/Bucharest", "Bucharest", "RON"),
    ("Europe/Berlin", "Berlin", "EUR"),
    ("Europe/Lisbon", "Lisbon", "EUR"),
    ("Europe/Istanbul", "Istanbul", "TRY"),
    ("Africa/Johannesburg", "Cape Town", "ZAR"),
    ("Africa/Lagos", "Lagos", "NGN"),
    ("Africa/Nairobi", "Nairobi", "KES"),
    ("America/New_York", "New York", "USD"),
    ("America/Chicago", "Chicago", "USD"),
    ("America/Denver", "Denver", "USD"),
    ("America/Los_Angeles", "Los Angeles", "USD"),
    ("America/St_Johns", "St. John's", "CAD"),
    ("America/Toronto", "Toronto", "CAD"),
    ("America/Mexico_City", "Mexico City", "MXN"),
    ("America/Sao_Paulo", "São Paulo", "BRL"),
    ("America/Santiago", "Santiago", "CLP"),
    ("Pacific/Honolulu", "Honolulu", "USD"),
]
assert len(ZONES) == 30 and len({z for z, _, _ in ZONES}) == 30

HOURS = [
    "mon-fri 09:00-17:00",
    "mon-fri 08:30-12:30 13:30-17:30",
    "mon-thu 09:00-18:00; fri 09:00-13:00",
    "mon-fri 10:00-18:30; sat 10:00-14:00",
    "sun-thu 09:00-17:00",
    "mon-fri 07:00-15:00",
]
NAME_A = ["Bondi", "Regent", "Hudson", "Masala", "Harbour", "Summit", "Cedar", "Coral", "Granite", "Juniper",
          "Lantern", "Meadow", "Nimbus", "Orchid", "Pioneer", "Quartz", "Riverside", "Saffron", "Tandem", "Umber"]
NAME_B = ["Bakes", "Law", "Realty", "Media", "Dental", "Studio", "Logistics", "Coaching", "Florists", "Events",
          "Accounting", "Travel", "Fitness", "Architects", "Imports", "Vets", "Clinic", "Agency", "Labs", "Crafts"]
VERBS = ["Reply to", "Draft", "Schedule", "Chase", "Update", "Book", "Prepare", "Review", "Send", "File",
         "Research", "Reconcile", "Post", "Confirm", "Proofread", "Call about"]
OBJECTS = ["the supplier enquiry", "next week's posts", "invoice #{n}", "the price list", "Google reviews",
           "the venue shortlist", "the partner inbox", "Thursday's meeting", "the monthly time report",
           "the translator quote", "engagement letters", "hearing reminders", "buyer questions",
           "open-house slots", "listing photos", "CRM plans", "the lead spreadsheet", "the newsletter proof",
           "the content calendar", "travel for the offsite", "receipts for {month}", "the podcast guest list"]
NOTES = ["", "", "", "Client prefers WhatsApp.", "See the shared drive folder.",
         "Waiting for the signed copy.", "Use the new template; the old one has the wrong logo."]


@dataclass
class Counts:
    clients: int
    open_tasks: int
    done_tasks: int
    entries: int
    years: int
    blocks_per_day: int = 5

    @classmethod
    def at(cls, scale: float) -> Counts:
        """Every count times `scale` (a fraction makes a small file for tests); history over
        `scale` years, at least one."""
        def n(base: int, least: int = 1) -> int:
            return max(least, round(base * scale))

        return cls(clients=n(50, 4), open_tasks=n(5000), done_tasks=n(15000), entries=n(20000),
                   years=max(1, round(scale)))


def _utc(day: date, zone: ZoneInfo, minute: int) -> datetime:
    """Local wall time `minute` minutes after midnight on `day` in `zone`, as UTC."""
    return datetime.combine(day, dtime(minute // 60, minute % 60), zone).astimezone(timezone.utc)


def make_clients(rng: random.Random, n: int) -> list[Client]:
    clients = []
    for i in range(n):
        zone, city, currency = ZONES[i % len(ZONES)]
        a, b = NAME_A[i % len(NAME_A)], NAME_B[(i * 7 + i // len(NAME_A)) % len(NAME_B)]
        name = f"{a} {b}" if i < len(NAME_A) * len(NAME_B) else f"{a} {b} {i}"
        rate = Decimal(rng.choice([25, 32, 40, 45, 55, 60, 75])) if currency not in ("INR", "JPY", "CLP", "NPR") \
            else Decimal(rng.choice([1500, 2500, 4000]))
        clients.append(Client(
            name=name, tz=zone, city=city, hours=WeekHours.parse(HOURS[i % len(HOURS)]),
            colour=CLIENT_COLOURS[i % len(CLIENT_COLOURS)], rate=rate, currency=currency,
            reply_by_hours=rng.choice([4, 8, 24, 24, 48]), notes=rng.choice(NOTES),
        ))
    return clients


def _title(rng: random.Random, n: int) -> str:
    month = (NOW - timedelta(days=rng.randrange(365))).strftime("%B")
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS).format(n=1000 + n, month=month)}"


def make_tasks(rng: random.Random, counts: Counts, client_ids: list[int], first_id: int) -> list[Task]:
    tasks: list[Task] = []
    span = 365 * counts.years
    open_statuses = [Status.TODO] * 7 + [Status.DOING, Status.WAITING, Status.DEFERRED]
    for n in range(counts.open_tasks + counts.done_tasks):
        done = n >= counts.open_tasks
        batch = DEFAULT_BATCHES[rng.randrange(len(DEFAULT_BATCHES))]
        client = client_ids[rng.randrange(len(client_ids))] if rng.random() < 0.95 else None
        if done:
            done_at = NOW - timedelta(minutes=rng.randrange(1, span * 1440))
            created = done_at - timedelta(minutes=rng.randrange(10, 14 * 1440))
            status, defer = Status.DONE, None
        else:
            done_at = None
            created = NOW - timedelta(minutes=rng.randrange(10, 90 * 1440))
            status = open_statuses[rng.randrange(len(open_statuses))]
            defer = (NOW + timedelta(days=rng.randrange(1, 30))).date() if status is Status.DEFERRED else None
        due = due_zone = None
        if rng.random() < 0.6:
            zone_name = ZONES[rng.randrange(len(ZONES))][0] if rng.random() < 0.5 else "Europe/Bucharest"
            anchor = (done_at or NOW) + timedelta(days=rng.randrange(-10, 21))
            day = anchor.astimezone(ZoneInfo(zone_name)).date()
            due = datetime.combine(day, dtime(rng.choice([9, 12, 17, 18])), ZoneInfo(zone_name)).astimezone(timezone.utc)
            due_zone = zone_name
        reply_by = created + timedelta(hours=rng.choice([4, 8, 24, 48])) if batch == "email" else None
        checklist: tuple[ChecklistItem, ...] = ()
        if rng.random() < 0.15:
            checklist = tuple(ChecklistItem(f"Step {k + 1}", done or k < rng.randrange(3)) for k in range(rng.randrange(2, 6)))
        tasks.append(Task(
            title=_title(rng, n), created=created, client_id=client, batch=batch,
            urgent=rng.random() < 0.3, important=rng.random() < 0.5,
            estimate=timedelta(minutes=rng.choice([5, 10, 15, 20, 25, 30, 45, 60, 90])) if rng.random() < 0.8 else None,
            due=due, due_zone=due_zone, reply_by=reply_by, notes=rng.choice(NOTES), checklist=checklist,
            status=status, done_at=done_at, defer_until=defer,
            rank=float(n) if not done and rng.random() < 0.05 else None,
            id=first_id + n,
        ))
    return tasks


def make_entries(rng: random.Random, counts: Counts, client_ids: list[int], done_task_ids: list[int],
                 first_id: int) -> list[TimeEntry]:
    entries: list[TimeEntry] = []
    span = 365 * counts.years
    for n in range(counts.entries):
        day = (NOW - timedelta(days=rng.randrange(0, span))).astimezone(MY_ZONE).date()
        if day.weekday() >= 5 and rng.random() < 0.8:
            day -= timedelta(days=day.weekday() - 4)  # most weekend work moves to Friday
        minutes = rng.choice([5, 10, 15, 25, 25, 25, 30, 45, 50, 60, 90])
        start = _utc(day, MY_ZONE, rng.randrange(7 * 60, 20 * 60))
        end = start + timedelta(minutes=minutes)
        if end > NOW:
            start, end = NOW - timedelta(minutes=minutes + 60), NOW - timedelta(minutes=60)
        source = "pomodoro" if minutes in (25, 50) else rng.choice(["stopwatch", "manual", "stopwatch"])
        entries.append(TimeEntry(
            start=start, end=end, client_id=client_ids[rng.randrange(len(client_ids))],
            task_id=done_task_ids[rng.randrange(len(done_task_ids))] if rng.random() < 0.6 else None,
            billable=rng.random() < 0.85, note=rng.choice(NOTES), source=source, id=first_id + n,
        ))
    return entries


def make_blocks(rng: random.Random, counts: Counts, client_ids: list[int]) -> list[TimeBlock]:
    """Five blocks per weekday (in my zone) from N years back to two weeks ahead."""
    blocks: list[TimeBlock] = []
    today = NOW.astimezone(MY_ZONE).date()
    day = today - timedelta(days=365 * counts.years)
    while day <= today + timedelta(days=14):
        if day.weekday() < 5:
            minute = 8 * 60
            for _ in range(counts.blocks_per_day):
                length = rng.choice([30, 45, 60, 90, 120])
                if rng.random() < 0.7:
                    cid, batch = client_ids[rng.randrange(len(client_ids))], None
                else:
                    cid, batch = None, DEFAULT_BATCHES[rng.randrange(len(DEFAULT_BATCHES))]
                start = _utc(day, MY_ZONE, minute)
                blocks.append(TimeBlock(start=start, end=start + timedelta(minutes=length), client_id=cid, batch=batch,
                                        note=rng.choice(NOTES)))
                minute += length + rng.choice([0, 10, 15, 30])
        day += timedelta(days=1)
    return blocks


def make_templates(client_ids: list[int]) -> list[Template]:
    def day(items: list[tuple[int, int, int | None, str | None, str]]) -> tuple[DayTemplateItem, ...]:
        return tuple(DayTemplateItem(start_minute=h * 60, minutes=m, client_id=c, batch=b, note=note)
                     for h, m, c, b, note in items)

    def checklist(items: list[tuple[str, str, int, int]]) -> tuple[ChecklistTemplateItem, ...]:
        return tuple(ChecklistTemplateItem(title=t, batch=b, offset_days=d, estimate=timedelta(minutes=m))
                     for t, b, d, m in items)

    c = client_ids
    return [
        Template("day", "Standard Monday", day([(8, 60, c[0], None, "Sydney wrap-up"), (9, 30, None, "email", "Inboxes"),
                                                (10, 90, c[1], None, ""), (13, 45, None, "invoicing", ""),
                                                (14, 120, c[2 % len(c)], None, "US morning")])),
        Template("day", "Light Friday", day([(9, 60, None, "email", ""), (10, 60, None, "admin", "Weekly review"),
                                             (14, 60, c[3 % len(c)], None, "")])),
        Template("day", "Month end", day([(9, 120, None, "invoicing", "Invoices"), (11, 60, None, "email", ""),
                                          (14, 180, None, "invoicing", "Reconcile")])),
        Template("checklist", "New client onboarding", checklist([
            ("Send welcome email", "email", 0, 15), ("Set up shared drive", "admin", 0, 20),
            ("Book kick-off call", "calendar", 1, 10), ("Collect logins", "admin", 2, 30),
            ("First weekly report", "writing", 7, 30)])),
        Template("checklist", "Monthly invoicing", checklist([
            ("Export tracked time", "invoicing", 0, 10), ("Raise invoices", "invoicing", 0, 45),
            ("Chase last month's unpaid", "invoicing", 3, 20)])),
        Template("checklist", "Event planning", checklist([
            ("Shortlist venues", "research", 0, 60), ("Get quotes", "email", 2, 30), ("Book venue", "calls", 5, 20),
            ("Send invitations", "email", 7, 30), ("Confirm catering", "calls", 14, 15)])),
    ]


# A VA's recurring work: one open task in a hundred that has a due date repeats, by these rules in
# turn (no random draw, so the rest of the year is the same as without them), and five recurring
# blocks. What benchmarks/recurrence_bench.py expands at start.
RECURRING_RULES = ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=-1",
                   "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=WEEKLY;INTERVAL=2", "AFTER=3d", "FREQ=DAILY")
BLOCK_SERIES = (("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", 9 * 60, 30), ("FREQ=WEEKLY;BYDAY=MO", 10 * 60, 60),
                ("FREQ=WEEKLY;BYDAY=FR", 16 * 60, 45), ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", 14 * 60, 90),
                ("FREQ=WEEKLY;BYDAY=TU,TH", 8 * 60, 30))


def make_recurring(tasks: list[Task]) -> list[Task]:
    out, k = [], 0
    for n, t in enumerate(tasks):
        if t.status is not Status.DONE and t.due is not None and n % 100 == 0:
            t = replace(t, repeat=RECURRING_RULES[k % len(RECURRING_RULES)])
            k += 1
        out.append(t)
    return out


def block_series_state(client_ids: list[int]) -> list[dict]:
    today = NOW.astimezone(MY_ZONE).date()
    return [{"id": n + 1, "rule": rule, "start_minute": minute, "minutes": minutes,
             "anchor": (today - timedelta(days=200)).isoformat(), "through": (today + timedelta(days=14)).isoformat(),
             "client": client_ids[n % len(client_ids)], "batch": None, "note": f"series {n + 1}"}
            for n, (rule, minute, minutes) in enumerate(BLOCK_SERIES)]


def build(out: Path, *, scale: float = 1, seed: int = 8, add_many: bool = False,
          archive: bool = True) -> dict[str, float | int]:
    """Write the year to `out` (replaced atomically). Returns counts and timings."""
    counts = Counts.at(scale)
    rng = random.Random(seed)
    out = out.expanduser().absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    # Build beside the target so the store's lock file and backups folder do not litter it,
    # then move the finished file into place.
    work = Path(tempfile.mkdtemp(prefix=".make_year-", dir=out.parent))
    try:
        store = Store(work / "year.json", clock=FixedClock(NOW))
        with store.transaction():
            clients = store.clients.add_many(make_clients(rng, counts.clients))
            client_ids = [c.id for c in clients]  # type: ignore[misc]
            tasks = make_recurring(make_tasks(rng, counts, client_ids, first_id=1))
            done_ids = [t.id for t in tasks if t.status is Status.DONE]  # type: ignore[misc]
            entries = make_entries(rng, counts, client_ids, done_ids, first_id=1)
            blocks = make_blocks(rng, counts, client_ids)
            t_built = time.perf_counter()
            if add_many:
                store.tasks.add_many([_no_id(t) for t in tasks])
                store.entries.add_many([_no_id(e) for e in entries])
            else:
                store.tasks.replace_all(tasks)
                store.entries.replace_all(entries)
            store.blocks.add_many(blocks)
            store.templates.add_many(make_templates(client_ids))
            store.set_state("block_series", block_series_state(client_ids))
            t_added = time.perf_counter()
        t_written = time.perf_counter()
        moved = {"tasks": 0, "entries": 0, "blocks": 0}
        if archive:
            # What a year of daily use leaves: the cockpit archives finished work once a day, so the
            # hot file holds open tasks and recent history; the rest is in <stem>.archive/.
            moved = archive_old(store, NOW, MY_ZONE.key)
            store.set_state("archived_on", NOW.astimezone(MY_ZONE).date().isoformat())
        t_archived = time.perf_counter()
        os.replace(work / "year.json", out)
        target_archive = out.parent / f"{out.stem}.archive"
        shutil.rmtree(target_archive, ignore_errors=True)
        if (work / "year.archive").is_dir():
            os.replace(work / "year.archive", target_archive)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "scale": scale, "seed": seed, "clients": len(clients), "open_tasks": counts.open_tasks,
        "done_tasks": counts.done_tasks, "entries": len(entries), "blocks": len(blocks), "templates": 6,
        "bytes": out.stat().st_size, "build_s": round(t_built - t0, 3), "store_add_s": round(t_added - t_built, 3),
        "write_s": round(t_written - t_added, 3), "archive_s": round(t_archived - t_written, 3),
        "archived": sum(moved.values()), "total_s": round(t_archived - t0, 3),
    }


def _no_id(record):  # noqa: ANN001, ANN202
    from dataclasses import replace

    return replace(record, id=None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the data file to write (replaced if it exists)")
    parser.add_argument("--scale", type=float, default=1,
                        help="multiply every count and the years of history (default 1; 0.01 for a tiny file)")
    parser.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    parser.add_argument("--add-many", action="store_true",
                        help="add tasks and entries with add_many too")
    parser.add_argument("--no-archive", action="store_true",
                        help="keep the whole year in the hot file (as if vatui had never archived)")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    info = build(args.out, scale=args.scale, seed=args.seed, add_many=args.add_many, archive=not args.no_archive)
    print(f"{args.out}: {info['bytes'] / 1e6:.1f} MB, {info['clients']} clients, {info['open_tasks']} open + "
          f"{info['done_tasks']} done tasks, {info['entries']} entries, {info['blocks']} blocks, "
          f"{info['templates']} templates in {info['total_s']:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
