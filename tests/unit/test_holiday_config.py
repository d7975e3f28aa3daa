"""`[me] holidays` and `[reminders] before` in the config file, and a property of reply-by promises
over closed days."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from vatui.core.business import add_business_time, business_time_between
from vatui.core.client_holidays import calendar_of
from vatui.core.hours import WeekHours
from vatui.settings.config import load_config, parse_settings, settings_to_dict


def test_my_holidays_and_reminder_leads_are_read(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[me]\nzone = "Europe/Bucharest"\nholidays = "ro"\n[reminders]\nbefore = ["15m", "2h", "15m"]\n')
    loaded = load_config(path)
    assert loaded.warnings == []
    assert loaded.settings.me_holidays == "RO"
    assert loaded.settings.reminders_before == (timedelta(hours=2), timedelta(minutes=15))
    out = settings_to_dict(loaded.settings)
    assert out["me"]["holidays"] == "RO" and out["reminders"] == {"before": ["2h", "15m"]}


def test_defaults_no_holidays_and_two_reminders():
    s = parse_settings({}, [])
    assert s.me_holidays == "" and s.reminders_before == (timedelta(hours=1), timedelta(minutes=15))
    assert parse_settings({"reminders": {"before": []}}, []).reminders_before == ()


def test_bad_values_are_reported_and_the_default_used():
    warnings: list[str] = []
    s = parse_settings({"me": {"holidays": "XX-YY"}, "reminders": {"before": ["1 hour"]}}, warnings)
    assert s.me_holidays == "" and s.reminders_before == (timedelta(hours=1), timedelta(minutes=15))
    assert any("me.holidays" in w and "'XX' is not a country" in w for w in warnings)
    assert any(w.startswith("config: reminders.before") for w in warnings)
    assert not any("unknown key" in w for w in warnings)


SYDNEY_EASTER = calendar_of("AU-NSW", [date(2026, 4, 9)])
START = datetime(2026, 3, 20, tzinfo=timezone.utc)


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(0, 60 * 24 * 30), hours=st.integers(1, 120))
def test_a_promise_never_falls_due_on_a_closed_day_and_counts_exactly(minutes, hours):
    """Over Easter and a DST change in Sydney (2026-04-05): the deadline is on an open day, and the
    open time between start and deadline is the promise, holidays not counted."""
    start = START + timedelta(minutes=minutes)
    amount = timedelta(hours=hours)
    closed = SYDNEY_EASTER.is_closed
    due = add_business_time(WeekHours.default(), "Australia/Sydney", start, amount, closed=closed)
    assert due is not None
    # the deadline's local day is open (an end at 17:00 belongs to the day it closes)
    local = (due - timedelta(microseconds=1)).astimezone(ZoneInfo("Australia/Sydney")).date()
    assert not closed(local)
    assert business_time_between(WeekHours.default(), "Australia/Sydney", start, due, closed) == amount
