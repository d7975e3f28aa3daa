"""[caldav] in the config, the password_command, the push window and the RRULE of a block series.
No server here: see test_caldav_push.py for the pushes themselves."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest

from vatui.calendars.caldav_push import default_window, password_from_command, shown_url
from vatui.calendars.plan_events import add_recurrence, content_digest, is_ours, plan_events, recurrence_rule
from vatui.core.errors import ValidationError
from vatui.core.models import TimeBlock
from vatui.settings.config import load_config, settings_to_dict

UTC = timezone.utc


def _load(tmp_path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_caldav_settings_are_read(tmp_path):
    loaded = _load(tmp_path, '[caldav]\nurl = "https://dav.example.com/cal/va/plan/"\nusername = "va"\n'
                             'password_command = "pass show dav"\n')
    assert loaded.warnings == []
    caldav = loaded.settings.caldav
    assert (caldav.url, caldav.username, caldav.password_command) == (
        "https://dav.example.com/cal/va/plan/", "va", "pass show dav")
    assert caldav.configured and not caldav.password_in_config
    assert settings_to_dict(loaded.settings)["caldav"] == {
        "url": "https://dav.example.com/cal/va/plan/", "username": "va", "password_command": "pass show dav"}


def test_no_caldav_table_means_no_push_and_nothing_in_the_export(tmp_path):
    loaded = _load(tmp_path, '[me]\nzone = "UTC"\n')
    assert not loaded.settings.caldav.configured
    assert "caldav" not in settings_to_dict(loaded.settings)


def test_a_password_key_is_refused_and_not_kept(tmp_path):
    loaded = _load(tmp_path, '[caldav]\nurl = "https://dav.example.com/p/"\npassword = "hunter2"\n')
    assert loaded.settings.caldav.password_in_config
    assert len(loaded.warnings) == 1 and "never put a password in the config file" in loaded.warnings[0]
    assert "hunter2" not in repr(loaded.settings) and "hunter2" not in loaded.warnings[0]


def test_a_bad_url_and_an_unknown_key_are_reported(tmp_path):
    loaded = _load(tmp_path, '[caldav]\nurl = "dav.example.com"\ncalendar = "x"\n')
    assert not loaded.settings.caldav.configured
    assert any("caldav.url" in w and "https://" in w for w in loaded.warnings)
    assert any("unknown key 'caldav.calendar'" in w for w in loaded.warnings)


def test_the_password_command_runs_without_a_shell_unless_it_uses_shell_syntax(tmp_path):
    assert password_from_command("echo 'two words'") == "two words"
    assert password_from_command("printf 'first\\nsecond\\n'") == "first"  # the first line only
    # a value with shell syntax goes through /bin/sh; plain words never do ($HOME stays literal)
    assert password_from_command("printf 'secret\\n' | tr s S") == "Secret"
    assert password_from_command("echo $((6*7))") == "42"
    script = tmp_path / "pw.sh"
    script.write_text("#!/bin/sh\necho from-a-script\n")
    script.chmod(0o700)
    assert password_from_command(str(script)) == "from-a-script"


@pytest.mark.parametrize(("command", "says"), [
    ("false", "failed (exit code 1)"),
    ("sh -c 'echo locked >&2; exit 4'", "failed (exit code 4): locked"),
    ("no-such-program-for-vatui --x", "'no-such-program-for-vatui' was not found"),
    ("true", "printed no password"),
    ("echo 'open", "cannot be read"),
])
def test_a_failing_password_command_is_a_validation_error(command, says):
    with pytest.raises(ValidationError) as caught:
        password_from_command(command)
    assert says in caught.value.message and caught.value.field == "caldav.password_command"


def test_the_default_window_is_today_and_the_14_days_after():
    assert default_window(date(2026, 11, 23)) == (date(2026, 11, 23), date(2026, 12, 7))
    assert default_window(date(2026, 11, 23), date(2026, 12, 1)) == (date(2026, 12, 1), date(2026, 12, 15))
    assert default_window(date(2026, 11, 23), None, date(2026, 11, 30)) == (date(2026, 11, 23), date(2026, 11, 30))
    with pytest.raises(ValidationError):
        default_window(date(2026, 11, 23), date(2026, 12, 1), date(2026, 11, 30))


def test_a_password_in_the_url_is_not_shown():
    assert shown_url("https://va:pw@dav.example.com/p/") == "https://dav.example.com/p/"
    assert shown_url("https://dav.example.com/p/") == "https://dav.example.com/p/"


def test_plan_events_are_marked_with_the_data_files_id_and_a_content_digest():
    start = datetime(2026, 11, 24, 8, tzinfo=UTC)
    block = TimeBlock(start=start, end=start + timedelta(hours=1), batch="email", id=7)
    events = plan_events(blocks=[block], tasks=[], clients={}, now=start, cal_id="abc")
    (event,) = events.values()
    assert event.uid == "block-7.abc@vatui" and (event.start, event.end) == (block.start, block.end)
    component = icalendar.Calendar.from_ical(event.ical).walk("VEVENT")[0]
    assert is_ours(component, "abc") and not is_ours(component, "other")
    assert str(component["X-VATUI-DIGEST"]) == event.digest == content_digest(component)
    # the digest ignores DTSTAMP (a later push is not a change) and sees the content
    later = plan_events(blocks=[block], tasks=[], clients={}, now=start + timedelta(days=1), cal_id="abc")
    assert later[event.uid].digest == event.digest
    moved = TimeBlock(start=start, end=start + timedelta(hours=2), batch="email", id=7)
    assert plan_events(blocks=[moved], tasks=[], clients={}, now=start, cal_id="abc")[event.uid].digest != event.digest


def test_an_unmarked_event_with_a_vatui_like_uid_is_not_ours():
    ev = icalendar.Event()
    ev.add("uid", "block-7.abc@vatui")
    assert not is_ours(ev, "abc")  # a copy made by another program, without the mark


@pytest.mark.parametrize("text", ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
                                  "  FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n"])
def test_a_rule_text_becomes_the_rrule_value(text):
    value = recurrence_rule(text)
    assert value.to_ical() == b"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"


@pytest.mark.parametrize("text", ["", "WEEKLY", "BYDAY=MO", "FREQ=SOMETIMES", "FREQ=WEEKLY;BYDAY=XX",
                                  "FREQ=DAILY;COUNT=3;UNTIL=20261201T000000Z", "FREQ=DAILY\nSUMMARY:x"])
def test_a_bad_rule_text_is_refused(text):
    with pytest.raises(ValidationError) as caught:
        recurrence_rule(text)
    assert caught.value.field == "rrule"


def test_a_recurring_block_keeps_its_wall_clock_across_the_dst_change():
    """Weekdays 09:00-10:00 in New York from Fri 2026-03-06: the series crosses 2026-03-08 (DST),
    and every occurrence, expanded by recurring-ical-events, is still 09:00 there."""
    import recurring_ical_events

    ny = ZoneInfo("America/New_York")
    start = datetime(2026, 3, 6, 9, tzinfo=ny).astimezone(UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    ev = icalendar.Event()
    ev.add("uid", "block-1.abc@vatui")
    ev.add("dtstamp", start)
    ev.add("dtstart", start)
    ev.add("dtend", start + timedelta(hours=1))
    add_recurrence(ev, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", start=start, end=start + timedelta(hours=1),
                   zone="America/New_York")
    cal.add_component(ev)
    cal.add_missing_timezones()
    text = cal.to_ical()
    assert b"DTSTART;TZID=America/New_York:20260306T090000" in text
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" in text and b"BEGIN:VTIMEZONE" in text
    again = icalendar.Calendar.from_ical(text)
    days = recurring_ical_events.of(again).between(datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 3, 13, tzinfo=UTC))
    starts = sorted(o.decoded("dtstart") for o in days)
    assert [s.astimezone(ny).strftime("%a %H:%M") for s in starts] == [
        "Fri 09:00", "Mon 09:00", "Tue 09:00", "Wed 09:00", "Thu 09:00"]
    assert [s.astimezone(UTC).hour for s in starts] == [14, 13, 13, 13, 13]  # UTC moves, the wall clock does not
