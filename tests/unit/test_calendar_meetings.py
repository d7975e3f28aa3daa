"""Subscriptions in the store, their last good copy, and meetings_between() over the copies."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest

from vatui.calendars import meetings as cal
from vatui.calendars import parse
from vatui.core.errors import ValidationError
from vatui.store import Store
from vatui.store import calendars as subs

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 23, 13, 0, tzinfo=UTC)


def _ics(*events: str, header: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{header}{body}END:VCALENDAR\r\n".encode()


TIMED = "UID:a\r\nSUMMARY:Acme sync\r\nDTSTART:20261124T140000Z\r\nDTEND:20261124T150000Z"
ALL_DAY = "UID:b\r\nSUMMARY:offsite\r\nDTSTART;VALUE=DATE:20261124\r\nDTEND;VALUE=DATE:20261126"
FLOATING = "UID:f\r\nSUMMARY:floating\r\nDTSTART:20261124T090000\r\nDTEND:20261124T093000"


def _subscribe(store: Store, tmp_path, data: bytes, name: str = "Acme", **kw) -> subs.Subscription:
    path = tmp_path / f"{name}.ics"
    path.write_bytes(data)
    sub = subs.add(store, name, str(path), **kw)
    assert cal.sync(store, sub, NOW).ok
    return subs.require(store, name)


def _day(day: int) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime(2026, 11, day, tzinfo=UTC), dt.datetime(2026, 11, day + 1, tzinfo=UTC)


def test_subscription_is_kept_in_the_data_file_and_names_are_unique(store: Store, tmp_path) -> None:
    sub = subs.add(store, "Acme", "https://example.org/secret/basic.ics", every=600)
    again = Store(store.path)
    assert subs.find(again, "acme") == sub and sub.every == 600 and sub.client_id is None
    with pytest.raises(ValidationError):
        subs.add(store, "ACME", "https://example.org/other.ics")
    subs.remove(store, "Acme")
    assert subs.load(Store(store.path)) == []


def test_copy_is_private_and_survives_a_failed_sync(store: Store, tmp_path) -> None:
    sub = _subscribe(store, tmp_path, _ics(TIMED, ALL_DAY))
    copy = next(subs.copies_dir(store).iterdir())
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert stat.S_IMODE(subs.copies_dir(store).stat().st_mode) == 0o700
    os.remove(tmp_path / "Acme.ics")  # the source goes away
    later = NOW + dt.timedelta(minutes=20)
    result = cal.sync(store, sub, later)
    assert not result.ok and result.events == 2
    view = cal.meetings_between(Store(store.path), *_day(24), "Asia/Kolkata")
    assert [m.summary for m in view.meetings] == ["Acme sync"]
    status = view.status["Acme"]
    assert status.stale and status.last_ok_at == NOW and status.failed_at == later and status.reason


def test_a_new_copy_replaces_the_old_file(store: Store, tmp_path) -> None:
    sub = _subscribe(store, tmp_path, _ics(TIMED))
    (tmp_path / "Acme.ics").write_bytes(_ics(TIMED, ALL_DAY))
    result = cal.sync(store, sub, NOW + dt.timedelta(minutes=15))
    assert result.ok and result.changed and result.events == 2
    assert len(list(subs.copies_dir(store).iterdir())) == 1
    unchanged = cal.sync(store, subs.require(store, "Acme"), NOW + dt.timedelta(minutes=30))
    assert unchanged.ok and not unchanged.changed


def test_bad_data_keeps_the_last_good_copy(store: Store, tmp_path) -> None:
    sub = _subscribe(store, tmp_path, _ics(TIMED))
    (tmp_path / "Acme.ics").write_bytes(b"<html>login</html>")
    result = cal.sync(store, sub, NOW + dt.timedelta(minutes=15))
    assert not result.ok
    assert [m.uid for m in cal.meetings_between(store, *_day(24), "UTC").meetings] == ["a"]


def test_meetings_and_banners_carry_calendar_and_client(store: Store, tmp_path) -> None:
    _subscribe(store, tmp_path, _ics(TIMED, ALL_DAY), client_id=7)
    start, _ = _day(23)
    view = cal.meetings_between(store, start, start + dt.timedelta(days=3), "Europe/Bucharest")
    (meeting,) = view.meetings
    assert (meeting.calendar, meeting.client_id, meeting.uid) == ("Acme", 7, "a")
    assert meeting.start == dt.datetime(2026, 11, 24, 14, tzinfo=UTC)
    assert [(b.day.day, b.label) for b in view.banners] == [(24, "Acme: offsite"), (25, "Acme: offsite")]
    assert not view.status["Acme"].stale


def test_floating_times_read_in_my_zone_or_the_calendars(store: Store, tmp_path) -> None:
    _subscribe(store, tmp_path, _ics(FLOATING), name="Mine")
    _subscribe(store, tmp_path, _ics(FLOATING, header="X-WR-TIMEZONE:America/New_York\r\n"), name="Theirs")
    start, end = dt.datetime(2026, 11, 23, tzinfo=UTC), dt.datetime(2026, 11, 26, tzinfo=UTC)
    view = cal.meetings_between(store, start, end, "Asia/Kolkata")
    starts = {m.calendar: m.start for m in view.meetings}
    assert starts["Mine"] == dt.datetime(2026, 11, 24, 3, 30, tzinfo=UTC)  # 09:00 in Kolkata
    assert starts["Theirs"] == dt.datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # 09:00 EST


def test_floating_without_a_zone_is_read_in_the_given_zone() -> None:
    events = parse.events_between(_ics(FLOATING), *_day(24), floating_zone="Asia/Kathmandu")
    assert events[0].start == dt.datetime(2026, 11, 24, 3, 15, tzinfo=UTC)


def test_a_repaint_parses_nothing_again(store: Store, tmp_path, monkeypatch) -> None:
    _subscribe(store, tmp_path, _ics(TIMED), name="Once")
    calls = []
    real = parse.parse_calendar
    monkeypatch.setattr(parse, "parse_calendar", lambda *a, **k: calls.append(1) or real(*a, **k))
    for _ in range(3):
        cal.meetings_between(store, *_day(24), "Europe/Lisbon")
    cal.meetings_between(store, *_day(25), "Europe/Lisbon")
    assert len(calls) == 1


def test_due_after_every_seconds(store: Store, tmp_path) -> None:
    _subscribe(store, tmp_path, _ics(TIMED), every=900)
    assert cal.due(store, NOW + dt.timedelta(minutes=14)) == []
    assert [s.name for s in cal.due(store, NOW + dt.timedelta(minutes=15))] == ["Acme"]


def test_parse_false_leaves_out_a_copy_not_parsed_yet_and_prepare_parses_it(store: Store, tmp_path) -> None:
    _subscribe(store, tmp_path, _ics(TIMED), name="Late")
    view = cal.meetings_between(store, *_day(24), "Pacific/Chatham", parse=False)
    assert view.meetings == [] and not view.status["Late"].ready
    cal.prepare(store, "Pacific/Chatham")
    view = cal.meetings_between(store, *_day(24), "Pacific/Chatham", parse=False)
    assert [m.uid for m in view.meetings] == ["a"] and view.status["Late"].ready


def test_a_sync_for_my_zone_leaves_nothing_to_parse(store: Store, tmp_path) -> None:
    path = tmp_path / "z.ics"
    path.write_bytes(_ics(TIMED, FLOATING))
    result = cal.sync(store, subs.add(store, "Z", str(path)), NOW, my_zone="America/St_Johns")
    assert result.events == 2 and subs.require(store, "Z").events == 2
    view = cal.meetings_between(store, *_day(24), "America/St_Johns", parse=False)
    assert view.status["Z"].ready and [m.uid for m in view.meetings] == ["f", "a"]
    assert view.meetings[0].start == dt.datetime(2026, 11, 24, 12, 30, tzinfo=UTC)  # 09:00 in St John's (-3:30)


def test_events_i_declined_are_left_out_when_i_am_named(store: Store, tmp_path) -> None:
    declined = "UID:d\r\nSUMMARY:no\r\nATTENDEE;PARTSTAT=DECLINED:mailto:ana@example.org\r\n" + TIMED.split("\r\n", 2)[2]
    _subscribe(store, tmp_path, _ics(declined))
    assert [m.uid for m in cal.meetings_between(store, *_day(24), "UTC").meetings] == ["d"]
    assert cal.meetings_between(store, *_day(24), "UTC", me="Ana@Example.org").meetings == []


def test_meetings_as_read_only_blocks(store: Store, tmp_path) -> None:
    _subscribe(store, tmp_path, _ics(TIMED), client_id=3)
    (block,) = cal.meetings_between(store, *_day(24), "UTC").as_blocks()
    assert block.readonly and block.source == "calendar:Acme" and block.client_id == 3 and block.id < 0
    assert (block.start, block.note) == (dt.datetime(2026, 11, 24, 14, tzinfo=UTC), "Acme sync")


def test_stale_words_on_my_clock() -> None:
    from vatui.text.calendar_text import stale_note, stale_words

    ok = dt.datetime(2026, 11, 23, 4, 10, tzinfo=UTC)  # 09:40 in Kolkata
    assert stale_note("Acme", ok, "HTTP 500", NOW, "Asia/Kolkata") == "Calendar Acme: stale since 09:40 (HTTP 500)"
    assert stale_words(ok - dt.timedelta(days=3), "timeout", NOW, "Asia/Kolkata") == "stale since 2026-11-20 09:40 (timeout)"
    assert stale_words(None, "DNS", NOW, "Asia/Kolkata") == "never synced (DNS)"


def test_two_writers_of_one_calendar_keep_the_copy_the_record_names(store: Store, tmp_path) -> None:
    sub = _subscribe(store, tmp_path, _ics(TIMED))
    other = Store(store.path)  # a second process on the same file
    subs.record_ok(store, sub.id, NOW, body=_ics(TIMED, ALL_DAY), etag=None, last_modified=None, events=2)
    subs.record_ok(other, sub.id, NOW, body=_ics(ALL_DAY), etag=None, last_modified=None, events=1)
    kept = subs.require(Store(store.path), "Acme")
    assert kept.events == 1 and subs.read_copy(store, kept) == _ics(ALL_DAY)
    assert [p.name for p in subs.copies_dir(store).iterdir()] == [f"{sub.id}-{kept.copy}.ics"]
