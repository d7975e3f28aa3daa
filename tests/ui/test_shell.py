"""The cockpit's frame: four panes, focus keys, zoom, help, themes, keymaps."""

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from vatui.core.models import Status, Task, TimeBlock, TimeEntry
from vatui.screens.help import HelpScreen
from vatui.store import Store
from vatui.store.history import ARCHIVED_ON_KEY
from vatui.store.journal import journal_path


async def test_four_titled_panes_and_focus_keys(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        titles = [str(p.border_title) for p in app.screen.query(".pane")]
        assert [t.split(" ", 1)[1].split(" · ")[0] for t in titles] == [
            "World clock", "Today's blocks", "Task queues", "Pomodoro"]
        for key, pane_id in [("1", "clock-pane"), ("2", "blocks-pane"), ("4", "pomodoro-pane"), ("3", "queue-pane")]:
            await pilot.press(key)
            assert app.focused is not None and pane_id in [a.id for a in app.focused.ancestors_with_self]


async def test_tab_follows_the_pane_numbers(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        order = []
        for _ in range(4):
            order.append(next(a.id for a in app.focused.ancestors_with_self if a.id and a.id.endswith("-pane")))
            await pilot.press("tab")
        assert order == ["clock-pane", "blocks-pane", "queue-pane", "pomodoro-pane"]


async def test_zoom_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "z")
        assert app.screen.maximized is not None and app.screen.maximized.id == "blocks-pane"
        await pilot.press("z")
        assert app.screen.maximized is None


async def test_help_lists_real_bindings_with_the_users_keymap(make_app, settings, help_text):
    app = make_app(settings_=replace(settings, keys=(("zoom-pane", "f8"),)))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "F8" in text.upper() and "Show the focused pane on the whole screen" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("2", "f8")
        assert app.screen.maximized is not None


async def test_theme_choice_is_remembered(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.theme == "vatui-dark"
        await pilot.press("t")
        chosen = app.theme
        assert chosen != "vatui-dark"
        await app.workers.wait_for_complete()
    assert Store(demo_store.path).get_state("theme") == chosen
    again = make_app(store=Store(demo_store.path))
    async with again.run_test(size=(120, 36)):
        assert again.theme == chosen


async def test_opening_the_cockpit_writes_nothing(make_app, demo_store, clock, settings):
    """Once today's housekeeping is done, a start writes nothing: not the theme it starts with,
    not the housekeeping again (a write rewrites the whole file and refreshes every pane)."""
    today = clock.now().astimezone(ZoneInfo(settings.me_zone)).date().isoformat()
    demo_store.set_state("archived_on", today)
    before = demo_store.path.stat()
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    after = demo_store.path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert demo_store.get_state("theme") is None


async def test_shipped_themes(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)):
        assert {"vatui-dark", "vatui-light", "vatui-high-contrast", "vatui-colourblind"} <= set(app.available_themes)


async def test_a_bad_user_theme_is_reported_and_skipped(make_app, tmp_path):
    themes = tmp_path / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text('name = "mine"\n[colors]\nprimary = "not-a-colour"\n')
    (themes / "good.toml").write_text('name = "good"\n[colors]\nprimary = "#ff0000"\n[app]\nin-hours = "#00ff00"\n')
    app = make_app()
    async with app.run_test(size=(120, 36)):
        assert any("mine.toml" in m and "not-a-colour" in m for m in app.notices)
        assert "good" in app.available_themes and "mine" not in app.available_themes
        assert app.theme == "vatui-dark"


async def test_config_warnings_are_shown(make_app):
    app = make_app(config_warnings=["config: pomodoro.focus = '25' is not valid"])
    async with app.run_test(size=(120, 36)):
        assert any("pomodoro.focus" in m for m in app.notices)


async def test_many_config_problems_make_one_toast(make_app, tmp_path):
    problems = [f"config: key{n} = 'x' is not valid (expected something else); using the default" for n in range(10)]
    app = make_app(config_warnings=problems)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(app.notices) == 1  # every toast is recorded there (run_test mounts none)
        note = app.notices[0]
        assert note.startswith(f"10 problems in {tmp_path / 'config' / 'config.toml'}:")
        assert "key0" in note and "key2" in note and "key3" not in note
        assert "…and 7 more: `vatui where` lists them all." in note


async def test_bad_key_remaps_are_reported_and_the_defaults_kept(make_app, settings, help_text):
    keys = (("zoom-pane", "notakey+++"), ("no-such-binding", "f9"), ("help", "F1"))
    app = make_app(settings_=replace(settings, keys=keys))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert len(app.notices) == 1
        note = " ".join(app.notices[0].split())  # wrapped to the toast's width
        assert "keys.zoom-pane = 'notakey+++': 'notakey+++' is not a key" in note and "default, z" in note
        assert "keys.no-such-binding names no key binding" in note and "help screen (?)" in note
        await pilot.press("2", "z")
        assert app.screen.maximized is not None  # z still zooms
        await pilot.press("z", "f1")  # help moved to F1 (written "F1": Textual's name is f1)
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "notakey" not in text
        assert "z Show the focused pane on the whole screen zoom-pane" in text
        assert "f1 Show every key help" in text.replace("F1", "f1")


async def test_help_shows_each_binding_id_and_every_alias(make_app, help_text):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        text = help_text(app)
        # The README's aliases, beside the main key, and each id (what [keys] remaps) at the end.
        for row in ("e, ⏎ Edit the selected client edit-client", "x, del Remove the selected client",
                    "del, D Delete the task (u undoes) delete-task", "shift+↑, K Move the task up",
                    "shift+↓, J Move the task down", "home, g First task queue-first", "end, G Last task queue-last",
                    "? Show every key help", "z Show the focused pane", "u Undo the last change undo"):
            assert row in text, row
        assert "remove-client" in text and "move-task-up" in text


async def test_a_chosen_theme_whose_file_was_refused_says_so(make_app, settings, tmp_path):
    themes = tmp_path / "config" / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text('name = "mytheme"\n[colors]\nprimary = "#12345"\n')
    app = make_app(settings_=replace(settings, theme="mytheme"))
    async with app.run_test(size=(120, 36)):
        assert app.theme == "vatui-dark"
        assert len(app.notices) == 1
        note = " ".join(app.notices[0].split())
        assert "mine.toml" in note and "'#12345' is not a colour" in note and "it is skipped" in note
        assert "Theme 'mytheme' is not used: its file was refused" in note and "not found" not in note


async def test_demo_banner(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(120, 36)):
        assert "DEMO DATA" in str(app.screen.query_one("#top-bar").render())


async def test_changes_from_another_process_are_picked_up_on_the_tick(make_app, demo_store):
    from vatui.core.models import Client

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        other = Store(demo_store.path)
        other.clients.add(Client(name="Kiwi Tours", tz="Pacific/Auckland"))
        assert app.store.client_named("kiwi") is None
        app.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store.client_named("kiwi") is not None


async def test_help_is_kept_for_the_next_press_and_rebuilt_when_its_keys_change(make_app, help_text):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        first = app.screen
        assert "2 Today's blocks" in help_text(app)
        await pilot.press("escape", "question_mark")
        assert app.screen is first  # shown again as it was drawn
        await pilot.press("escape", "2", "right_square_bracket", "question_mark")  # the blocks pane shows tomorrow
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen is not first
        assert "2 Blocks" in help_text(app) and "2 Today's blocks" not in help_text(app)


async def test_help_asked_for_over_an_open_help_opens_another(make_app):
    from vatui.screens.report_screen import ReportScreen

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("question_mark")
        first = app.screen
        app.push_screen(ReportScreen())
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen is not first and first in app.screen_stack


async def test_the_daily_archive_pass_leaves_every_pane_as_a_fresh_refresh_draws_it(make_app, demo_store, clock,
                                                                                    painted, monkeypatch):
    """The first start of a day moves old records to the archive and does not redraw the panes
    for it: what moves (done over 30 days, entries before last month, blocks over 30 days old)
    is nothing a pane shows. Shown here: after the pass, refreshing every pane changes nothing."""
    now = clock.now()
    client = demo_store.clients.all()[0]
    old_task = demo_store.tasks.add(Task(title="Filed long ago", created=now - timedelta(days=90), client_id=client.id,
                                         status=Status.DONE, done_at=now - timedelta(days=40)))
    old_entry = demo_store.entries.add(TimeEntry(start=now - timedelta(days=80), end=now - timedelta(days=80, hours=-1),
                                                 client_id=client.id, task_id=old_task.id))
    old_block = demo_store.blocks.add(TimeBlock(start=now - timedelta(days=45), end=now - timedelta(days=45, hours=-1),
                                                client_id=client.id))
    demo_store.set_state(ARCHIVED_ON_KEY, None)

    def shown(app) -> list[str]:
        return [painted(w) for w in app.screen.query("*") if not w.children and w.display and w.region.area]

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = app.store
        assert store.get_state(ARCHIVED_ON_KEY) == now.astimezone(ZoneInfo("Europe/Bucharest")).date().isoformat()
        assert (store.tasks.get(old_task.id), store.entries.get(old_entry.id), store.blocks.get(old_block.id)) == (
            None, None, None)
        redraws = []
        monkeypatch.setattr(app.screen, "refresh_all", lambda: redraws.append(1))
        app.tick()  # the pass left nothing for the tick to redraw
        await app.workers.wait_for_complete()
        assert redraws == []
        monkeypatch.undo()
        after_pass = shown(app)
        app.screen.refresh_all()
        await pilot.pause()
        assert shown(app) == after_pass


async def test_a_damaged_journal_found_by_the_tick_is_told_as_not_read(make_app, demo_store, painted):
    """Another process left a journal line vatui cannot use: the cockpit says so (the message
    names the journal and what to do) under "Not read", not "Not saved": nothing was being saved."""
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await app.workers.wait_for_complete()
        with journal_path(demo_store.path).open("ab") as f:
            f.write(b"not json\n")
        app.tick()
        await app.workers.wait_for_complete()
        await pilot.pause()
        toasts = [painted(t) for t in app.screen.query("Toast")]  # Textual's toast widgets, by type name
        assert any("Not read" in t and "Move the journal" in t.replace("\n", " ") for t in toasts), toasts
        assert not any("Not saved" in t for t in toasts)


async def test_a_bug_in_a_store_job_is_told_plainly_and_only_a_change_is_said_to_be_lost(make_app):
    def broken():
        raise RuntimeError("boom")

    app = make_app()
    async with app.run_test(size=(120, 36)):
        app.writer.submit(broken)  # a change
        await app.workers.wait_for_complete()
        assert app.notices[-1] == "Unexpected error, the change was not saved: boom"
        app.writer.submit(broken, title="Not read")  # a re-read: nothing was being saved
        await app.workers.wait_for_complete()
        assert app.notices[-1] == "Unexpected error: boom"


async def palette_finds(app, pilot, query: str) -> list[str]:
    """The names the command palette lists for `query`, once its search has run."""
    from textual.command import CommandList

    await pilot.press("ctrl+p", *query)
    found: list[str] = []
    for _attempt in range(200):  # the search runs in the palette's own worker: let it finish
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(CommandList)
        found = [str(results.get_option_at_index(i).prompt).split("\n")[0] for i in range(results.option_count)
                 if not results.get_option_at_index(i).disabled]  # "No matches found" is a disabled option
        if found:
            break
    await pilot.press("escape")
    return found


@pytest.mark.parametrize(("query", "expected"), [("billing", "Everywhere: Report"), ("digest", "Everywhere: Report"),
                                                 ("invoice", "Everywhere: Report"), ("export", "Everywhere: Report"),
                                                 ("client", "World clock: Add"),
                                                 ("waiting on the", "Task queues: Waiting"),
                                                 ("tnemeganam", None)])
async def test_the_palette_finds_an_action_by_the_words_of_its_help(make_app, query, expected):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        found = await palette_finds(app, pilot, query)
        if expected is None:
            assert found == []  # words that start no word of any help find nothing
        else:
            assert any(name.endswith(expected) for name in found), found
