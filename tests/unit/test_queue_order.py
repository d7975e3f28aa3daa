"""The documented ordering rule."""

from datetime import date, datetime, timedelta, timezone

from vatui.core.models import Status, Task
from vatui.core.queues import next_task, order_tasks

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
