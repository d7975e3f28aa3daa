"""The Task queues pane driven by its keys, on real stores in temp folders."""

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import Input, Static

from vatui.core.models import DEFAULT_BATCHES, ChecklistItem, Client, Status, Task
from vatui.screens.cockpit import CockpitScreen
from vatui.screens.queue_modals import ApplyTemplateModal, QuickAddModal, TaskModal
from vatui.store import Store
from vatui.widgets.queue_pane import QueuePane
from vatui.widgets.task_list import TaskList


def pane(app) -> QueuePane:
    return app.screen.query_one(QueuePane)


def task_list(app) -> TaskList:
    return app.screen.query_one(TaskList)


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def by_title(store: Store, title: str) -> Task:
    return next(t for t in store.tasks.all() if t.title == title)


async def test_the_queue_is_focused_and_lists_every_open_task(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(200, 60)):
        lst = task_list(app)
        assert app.focused is lst
        open_tasks = {t.id for t in demo_store.tasks.all() if t.status is not Status.DONE}
        assert {r.task.id for r in lst.rows if r.task} == open_tasks
        assert lst.selected_task is not None and app.screen.selected_task() == lst.selected_task
        title = str(pane(app).border_title)
        assert "2 late · 5 soon · by client · Bondi 7 · Hudson 7 · Masala 7 · Regent 7" in title


async def test_views_cycle_and_the_choice_is_remembered(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        seen = []
        for _ in range(4):
            seen.append(task_list(app).view.value)
            await pilot.press("v")
        await settle(app, pilot)
        assert seen == ["client", "batch", "eisenhower", "deadlines"]
        assert task_list(app).view.value == "client"
        await pilot.press("v", "v")
        await settle(app, pilot)
        assert "Eisenhower" in str(pane(app).border_title)
    again = make_app(store=Store(demo_store.path))
    async with again.run_test(size=(120, 36)):
        assert task_list(again).view.value == "eisenhower"


async def test_batch_key_opens_batch_mode_on_the_batch_under_the_cursor(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        batch = task_list(app).selected_task.batch
        await pilot.press("b")
        await settle(app, pilot)
        lst = task_list(app)
        assert lst.view.value == "batch" and {r.task.batch for r in lst.rows if r.task} == {batch}
        assert len({r.client.id for r in lst.rows if r.task}) > 1  # across clients
        await pilot.press("b")
        await settle(app, pilot)
        assert {r.task.batch for r in task_list(app).rows if r.task} != {batch}
        assert Store(demo_store.path).get_state("queue.batch") == task_list(app).rows[1].task.batch


async def test_quick_add_saves_one_task_and_selects_it(make_app, demo_store, clock):
    before = len(demo_store.tasks)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, QuickAddModal)
        line = app.screen.query_one(Input)
        line.value = ""
        await pilot.press(*"Send deck @hud #email !u ~15m due:fri reply:4h")
        preview = str(app.screen.query_one("#qa-preview", Static).render())
        assert "Hudson Realty" in preview and "reply by" in preview
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CockpitScreen)
        assert len(demo_store.tasks) == before + 1
        new = by_title(demo_store, "Send deck")
        assert new.batch == "email" and new.urgent and new.estimate == timedelta(minutes=15) and new.reply_by
        assert task_list(app).selected_task.id == new.id
        assert any("Added: Send deck" in n for n in app.notices)
        await pilot.press("u")
        await settle(app, pilot)
        assert len(demo_store.tasks) == before


