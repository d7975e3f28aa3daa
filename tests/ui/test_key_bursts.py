"""Keys that arrive together (typed fast over SSH, or sent by a browser tab under `vatui serve`)
act in order: "2z" zooms pane 2, not the pane that had focus before the "2"."""

from textual import events


async def test_focus_then_zoom_in_one_burst(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert app.focused is not None and "queue-pane" in [a.id for a in app.focused.ancestors_with_self]
        # As the terminal driver does: both keys are queued before either is handled.
        app.post_message(events.Key("2", "2"))
        app.post_message(events.Key("z", "z"))
        await pilot.pause()
        assert app.screen.maximized is not None and app.screen.maximized.id == "blocks-pane"
