"""The World clock pane driven by its keys (and the mouse), at the frozen Monday 13:00 UTC with
demo data: 15:00 in Bucharest (me), 08:00 New York, 13:00 London, 18:30 Mumbai, 00:00 Tue Sydney."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static

from vatui.core.models import Client, Task
from vatui.screens.client_modal import ClientModal
from vatui.screens.overlap_modal import OverlapModal
from vatui.store import Store
from vatui.widgets.clock_pane import ClockPane
from vatui.widgets.clock_rows import ClockRow
from vatui.widgets.hour_strip import HourStripView


def pane(app) -> ClockPane:
    return app.screen.query_one(ClockPane)


def rows(app) -> list[tuple[str, str, str, str, str]]:
    return [(r.name, r.time, r.day, r.offset, r.state) for r in pane(app).table.rows()]


def row_named(app, name: str) -> ClockRow:
    return next(r for r in pane(app).table.rows() if r.name == name)


def index_of(app, name: str) -> int:
    return [r.name for r in pane(app).table.rows()].index(name)


async def select(pilot, app, name: str) -> None:
    await pilot.press("1")
    names = [r.name for r in pane(app).table.rows()]
    await pilot.press(*(["k"] * len(names)), *(["j"] * names.index(name)))


async def saved(pilot, app) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_rows_at_the_frozen_instant(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert rows(app) == [
            ("Me", "15:00", "", "0h", "■ in hours"),
            ("Hudson Realty", "08:00", "", "-7h", "▲ opens in 1h"),
            ("Regent Law", "13:00", "", "-2h", "■ in hours"),
            ("Masala Media", "18:30", "", "+3h30", "□ after hours"),
            ("Bondi Bakes", "00:00", "+1", "+9h", "▲ opens in 9h"),
        ]
        assert row_named(app, "Masala Media").state_class == "-after-hours"
        assert row_named(app, "Regent Law").state_class == "-in-hours"
        assert row_named(app, "Bondi Bakes").city == "Sydney"
        assert row_named(app, "Bondi Bakes").dot_style == "orange"  # the client's colour
        table = pane(app).table
        assert table.shown_text(index_of(app, "Bondi Bakes"), "city") == ""  # 54 columns: no room for cities
        await pilot.press("1", "z")
        assert table.shown_text(index_of(app, "Bondi Bakes"), "city") == "Sydney"
        assert "World clock · by offset" in str(pane(app).border_title)


async def test_a_minute_repaints_only_the_cells_that_changed(make_app, clock, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        table = pane(app).table
        refreshed: list[tuple[object, tuple]] = []
        for widget in [pane(app), *pane(app).walk_children()]:
            original = widget.refresh

            def spy(*args, _widget=widget, _original=original, **kwargs):
                refreshed.append((_widget, args))
                return _original(*args, **kwargs)

            monkeypatch.setattr(widget, "refresh", spy)
        clock.advance(minutes=1)
        app.tick()
        await pilot.pause()
        names = [r.name for r in table.rows()]
        times = {(table.part_of("time"), table.cell_region(i, "time")) for i in range(len(names))}
        states = {(table.part_of("state"), table.cell_region(index_of(app, n), "state"))
                  for n in ("Hudson Realty", "Bondi Bakes")}
        # 13:01 UTC: every clock moved; "opens in 1h" became "opens in 59m", "opens in 9h" -> "8h59".
        # Only those cells are repainted, each a region of its own: not whole rows, not the pane.
        assert all(len(args) == 1 and isinstance(args[0], Region) for _widget, args in refreshed)
        assert {(widget, args[0]) for widget, args in refreshed} == times | states
        # The time cells start their part's lines: Textual resends a line of a widget from the
        # widget's left edge, so a minute sends each row's "13:01" alone, not the name before it.
        assert all(region.x == 0 and region.width == 5 and region.height == 1 for _part, region in times)
        assert row_named(app, "Hudson Realty").state == "▲ opens in 59m"
        refreshed.clear()
        app.tick()  # the same minute again: nothing at all
        await pilot.pause()
        assert refreshed == []
        clock.advance(minutes=59)  # the hour turns: now the strip moves too
        app.tick()
        await pilot.pause()
        widgets = [widget for widget, _args in refreshed]
        assert pane(app).strip in widgets and pane(app) not in widgets


async def test_hour_and_day_cursor_and_escape(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Bondi Bakes")
        await pilot.press("L", "h")  # Tuesday 14:00 my time
        assert "at Tue 24 14:00" in str(pane(app).border_subtitle)
        assert pane(app).readout.text == "my 14:00 Tue = Sydney 23:00 Tue (after hours)"
        await pilot.press("l")
        assert pane(app).readout.text == "my 15:00 Tue = Sydney 00:00 Wed (opens in 9h)"
        assert row_named(app, "Bondi Bakes").time == "00:00"
        assert row_named(app, "Bondi Bakes").day == "+1"
        assert row_named(app, "Me").state == "■ in hours"
        await pilot.press("H", "H")  # Sunday 15:00
        assert row_named(app, "Me").state == "○ weekend"
        assert row_named(app, "Masala Media").state == "○ weekend"
        await pilot.press("escape")
        assert row_named(app, "Me").time == "15:00" and pane(app).border_subtitle == ""
        assert pane(app).readout.text.startswith("Highlighted: business hours")


async def test_escape_resets_the_cursor_before_leaving_zoom(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "z", "l", "l")
        assert app.screen.maximized is not None and row_named(app, "Me").time == "17:00"
        await pilot.press("escape")
        assert app.screen.maximized is not None and row_named(app, "Me").time == "15:00"
        await pilot.press("escape")
        assert app.screen.maximized is None


async def test_clicking_rows_and_strip_hours(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")  # focus elsewhere first: a click brings focus to the clock
        table = pane(app).table
        await pilot.click(table, offset=(4, index_of(app, "Masala Media")))
        assert pane(app).selected_key == row_named(app, "Masala Media").key
        assert table.selected == index_of(app, "Masala Media") and app.focused is table
        strip = pane(app).strip
        first, _count = strip.visible_range(strip.size.width)
        column = strip.label_width(strip.size.width) + 6 * 3  # the 7th visible column, my hour
        expected = strip.view.strip.starts[first + 6]
        await pilot.click(strip, offset=(column, 1))
        mine = expected.astimezone(app.my_zone)
        assert row_named(app, "Me").time == f"{mine:%H:%M}"
        assert pane(app).readout.text.startswith(f"my {mine:%H:%M}") and "Mumbai" in pane(app).readout.text


async def test_sort_by_name_is_remembered(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1", "s")
        assert [r[0] for r in rows(app)] == ["Me", "Bondi Bakes", "Hudson Realty", "Masala Media", "Regent Law"]
        assert "by name" in str(pane(app).border_title)
        await saved(pilot, app)
    assert Store(demo_store.path).get_state("clock.sort") == "name"
    again = make_app(store=Store(demo_store.path))
    async with again.run_test(size=(120, 36)) as pilot:
        assert [r[0] for r in rows(again)][1] == "Bondi Bakes"
        await pilot.press("1", "s")
        assert [r[0] for r in rows(again)][1] == "Hudson Realty"


async def test_add_a_client_finding_the_zone_as_you_type_then_undo(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a")
        assert isinstance(app.screen, ClientModal)
        await pilot.press(*"Chai Co")
        await pilot.press("tab", *"kolk")
        matches = app.screen.query_one("#zone-matches", OptionList)
        assert matches.has_class("-shown") and matches.get_option_at_index(0).id == "Asia/Kolkata"
        await pilot.press("down", "enter")  # into the list, pick the first match
        assert app.screen.query_one("#field-tz", Input).value == "Asia/Kolkata"
        assert app.screen.query_one("#field-city", Input).placeholder == "Kolkata"
        app.screen.query_one("#field-hours", Input).value = "mon-fri 10-18"
        app.screen.query_one("#field-rate", Input).value = "1200"
        app.screen.query_one("#field-currency", Input).value = "inr"
        await pilot.press("enter")  # from the city field: save
        await saved(pilot, app)
        assert not isinstance(app.screen, ClientModal)
        added = demo_store.client_named("Chai Co")
        assert added is not None and (added.tz, added.city, added.rate, added.currency) == (
            "Asia/Kolkata", "Kolkata", Decimal(1200), "INR")
        assert added.hours.format() == "mon-fri 10:00-18:00"
        assert "Chai Co" in [r[0] for r in rows(app)]
        assert pane(app).selected_key == f"client:{added.id}"
        await pilot.press("u")
        await saved(pilot, app)
        assert demo_store.client_named("Chai Co") is None
        assert "Chai Co" not in [r[0] for r in rows(app)]


async def test_a_bad_zone_is_shown_at_its_field_and_nothing_is_saved(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a", *"Moonbase")
        modal = app.screen
        modal.query_one("#field-tz", Input).value = "Mars/Base"
        modal.query_one("#field-hours", Input).value = "17:00-09:00"
        modal.query_one("#field-reply_by", Input).value = "soon"
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        assert app.screen is modal  # still open
        tz_error = str(modal.query_one("#error-tz").render())
        assert "'Mars/Base' is not a known IANA time zone" in tz_error
        assert modal.query_one("#error-tz").has_class("-shown")
        assert "ends before it starts" in str(modal.query_one("#error-hours").render())
        assert "whole number" in str(modal.query_one("#error-reply_by").render())
        assert not modal.query_one("#error-name").has_class("-shown")
        assert app.focused is modal.query_one("#field-tz", Input)  # the first bad field
        assert demo_store.client_named("Moonbase") is None and len(demo_store.clients) == 4
        modal.query_one("#field-tz", Input).value = "NYC"  # a city alias is accepted
        modal.query_one("#field-hours", Input).value = ""
        modal.query_one("#field-reply_by", Input).value = "8"
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        moon = demo_store.client_named("Moonbase")
        assert moon is not None and moon.tz == "America/New_York" and moon.reply_by_hours == 8


async def test_duplicate_name_and_escape_cancels(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1", "a", *"regent law")
        app.screen.query_one("#field-tz", Input).value = "Europe/London"
        await pilot.press("enter")
        assert "already a client called Regent Law" in str(app.screen.query_one("#error-name").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ClientModal)
        assert len(demo_store.clients) == 4


async def test_edit_a_client_then_undo(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Regent Law")
        await pilot.press("e")
        modal = app.screen
        assert isinstance(modal, ClientModal)
        assert modal.query_one("#field-hours", Input).value == "mon-fri 09:30-17:30"
        assert modal.query_one("#field-tz", Input).value == "Europe/London"
        modal.query_one("#field-rate", Input).value = "35"
        modal.query_one("#field-city", Input).value = "Holborn"
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        regent = demo_store.client_named("Regent Law")
        assert (regent.rate, regent.city) == (Decimal(35), "Holborn")
        assert row_named(app, "Regent Law").city == "Holborn"
        await pilot.press("u")
        await saved(pilot, app)
        assert demo_store.client_named("Regent Law").rate == Decimal(32)


async def test_the_me_row_points_to_the_config_file(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Me")
        await pilot.press("e")
        assert not isinstance(app.screen, ClientModal)
        assert any("me.zone" in n for n in app.notices)


async def test_remove_is_refused_while_the_client_has_work(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Hudson Realty")
        await pilot.press("x")
        await saved(pilot, app)
        assert any("Hudson Realty still has" in n and "tasks" in n and "Delete or move them first" in n
                   for n in app.notices)
        assert demo_store.client_named("Hudson Realty") is not None


async def test_remove_then_undo(make_app, store, clock):
    store.clients.add(Client(name="Kiri Tours", tz="Pacific/Kiritimati"))
    keep = store.clients.add(Client(name="Pago Shop", tz="Pacific/Pago_Pago"))
    store.tasks.add(Task(title="Invoice", created=clock.now(), client_id=keep.id))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        assert [r[:4] for r in rows(app)][1:] == [("Pago Shop", "02:00", "", "-13h"), ("Kiri Tours", "03:00", "+1", "+12h")]
        await select(pilot, app, "Kiri Tours")
        await pilot.press("delete")
        await saved(pilot, app)
        assert store.client_named("Kiri Tours") is None
        assert [r[0] for r in rows(app)] == ["Me", "Pago Shop"]
        assert any("Removed client Kiri Tours" in n for n in app.notices)
        await pilot.press("u")
        await saved(pilot, app)
        assert store.client_named("Kiri Tours") is not None and "Kiri Tours" in [r[0] for r in rows(app)]


async def test_empty_pane_says_how_to_start(make_app, store):
    app = make_app(store=store)
    async with app.run_test(size=(80, 24)):
        assert [r[0] for r in rows(app)] == ["Me"]
        hint = pane(app).query_one("#clock-empty", Static)
        assert hint.display and "Press a to add one" in str(hint.content) and "vatui --demo" in str(hint.content)
        assert "vatui --demo" in " ".join(str(hint.render()).split())  # wrapped, not cut
    app = make_app()  # with clients: no hint
    async with app.run_test(size=(80, 24)):
        assert not pane(app).query_one("#clock-empty", Static).display


async def test_a_fields_error_goes_once_the_field_changes(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "a", *"Moonbase")
        modal = app.screen
        modal.query_one("#field-tz", Input).value = "Mars/Base"
        modal.query_one("#field-reply_by", Input).value = "soon"
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        tz_error, reply_error = modal.query_one("#error-tz"), modal.query_one("#error-reply_by")
        assert tz_error.has_class("-shown") and reply_error.has_class("-shown")
        assert app.focused is modal.query_one("#field-tz", Input)
        await pilot.press("backspace", *"Moon")  # typing a new zone: the old complaint is out of date
        await pilot.pause()
        assert not tz_error.has_class("-shown") and "Mars/Base" not in str(tz_error.render())
        assert reply_error.has_class("-shown")  # another field's error stays until that field changes
        await pilot.press("ctrl+s")
        await saved(pilot, app)
        assert "'Mars/BasMoon' is not a known IANA time zone" in str(tz_error.render())  # checked again


async def test_overlap_finder(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Hudson Realty")
        key = {r.name: r.key for r in pane(app).table.rows()}
        await pilot.press("o")
        modal = app.screen
        assert isinstance(modal, OverlapModal)
        assert set(modal.query_one(SelectionList).selected) == {"me", key["Hudson Realty"]}
        table = modal.query_one(DataTable)
        # Bucharest 09-17 and New York 09-17 meet 16:00-17:00 my time (09:00-10:00 there), Mon-Fri.
        assert table.row_count == 5
        assert table.get_row_at(0) == ["Mon 23 16:00–17:00", "1h", "Mon 09:00–10:00"]
        assert "5 windows in the next 7 days, 5h in all" in str(modal.query_one("#overlap-summary").render())
        choice = modal.query_one(SelectionList)
        choice.select(key["Bondi Bakes"])  # nobody meets Sydney here
        await pilot.pause()
        assert table.row_count == 0
        assert "No time in the next 7 days" in str(modal.query_one("#overlap-summary").render())
        choice.deselect_all()
        choice.select(key["Regent Law"])
        choice.select(key["Masala Media"])
        await pilot.pause()
        # London 09:30-17:30 and Mumbai 10:00-18:30 (sat 10-14) meet 09:30-13:00 UTC on weekdays;
        # today's ended at 13:00 (now), and next Monday's ends exactly at the 7-day horizon.
        assert [c.label.plain for c in table.columns.values()] == ["Your time", "Length", "London", "Mumbai"]
        assert table.get_row_at(0) == ["Tue 24 11:30–15:00", "3h30m", "Tue 09:30–13:00", "Tue 15:00–18:30"]
        assert table.row_count == 5 and table.get_row_at(4)[0] == "Mon 30 11:30–15:00"
        await pilot.press("escape")
        assert not isinstance(app.screen, OverlapModal)


async def test_compact_at_80x24_and_wide_at_200x60(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        p = pane(app)
        assert not p.strip.display and not p.readout.display  # 40 columns, 10 rows: rows only
        assert p.table.column("city") is None and p.table.column("offset") is None
        assert p.table.shown_text(index_of(app, "Bondi Bakes"), "city") == ""
        await pilot.press("1", "z")
        assert p.strip.display and p.readout.display
        assert p.strip.visible_range(p.strip.size.width)[1] >= 20
    wide = make_app()
    async with wide.run_test(size=(200, 60)) as pilot:
        await pilot.press("1", "z")
        strip = pane(wide).strip
        assert pane(wide).table.column("city") is not None and strip.visible_range(strip.size.width)[1] >= 55


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
async def test_no_row_text_is_cut_mid_word(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        for zoom in ((), ("1", "z")):
            await pilot.press(*zoom)
            await pilot.pause()
            table = pane(app).table
            for index, row in enumerate(table.rows()):
                for column in ("name", "state", "time"):
                    shown, text = table.shown_text(index, column), row.text(column)
                    assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1]))
                    if shown != text:
                        assert text[len(shown) - 1] == " ", (size, zoom, shown)  # cut at a word boundary
                assert table.column("state").width >= len(row.state)


async def test_keys_show_in_the_footer_only_in_the_clock(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1")
        ids = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"clock-hour-back", "clock-day-on", "clock-overlap", "add-client", "edit-client"} <= ids
        assert "clock-now" not in {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        await pilot.press("l")
        assert "clock-now" in {b.binding.id for b in app.screen.active_bindings.values() if b.enabled}
        await pilot.press("3")
        assert "clock-hour-back" not in {b.binding.id for b in app.screen.active_bindings.values()}


async def test_strip_is_quiet_within_the_hour(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        strip = pane(app).query_one(HourStripView)
        before = strip.view
        for _ in range(3):
            clock.advance(timedelta(minutes=15))
            app.tick()
        await pilot.pause()
        assert strip.view is before  # 13:45 UTC: the same hour, the same strip object


def screen_text(app) -> str:
    """What the screen shows, as text (the SVG screenshot without its markup)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


async def test_a_countdown_cut_on_a_small_screen_shows_whole_after_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "opens in 1h" not in screen_text(app)  # 60 columns: the state column is cut
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert "opens in 1h" in screen_text(app)  # at once, not when the minute turns


async def test_enter_on_an_overlap_window_plans_a_block_in_it(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await select(pilot, app, "Hudson Realty")
        await pilot.press("o")
        modal = app.screen
        modal.query_one(DataTable).focus()
        await pilot.press("enter")  # the first window: Mon 23 16:00-17:00 my time
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, OverlapModal)
        hudson = demo_store.client_named("Hudson Realty")
        made = [b for b in Store(demo_store.path).blocks.all() if b.note == "with Hudson Realty"]
        assert len(made) == 1 and made[0].client_id == hudson.id
        local = made[0].start.astimezone(ZoneInfo("Europe/Bucharest"))
        assert (f"{local:%a %d %H:%M}", made[0].end - made[0].start) == ("Mon 23 16:00", timedelta(hours=1))
        assert any("Block 16:00-17:00 added on Mon 23 Nov." in n for n in app.notices)
