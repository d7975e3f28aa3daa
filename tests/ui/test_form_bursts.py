"""A burst of keys in a form (typed fast over SSH: one read holds them all) is applied exactly as if
it were typed slowly: editing keys in order with the characters around them, keys after a Tab go to
the next field, and a submit sees everything typed before it. The keys are posted without a pause
between them, as the terminal driver posts them."""

from datetime import timedelta

import pytest
from textual import events
from textual.widgets import Input, Static

from vatui.screens.block_modal import BlockModal, PromptModal
from vatui.screens.client_modal import ClientModal
from vatui.screens.queue_modals import QuickAddModal, TaskModal
from vatui.widgets.task_list import TaskList

NAMED = {"\x1b": "escape", "?": "question_mark",
         "\t": "tab", "\r": "enter", "\x7f": "backspace", "\x15": "ctrl+u", "\x13": "ctrl+s", "←": "left",
         " ": "space", "/": "slash", "~": "tilde", "@": "at", "#": "number_sign", ".": "full_stop"}


def burst(app, text: str) -> None:
    """Queue every key of `text` at the app before any is handled, as one terminal read does."""
    for ch in text:
        key = NAMED.get(ch, ch)
        character = ch if ch.isprintable() and ch != "←" else None
        if key == "tab":
            character = "\t"
        elif key == "enter":
            character = "\r"
        app.post_message(events.Key(key, character))


def task_list(app) -> TaskList:
    return app.screen.query_one(TaskList)


async def settle(pilot, app) -> None:
    for _ in range(6):
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("opened_first", [True, False], ids=["form-open", "opened-by-the-burst"])
async def test_client_form_burst_fills_two_fields_and_saves(make_app, demo_store, opened_first):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        if opened_first:
            await pilot.press("1", "a")
            assert isinstance(app.screen, ClientModal)
        burst(app, ("" if opened_first else "1a") + "Acme Co\tAsia/Kolkata\x13")
        await settle(pilot, app)
        assert not isinstance(app.screen, ClientModal)
        added = demo_store.client_named("Acme Co")
        assert added is not None and added.tz == "Asia/Kolkata"


