"""Meetings of a subscribed calendar in the cockpit's timeline: read off the event loop, marked,
read-only, flagged where they clash with your blocks; all-day events as a banner; a calendar that
cannot be read keeps its last good copy and says since when. The calendar is a real .ics file,
synced as `vatui calendar add` does; the cockpit syncs it again when its --every has passed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from helpers.ics_samples import MONDAYS, NEW_YORK, offsite, vcalendar, vevent, zoned

from vatui.calendars.meetings import sync
from vatui.core.models import Client, TimeBlock
from vatui.store import calendars
from vatui.widgets.blocks_pane import BlocksPane

# The fixed clock: Monday 23 November 2026, 13:00 UTC (15:00 in Bucharest, 08:00 in New York).


def acme_calendar(summary: str) -> bytes:
    """Acme's weekly Monday 09:00 New York sync titled `summary`, and an all-day offsite today."""
    return vcalendar(
        vevent("weekly-sync@acme", summary, zoned(NEW_YORK, "20261102T090000"), zoned(NEW_YORK, "20261102T093000"),
               rrule=MONDAYS),
        offsite(date(2026, 11, 23), uid="offsite@acme"),
        prodid="-//test//EN")


def rows(app) -> list[str]:
    return [r.content.plain for r in app.screen.query_one(BlocksPane).block_list.rows]


async def settle(app, pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def subscribed(store, clock, tmp_path, summary="Weekly sync"):
    acme = store.clients.add(Client(name="Acme", tz="America/New_York"))
    source = tmp_path / "acme.ics"
    source.write_bytes(acme_calendar(summary))
    sub = calendars.add(store, "Acme", str(source), client_id=acme.id, every=15 * 60)
    assert sync(store, sub, clock.now()).ok
    return source


async def test_a_meeting_shows_marked_and_clashes_with_my_block(make_app, store, clock, tmp_path):
    subscribed(store, clock, tmp_path)
    # 14:15-15:00 UTC: over the meeting's 14:00-14:30 UTC (09:00 in New York, 16:00 in Bucharest).
    store.blocks.add(TimeBlock(start=datetime(2026, 11, 23, 14, 15, tzinfo=timezone.utc),
                               end=datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc), batch="email"))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        text = "\n".join(rows(app))
        assert "▤ Acme: offsite" in text
        meeting = next(r for r in text.splitlines() if "◆" in r)
        assert "16:00-16:30" in meeting and "Weekly sync" in meeting and "▲" in meeting
        mine = next(r for r in text.splitlines() if "#email" in r)
        assert "▲" in mine


async def test_a_meeting_cannot_be_edited_or_deleted_here(make_app, store, clock, tmp_path):
    subscribed(store, clock, tmp_path)
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("2")
        pane = app.screen.query_one(BlocksPane)
        assert pane.cursor_id is not None and pane.cursor_id < 0  # the only row with a cursor: the meeting
        await pilot.press("e", "d")
        assert sum("is a meeting in calendar Acme" in n for n in app.notices) == 2
        assert not len(store.blocks)


async def test_the_cockpit_syncs_again_and_a_failure_says_since_when(make_app, store, clock, tmp_path):
    source = subscribed(store, clock, tmp_path)
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        source.write_bytes(acme_calendar("Moved sync"))
        clock.advance(timedelta(minutes=16))
        app.tick()
        await settle(app, pilot)
        assert any("Moved sync" in r for r in rows(app))
        source.unlink()
        clock.advance(timedelta(minutes=16))
        app.tick()
        await settle(app, pilot)
        text = "\n".join(rows(app))
        assert "⚠ Calendar Acme: stale since 15:16" in text
        assert "Moved sync" in text  # the last good copy is still shown


def test_the_feed_reads_the_state_key_the_store_writes():
    """meeting_feed.py names the key itself rather than import the store's calendar module at start-up."""
    from vatui.screens.meeting_feed import CALENDARS_STATE

    assert CALENDARS_STATE == calendars.KEY
