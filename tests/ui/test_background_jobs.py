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
        assert len(missed) == 1 and missed[0].startswith("Due 15:30")  # the deadline on my clock, not "in 1h"
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


async def test_an_overdue_invoice_adds_one_chase_task_and_a_retainer_warns_at_80_percent(make_app, store, settings, clock,
                                                                                          make_cli):
    from vatui.core.models import Client, TimeEntry

    store.clients.add(Client(name="Acme", tz="UTC", rate=40))
    cli = make_cli()
    start = clock.now() - timedelta(days=40)  # in October
    store.entries.add(TimeEntry(start=start, end=start + timedelta(hours=2), client_id=1))
    code, out, err = cli("invoice", "create", "--client", "Acme", "--date", "2026-10-20", "--terms", "7d", db_path=store.path)
    assert code == 0, err
    assert cli("invoice", "sent", "2026-001", db_path=store.path)[0] == 0  # due 27 Oct, unpaid: overdue now
    cli("client", "edit", "Acme", "--retainer", "10h/month", db_path=store.path)
    this_month = clock.now() - timedelta(days=2)
    store = Store(store.path, clock=clock, journal=True)
    store.entries.add(TimeEntry(start=this_month, end=this_month + 8.5 * HOUR, client_id=1))  # 8.5 of 10 h
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        for _minute in range(2):
            app.tick()
            await settle(app, pilot)
            clock.advance(minutes=1)
        chase = [t for t in Store(store.path).tasks.all() if t.title == "Chase invoice 2026-001"]
        assert len(chase) == 1 and chase[0].client_id == 1  # once, not once a minute
        said = [n for n in app.notices if n.startswith("80% of this month's 10 h used")]
        assert said == ["80% of this month's 10 h used (8.5 h)"]
