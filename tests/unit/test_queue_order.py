"""The documented ordering rule."""

from datetime import date, datetime, timedelta, timezone

from vatui.core.hours import WeekHours
from vatui.core.models import Status, Task
from vatui.core.queues import next_task, order_tasks, pressing_until

T0 = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)
TODAY = date(2026, 11, 23)


def task(title, **kw):
    return Task(title=title, created=kw.pop("created", T0), id=kw.pop("id", None), **kw)


def test_rule_order():
    tasks = [
        task("neither", created=T0 - timedelta(days=9)),
        task("urgent", urgent=True),
        task("important later due", important=True, due=T0 + timedelta(days=3)),
        task("important sooner due", important=True, due=T0 + timedelta(days=1)),
        task("important reply-by", important=True, reply_by=T0 + timedelta(days=5)),
        task("do", urgent=True, important=True),
        task("doing", status=Status.DOING),
    ]
    assert [t.title for t in order_tasks(tasks, TODAY)] == [
        "doing", "do", "important reply-by", "important sooner due", "important later due", "urgent", "neither"]


def test_manual_rank_on_top_within_quadrant():
    tasks = [task("a", important=True, id=1), task("b", important=True, rank=1.0, id=2), task("c", urgent=True, rank=0.5)]
    assert [t.title for t in order_tasks(tasks, TODAY)] == ["b", "a", "c"]


def test_waiting_done_and_deferred_are_not_next():
    tasks = [
        task("done", status=Status.DONE, urgent=True, important=True),
        task("waiting", status=Status.WAITING, urgent=True, important=True),
        task("deferred", status=Status.DEFERRED, defer_until=TODAY + timedelta(days=1), urgent=True),
        task("back today", status=Status.DEFERRED, defer_until=TODAY),
    ]
    assert next_task(tasks, TODAY).title == "back today"
    assert next_task([], TODAY) is None


# --- time pressure: late and due-before-my-day-ends come first -----------------------------------

NINE_TO_FIVE = WeekHours.parse("mon-fri 09:00-17:00")
BUCHAREST = "Europe/Bucharest"
MON_13_UTC = datetime(2026, 11, 23, 13, tzinfo=timezone.utc)  # Mon 15:00 in Bucharest: two working hours left


def test_the_end_of_my_working_day_is_when_deadlines_stop_pressing():
    assert pressing_until(MON_13_UTC, NINE_TO_FIVE, BUCHAREST) == datetime(2026, 11, 23, 15, tzinfo=timezone.utc)
    evening = datetime(2026, 11, 23, 18, tzinfo=timezone.utc)  # 20:00 there: the day's work is over
    assert pressing_until(evening, NINE_TO_FIVE, BUCHAREST) == evening
    saturday = datetime(2026, 11, 28, 10, tzinfo=timezone.utc)
    assert pressing_until(saturday, NINE_TO_FIVE, BUCHAREST) == saturday
    # Kolkata's +5:30: Monday 13:00 UTC is 18:30 there, after a 09:00-17:00 day
    assert pressing_until(MON_13_UTC, NINE_TO_FIVE, "Asia/Kolkata") == MON_13_UTC


def test_a_task_due_before_my_day_ends_beats_the_quadrant_order():
    # The reported case: "Invoice November (due Fri)" was picked over a task due today in 4 h.
    invoice = task("Invoice November", urgent=True, important=True, due=datetime(2026, 11, 27, 15, tzinfo=timezone.utc))
    call = task("Call supplier", due=MON_13_UTC + timedelta(hours=1))  # not urgent, not important: due 16:00 my time
    presses = pressing_until(MON_13_UTC, NINE_TO_FIVE, BUCHAREST)
    assert next_task([invoice, call], TODAY, presses).title == "Call supplier"
    assert next_task([invoice, call], TODAY).title == "Invoice November"  # without the clock: the quadrant rule


def test_late_tasks_come_first_then_today_by_deadline_then_the_quadrants():
    presses = pressing_until(MON_13_UTC, NINE_TO_FIVE, BUCHAREST)
    tasks = [
        task("do", urgent=True, important=True),
        task("reply by 16:30", reply_by=MON_13_UTC + timedelta(hours=1, minutes=30)),
        task("late since Friday", due=MON_13_UTC - timedelta(days=3)),
        task("due 18:00, after my day", important=True, due=MON_13_UTC + timedelta(hours=3)),
        task("due 16:00", due=MON_13_UTC + timedelta(hours=1)),
        task("doing", status=Status.DOING),
    ]
    assert [t.title for t in order_tasks(tasks, TODAY, presses)] == [
        "doing", "late since Friday", "due 16:00", "reply by 16:30", "do", "due 18:00, after my day"]


def test_after_hours_only_late_tasks_press():
    evening = datetime(2026, 11, 23, 18, tzinfo=timezone.utc)
    presses = pressing_until(evening, NINE_TO_FIVE, BUCHAREST)
    tasks = [task("do", urgent=True, important=True), task("due tonight", due=evening + timedelta(hours=2)),
             task("late", due=evening - timedelta(minutes=5))]
    assert [t.title for t in order_tasks(tasks, TODAY, presses)] == ["late", "do", "due tonight"]