async def test_client_form_burst_with_backspace_and_left(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1", "a")
        burst(app, "Acmx\x7fe←←X\tsydn\t")
        await settle(pilot, app)
        assert app.screen.query_one("#field-name", Input).value == "AcXme"
        assert app.screen.query_one("#field-tz", Input).value == "Australia/Sydney"


async def test_quick_add_burst_clears_then_adds(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        before = {t.id for t in demo_store.tasks.all()}
        await pilot.press("a")
        assert isinstance(app.screen, QuickAddModal)
        burst(app, "\x15Call supplier ~10m @hud\r")
        await settle(pilot, app)
        assert not isinstance(app.screen, QuickAddModal)
        new = [t for t in demo_store.tasks.all() if t.id not in before]
        assert [t.title for t in new] == ["Call supplier"]
        assert new[0].estimate == timedelta(minutes=10)
        assert demo_store.clients.get(new[0].client_id).name == "Hudson Realty"


async def test_shift_amount_opens_selected_so_typing_replaces_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "O")
        assert isinstance(app.screen, PromptModal)
        assert app.screen.query_one(Input).value == "15m"
        burst(app, "20m")
        await settle(pilot, app)
        assert app.screen.query_one(Input).value == "20m"
        assert "ends 20m later" in str(app.screen.query_one("#form-preview").content)


async def test_shift_amount_burst_with_backspace_and_submit(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "O")
        burst(app, "255\x7f\r")
        await settle(pilot, app)
        assert not isinstance(app.screen, PromptModal)
        assert any("25m" in n for n in app.notices), app.notices


async def test_quick_add_suggested_client_is_replaced_by_a_typed_one_and_no_error_shows_first(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        line = app.screen.query_one(Input)
        assert line.value.startswith("@")  # the client under the cursor, suggested
        preview = app.screen.query_one("#qa-preview", Static)
        assert not preview.has_class("-error")
        before = {t.id for t in demo_store.tasks.all()}
        burst(app, "Call supplier @hud // ask about March\r")
        await settle(pilot, app)
        assert not isinstance(app.screen, QuickAddModal)
        [new] = [t for t in demo_store.tasks.all() if t.id not in before]
        assert (new.title, new.notes) == ("Call supplier", "ask about March")
        assert demo_store.clients.get(new.client_id).name == "Hudson Realty"


async def test_quick_add_preview_shows_the_notes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        burst(app, "\x15Call supplier // ask about March")
        await settle(pilot, app)
        assert "notes: ask about March" in str(app.screen.query_one("#qa-preview", Static).render())


async def test_task_form_burst_moves_through_a_list_tick_boxes_and_fields(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        task = task_list(app).selected_task
        await pilot.press("e")
        assert isinstance(app.screen, TaskModal)
        # title (selected on focus: typing replaces it), client list, batch, Urgent, Important, estimate
        burst(app, "\x15Call supplier\t\tcalls\t \t\t25m\x13")
        await settle(pilot, app)
        assert not isinstance(app.screen, TaskModal)
        saved = demo_store.tasks.get(task.id)
        assert (saved.title, saved.batch, saved.urgent, saved.estimate) == (
            "Call supplier", "calls", not task.urgent, timedelta(minutes=25))


async def test_keys_after_an_enter_that_submits_act_after_the_submit(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        before = {t.id for t in demo_store.tasks.all()}
        await pilot.press("a")
        burst(app, "\x15First task\r2")  # then 2: the blocks pane, in the cockpit
        await settle(pilot, app)
        assert [t.title for t in demo_store.tasks.all() if t.id not in before] == ["First task"]
        assert "blocks-pane" in [w.id for w in app.focused.ancestors_with_self]


async def test_task_form_points_out_a_due_time_outside_the_clients_hours(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        task = task_list(app).selected_task
        client = demo_store.clients.get(task.client_id)
        await pilot.press("e")
        note = app.screen.query_one("#due-note", Static)
        due = app.screen.query_one("#f-due", Input)
        due.value = "tue 04:00 client"
        await settle(pilot, app)
        assert note.has_class("-shown") and f"outside {client.name}'s business hours" in str(note.render())
        due.value = "tue 11:00 client"
        await settle(pilot, app)
        assert not note.has_class("-shown")


async def test_block_form_burst_with_backspace(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        before = {b.id for b in demo_store.blocks.all()}
        await pilot.press("2", "a")
        assert isinstance(app.screen, BlockModal)
        burst(app, "\x15" + "18:00 30m @bondi tastx\x7fing notes\r")
        await settle(pilot, app)
        assert not isinstance(app.screen, BlockModal)
        [new] = [b for b in demo_store.blocks.all() if b.id not in before]
        assert new.note == "tasting notes"


async def test_queue_filter_burst_with_backspace_and_ctrl_u(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        filter_line = app.screen.query_one("#queue-filter", Input)
        await pilot.press("slash")
        burst(app, "zzzz\x15@hux\x7fd")
        await settle(pilot, app)
        assert filter_line.value == "@hud"


async def test_a_burst_that_opens_quick_add_fills_it_and_leaves_the_cockpit_untouched(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        before = {t.id for t in demo_store.tasks.all()}
        assert app.screen.query_one("#pomodoro-pane").has_class("-idle")
        burst(app, "2" + "3a\x15Call supplierx\x7f ~10m @hud\r")  # from another pane: 3 goes to the queue
        await settle(pilot, app)
        assert not isinstance(app.screen, QuickAddModal)
        new = [t for t in demo_store.tasks.all() if t.id not in before]
        assert [(t.title, t.estimate) for t in new] == [("Call supplier", timedelta(minutes=10))]
        assert demo_store.clients.get(new[0].client_id).name == "Hudson Realty"
        assert app.screen.query_one("#pomodoro-pane").has_class("-idle")  # no 's' started a focus


async def test_a_burst_through_the_help_screen_and_back_lands_in_the_cockpit(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        burst(app, "?\x1b2?q3")  # help, Esc; blocks pane, help, q; the queue
        await settle(pilot, app)
        assert app.screen.id == "cockpit"
        assert "queue-pane" in [w.id for w in app.focused.ancestors_with_self]


async def test_cursor_moves_in_a_burst_act_before_the_key_after_them(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        tasks = [r.task for r in task_list(app).rows if r.task is not None]
        start = tasks.index(task_list(app).selected_task)
        burst(app, "jjd")  # two rows down, then done
        await settle(pilot, app)
        assert not demo_store.tasks.get(tasks[start + 2].id).is_open
        assert all(demo_store.tasks.get(t.id).is_open for t in tasks[start:start + 2])
