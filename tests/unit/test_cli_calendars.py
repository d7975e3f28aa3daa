"""`vatui calendar add|list|sync|remove` through main(), against a real http.server on localhost."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers.ics_samples import STANDUP, offsite, vcalendar
from helpers.ics_server import IcsServer

from vatui.store import Store
from vatui.store import calendars as subs

SECRET = "/calendar/ical/abc%40group/private-f00d/basic.ics"
OFFSITE_DAY = dt.date(2026, 11, 24)
WEEKLY = vcalendar(STANDUP, offsite(OFFSITE_DAY))


@pytest.fixture
def server():
    s = IcsServer()
    s.files[SECRET] = WEEKLY
    yield s
    s.stop()


@pytest.fixture
def cli(make_cli):
    run = make_cli('[me]\nzone = "Europe/Bucharest"\n')
    run("client", "add", "Acme", "--tz", "America/New_York")
    return run


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert "private-f00d" not in text and "abc%40group" not in text


def test_add_fetches_once_and_list_masks_the_address(cli, server) -> None:
    code, out, err = cli("calendar", "add", "Acme", server.url(SECRET), "--client", "acm", "--every", "30m")
    assert code == 0 and "2 events" in out, err
    code, listed, _ = cli("calendar", "list")
    assert "Acme" in listed and "30m" in listed and "ok" in listed and "/…/basic.ics" in listed
    code, raw, _ = cli("calendar", "list", "--json")
    (row,) = json.loads(raw)
    assert row["client"] == "Acme" and row["every"] == 1800 and not row["stale"]
    assert row["source"] == f"{server.base}/…/basic.ics"
    _no_secret(out, err, listed, raw)
    assert subs.find(Store(cli.db), "Acme").source == server.url(SECRET)  # the file keeps the address itself


def test_sync_is_conditional_and_a_change_is_fetched(cli, server) -> None:
    cli("calendar", "add", "Acme", server.url(SECRET))
    code, out, _ = cli("calendar", "sync")
    assert code == 0 and "unchanged" in out and server.conditional[SECRET] == 1
    server.files[SECRET] = vcalendar(STANDUP, offsite(OFFSITE_DAY, uid="retreat", summary="retreat"))
    code, out, _ = cli("calendar", "sync", "acme")
    assert code == 0 and "updated, 2 events" in out


def test_a_failing_sync_keeps_the_copy_and_says_why(cli, server) -> None:
    cli("calendar", "add", "Acme", server.url(SECRET))
    del server.files[SECRET]  # now answers 500
    code, out, err = cli("calendar", "sync")
    assert code == 1 and "HTTP 500" in out and "last good copy is kept" in out
    _, listed, _ = cli("calendar", "list")
    assert "stale since 15:00 (HTTP 500)" in listed
    _no_secret(out, err, listed)


def test_a_timeout_is_a_failed_sync(cli, server) -> None:
    code, out, err = cli("calendar", "add", "Slow", server.url("/slow.ics"), "--timeout", "0.3")
    assert code == 0 and "first sync failed (timeout)" in out
    code, out, _ = cli("calendar", "sync", "--timeout", "0.3")
    assert code == 1 and "Slow: sync failed (timeout)" in out
    _, listed, _ = cli("calendar", "list")
    assert "never synced (timeout)" in listed


def test_a_failing_first_fetch_still_saves(cli, server) -> None:
    code, out, err = cli("calendar", "add", "Broken", server.base + "/secret-token-1234/broken.ics")
    assert code == 0 and "HTTP 500" in out and "secret-token-1234" not in out + err
    assert subs.find(Store(cli.db), "Broken") is not None


@pytest.mark.parametrize("args, message", [
    (["X", "ftp://host/private-f00d/a.ics"], "neither"),
    (["X", "missing.ics"], "neither"),
    (["X", "https://example.org/private-f00d/a.ics", "--client", "Nobody"], "no client called"),
    (["X", "https://example.org/private-f00d/a.ics", "--every", "10s"], "at least 1m"),
    (["X", "https://example.org/private-f00d/a.ics", "--every", "soon"], "not a duration"),
    (["acme", "https://example.org/private-f00d/a.ics"], "already a calendar called Acme"),
])
def test_bad_input_writes_nothing(cli, server, args, message) -> None:
    cli("calendar", "add", "Acme", server.url(SECRET))
    before = Store(cli.db).get_state(subs.KEY)
    code, out, err = cli("calendar", "add", *args)
    assert code == 2 and message in err, err
    assert Store(cli.db).get_state(subs.KEY) == before
    _no_secret(out, err)


def test_a_file_source_and_remove(cli, tmp_path) -> None:
    path = tmp_path / "team.ics"
    path.write_bytes(WEEKLY)
    code, out, _ = cli("calendar", "add", "Team", str(path))
    assert code == 0 and "2 events" in out
    assert len(list(subs.copies_dir(Store(cli.db)).iterdir())) == 1
    code, out, _ = cli("calendar", "remove", "team")
    assert code == 0 and "Removed calendar Team" in out
    assert subs.load(Store(cli.db)) == [] and list(subs.copies_dir(Store(cli.db)).iterdir()) == []
    code, _, err = cli("calendar", "remove", "team")
    assert code == 2 and "no calendar called" in err


def test_where_shows_the_calendars_masked(cli, server) -> None:
    cli("calendar", "add", "Acme", server.url(SECRET))
    code, out, err = cli("where")
    assert code == 0 and "calendars:" in out and "Acme: http://127.0.0.1" in out and "/…/basic.ics" in out
    _no_secret(out, err)


def test_last_modified_alone_makes_the_sync_conditional(cli, server) -> None:
    server.files["/dated.ics"] = WEEKLY
    server.dated.add("/dated.ics")
    cli("calendar", "add", "Dated", server.url("/dated.ics"))
    code, out, _ = cli("calendar", "sync", "Dated")
    assert code == 0 and "unchanged" in out and server.conditional["/dated.ics"] == 1
    assert subs.find(Store(cli.db), "Dated").last_modified == "Mon, 23 Nov 2026 12:00:00 GMT"
