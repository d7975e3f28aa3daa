"""The cockpit's background work: reminders before deadlines fire from the running cockpit (and
the ones missed while it was closed are told once at start), and a change to the plan is pushed
to the CalDAV calendar a few seconds later, on a real Radicale server."""

from dataclasses import replace
from datetime import timedelta

from vatui.core.models import Task, TimeBlock
from vatui.core.settings import CalDavSettings
from vatui.store import Store

HOUR = timedelta(hours=1)


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_reminder_fires_once_when_its_lead_comes(make_app, store, settings, clock):
    store.tasks.add(Task(title="Send the proposal", created=clock.now(), reply_by=clock.now() + HOUR + timedelta(minutes=2)))
    app = make_app(store=store, settings_=replace(settings, reminders_before=(HOUR,)))
    async with app.run_test(size=(120, 36)) as pilot:
        app.tick()
        await settle(app, pilot)
        assert not any("Send the proposal" in n for n in app.notices)  # two minutes early
        for _minute in range(3):
            clock.advance(minutes=1)
            app.tick()
            await settle(app, pilot)
        assert [n for n in app.notices if "Send the proposal" in n] == ["Send the proposal"]  # once, not three times
    assert Store(store.path).get_state("reminders_fired")  # remembered across restarts


async def test_reminders_missed_while_closed_are_told_once_at_start(make_app, store, settings, clock):
    store.tasks.add(Task(title="Confirm the venue", created=clock.now() - 3 * HOUR, due=clock.now() + timedelta(minutes=30)))
    app = make_app(store=store, settings_=replace(settings, reminders_before=(HOUR,)))
    async with app.run_test(size=(120, 36)) as pilot:
        app.tick()
        await settle(app, pilot)
        missed = [n for n in app.notices if "Confirm the venue" in n]
        assert len(missed) == 1 and missed[0].startswith("Due in 1h")
    again = make_app(store=Store(store.path, clock=clock, journal=True), settings_=replace(settings, reminders_before=(HOUR,)))
    async with again.run_test(size=(120, 36)) as pilot:
        again.tick()
        await settle(again, pilot)
        assert not any("Confirm the venue" in n for n in again.notices)  # told once, not at every start


async def test_a_change_to_the_plan_is_pushed_to_the_calendar(make_app, store, settings, clock, calendar):
    caldav = CalDavSettings(url=str(calendar.url), username="va", password_command="echo 's3cret pass'")
    app = make_app(store=store, settings_=replace(settings, caldav=caldav, reminders_before=()))
    async with app.run_test(size=(120, 36)) as pilot:
        start = clock.now() + HOUR
        Store(store.path, clock=clock).blocks.add(TimeBlock(start=start, end=start + HOUR, batch="email"))  # another window
        app.tick()  # the change is seen and shown
        await settle(app, pilot)
        assert calendar.events() == []  # not at once: a burst of edits makes one push
        clock.advance(seconds=6)
        app.tick()
        await settle(app, pilot)
        assert [str(e.icalendar_component["summary"]) for e in calendar.events()] == ["email"]
        assert any("Calendar pushed: 1 created" in n for n in app.notices)
