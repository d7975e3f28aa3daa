"""A due time outside the client's business hours is pointed out (core rule, fixed instants)."""

from datetime import datetime, timezone

from vatui.core.due_hours import due_outside_hours
from vatui.core.hours import WeekHours
from vatui.core.models import Client

UTC = timezone.utc
SYDNEY = Client(name="Bondi Bakes", tz="Australia/Sydney", id=1)  # mon-fri 09:00-17:00 by default
KOLKATA = Client(name="Chai Co", tz="Asia/Kolkata", id=2, hours=WeekHours.parse("mon-fri 10:00-18:30"))


def test_inside_and_at_the_edges_of_the_day():
    assert not due_outside_hours(SYDNEY, datetime(2026, 11, 24, 0, 0, tzinfo=UTC))  # Tue 11:00 Sydney
    assert not due_outside_hours(SYDNEY, datetime(2026, 11, 23, 22, 0, tzinfo=UTC))  # Tue 09:00: opening
    assert not due_outside_hours(SYDNEY, datetime(2026, 11, 24, 6, 0, tzinfo=UTC))  # Tue 17:00: closing


def test_outside_the_day_and_on_the_weekend():
    assert due_outside_hours(SYDNEY, datetime(2026, 11, 24, 6, 1, tzinfo=UTC))  # Tue 17:01 Sydney
    assert due_outside_hours(SYDNEY, datetime(2026, 11, 23, 17, 0, tzinfo=UTC))  # Tue 04:00 Sydney
    assert due_outside_hours(SYDNEY, datetime(2026, 11, 28, 1, 0, tzinfo=UTC))  # Sat 12:00 Sydney


def test_odd_offset_and_dst_day():
    assert not due_outside_hours(KOLKATA, datetime(2026, 11, 23, 13, 0, tzinfo=UTC))  # Mon 18:30 Kolkata: closing
    assert due_outside_hours(KOLKATA, datetime(2026, 11, 23, 13, 1, tzinfo=UTC))  # 18:31
    # Sydney's clocks go forward on Sun 2026-10-04; Mon 05 Oct 09:00 AEDT is 22:00 UTC on Sun.
    assert not due_outside_hours(SYDNEY, datetime(2026, 10, 4, 22, 0, tzinfo=UTC))
    assert due_outside_hours(SYDNEY, datetime(2026, 10, 4, 21, 59, tzinfo=UTC))


def test_the_quick_add_preview_points_it_out():
    from vatui.core.quickadd import parse_quick_add
    from vatui.text.queue_text import describe_quick_add

    now = datetime(2026, 11, 23, 13, 0, tzinfo=UTC)
    late = parse_quick_add("Send menu @bondi due:tue 04:00 client", clients=[SYDNEY], now=now, my_zone="Europe/Bucharest")
    ok = parse_quick_add("Send menu @bondi due:tue 11:00 client", clients=[SYDNEY], now=now, my_zone="Europe/Bucharest")
    assert "outside Bondi Bakes's business hours" in describe_quick_add(late, my_zone="Europe/Bucharest")
    assert "outside" not in describe_quick_add(ok, my_zone="Europe/Bucharest")