async def test_quick_add_prefills_the_client_under_the_cursor(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        client = task_list(app).rows[task_list(app).cursor].client
        await pilot.press("a")
        value = app.screen.query_one(Input).value
        assert value.startswith("@" + "-".join(client.name.lower().split()))


@pytest.mark.parametrize(("line_text", "said", "selected"), [
    ("Call back @nobody ~15m", "@nobody", "@nobody"),  # an unknown client
    ("Bad @hud due:fri 25:00", "not a time of day", "25:00"),  # an impossible due time, not put in the title
])
async def test_a_bad_token_keeps_the_form_open_points_at_it_and_saves_nothing(make_app, demo_store, line_text, said,
                                                                               selected):
    before = len(demo_store.tasks)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        line = app.screen.query_one(Input)
        line.value = line_text
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QuickAddModal)
        preview = app.screen.query_one("#qa-preview", Static)
        assert said in str(preview.render()) and preview.has_class("-error")
        assert line.value[line.selection.start:line.selection.end] == selected
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CockpitScreen)
    assert len(Store(demo_store.path).tasks) == before


async def test_done_defer_wait_delete_and_undo_each(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        first = task_list(app).selected_task
        await pilot.press("d")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id).status is Status.DONE
        assert task_list(app).selected_task.id != first.id  # the cursor moved on to the next task
        await pilot.press("u")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id) == first

        task_list(app).select_task(first.id)
        await pilot.press("f")
        await settle(app, pilot)
        deferred = demo_store.tasks.get(first.id)
        assert deferred.status is Status.DEFERRED and deferred.defer_until.isoformat() == "2026-11-24"
        await pilot.press("u")
        await settle(app, pilot)

        task_list(app).select_task(first.id)
        await pilot.press("w")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id).status is Status.WAITING
        task_list(app).select_task(first.id)
        await pilot.press("w")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id).status is Status.TODO

        task_list(app).select_task(first.id)
        await pilot.press("D")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id) is None
        await pilot.press("u")
        await settle(app, pilot)
        assert demo_store.tasks.get(first.id) == first


async def test_next_marks_doing_and_starts_a_focus(make_app, demo_store, monkeypatch):
    started: list[Task] = []
    monkeypatch.setattr(CockpitScreen, "start_focus_on", lambda self, task: started.append(task) or True)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("v", "v")  # Eisenhower: the next task across every client
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        doing = [t for t in demo_store.tasks.all() if t.status is Status.DOING]
        assert len(doing) == 1 and started == doing
        assert doing[0].title == "Send weekly newsletter proof"  # do-first, soonest reply-by
        assert task_list(app).selected_task.id == doing[0].id
        # Starting another puts the first back to to-do: one task in hand.
        await pilot.press("j", "s")
        await settle(app, pilot)
        doing_now = [t for t in demo_store.tasks.all() if t.status is Status.DOING]
        assert len(doing_now) == 1 and doing_now[0].id != doing[0].id
        assert demo_store.tasks.get(doing[0].id).status is Status.TODO


async def test_next_in_the_per_client_view_stays_with_the_client(make_app, demo_store, monkeypatch):
    monkeypatch.setattr(CockpitScreen, "start_focus_on", lambda self, task: True)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("right_square_bracket")  # the second client's queue
        client = task_list(app).rows[task_list(app).cursor].client
        await pilot.press("n")
        await settle(app, pilot)
        doing = [t for t in demo_store.tasks.all() if t.status is Status.DOING]
        assert [t.client_id for t in doing] == [client.id]


async def test_the_forms_batch_suggestions_follow_the_panes_batch_order(make_app, demo_store, clock):
    demo_store.tasks.add(Task(title="Pitch deck", batch="sales", created=clock.now()))  # the user's own batch
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, TaskModal)
        # The defaults in their usual order, then the user's own: "s" suggests social, not sales.
        assert app.screen.batches == [*DEFAULT_BATCHES, "sales"]


