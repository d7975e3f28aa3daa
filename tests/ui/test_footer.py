"""The key footer: one widget drawing the focused pane's keys, which the mouse can press."""

from vatui.widgets.footer import KeyFooter


def _item(footer: KeyFooter, description: str):
    return next(item for item in footer.items if item.description == description)


async def test_the_footer_follows_the_focused_pane(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        assert [i.description for i in footer.items][:3] == ["Add", "Next", "Done"]  # the queue has the focus
        await pilot.press("1")
        await pilot.pause()
        kinds = [(i.kind, i.key_display) for i in footer.items]
        assert ("grouped", "h") in kinds and ("label", "") in kinds and kinds[-1] == ("palette", "^p")
        assert footer.clipped() == []


async def test_clicking_a_key_presses_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        footer = app.screen.query_one(KeyFooter)
        add = _item(footer, "Add")
        await pilot.click(KeyFooter, offset=(add.x + 1, 0))
        await pilot.pause()
        from vatui.screens.queue_modals import QuickAddModal

        assert isinstance(app.screen, QuickAddModal)


async def test_hovering_a_key_shows_its_tooltip(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        edit = _item(footer, "Edit")
        await pilot.hover(KeyFooter, offset=(edit.x, 0))
        await pilot.pause()
        assert edit.tooltip and footer.tooltip == edit.tooltip
        gap = edit.right  # the margin after a key is no key
        await pilot.hover(KeyFooter, offset=(gap, 0))
        await pilot.pause()
        assert footer.tooltip is None
        await pilot.hover(KeyFooter, offset=(edit.x, 0))
        await pilot.hover("#queue-pane")  # away, then back onto the gap: no tooltip left behind
        await pilot.hover(KeyFooter, offset=(gap, 0))
        await pilot.pause()
        assert footer.tooltip is None


async def test_the_footer_stays_in_a_zoomed_pane(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "z")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert footer.region.height == 1 and footer.region.y == 35


async def test_the_palette_key_is_on_top_of_keys_that_did_not_fit(make_app, monkeypatch):
    from vatui.screens.report_screen import ReportScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        footer = app.screen.query_one(KeyFooter)
        assert footer.clipped()  # the report's keys run on under the palette key at 80 columns
        palette = footer.items[-1]
        pressed: list[str] = []
        monkeypatch.setattr(app, "simulate_key", pressed.append)
        for x in range(palette.x, palette.right):
            await pilot.click(KeyFooter, offset=(x, 0))
        assert set(pressed) == {palette.key}


async def test_the_wheel_scrolls_hidden_keys_out_from_under_the_palette(make_app, painted, monkeypatch):
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        hidden = footer.clipped()
        assert hidden and "Quit" not in painted(footer)
        for _turn in range(10):  # a wheel turned over the footer (Pilot has no wheel of its own)
            footer.post_message(events.MouseScrollDown(footer, 10, 0, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert footer.clipped() == [] and "q Quit" in painted(footer) and painted(footer).endswith("▏^p palette ")
        pressed: list[str] = []
        monkeypatch.setattr(app, "simulate_key", pressed.append)
        quit_key = next(i for i in footer.items if i.description == "Quit")
        await pilot.click(KeyFooter, offset=(quit_key.x + 1, 0))
        assert pressed == [quit_key.key]
        for _turn in range(10):
            footer.post_message(events.MouseScrollUp(footer, 10, 0, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert footer.clipped() == hidden
