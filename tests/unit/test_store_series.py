"""Series in the data file: done and its successor in one transaction, and the cockpit's daily
pass (store.history.archive_old) catching tasks up and laying blocks out."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from vatui.core.models import Status, Task, TimeBlock
from vatui.store import Store, block_series
from vatui.store.history import archive_old
from vatui.store.series import mark_done

UTC = timezone.utc
MON = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 10:00 in Bucharest


def weekly(store: Store) -> Task:
    return store.tasks.add(Task(title="Report", created=MON - timedelta(days=1), due=MON, due_zone="Europe/Bucharest",
                                repeat="FREQ=WEEKLY;BYDAY=MO"))


def test_done_and_next_are_written_together(tmp_path, clock):
    store = Store(tmp_path / "d.json", clock=clock)
    t = weekly(store)
    with store.transaction():
        done, nxt = mark_done(store, t, clock.now(), "Europe/Bucharest")
    again = Store(tmp_path / "d.json", clock=clock)
    assert again.tasks.require(t.id).status is Status.DONE
    opened = [x for x in again.tasks.all() if x.is_open]
    assert [x.id for x in opened] == [nxt.id] and opened[0].series == t.id
    # clock: Mon 23 Nov 13:00 UTC, after that day's 10:00: caught up to it, two Mondays missed
    assert opened[0].due == datetime(2026, 11, 23, 8, 0, tzinfo=UTC) and "2" in opened[0].notes


def test_done_makes_no_second_open_instance(tmp_path, clock):
    store = Store(tmp_path / "d.json", clock=clock)
    t = weekly(store)
    store.tasks.add(Task(title="Report", created=MON, due=MON + timedelta(days=7), due_zone="Europe/Bucharest",
                         repeat="FREQ=WEEKLY;BYDAY=MO", series=t.id))
    with store.transaction():
        _done, nxt = mark_done(store, t, clock.now(), "Europe/Bucharest")
    assert nxt is None
    assert sum(x.is_open for x in store.tasks.all()) == 1


def test_the_daily_pass_catches_up_and_lays_out(tmp_path, clock):
    store = Store(tmp_path / "d.json", clock=clock)
    t = weekly(store)
    start = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 09:00 Bucharest
    block_series.add_series(store, TimeBlock(start=start, end=start + timedelta(minutes=30), note="standup"),
                            "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Europe/Bucharest", date(2026, 11, 23))
    before = len(store.blocks.all())
    later = clock.now() + timedelta(days=7)
    archive_old(store, later, "Europe/Bucharest")
    assert store.tasks.require(t.id).due == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    assert len(store.blocks.all()) == before + 5  # one more week of weekdays, a fortnight ahead
    archive_old(store, later, "Europe/Bucharest")
    assert len(store.blocks.all()) == before + 5  # never twice