async def test_edit_form_shows_errors_at_the_field_and_saves_when_valid(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        original = task_list(app).selected_task
        await pilot.press("e")
        assert isinstance(app.screen, TaskModal)
        app.screen.query_one("#f-due", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TaskModal)
        err = app.screen.query_one("#err-due", Static)
        assert err.has_class("-shown") and "someday" in str(err.render())
        assert app.focused is app.screen.query_one("#f-due", Input)
        app.screen.query_one("#f-due", Input).value = "fri 10:00 client"
        await pilot.pause()
        assert not err.has_class("-shown")  # the field changed: its old error goes
        app.screen.query_one("#f-estimate", Input).value = "1h30"
        app.screen.query_one("#f-title", Input).value = "Reply to the wholesale enquiry"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CockpitScreen)
        saved = demo_store.tasks.get(original.id)
        assert saved.title == "Reply to the wholesale enquiry" and saved.estimate == timedelta(minutes=90)
        assert saved.due_zone == "Australia/Sydney"
        await pilot.press("u")
        await settle(app, pilot)
        assert demo_store.tasks.get(original.id) == original


@pytest.mark.parametrize("language, size", [("en", (80, 24)), ("ro", (120, 36)), ("en", (120, 36)),
                                             ("pt_BR", (80, 24)), ("en", (56, 24))])
async def test_task_form_hints_are_whole_words(make_app, settings, painted, language, size):
    from vatui.i18n import _

    app = make_app(settings_=replace(settings, language=language))
    async with app.run_test(size=size) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TaskModal)
        hint = painted(app.screen.query_one("#tf-buttons .modal-help")).rstrip()
        full = _("Ctrl+S saves · Esc cancels")
        # All of it, or whole words and "…": never a word cut in half.
        assert hint == full or (hint.endswith("…") and (full + " ").startswith(hint[:-1].rstrip() + " ")), hint
        if size[0] >= 80:
            assert hint == full
        # How to tick a checklist line sits by the checklist, whole.
        label = painted(app.screen.query_one("#f-checklist").parent.query_one(".form-label"))
        assert _("[x] = done") in label.splitlines()[1]


async def test_the_romanian_task_form_defers_in_romanian(make_app, settings, demo_store, painted):
    app = make_app(settings_=replace(settings, language="ro"))
    async with app.run_test(size=(120, 36)) as pilot:
        original = task_list(app).selected_task
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TaskModal)
        defer = form.query_one("#f-defer", Input)
        assert painted(defer).strip() == "mâine"  # the placeholder, in Romanian, not "tomorrow"
        assert defer.value == "" and painted(defer.parent.query_one(".form-label-2")).strip() == "Amână la"
        defer.value = "mâine"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = demo_store.tasks.get(original.id)
        assert saved.status is Status.DEFERRED and saved.defer_until.isoformat() == "2026-11-24"


