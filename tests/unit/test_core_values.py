"""Clients, business hours, durations and money: the values every other part builds on."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from vatui.core.durations import format_duration
from vatui.core.errors import ValidationError
from vatui.core.grammar import parse_duration
from vatui.core.hours import WeekHours
from vatui.core.models import Client
from vatui.core.money import parse_currency, round_money
from vatui.core.tzdb import find_zones, validate_zone


def test_client_defaults_and_validation():
    c = Client(name="  Acme   Corp ", tz="Australia/Sydney", rate="37.50", currency="aud")
    assert c.name == "Acme Corp"
    assert c.city == "Sydney"
    assert c.currency == "AUD"
    assert c.rate == Decimal("37.50")
    assert c.hours.format() == "mon-fri 09:00-17:00"
    assert c.reply_by_hours == 24
    assert c.key == "acme corp"


def test_unknown_zone_is_a_clear_error():
    with pytest.raises(ValidationError) as err:
        Client(name="X", tz="Mars/Base")
    assert "Mars/Base" in str(err.value) and "IANA" in str(err.value)
    assert err.value.field == "tz"


def test_zone_error_suggests_close_names():
    with pytest.raises(ValidationError, match="Australia/Sydney"):
        validate_zone("Sydney")


@pytest.mark.parametrize("bad, field", [("XYZ", "currency"), ("", "name")])
def test_bad_client_fields(bad, field):
    kwargs = {"name": "Acme", "tz": "UTC", "currency": "USD"}
    kwargs[field] = bad
    with pytest.raises(ValidationError) as err:
        Client(**kwargs)
    assert err.value.field == field


def test_negative_rate_refused():
    with pytest.raises(ValidationError, match="zero or more"):
        Client(name="A", tz="UTC", rate="-1")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("09:00-17:00", "mon-fri 09:00-17:00"),
        ("mon-thu 9-17; fri 9-13", "mon-thu 09:00-17:00; fri 09:00-13:00"),
        ("weekdays 09:00-12:00 13:00-17:30, sat 10-14", "mon-fri 09:00-12:00 13:00-17:30; sat 10:00-14:00"),
        ("daily 00:00-24:00", "mon-sun 00:00-24:00"),
        ("mon-fri 9-17; wed closed", "mon-tue 09:00-17:00; thu-fri 09:00-17:00"),
    ],
)
def test_business_hours_round_trip(text, expected):
    hours = WeekHours.parse(text)
    assert hours.format() == expected
    assert WeekHours.parse(hours.format()) == hours


@pytest.mark.parametrize("text", ["17:00-09:00", "mon-fri", "9-25", "funday 9-17", "9:70-10"])
def test_bad_business_hours(text):
    with pytest.raises(ValidationError):
        WeekHours.parse(text)


@pytest.mark.parametrize(
    "text, seconds",
    [("25m", 1500), ("90s", 90), ("1h", 3600), ("1h30", 5400), ("1h30m", 5400), ("1.5h", 5400), ("2d", 172800)],
)
def test_durations(text, seconds):
    assert parse_duration(text, field="duration") == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["25", "abc", "0m", "-5m", ""])
def test_bad_durations(text):
    with pytest.raises(ValidationError):
        parse_duration(text, field="duration")


def test_format_duration():
    assert format_duration(timedelta(minutes=90)) == "1h30m"
    assert format_duration(timedelta(minutes=25)) == "25m"
    assert format_duration(timedelta(seconds=45)) == "45s"
    assert format_duration(timedelta(hours=2)) == "2h"


def test_money_rounding_follows_the_currency():
    assert round_money(Decimal("60.005"), "USD") == Decimal("60.01")
    assert round_money(Decimal("1500.5"), "JPY") == Decimal("1501")
    assert parse_currency(" gbp ") == "GBP"


@pytest.mark.parametrize("typed, zone", [("sydn", "Australia/Sydney"), ("kolk", "Asia/Kolkata"), ("NYC", "America/New_York")])
def test_zone_finder(typed, zone):
    assert find_zones(typed)[0].zone == zone


@pytest.mark.parametrize("text, hint", [("9-5pm", "24-hour clock"), ("mon-fri 9am-5pm", "24-hour clock"),
                                        ("9h-17h", "is not a range like 09:00-17:00")])
def test_mistyped_hours_are_told_about_the_range_not_a_weekday(text, hint):
    with pytest.raises(ValidationError) as err:
        WeekHours.parse(text)
    assert hint in err.value.message and "weekday" not in err.value.message


def test_control_characters_never_reach_a_record():
    from vatui.core.models import ChecklistItem, Client, Task, TimeBlock, TimeEntry, plain

    at = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    task = Task(title="Pay \x1b[2Jsupplier\x00", created=at, notes="line one\n\tline two\x07\x9b",
                checklist=(ChecklistItem("call\x1b]0;pwned\x07 back"),))
    assert task.title == "Pay [2Jsupplier" and task.notes == "line one\n\tline two"
    assert task.checklist[0].text == "call]0;pwned back"
    assert Client(name="Ac\x1bme", tz="UTC", city="Lon\x00don", notes="x\x1b").name == "Acme"
    assert TimeBlock(start=at, end=at + timedelta(hours=1), note="standup\x00").note == "standup"
    assert TimeEntry(start=at, end=at + timedelta(hours=1), client_id=None, note="\x1b[31mred").note == "[31mred"
    clean = "Réunion ☕ 👩‍💻"  # printable text, emoji with a zero-width joiner included, is kept as it is
    assert plain(clean) is clean and Task(title=clean, created=at).title == clean


def test_a_title_with_an_escape_is_listed_without_it(make_cli):
    cli = make_cli()
    code, out, _ = cli("add", "bad \x1b[2J title")
    assert code == 0 and "\x1b" not in out
    code, out, _ = cli("tasks")
    assert code == 0 and "bad [2J title" in out and "\x1b" not in out
