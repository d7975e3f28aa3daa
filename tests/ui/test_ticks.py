"""On/off in the forms reads by its mark, `[x]` or `[ ]`, not by colour alone: the overlap finder's
list, the task form's Urgent/Important and the time-entry form's Billable, with NO_COLOR too."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, SelectionList

from vatui.screens.entries_screen import EntryModal
from vatui.screens.overlap_modal import OverlapModal
from vatui.screens.queue_modals import TaskModal


def list_rows(choice: SelectionList) -> list[str]:
    return [choice.render_line(y).text.strip() for y in range(choice.option_count)]


@pytest.fixture(params=["colour", "no-colour"])
def colour(request, monkeypatch):
    if request.param == "no-colour":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    return request.param


async def test_overlap_finder_marks_who_is_picked(make_app, colour, painted):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.no_color == (colour == "no-colour")
        await pilot.press("1", "o")
        await pilot.pause()
        assert isinstance(app.screen, OverlapModal)
        choice = app.screen.query_one(SelectionList)
        rows = list_rows(choice)
        assert rows[0].startswith("[x] Me") and rows[1].startswith("[x] Hudson Realty")
        assert all(row.startswith("[ ] ") for row in rows[2:]) and len(rows) == 5
        await pilot.press("space")  # the cursor is on Me
        await pilot.pause()
        assert list_rows(choice)[0].startswith("[ ] Me") and "me" not in choice.selected
        assert "▐" not in painted(choice) and "▌" not in painted(choice)


async def test_task_form_flags_read_as_ticks(make_app, colour, painted):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TaskModal)
        urgent, important = form.query_one("#f-urgent", Checkbox), form.query_one("#f-important", Checkbox)
        urgent.value, important.value = True, False
        await pilot.pause()
        assert "[x] Urgent" in painted(urgent) and "[ ] Important" in painted(important)
        important.focus()
        await pilot.press("space")
        assert "[x] Important" in painted(important) and form.read()["important"] is True
        assert "▐" not in painted(important)


async def test_time_entry_billable_reads_as_a_tick(make_app, colour, painted):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryModal)
        billable = app.screen.query_one("#billable", Checkbox)
        assert billable.value and "[x] Billable" in painted(billable)
        billable.focus()
        await pilot.press("space")
        assert not billable.value and "[ ] Billable" in painted(billable)