async def test_filter_by_words_client_and_batch(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("slash", *"@hud #email")
        await pilot.pause()
        tasks = [r.task for r in task_list(app).rows if r.task]
        assert tasks and {t.batch for t in tasks} == {"email"}
        assert {r.client.name for r in task_list(app).rows if r.task} == {"Hudson Realty"}
        await pilot.press("enter")
        assert app.focused is task_list(app)
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len([r for r in task_list(app).rows if r.task]) > len(tasks)
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert task_list(app).rows == () and "zzzz" in task_list(app).empty_text


async def test_manual_reorder_moves_a_task_up_within_its_group(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("v", "v")  # Eisenhower
        await settle(app, pilot)
        lst = task_list(app)
        first, second = (r.task for r in lst.rows[1:3])
        await pilot.press("g", "j", "K")
        await settle(app, pilot)
        titles = [r.task.title for r in task_list(app).rows[1:3]]
        assert titles == [second.title, first.title]
        assert task_list(app).selected_task.id == second.id
        assert demo_store.tasks.get(second.id).rank == 1.0
        await pilot.press("J")
        await settle(app, pilot)
        assert [r.task.title for r in task_list(app).rows[1:3]] == [first.title, second.title]
        await pilot.press("k", "K")  # already first
        await settle(app, pilot)
        assert any("Already at the top" in n for n in app.notices)


async def test_tick_a_checklist_item(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        social = by_title(demo_store, "Reply to Google reviews")
        task_list(app).select_task(social.id)
        await pilot.press("c")
        await settle(app, pilot)
        assert [i.done for i in demo_store.tasks.get(social.id).checklist] == [True, True, False]
        plain = by_title(demo_store, "Update supplier price list")
        task_list(app).select_task(plain.id)
        await pilot.press("c")
        assert any("no checklist" in n for n in app.notices)


async def test_apply_a_checklist_template_from_the_queue(make_app, demo_store):
    before = len(demo_store.tasks)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        assert isinstance(app.screen, ApplyTemplateModal)
        start = app.screen.query_one("#tp-start", Input)
        start.value = "someday"
        await pilot.pause()
        assert app.screen.query_one("#err-start", Static).has_class("-shown")
        start.value = "mon"
        await pilot.pause()
        preview = str(app.screen.query_one("#tp-preview", Static).render())
        assert "Send welcome email" in preview and "Sydney" in preview
        await pilot.press("enter")
        await settle(app, pilot)
        added = [t for t in demo_store.tasks.all() if t.notes == "From template Client onboarding"]
        assert len(added) == 4 and len(demo_store.tasks) == before + 4
        assert {t.client_id for t in added} == {demo_store.client_named("Bondi Bakes").id}
        await pilot.press("u")
        await settle(app, pilot)
        assert len(demo_store.tasks) == before


async def test_cursor_moves_repaint_lines_and_rebuild_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "z")
        await pilot.pause()
        lst = task_list(app)
        rows = lst.rows
        renders = lst.renders
        for _ in range(5):
            await pilot.press("j")
            await pilot.pause()
        assert lst.rows is rows  # no rebuild of the view
        assert lst.renders - renders <= 2 * 5  # the old and the new cursor line per move
        await pilot.press("G")
        await pilot.pause()
        assert lst.selected_task == next(r.task for r in reversed(rows) if r.task)


async def test_an_idle_minute_repaints_nothing_and_time_left_updates_when_it_changes(make_app, clock):
    app = make_app()
    # 150 columns: room for the reply-by's own words beside the longest title
    async with app.run_test(size=(150, 36)) as pilot:
        await pilot.press("3", "v", "v", "z")
        await pilot.pause()
        lst = task_list(app)
        line = next(lst.render_line(y).text for y in range(lst.size.height) if "Triage" in lst.render_line(y).text)
        assert "reply by today 17:00 LON" in line  # London 13:00 in a 09:30-17:30 day, a 17:00 promise
        clock.advance(minutes=1)
        app.tick()
        await pilot.pause()
        renders = lst.renders
        clock.advance(minutes=1)
        app.tick()
        await pilot.pause()
        assert lst.renders == renders  # a moment does not change by the minute: nothing to repaint
        clock.advance(minutes=150)
        app.tick()
        await pilot.pause()
        assert renders < lst.renders < renders + lst.size.height  # only the lines whose words changed
        line = next(lst.render_line(y).text for y in range(lst.size.height) if "Triage" in lst.render_line(y).text)
        assert "reply soon 1h30m" in line


async def test_narrow_titles_end_at_a_word_with_an_ellipsis(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = task_list(app)
        titles = {t.title for t in demo_store.tasks.all()}
        seen = 0
        for y in range(lst.size.height):
            text = lst.render_line(y).text
            assert len(text) == lst.line_width
            for title in titles:
                for n in range(4, len(title)):
                    cut = title[:n]
                    if cut + "…" in text:
                        seen += 1
                        assert title[n] == " " or cut.endswith(("'", ",")), (cut, title)
        assert seen > 0


async def test_at_200_columns_titles_and_due_places_show_whole(make_app, demo_store):
    """The right pane of a 200x60 cockpit has room for each title of up to 42 cells and the due
    time with its city ("due today 12:00 New York"): the other columns are as wide as what they
    hold, not as wide as they might ever need."""
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        lst = task_list(app)
        lines = [lst.render_line(y).text for y in range(lst.size.height)]
        shown = {r.task.title: r for r in lst.rows[: lst.size.height] if r.task is not None}
        assert "Reply to wholesale enquiry from Manly cafe" in shown
        for title, row in shown.items():
            line = next(t for t in lines if title[:20] in t)
            assert len(line) == lst.line_width
            if len(title) <= 42:
                assert title in line, line
            if row.task.due is not None:
                assert row.client.city in line and "…" not in line.split(title[:20])[1], line


async def test_the_queue_title_drops_whole_parts_and_keeps_the_view_name(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        title = str(pane(app).border_title)
        assert "…" not in title, title
        assert title.startswith("3 Task queues · ") and "by client" in title, title
        for width in (80, 90, 100, 140, 160):
            await pilot.resize_terminal(width, 36)
            await pilot.pause()
            title = str(pane(app).border_title)
            assert "…" not in title and "by client" in title, (width, title)
            assert len(title) + 6 <= pane(app).size.width, (width, title)


async def test_five_thousand_open_tasks_are_listed_without_thousands_of_widgets(make_app, tmp_path, clock):
    store = Store(tmp_path / "big.json", clock=clock)
    clients = store.clients.add_many([Client(name=f"Client {n:02d}", tz="Europe/London") for n in range(50)])
    now = clock.now()
    store.tasks.add_many([
        Task(title=f"Task {n} for the queue", created=now - timedelta(minutes=n), client_id=clients[n % 50].id,
             batch=("email", "admin", "social")[n % 3], urgent=n % 4 == 0, important=n % 3 == 0,
             reply_by=now + timedelta(hours=n % 40) if n % 5 == 0 else None,
             checklist=(ChecklistItem("a", True), ChecklistItem("b")) if n % 7 == 0 else ())
        for n in range(5000)
    ])
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = task_list(app)
        assert sum(1 for r in lst.rows if r.task) == 5000
        assert len(list(pane(app).query("*"))) < 10
        await pilot.press("G")
        await pilot.pause()
        assert lst.selected_task.id == next(r.task.id for r in reversed(lst.rows) if r.task)
        await pilot.press("v", "v", "v")
        await pilot.pause()
        assert lst.view.value == "deadlines"


@pytest.mark.parametrize("key", ["d", "e", "f", "w", "c", "D", "K", "s"])
async def test_task_keys_on_an_empty_queue_say_so(make_app, store, key):
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "No open tasks" in task_list(app).empty_text
        await pilot.press(key)
        assert any("No task here" in n for n in app.notices)


async def test_help_lists_the_queue_keys(make_app, help_text):
    from vatui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for words in ("Quick add", "Pick the next task", "Defer the task to tomorrow", "waiting on the client",
                      "Filter by words", "Apply a checklist template", "Move the task up"):
            assert words in text


async def test_undo_of_done_restores_even_when_edited_elsewhere_meanwhile(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        first = task_list(app).selected_task
        await pilot.press("d")
        await settle(app, pilot)
        other = Store(demo_store.path)
        other.tasks.update(replace(other.tasks.get(first.id), notes="edited in another window"))
        await pilot.press("u")
        await settle(app, pilot)
        assert Store(demo_store.path).tasks.get(first.id).status is Status.TODO


async def test_every_queue_action_has_a_handler_and_every_key_names_an_action(make_app):
    from vatui.widgets.queue_pane import QueueAction, QueuePane

    app = make_app()
    async with app.run_test(size=(120, 36)):
        assert set(app.screen.queue.handlers()) == set(QueueAction)
    named = [b.action[len("choose('"):-len("')")] for b in QueuePane.BINDINGS if b.action.startswith("choose(")]
    assert {QueueAction(name) for name in named} == set(QueueAction)  # each key names a real action, each action has a key
    with pytest.raises(ValueError):
        QueueAction("dones")  # a typo in a binding fails loudly instead of doing nothing


def test_a_key_naming_no_queue_action_raises_before_anything_is_posted():
    from vatui.widgets.queue_pane import QueuePane

    with pytest.raises(ValueError, match="'ad' is not a valid QueueAction"):
        QueuePane(3).action_choose("ad")


async def test_done_on_a_repeating_task_brings_the_next_one_and_undo_takes_both_back(make_app, store, clock):
    from vatui.core.models import Task

    due = clock.now() + timedelta(hours=2)
    store.tasks.add(Task(title="Monday report", created=clock.now(), due=due, due_zone="Europe/Bucharest",
                         repeat="FREQ=WEEKLY;BYDAY=MO"))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "d")
        await settle(app, pilot)
        tasks = Store(store.path).tasks.all()
        assert [(t.title, t.status.value) for t in tasks] == [("Monday report", "done"), ("Monday report", "todo")]
        assert tasks[1].due == due + timedelta(days=7) and tasks[1].series == tasks[0].id
        assert any("Next one due Mon 30 Nov 17:00." in n for n in app.notices)
        await pilot.press("u")
        await settle(app, pilot)
        assert [(t.title, t.status.value) for t in Store(store.path).tasks.all()] == [("Monday report", "todo")]


async def test_a_retainer_clients_month_shows_beside_its_name_in_the_queue(make_app, store, clock, make_cli):
    from vatui.core.models import Client, Task, TimeEntry

    store.clients.add(Client(name="Acme", tz="UTC", rate=40))
    make_cli()("client", "edit", "Acme", "--retainer", "20h/month", db_path=store.path)
    store = Store(store.path, clock=clock, journal=True)
    start = clock.now() - timedelta(days=2)
    store.entries.add(TimeEntry(start=start, end=start + timedelta(hours=12, minutes=30), client_id=1))
    store.tasks.add(Task(title="Weekly report", created=clock.now(), client_id=1))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        lst = task_list(app)
        lines = [lst.render_line(y).text for y in range(lst.size.height)]
        assert any("Acme · UTC · retainer 12.5/20 h" in line for line in lines), lines


async def test_esc_in_the_list_clears_an_active_filter_then_leaves_esc_to_the_screen(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "slash", *"@bondi", "enter")
        await pilot.pause()
        assert pane(app).filter_text == "@bondi" and app.focused is task_list(app)
        filtered = len([r for r in task_list(app).rows if r.task])
        await pilot.press("escape")
        await pilot.pause()
        assert pane(app).filter_text == "" and len([r for r in task_list(app).rows if r.task]) > filtered
        await pilot.press("z")
        assert app.screen.maximized is not None
        await pilot.press("escape")  # no filter now: Esc un-zooms, as elsewhere
        assert app.screen.maximized is None


async def test_the_task_form_makes_a_task_repeat_changes_its_rule_and_stops_it(make_app, store, clock):
    store.tasks.add(Task(title="Weekly report", created=clock.now(), due=clock.now() + timedelta(hours=2)))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        for text, rule in (("mon", "FREQ=WEEKLY;BYDAY=MO"), ("every:mon,thu", "FREQ=WEEKLY;BYDAY=MO,TH"), ("", None)):
            await pilot.press("3", "e")
            assert isinstance(app.screen, TaskModal)
            app.screen.query_one("#f-repeat", Input).value = text
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, CockpitScreen)
            assert Store(store.path).tasks.all()[0].repeat == rule
        await pilot.press("e")
        app.screen.query_one("#f-repeat", Input).value = "every:fortnight-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        err = app.screen.query_one("#err-repeat", Static)
        assert isinstance(app.screen, TaskModal) and err.has_class("-shown")


async def test_the_task_form_points_out_a_due_date_on_the_clients_holiday(make_app, store, clock):
    store.clients.add(Client(name="Acme", tz="America/New_York", holidays="US-NY"))
    store.tasks.add(Task(title="Thanksgiving deck", created=clock.now(), client_id=1))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "e")
        app.screen.query_one("#f-due", Input).value = "2026-11-26 10:00 client"
        await pilot.pause()
        note = str(app.screen.query_one("#due-note", Static).render())
        assert "Thu 26 Nov is closed for Acme" in note and "Thanksgiving" in note
