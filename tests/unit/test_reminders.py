"""Reminders at fixed instants: once per task and lead, missed while closed, none for done tasks,
recorded in the store across restarts, sent through the notification chain."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from vatui.core.models import Client, Status, Task
from vatui.core.reminders import check, upcoming
from vatui.store import Store
from vatui.store.reminder_log import fired_keys
from vatui.timers.reminder_watch import ReminderWatch

UTC = timezone.utc
LEADS = (timedelta(hours=1), timedelta(minutes=15))
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def task(id=1, due=None, reply=None, status=Status.TODO, created=T0) -> Task:
    return Task(f"Task {id}", created=created, client_id=None, due=due, reply_by=reply, status=status, id=id)


def test_each_lead_fires_once_at_its_moment():
    t = task(due=T0 + timedelta(hours=3))
    assert check([t], T0 + timedelta(hours=1, minutes=59), LEADS, set()).due == ()
    first = check([t], T0 + timedelta(hours=2), LEADS, set(), since=T0 + timedelta(hours=1, minutes=59))
    assert [(r.kind, r.lead) for r in first.due] == [("due", timedelta(hours=1))]
    assert first.missed == ()
    again = check([t], T0 + timedelta(hours=2, minutes=1), LEADS, set(first.fired), since=T0 + timedelta(hours=2))
    assert again.due == () and again.fired == ()
    second = check([t], T0 + timedelta(hours=2, minutes=45), LEADS, set(first.fired),
                   since=T0 + timedelta(hours=2, minutes=44))
    assert [r.lead for r in second.due] == [timedelta(minutes=15)]


def test_reply_by_and_due_are_separate_reminders():
    t = task(due=T0 + timedelta(hours=2), reply=T0 + timedelta(hours=2))
    got = check([t], T0 + timedelta(hours=1), LEADS, set(), since=T0 + timedelta(minutes=59))
    assert sorted(r.kind for r in got.due) == ["due", "reply"]


def test_none_for_done_tasks():
    t = task(due=T0 + timedelta(hours=2), status=Status.DONE)
    assert check([t], T0 + timedelta(hours=1), LEADS, set(), since=T0).fired == ()
    assert upcoming([t], T0, LEADS) == []


def test_missed_while_closed_shows_once_and_only_the_latest_lead():
    t = task(due=T0 + timedelta(hours=2))
    start = T0 + timedelta(hours=1, minutes=30)  # the 1h moment passed while closed, the 15m one not yet
    got = check([t], start, LEADS, set())  # the first check after start: since unknown
    assert got.due == ()
    assert [r.lead for r in got.missed] == [timedelta(hours=1)]
    later = T0 + timedelta(hours=3)  # closed again over the 15m moment and the deadline
    got2 = check([t], later, LEADS, set(got.fired))
    assert [r.lead for r in got2.missed] == [timedelta(minutes=15)]
    assert check([t], later, LEADS, set(got.fired) | set(got2.fired)).missed == ()


def test_both_leads_missed_read_as_one():
    t = task(due=T0 + timedelta(hours=2))
    both = check([t], T0 + timedelta(hours=1, minutes=55), LEADS, set(), since=None)
    assert len(both.missed) == 1 and both.missed[0].lead == timedelta(minutes=15)
    assert len(both.fired) == 2  # the 1h one is recorded too: it never comes back


def test_no_reminder_before_the_task_existed_and_old_ones_are_not_searched():
    t = task(due=T0 + timedelta(minutes=30), created=T0)  # the 1h moment is before its creation
    assert [r.lead for r in upcoming([t], T0, LEADS)] == [timedelta(minutes=15)]
    old = task(id=2, due=T0 - timedelta(days=3), created=T0 - timedelta(days=10))
    assert check([old], T0, LEADS, set()).fired == ()


def test_moving_the_deadline_arms_the_reminder_again():
    t = task(due=T0 + timedelta(hours=2))
    fired = set(check([t], T0 + timedelta(hours=1), LEADS, set(), since=T0).fired)
    moved = task(due=T0 + timedelta(hours=5))
    assert [r.lead for r in check([moved], T0 + timedelta(hours=4), LEADS, fired, since=T0 + timedelta(hours=3)).due] == [
        timedelta(hours=1)]


def test_upcoming_lists_the_next_ones_in_order():
    a = task(1, due=T0 + timedelta(hours=3))
    b = task(2, reply=T0 + timedelta(hours=2))
    got = upcoming([a, b], T0, LEADS)
    assert [(r.task.id, r.kind, r.lead) for r in got] == [
        (2, "reply", timedelta(hours=1)), (2, "reply", timedelta(minutes=15)),
        (1, "due", timedelta(hours=1)), (1, "due", timedelta(minutes=15))]


class FakeNotifier:
    def __init__(self):
        self.sent = []

    def send(self, title, body, *, in_app_only=False):
        self.sent.append((title, body, in_app_only))


def test_watch_sends_records_and_survives_a_restart(tmp_path):
    path = tmp_path / "data.json"
    store = Store(path)
    acme = store.clients.add(Client(name="Acme", tz="America/New_York"))
    store.tasks.add(Task("Send the deck", created=T0, client_id=acme.id, due=T0 + timedelta(hours=2)))
    store.tasks.add(Task("Old news", created=T0, due=T0 + timedelta(hours=2), status=Status.DONE,
                         done_at=T0 + timedelta(minutes=5)))
    notifier = FakeNotifier()
    watch = ReminderWatch(store, LEADS, notifier)
    assert watch.tick(T0 + timedelta(minutes=30)) == []
    watch.tick(T0 + timedelta(hours=1))
    assert notifier.sent == [("Due in 1h", "Send the deck · Acme", False)]
    watch.tick(T0 + timedelta(hours=1, seconds=30))  # same minute: nothing
    assert len(notifier.sent) == 1
    store.close()

    reopened = Store(path)
    assert len(fired_keys(reopened)) == 1
    notifier2 = FakeNotifier()
    ReminderWatch(reopened, LEADS, notifier2).tick(T0 + timedelta(hours=1, minutes=50))  # closed over the 15m one
    assert notifier2.sent == [("Missed while vatui was closed", "Due 11:00: Send the deck · Acme", True)]  # its deadline, UTC
    notifier3 = FakeNotifier()
    ReminderWatch(Store(path), LEADS, notifier3).tick(T0 + timedelta(hours=1, minutes=55))
    assert notifier3.sent == []  # shown once


def test_many_missed_reminders_make_one_short_note():
    from vatui.timers.reminder_watch import MISSED_SHOWN, notices

    tasks = [task(id=n, due=T0 + timedelta(hours=n)) for n in range(1, 13)]
    got = check(tasks, T0 + timedelta(days=1), LEADS, set())
    (note,) = notices(got.due, got.missed, {})
    lines = note.body.splitlines()
    assert note.in_app_only and len(lines) == MISSED_SHOWN + 1
    assert lines[0].startswith("Due 10:00: Task 1") and lines[-1] == "… and 7 more (vatui today lists what is due)"
