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


async def test_the_footer_stays_in_a_zoomed_pane(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "z")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert footer.region.height == 1 and footer.region.y == 35
