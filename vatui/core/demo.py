"""Realistic demo data, built around a given instant so the demo always looks like "today"."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

from vatui.core.checklists import make_checklist_template
from vatui.core.hours import WeekHours
from vatui.core.models import ChecklistItem, Client, Status, Task, Template, TimeBlock, TimeEntry


@dataclass
class DemoData:
    clients: list[Client]
    tasks: list[Task]  # client_id holds an index into `clients` until the store assigns ids
    blocks: list[TimeBlock]
    entries: list[TimeEntry]
    templates: list[Template] = field(default_factory=list)


DEMO_CLIENTS = [
    Client(name="Bondi Bakes", tz="Australia/Sydney", city="Sydney", colour="orange",
           rate=Decimal("55"), currency="AUD"),
    Client(name="Regent Law", tz="Europe/London", city="London", colour="purple",
           rate=Decimal("32"), currency="GBP", hours=WeekHours.parse("mon-fri 09:30-17:30")),
    Client(name="Hudson Realty", tz="America/New_York", city="New York", colour="blue",
           rate=Decimal("40"), currency="USD", reply_by_hours=8),
    Client(name="Masala Media", tz="Asia/Kolkata", city="Mumbai", colour="green",
           rate=Decimal("1500"), currency="INR", hours=WeekHours.parse("mon-fri 10:00-18:30; sat 10:00-14:00")),
]

# (client index, batch, title, urgent, important, estimate minutes, due in days or None)
_TASKS = [
    (0, "email", "Reply to wholesale enquiry from Manly cafe", True, True, 15, 0),
    (0, "social", "Schedule next week's Instagram posts", False, True, 60, 3),
    (0, "invoicing", "Chase overdue invoice #1042", True, False, 10, 1),
    (0, "admin", "Update supplier price list", False, False, 30, None),
    (0, "social", "Reply to Google reviews", False, True, 20, 2),
    (0, "calendar", "Book Christmas staff party venue", True, True, 30, 2),
    (1, "email", "Triage partner inbox", True, True, 30, 0),
    (1, "calendar", "Reschedule client meeting to Thursday", True, False, 10, 0),
    (1, "invoicing", "Prepare November time report", False, True, 45, 6),
    (1, "research", "Find a certified translator for the Lisbon case", False, True, 40, 4),
    (1, "admin", "File signed engagement letters", False, False, 20, None),
    (1, "email", "Send hearing reminders", True, False, 15, 1),
    (2, "email", "Answer buyer questions on 5th Ave listing", True, True, 20, 0),
    (2, "calls", "Confirm Saturday open-house slots", True, True, 25, 1),
    (2, "social", "Post new listing photos", False, True, 30, 1),
    (2, "research", "Compare three CRM plans", False, False, 60, 8),
    (2, "admin", "Update lead spreadsheet", False, False, 30, None),
    (2, "writing", "Draft listing description for Brooklyn loft", False, True, 45, 2),
    (2, "invoicing", "Reconcile October expenses", False, True, 40, 5),
    (3, "social", "Write captions for Diwali campaign recap", False, True, 40, 1),
    (3, "email", "Send weekly newsletter proof", True, True, 20, 0),
    (3, "research", "Shortlist five micro-influencers", False, True, 60, 4),
    (3, "admin", "Rename shared drive folders", False, False, 15, None),
    (3, "invoicing", "Raise invoice for November retainer", False, True, 15, 7),
    (3, "calendar", "Set up content calendar for December", False, True, 45, 3),
    (3, "writing", "Proofread blog post on festive recipes", False, False, 30, 2),
    (0, "email", "Confirm custom cake order details", True, True, 10, 0),
    (1, "research", "Check conflict list for new matter", True, True, 30, 0),
    (2, "email", "Send contract to new tenants", False, True, 15, 1),
    (3, "calls", "Call with founder about Q1 plan", False, True, 30, 2),
]


# Open tasks that are not the VA's move: one waiting on the client, one deferred to tomorrow.
_WAITING = {"Reconcile October expenses"}
_DEFERRED = {"Rename shared drive folders"}

DEMO_TEMPLATES = [
    ("Client onboarding", ["Send welcome email and intake form #email ~15m !i day:0",
                           "Collect logins and access #admin ~30m !i day:1",
                           "Kick-off call #calls ~45m !ui day:2",
                           "Set up shared drive and task board #admin ~30m day:3"]),
    ("Monthly report", ["Export time and expenses #invoicing ~20m !i day:0",
                        "Draft the monthly summary #writing ~45m !i day:1",
                        "Send the report and invoice #email ~15m !ui day:2"]),
    ("Social week", ["Plan the week's posts #social ~30m !i day:0",
                     "Write captions #social ~45m day:1",
                     "Schedule posts #social ~20m !i day:2",
                     "Reply to comments #social ~15m !u day:4"]),
]


def _local(day: datetime, zone: ZoneInfo, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hh, mm), zone).astimezone(timezone.utc)


def build_demo(now: datetime, my_zone: str) -> DemoData:
    zone = ZoneInfo(my_zone)
    local_now = now.astimezone(zone)
    clients = list(DEMO_CLIENTS)
    tasks: list[Task] = []
    for n, (ci, batch, title, urgent, important, est, due_days) in enumerate(_TASKS):
        created = now - timedelta(days=(n % 6) + 1, hours=n)
        due = None
        if due_days is not None:
            due = _local(local_now + timedelta(days=due_days), zone, 17)
        reply_by = now + timedelta(hours=(n % 5) * 7 - 3) if batch == "email" else None
        checklist = (
            (ChecklistItem("Draft", True), ChecklistItem("Client approval"), ChecklistItem("Publish"))
            if batch == "social" else ()
        )
        tasks.append(
            Task(title=title, created=created, client_id=ci, batch=batch, urgent=urgent, important=important,
                 estimate=timedelta(minutes=est), due=due, due_zone=my_zone if due else None,
                 reply_by=reply_by, checklist=checklist)
        )
    for n, t in enumerate(tasks):
        if t.title in _WAITING:
            tasks[n] = replace(t, status=Status.WAITING, notes="Waiting on the receipts from the client")
        elif t.title in _DEFERRED:
            tasks[n] = replace(t, status=Status.DEFERRED, defer_until=local_now.date() + timedelta(days=1))
    for n, (ci, title, batch) in enumerate(
        [(0, "Post weekend specials", "social"), (1, "Book courier for documents", "admin"),
         (2, "Send open-house flyer", "email"), (3, "Upload invoice to portal", "invoicing")]
    ):
        done_at = now - timedelta(days=n + 1, hours=2)
        tasks.append(Task(title=title, created=done_at - timedelta(days=2), client_id=ci, batch=batch,
                          status=Status.DONE, done_at=done_at, important=True))
    plan = [  # (start h, m, minutes, client index or None, batch, note)
        (8, 0, 50, 0, None, "Bondi end-of-day wrap-up"),
        (9, 0, 30, None, "email", "Inbox zero across clients"),
        (9, 40, 80, 1, None, "Regent morning: diary + hearings"),
        (11, 10, 60, 3, None, "Masala captions and newsletter"),
        (13, 0, 45, None, "invoicing", "Invoices and receipts"),
        (14, 0, 90, 2, None, "Hudson: buyers, open house"),
        (15, 40, 40, None, "social", "Scheduling posts"),
        (16, 30, 60, 2, None, "Hudson afternoon calls"),
    ]
    blocks = [
        TimeBlock(start=_local(local_now, zone, h, m), end=_local(local_now, zone, h, m) + timedelta(minutes=mins),
                  client_id=ci, batch=batch, note=note)
        for h, m, mins, ci, batch, note in plan
    ]
    entries: list[TimeEntry] = []
    for back in range(1, 8):
        day = local_now - timedelta(days=back)
        if day.weekday() >= 5:
            continue
        for k, (ci, h, mins) in enumerate([(1, 9, 50), (3, 11, 25), (2, 14, 75), (0, 16, 25), (2, 17, 25)]):
            start = _local(day, zone, h, (back * 7) % 30)
            entries.append(TimeEntry(start=start, end=start + timedelta(minutes=mins), client_id=ci,
                                     billable=k != 4, source="pomodoro" if mins == 25 else "stopwatch"))
    # Today so far, as a VA would have tracked it: each client block that has started, from 5
    # minutes in to 10 minutes before its end (or before now), so plan and actual differ.
    for b in blocks:
        if b.client_id is not None and b.start < now:
            end = min(b.end, now) - timedelta(minutes=10)
            if end > b.start + timedelta(minutes=10):
                entries.append(TimeEntry(start=b.start + timedelta(minutes=5), end=end, client_id=b.client_id,
                                         source="stopwatch"))
    templates = [make_checklist_template(name, items) for name, items in DEMO_TEMPLATES]
    return DemoData(clients, tasks, blocks, entries, templates)
