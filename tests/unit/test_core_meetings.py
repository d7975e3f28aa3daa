"""Meetings of subscribed calendars as read-only blocks, and their clashes with my blocks (vatui.core.meetings)."""

import datetime as dt
from datetime import date, datetime, timedelta, timezone

from vatui.core.meetings import clash_flags, clashes
from vatui.core.models import TimeBlock

UTC = dt.UTC


def _t(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 23, h, m, tzinfo=UTC)


def test_overlap_clashes_and_touching_does_not() -> None:
    blocks = [(_t(9), _t(10)), (_t(10), _t(11)), (_t(13), _t(14))]
    assert clashes((_t(9, 30), _t(10, 30)), blocks) == [0, 1]
    assert clashes((_t(11), _t(13)), blocks) == []


def test_flags_across_zones() -> None:
    kolkata = dt.timezone(dt.timedelta(hours=5, minutes=30))
    block = (dt.datetime(2026, 11, 23, 19, 0, tzinfo=kolkata), dt.datetime(2026, 11, 23, 20, 0, tzinfo=kolkata))
    assert clash_flags([(_t(14), _t(14, 15)), (_t(15), _t(16))], [block]) == [True, False]


def test_a_meeting_block_is_read_only_with_a_stable_negative_id():
    from vatui.core.meetings import calendar_of, meeting_block

    start = datetime(2026, 11, 2, 14, 0, tzinfo=timezone.utc)
    a = meeting_block(calendar="Acme", uid="u1", summary="Weekly\nsync \x1b[2J", start=start,
                      end=start + timedelta(minutes=30), client_id=3)
    again = meeting_block(calendar="Acme", uid="u1", summary="renamed", start=start, end=start + timedelta(hours=1))
    other_day = meeting_block(calendar="Acme", uid="u1", summary="", start=start + timedelta(days=7),
                              end=start + timedelta(days=7, minutes=30))
    assert a.readonly and a.id < 0 and a.id == again.id != other_day.id
    assert (a.note, a.client_id, calendar_of(a), calendar_of(TimeBlock(start=start, end=a.end))) == (
        "Weekly sync [2J", 3, "Acme", None)
    zero = meeting_block(calendar="Acme", uid="u2", summary="Deadline", start=start, end=start)
    assert zero.length == timedelta(minutes=1)


def test_a_meeting_in_the_day_plan_clashes_with_my_block_and_is_never_outside_hours():
    from vatui.core.blocks import plan_day
    from vatui.core.meetings import meeting_block
    from vatui.core.models import Client

    start = datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc)  # 22:00 in New York: after its hours
    client = Client(name="Acme", tz="America/New_York", id=1)
    meeting = meeting_block(calendar="Acme", uid="m", summary="Late call", start=start,
                            end=start + timedelta(hours=1), client_id=1)
    mine = TimeBlock(start=start + timedelta(minutes=30), end=start + timedelta(hours=2), id=5)
    plan = plan_day([mine, meeting], date(2026, 11, 2), "Asia/Kolkata", buffer=timedelta(0), clients={1: client})
    by_id = {i.block.id: i for i in plan.items}
    assert by_id[meeting.id].overlaps and by_id[5].overlaps
    assert not by_id[meeting.id].outside_hours
    assert (plan.planned, plan.in_meetings) == (timedelta(hours=1, minutes=30), timedelta(hours=1))


def test_two_meetings_at_once_are_not_flagged_against_each_other():
    from vatui.core.blocks import plan_day
    from vatui.core.meetings import meeting_block

    start = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
    a, b = (meeting_block(calendar=c, uid="same", summary="Sync", start=start, end=start + timedelta(hours=1))
            for c in ("Acme", "Team"))
    plan = plan_day([a, b], date(2026, 11, 2), "UTC", buffer=timedelta(minutes=10))
    assert [(i.overlaps, i.too_close) for i in plan.items] == [((), ()), ((), ())]
    assert plan.in_meetings == timedelta(hours=1)
