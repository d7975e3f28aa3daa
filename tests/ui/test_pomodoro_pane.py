"""The Pomodoro pane driven with the fixed clock: keys, countdown, phase ends, notifications over
SSH, the unattended question, another process's timer, the entries screen. No sleeping."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input

from vatui.core.models import TimeEntry
from vatui.core.pomodoro_state import Outcome, Phase
from vatui.screens.entries_screen import EntriesScreen, EntryModal
from vatui.screens.unattended_modal import UnattendedModal
from vatui.store import Store
from vatui.store.pomodoro_codec import load
from vatui.terminal.notify import BEL, DesktopResult
from vatui.timers.timekeeping import TimeKeeper
from vatui.widgets.big_digits import BigDigits
from vatui.widgets.pomodoro_pane import PomodoroPane

ESC = "\x1b"
FROZEN = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)  # the clock fixture's instant


@pytest.fixture(autouse=True)
def plain_terminal(monkeypatch):
    """A local terminal without a desktop unless a test says otherwise."""
    for name in ("SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT", "TMUX", "STY", "DISPLAY", "WAYLAND_DISPLAY",
                 "TERM_PROGRAM", "LC_TERMINAL", "KITTY_WINDOW_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def pane(app) -> PomodoroPane:
    return app.screen.query_one("#pomodoro-pane", PomodoroPane)


def shown(app):
    return pane(app).shown


def state(store: Store):
    return load(store.get_state("pomodoro")).state


async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def tick_until_seen(app, pilot):
    """A tick that finds its own earlier write refreshes and returns before looking at the disk;
    the next one looks. Two ticks, each followed by the work they queued."""
    for _ in range(2):
        app.tick()
        await settle(app, pilot)
    app.tick()


async def run_a_focus_to_its_end(app, pilot, clock) -> None:
    """Start a focus from the Pomodoro pane and let its 25 minutes pass."""
    await pilot.press("4", "s")
    await settle(app, pilot)
    clock.advance(minutes=25)
    app.tick()
    await settle(app, pilot)


async def test_start_counts_down_and_a_focus_ends_into_a_logged_entry(make_app, demo_store, clock):
    app = make_app()
    before = len(demo_store.entries.all())
    async with app.run_test(size=(120, 36)) as pilot:
        assert shown(app).phase == "IDLE" and shown(app).clock == "25:00"
        await pilot.press("4", "s")
        await settle(app, pilot)
        d = shown(app)
        assert d.kind == "-focus" and d.phase == "FOCUS" and d.clock == "25:00" and d.big == "25"
        assert "ends 15:25" in d.note  # 13:00 UTC is 15:00 in Bucharest
        clock.advance(minutes=10, seconds=30)
        app.tick()
        d = shown(app)
        assert d.clock == "14:30" and d.big == "14"
        assert "14:" in str(app.screen.query_one("#pomo-clock-head").content)
        assert app.screen.query_one("#pomo-clock").text == "30"
        clock.advance(minutes=15)
        app.tick()
        await settle(app, pilot)
        app.tick()
        assert "Next: short break (5m)." in app.notices
        assert shown(app).phase == "FOCUS DONE" and "short break next" in shown(app).note
        assert "1 focus today" in shown(app).meta and shown(app).meta.startswith("●○○○")
    entries = Store(demo_store.path).entries.all()
    assert len(entries) == before + 1
    new = max(entries, key=lambda e: e.id)
    assert new.source == "pomodoro" and new.duration == timedelta(minutes=25) and new.billable


async def test_pause_resume_skip_stop_interrupt_keys(make_app, demo_store, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "s")
        await settle(app, pilot)
        clock.advance(minutes=5)
        await pilot.press("i")
        await settle(app, pilot)
        assert "1 interruption" in shown(app).meta
        await pilot.press("p")
        await settle(app, pilot)
        assert shown(app).paused and "PAUSED" in shown(app).phase
        clock.advance(minutes=30)
        app.tick()
        assert shown(app).clock == "20:00"  # frozen while paused
        await pilot.press("p")
        await settle(app, pilot)
        clock.advance(minutes=2)
        app.tick()
        assert shown(app).clock == "18:00" and not shown(app).paused
        await pilot.press("k")  # skip: the focus is logged, a break is next
        await settle(app, pilot)
        assert "short break next" in shown(app).note
        await pilot.press("s")
        await settle(app, pilot)
        assert shown(app).kind == "-break" and shown(app).phase == "SHORT BREAK"
        await pilot.press("x")
        await settle(app, pilot)
        assert shown(app).phase == "IDLE"
    logged = [e for e in Store(demo_store.path).entries.all() if e.source == "pomodoro" and e.start >= FROZEN]
    # One entry per running stretch: 0-5 before the pause and 35-37 after it; the pause is not billed.
    assert sorted(e.duration for e in logged) == [timedelta(minutes=2), timedelta(minutes=5)]


async def test_refusals_are_said_not_raised(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "p")
        await settle(app, pilot)
        assert "No timer is running." in app.notices
        await pilot.press("i")
        assert "Interruptions are logged during a focus." in app.notices


async def test_stopwatch_key_logs_a_stopwatch_entry(make_app, demo_store, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "w")
        await settle(app, pilot)
        assert shown(app).kind == "-stopwatch" and shown(app).clock == "00:00"
        clock.advance(minutes=42, seconds=5)
        app.tick()
        assert shown(app).clock == "42:05" and shown(app).note.strip() == "elapsed"
        await pilot.press("w")
        await settle(app, pilot)
        assert any("Logged 42m" in n for n in app.notices)
    assert any(e.source == "stopwatch" and e.duration == timedelta(minutes=42, seconds=5)
               for e in Store(demo_store.path).entries.all())


async def test_start_focus_on_binds_the_task_and_its_client(make_app, demo_store):
    task = demo_store.tasks.all()[3]
    client = demo_store.clients.get(task.client_id)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.screen.start_focus_on(task) is True
        await settle(app, pilot)
        assert task.title in shown(app).task and client.name in shown(app).task
        assert client.name in shown(app).today
        # A second focus while one runs is refused, and says why.
        assert app.screen.start_focus_on(demo_store.tasks.all()[0]) is False
        assert any("already running" in n for n in app.notices)
    s = state(Store(demo_store.path))
    assert s.phase is Phase.FOCUS and s.task_id == task.id and s.client_id == client.id


async def test_start_uses_the_selected_task_when_none_is_bound(make_app, demo_store):
    task = demo_store.tasks.all()[5]
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        app.screen.selected_task = lambda: task  # what the queue pane reports
        await pilot.press("4", "s")
        await settle(app, pilot)
    assert state(Store(demo_store.path)).task_id == task.id


async def test_notification_over_ssh_in_tmux_is_a_wrapped_osc_then_the_bell(make_app, clock, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,1234,0")
    monkeypatch.setenv("DISPLAY", ":0")  # forwarded X: still not a local desktop
    written: list[str] = []
    app = make_app(terminal_writer=written.append)
    desktop_calls: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        app.notifier.desktop = lambda t, b: desktop_calls.append(t) or DesktopResult(True)
        await run_a_focus_to_its_end(app, pilot, clock)
    assert not desktop_calls  # over SSH the desktop is not tried
    out = "".join(written)
    inner = f"{ESC}]777;notify;Focus done;Next: short break (5m).{BEL}"
    assert f"{ESC}Ptmux;" + inner.replace(ESC, ESC + ESC) + f"{ESC}\\" in out
    assert out.endswith(BEL) and out.index("Ptmux") < out.rindex(BEL)
    assert app.notices[-1] == "Next: short break (5m)."  # the in-app toast, always


async def test_a_desktop_that_cannot_deliver_falls_back_to_the_terminal(make_app, clock, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    written: list[str] = []
    app = make_app(terminal_writer=written.append)
    async with app.run_test(size=(120, 36)) as pilot:
        app.notifier.desktop = lambda t, b: DesktopResult(False, "Cannot autolaunch D-Bus without X11 $DISPLAY")
        await run_a_focus_to_its_end(app, pilot, clock)
    assert any(s.startswith(f"{ESC}]777;notify;Focus done") for s in written) and written[-1] == BEL
    assert any("desktop failed: Cannot autolaunch" in line for line in app.notifier.log)


async def test_a_delivered_desktop_notification_sends_no_escape(make_app, clock, monkeypatch):
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    written: list[str] = []
    app = make_app(terminal_writer=written.append)
    async with app.run_test(size=(120, 36)) as pilot:
        app.notifier.desktop = lambda t, b: DesktopResult(True)
        await run_a_focus_to_its_end(app, pilot, clock)
    assert written == [BEL]


async def test_channels_from_settings(make_app, settings, clock, monkeypatch):
    monkeypatch.setenv("SSH_TTY", "/dev/pts/3")
    written: list[str] = []
    app = make_app(settings_=replace(settings, notify=("bell",)), terminal_writer=written.append)
    async with app.run_test(size=(120, 36)) as pilot:
        await run_a_focus_to_its_end(app, pilot, clock)
    assert written == [BEL]


async def test_a_timer_started_from_another_process_shows_up(make_app, demo_store, settings, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert shown(app).phase == "IDLE"
        other = TimeKeeper(Store(demo_store.path, clock=clock), settings)  # e.g. `vatui pomodoro start`
        other.apply(clock.now(), lambda t, s, n: t.start(s, n, client_id=1, bind=True))
        clock.advance(seconds=1)
        await tick_until_seen(app, pilot)  # the tick notices the file changed and reloads it
        assert shown(app).phase == "FOCUS" and shown(app).clock == "24:59"
        # ...and the other way round: a pause here is seen by the other process.
        await pilot.press("4", "p")
        await settle(app, pilot)
    assert TimeKeeper(Store(demo_store.path), settings).read().state.run.paused


async def test_restart_mid_focus_shows_the_right_time(make_app, demo_store, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "s")
        await settle(app, pilot)
    clock.advance(minutes=3)  # closed and reopened three minutes later, before the end
    again = make_app(store=Store(demo_store.path, clock=clock))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot)
        assert shown(again).clock == "22:00" and not again.screen.query(UnattendedModal)
        assert not isinstance(again.screen, UnattendedModal)


async def test_closed_while_a_focus_ended_asks_keep_trim_discard(make_app, demo_store, clock):
    app = make_app()
    before = len(demo_store.entries.all())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "s")
        await settle(app, pilot)
        clock.advance(minutes=5)
    assert state(Store(demo_store.path)).closed_at is not None
    clock.advance(hours=2)
    again = make_app(store=Store(demo_store.path, clock=clock))
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, UnattendedModal)
        assert "closed at 15:05" in again.screen.text
        assert any("while vatui was closed" in n for n in again.notices)
        await pilot.press("d")
        await settle(again, pilot)
        assert not isinstance(again.screen, UnattendedModal)
        assert shown(again).phase == "IDLE"
    assert len(Store(demo_store.path).entries.all()) == before


async def test_a_forgotten_stopwatch_is_asked_about_and_trimmed(make_app, demo_store, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "w")  # on the queue's selected task: planned as its 15m estimate
        await settle(app, pilot)
        clock.advance(minutes=40)  # 25m past the plan: still within forgotten_after (30m)
        await pilot.press("1")  # a key pressed: still here
        await settle(app, pilot)
        clock.advance(minutes=29)
        app.tick()
        assert not isinstance(app.screen, UnattendedModal)
        clock.advance(minutes=2)
        app.tick()
        await pilot.pause()
        assert isinstance(app.screen, UnattendedModal)
        await pilot.press("t")
        await settle(app, pilot)
    watch = [e for e in Store(demo_store.path).entries.all() if e.source == "stopwatch" and e.start >= FROZEN]
    assert [e.duration for e in watch] == [timedelta(minutes=40)]  # trimmed to when someone was last here


async def test_the_entries_total_counts_only_the_days_part_of_an_overnight_entry(make_app, demo_store):
    # 23:00-01:00 in Bucharest, into the frozen day: one hour of it is today's.
    demo_store.entries.add(TimeEntry(start=datetime(2026, 11, 22, 21, 0, tzinfo=timezone.utc),
                                     end=datetime(2026, 11, 22, 23, 0, tzinfo=timezone.utc), client_id=1))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        # The demo's morning (3h10m) and the overnight entry's hour after midnight.
        assert str(app.screen.query_one("#entries-total").content) == "Total 4h10m, billable 4h10m"


async def test_an_overnight_entry_opens_and_saves_unchanged_in_the_form(make_app, demo_store):
    overnight = demo_store.entries.add(TimeEntry(start=datetime(2026, 11, 22, 21, 0, tzinfo=timezone.utc),
                                                 end=datetime(2026, 11, 22, 23, 0, tzinfo=timezone.utc), client_id=1))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        await pilot.press("e")  # the day's first row: 23:00 the evening before to 01:00
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EntryModal)
        assert (modal.query_one("#from", Input).value, modal.query_one("#to", Input).value) == ("23:00", "01:00")
        modal.action_save()
        await settle(app, pilot)
        assert isinstance(app.screen, EntriesScreen)
        assert Store(demo_store.path).entries.get(overnight.id) == overnight


async def test_entries_screen_add_edit_delete_undo(make_app, demo_store, clock):
    for e in demo_store.entries.all():  # start from a day with nothing tracked yet
        if e.start >= clock.now().replace(hour=0):
            demo_store.entries.delete(e.id)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)
        assert "No time tracked" in str(app.screen.query_one("#entries-total").content)
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EntryModal)
        modal.query_one("#from").value = "10:30"
        modal.query_one("#to").value = "09:00"
        modal.action_save()
        await pilot.pause()
        assert "09:00 is earlier than 10:30" in str(modal.query_one("#to-error").content)  # by the field, not saved
        modal.query_one("#to").value = "11:45"
        modal.action_save()
        await pilot.pause()
        assert "choose who" in str(modal.query_one("#client-error").content)
        modal.query_one("#client").value = demo_store.clients.all()[0].id
        modal.action_save()
        await settle(app, pilot)
        entries_screen = app.screen
        assert isinstance(entries_screen, EntriesScreen) and len(entries_screen.rows) == 1
        assert entries_screen.rows[0].duration == timedelta(minutes=75)
        await pilot.press("d")
        await settle(app, pilot)
        assert entries_screen.rows == []
        await pilot.press("u")
        await settle(app, pilot)
        assert len(entries_screen.rows) == 1 and entries_screen.rows[0].source == "manual"
        await pilot.press("left_square_bracket")
        assert entries_screen.rows == []  # Sunday
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert len(entries_screen.rows) == 5  # the demo's Friday
        await pilot.press("escape")
        assert not isinstance(app.screen, EntriesScreen)


async def test_the_add_form_opens_on_real_values_and_an_emptied_field_is_required(make_app, demo_store):
    app = make_app()  # the demo's last entry today ended at 14:50 (Hudson, 14:05-14:50)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, EntryModal)
        fields = {name: modal.query_one(f"#{name}") for name in ("date", "from", "to")}
        # 15:00 in Bucharest: the hour up to now, after the day's last entry (placeholders only
        # name the format, so an emptied field cannot pass for a filled one).
        assert {n: f.value for n, f in fields.items()} == {"date": "2026-11-23", "from": "14:50", "to": "15:00"}
        assert {f.placeholder for f in fields.values()} == {"YYYY-MM-DD", "HH:MM"}
        assert app.focused is fields["from"]
        await pilot.press("end", *["backspace"] * 5, "enter")  # From emptied
        await pilot.pause()
        error = str(modal.query_one("#from-error").content)
        assert error == "a time of day is required (e.g. 09:00 or 17:30)" and "''" not in error
        fields["from"].value = "14:00"
        await pilot.pause()
        assert str(modal.query_one("#from-error").content) == ""  # changed: the old error goes
        assert not modal.query_one("#from-error").has_class("-shown")
        fields["date"].value = ""
        modal.action_save()
        await pilot.pause()
        assert "a date is required" in str(modal.query_one("#date-error").content)
        fields["date"].value = "2026-11-23"
        modal.query_one("#client").value = demo_store.clients.all()[0].id
        modal.action_save()
        await settle(app, pilot)
        assert isinstance(app.screen, EntriesScreen)
        # The demo's four entries of the morning and the new 14:00-15:00 one.
        assert [e.duration for e in app.screen.rows if e.source == "manual"] == [timedelta(hours=1)]
        assert len(app.screen.rows) == 5


async def test_big_digits_grow_when_the_pane_is_zoomed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        big = app.screen.query_one("#pomo-big", BigDigits)
        small_rows = len(big.rendered().splitlines())
        await pilot.press("4", "z")
        await pilot.pause()
        assert len(big.rendered().splitlines()) > small_rows >= 3
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        big = app.screen.query_one("#pomo-big", BigDigits)
        assert big.rendered() and len(big.rendered().splitlines()) >= 3


async def test_another_vatui_closing_does_not_make_this_one_unattended(make_app, demo_store, settings, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "s")
        await settle(app, pilot)
        clock.advance(minutes=5)
        other = TimeKeeper(Store(demo_store.path, clock=clock), settings)
        other.apply(clock.now(), lambda t, s, n: Outcome(t.closed(s, n)))  # the other window quits
        assert state(Store(demo_store.path)).closed_at is not None
        await tick_until_seen(app, pilot)
        await settle(app, pilot)
        assert state(Store(demo_store.path)).closed_at is None
        clock.advance(minutes=30)
        await tick_until_seen(app, pilot)
        assert not isinstance(app.screen, UnattendedModal)



async def test_a_running_second_repaints_only_the_seconds(make_app, clock, monkeypatch):
    """The one write every second: the seconds' two cells, in a widget of their own (Textual
    resends a repainted line from its widget's left edge)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "s")
        await settle(app, pilot)
        clock.advance(seconds=1)  # 24:59: the minute changed too
        app.tick()
        await pilot.pause()
        refreshed: dict[str, list] = {}
        for name in ("#pomo-clock-head", "#pomo-clock", "#pomo-note", "#pomo-head", "#pomo-lines"):
            widget = app.screen.query_one(name)
            refreshed[name] = []
            monkeypatch.setattr(widget, "refresh", lambda *regions, _n=name, _r=widget.refresh, **kw: (
                refreshed[_n].append(regions), _r(*regions, **kw))[1])
        clock.advance(seconds=1)
        app.tick()
        await pilot.pause()
        seconds = refreshed["#pomo-clock"]
        others = {name: calls for name, calls in refreshed.items() if name != "#pomo-clock"}
        (region,), = seconds
        assert (region.x, region.width, region.height) == (0, 2, 1)
        assert others == {name: [] for name in others}
        assert app.screen.query_one("#pomo-clock").text == "58"
