"""The time-blocks pane, driven by its keys on demo data at the frozen instant.

Frozen: Mon 23 Nov 2026 15:00 in Bucharest (my zone). The demo plan that day: 08:00 Bondi,
09:00 #email, 09:40 Regent, 11:10 Masala, 13:00 #invoicing, 14:00-15:30 Hudson (running, 30m
left), 15:40-16:20 #social (next, in 40m), 16:30-17:30 Hudson.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList

from vatui.core.models import TimeBlock
from vatui.core.settings import Settings
from vatui.screens.block_modal import BlockModal, PromptModal, TemplatePickModal
from vatui.store import Store
from vatui.widgets.block_rows import RowView
from vatui.widgets.blocks_pane import BlocksPane

ZONE = ZoneInfo("Europe/Bucharest")




def pane(app) -> BlocksPane:
    return app.screen.query_one("#blocks-pane", BlocksPane) if not isinstance(app.screen, (BlockModal, PromptModal)) \
        else app.screen_stack[1].query_one("#blocks-pane", BlocksPane)


def rows(app) -> list[str]:
    return [r.content.plain for r in pane(app).block_list.rows]


def row_with(app, text: str) -> RowView:
    return next(r for r in pane(app).block_list.rows if text in r.content.plain)


def local(b: TimeBlock) -> str:
    return f"{b.start.astimezone(ZONE):%H:%M}-{b.end.astimezone(ZONE):%H:%M}"


def by_start(store: Store) -> dict[str, TimeBlock]:
    return {f"{b.start.astimezone(ZONE):%d %H:%M}": b for b in store.blocks.all()}


def cursor_block(app, store: Store) -> TimeBlock | None:
    cid = pane(app).cursor_id
    return store.blocks.get(cid) if cid is not None else None


def day_templates(store: Store):
    return [t for t in Store(store.path).templates.all() if t.kind == "day"]


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def type_into_form(pilot, app, text: str) -> None:
    field = app.screen.query_one(Input)
    field.value = ""
    await pilot.press(*list(text))


# --- what is shown -----------------------------------------------------------------------------
async def test_the_timeline_of_today(make_app):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("2", "z")
        text = rows(app)
        assert len(text) == 8
        hudson = row_with(app, "14:00-15:30")
        assert "▶" in hudson.content.plain and "30m left" in hudson.content.plain
        assert "Hudson Realty" in hudson.content.plain and "(07:00-08:30 New York)" in hudson.content.plain
        assert "45m/1h30m" in hudson.content.plain  # plan vs actual: 45 of 90 minutes tracked
        assert "-current" in hudson.classes
        social = row_with(app, "15:40-16:20")
        assert "#social" in social.content.plain and "in 40m" in social.content.plain
        assert "-next" in social.classes and "-past" not in social.classes
        assert "-past" in row_with(app, "08:00-08:50").classes
        assert "Bondi end-of-day wrap-up" in row_with(app, "08:00-08:50").content.plain
        assert pane(app).cursor_id == hudson.block_id
        assert "Mon 23 Nov" in str(pane(app).border_title) and "Today's blocks" in str(pane(app).border_title)
        assert "7h35m planned" in str(pane(app).border_subtitle)


async def test_the_client_dot_has_the_clients_colour(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        content = row_with(app, "14:00-15:30").content
        dot = content.plain.index("●")
        assert any(s.start <= dot < s.end and s.style == "blue" for s in content.spans)


async def test_the_now_marker_sits_in_a_gap(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        clock.advance(minutes=33)  # 15:33: Hudson ended at 15:30, #social starts at 15:40
        app.tick()
        await pilot.pause()
        text = rows(app)
        at = next(n for n, t in enumerate(text) if "15:33 now" in t)
        assert "14:00-15:30" in text[at - 1] and "15:40-16:20" in text[at + 1] and "in 7m" in text[at + 1]
        assert not any("▶" in t for t in text)
        assert "-marker" in row_with(app, "15:33 now").classes


async def test_a_minute_repaints_only_the_rows_that_changed(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        before = [r.signature for r in pane(app).block_list.rows]
        title, status = pane(app).border_title, pane(app).border_subtitle
        detail = str(pane(app).query_one("#block-detail").content)
        clock.advance(seconds=20)  # same minute: nothing at all changes
        app.tick()
        await pilot.pause()
        assert [r.signature for r in pane(app).block_list.rows] == before
        clock.advance(seconds=40)
        app.tick()
        await pilot.pause()
        after = [r.signature for r in pane(app).block_list.rows]
        assert len(after) == len(before)  # the same rows, in the same places
        changed = [a[0] for a, b in zip(after, before) if a != b]
        assert len(changed) == 2 and any("29m left" in c for c in changed) and any("in 39m" in c for c in changed)
        assert (pane(app).border_title, pane(app).border_subtitle) == (title, status)
        assert detail == str(pane(app).query_one("#block-detail").content)  # the detail line stays too


async def test_a_new_minute_repaints_the_cells_that_changed_not_the_whole_row(make_app, clock, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        clock.advance(minutes=33)  # 15:33: the now-marker sits between two blocks
        app.tick()
        await pilot.pause()
        block_list = pane(app).block_list
        texts = rows(app)
        marker, nxt = texts.index(row_with(app, "15:33 now").content.plain), texts.index(row_with(app, "in 7m").content.plain)
        repainted: list = []
        refresh = block_list.refresh
        monkeypatch.setattr(block_list, "refresh", lambda *regions, **kw: (repainted.append(regions), refresh(*regions, **kw))[1])
        clock.advance(minutes=1)
        app.tick()
        await pilot.pause()
        texts = rows(app)
        assert "15:34 now" in texts[marker] and "in 6m" in texts[nxt]
        top = round(block_list.scroll_offset.y)
        # Two refreshes of one region each, one cell wide: the minute's digit in each row.
        changed = sorted((region.y + top, texts[region.y + top][region.x:region.right]) for (region,) in repainted)
        assert changed == [(marker, "4"), (nxt, "6")]


async def test_the_cursor_follows_the_day_until_moved(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        clock.advance(minutes=45)  # 15:45: #social is running
        app.tick()
        await pilot.pause()
        assert cursor_block(app, app.store).batch == "social"
        await pilot.press("up", "up")
        assert local(cursor_block(app, app.store)) == "13:00-13:45"
        clock.advance(minutes=50)  # 16:35: the cursor stays where the user put it
        app.tick()
        await pilot.pause()
        assert local(cursor_block(app, app.store)) == "13:00-13:45"
        await pilot.press("home")
        assert local(cursor_block(app, app.store)) == "08:00-08:50"
        await pilot.press("end", "k", "j")
        assert local(cursor_block(app, app.store)) == "16:30-17:30"


# --- add and edit ------------------------------------------------------------------------------
async def test_add_a_block_by_typing(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "a")
        assert isinstance(app.screen, BlockModal)
        await type_into_form(pilot, app, "16:25 30m @bondi tasting notes")
        preview = str(app.screen.query_one("#form-preview").content)
        assert "16:25-16:55 Bondi Bakes tasting notes" in preview
        await pilot.press("enter")
        await settle(app, pilot)
        assert not isinstance(app.screen, BlockModal)
        added = by_start(Store(demo_store.path))["23 16:25"]
        assert local(added) == "16:25-16:55" and added.note == "tasting notes"
        assert cursor_block(app, app.store).id == added.id
        assert any("overlaps 16:30-17:30 Hudson Realty" in n for n in app.notices)
        assert "▲" in row_with(app, "16:25-16:55").content.plain


async def test_bad_input_stays_in_the_form_with_the_message(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        for text, message in [("9:30-9 @hudson", "'9' is before the start"), ("10-11 @zzz", "no client called '@zzz'"),
                              ("9:30-9:30", "zero length"), ("now", "needs an end or a length")]:
            await type_into_form(pilot, app, text)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, BlockModal)
            assert message in app.screen.error_text
            assert app.screen.query_one(Input).has_class("-invalid")
        await pilot.press("x")  # typing clears the old message
        assert app.screen.error_text == ""
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, BlockModal)
    assert len(Store(demo_store.path).blocks.all()) == 8


async def test_edit_a_block(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "e")  # the cursor starts on the running block
        assert isinstance(app.screen, BlockModal)
        assert app.screen.query_one(Input).value == "14:00-15:30 @hudsonrealty Hudson: buyers, open house"
        await type_into_form(pilot, app, "14:00-15:45 @hudson buyers only")
        await pilot.press("enter")
        await settle(app, pilot)
        edited = by_start(Store(demo_store.path))["23 14:00"]
        assert local(edited) == "14:00-15:45" and edited.note == "buyers only"
        await pilot.press("enter")  # Enter edits too
        assert isinstance(app.screen, BlockModal)
        await pilot.press("escape")
        await pilot.press("u")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 14:00"]) == "14:00-15:30"


# --- delete, move, stretch ---------------------------------------------------------------------
async def test_delete_and_undo(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "d")
        await settle(app, pilot)
        assert "23 14:00" not in by_start(Store(demo_store.path))
        assert any("Deleted 14:00-15:30 Hudson Realty" in n for n in app.notices)
        assert not any("14:00-15:30" in t for t in rows(app))
        await pilot.press("u")
        await settle(app, pilot)
        back = by_start(Store(demo_store.path))["23 14:00"]
        assert local(back) == "14:00-15:30" and any("Undone: delete" in n for n in app.notices)


async def test_move_stretch_and_shrink_by_15_minutes(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "down")  # #social 15:40-16:20
        await pilot.press("greater_than_sign")
        await settle(app, pilot)
        assert "23 15:55" in by_start(Store(demo_store.path))
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:25"]) == "15:25-16:05"
        await pilot.press("plus")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:25"]) == "15:25-16:20"
        await pilot.press("minus", "minus", "minus", "minus")  # 55m -> 40 -> 25 -> 10 -> 5, never 0
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:25"]) == "15:25-15:30"
        await pilot.press("minus")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:25"]) == "15:25-15:30"
        assert any("as short as a block can be" in n for n in app.notices)
        for _ in range(8):  # eight changes saved (the refused shrink saved nothing): eight undos
            await pilot.press("u")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:40"]) == "15:40-16:20"


async def test_shift_later_blocks_by_the_overrun(make_app, demo_store, clock):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        clock.advance(minutes=35)  # 15:35: Hudson ended at 15:30 but the VA is still on it; nothing runs
        app.tick()
        await pilot.pause()
        await pilot.press("o")
        await settle(app, pilot)
        got = {k: local(b) for k, b in by_start(Store(demo_store.path)).items()}
        assert got["23 14:00"] == "14:00-15:35"  # the block that ended last now ends now
        assert got["23 15:45"] == "15:45-16:25" and got["23 16:35"] == "16:35-17:35"  # 10m buffers kept
        assert got["23 08:00"] == "08:00-08:50"  # earlier blocks stay
        assert any("now ends 5m later; 2 later blocks moved" in n for n in app.notices)
        await pilot.press("u")
        await settle(app, pilot)
        got = {k: local(b) for k, b in by_start(Store(demo_store.path)).items()}
        assert got["23 14:00"] == "14:00-15:30" and got["23 15:40"] == "15:40-16:20"


async def test_shift_when_nothing_overran(make_app, clock, store, settings):
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "o")
        assert any("No block has ended yet today" in n for n in app.notices)


async def test_shift_by_n_minutes(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "O")
        assert isinstance(app.screen, PromptModal)
        await type_into_form(pilot, app, "soon")
        await pilot.press("enter")
        assert "'soon' is not a duration" in app.screen.error_text
        await type_into_form(pilot, app, "25")
        assert "ends 25m later" in str(app.screen.query_one("#form-preview").content)
        await pilot.press("enter")
        await settle(app, pilot)
        got = {k: local(b) for k, b in by_start(Store(demo_store.path)).items()}
        assert got["23 14:00"] == "14:00-15:55" and got["23 16:05"] == "16:05-16:45" and got["23 16:55"] == "16:55-17:55"


# --- other days, templates, copying ------------------------------------------------------------
async def test_other_days_and_back(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "right_square_bracket")
        assert "Blocks · Tue 24 Nov (tomorrow)" in str(pane(app).border_title)
        assert rows(app)[0] == "No blocks on this day."
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert "Sun 22 Nov (yesterday)" in str(pane(app).border_title)
        await pilot.press("T")
        assert "Today's blocks · Mon 23 Nov" in str(pane(app).border_title)
        assert any("30m left" in t for t in rows(app))


async def test_save_and_apply_a_day_template(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "w")
        assert isinstance(app.screen, PromptModal) and app.screen.query_one(Input).value == "Monday"
        await pilot.press("enter")
        await settle(app, pilot)
        [template] = day_templates(demo_store)
        assert template.kind == "day" and template.name == "Monday" and len(template.items) == 8
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket", "right_square_bracket",
                          "right_square_bracket", "right_square_bracket", "right_square_bracket", "p")
        assert isinstance(app.screen, TemplatePickModal)
        assert "Monday · 8 blocks from 08:00" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(app, pilot)
        next_monday = [b for b in Store(demo_store.path).blocks.all() if b.start.astimezone(ZONE).day == 30]
        assert sorted(local(b) for b in next_monday)[0] == "08:00-08:50" and len(next_monday) == 8
        assert len(rows(app)) == 8 and "Mon 30 Nov" in str(pane(app).border_title)
        await pilot.press("u")
        await settle(app, pilot)
        assert len(Store(demo_store.path).blocks.all()) == 8


async def test_copy_yesterday(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "right_square_bracket", "y")
        await settle(app, pilot)
        tuesday = [b for b in Store(demo_store.path).blocks.all() if b.start.astimezone(ZONE).day == 24]
        assert len(tuesday) == 8 and any("Copied 8 blocks from Mon 23 Nov" in n for n in app.notices)
        await pilot.press("y")  # again: nothing doubles
        await settle(app, pilot)
        assert len(Store(demo_store.path).blocks.all()) == 16
        await pilot.press("right_square_bracket", "y")  # Wednesday from Tuesday
        await settle(app, pilot)
        assert len(Store(demo_store.path).blocks.all()) == 24


async def test_a_block_past_midnight_shows_on_both_days(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "a")
        await type_into_form(pilot, app, "23:00 2h @bondi launch")
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("23:00-01:00+1" in t for t in rows(app))
        await pilot.press("right_square_bracket")
        [only] = rows(app)
        assert only.startswith("↪ 23:00-01:00") and "Bondi Bakes" in only


async def test_a_dst_day_says_how_long_it_is(make_app, store, clock, settings):
    clock.set(datetime(2026, 3, 29, 12, tzinfo=timezone.utc))
    app = make_app(store=store, settings_=Settings(me_zone="Europe/London"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "a")
        await type_into_form(pilot, app, "00:30-03:30 night shift")
        await pilot.press("enter")
        await settle(app, pilot)
        [b] = store.blocks.all()
        assert b.end - b.start == timedelta(hours=2)
        assert "23-hour day" in str(pane(app).border_subtitle)


async def test_every_row_fits_at_80x24(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        clock.advance(minutes=33)
        app.tick()
        await pilot.pause()
        width = pane(app).block_list.scrollable_content_region.width
        assert 30 <= width < 45
        for row in pane(app).block_list.rows:
            assert row.content.cell_length <= width, row.content.plain
            assert not row.content.plain.rstrip().endswith(" …")
        assert any("15:33 now" in t for t in rows(app)) and any("in 7m" in t for t in rows(app))


async def test_at_80x24_a_long_name_shrinks_before_the_tracked_time_goes(make_app, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(hours=3)  # 18:00: every block is over, Hudson's 14:00-15:30 tracked 45 min
        app.tick()
        await pilot.pause()
        hudson = next(t for t in rows(app) if t.lstrip().startswith("14:00-15:30"))
        assert "45m/1h30m" in hudson and "● Hudson" in hudson
        started = [t for t in rows(app) if "●" in t]
        assert len(started) == 5 and all("/" in t for t in started), started


async def test_client_blocks_keep_their_local_time_at_120x36(make_app):
    """Issue 4: a client block shows the client's own clock whenever there is room for it; at
    120x36 there is room for the start at least, with the whole name (the running block, with
    its time left, has not)."""
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        bondi = row_with(app, "08:00-08:50").content.plain
        assert "Bondi Bakes (17:00" in bondi and "Sydney)" in bondi, bondi
        masala = row_with(app, "11:10-12:10").content.plain
        assert "Masala Media (14:40 Mumbai)" in masala, masala


@pytest.mark.parametrize("language", ["en", "ro", "pt_BR"])
async def test_a_client_row_gives_up_its_local_time_and_note_by_steps(make_app, language):
    """As the width shrinks the row drops, in order: the note, then the local range for the local
    start, then the local time; the client's name stays whole while anything else is shown, and
    a note never shows without the client's time beside it."""
    from vatui.i18n import set_language
    from vatui.widgets.block_rows import block_row

    set_language(language)
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("2")
        view = pane(app).view
        n = next(i for i, item in enumerate(view.plan.items) if local(item.block) == "08:00-08:50")
        seen, last = [], None
        for width in range(110, 24, -1):
            text = block_row(view, n, width).content.plain
            assert len(text) <= width, (width, text)
            if width >= 40:
                assert "● Bondi Bakes" in text, (width, text)  # the name is whole...
            if "(" in text:
                assert "Bondi Bakes (" in text, (width, text)  # ...and the local time follows it
            form = ("range" if "-19:50" not in text and "17:50 Sydney)" in text
                    else "start" if "(17:00 Sydney)" in text else "none")
            note = text.count("Bondi") == 2  # the name's and the note's ("Bondi end-of-day wrap-up")
            if form == "none":
                assert not note, (width, text)
            step = (form, note)
            if step != last:
                seen.append(step)
                last = step
        assert seen == [("range", True), ("start", True), ("start", False), ("none", False)], seen


async def test_pane_keys_are_in_help(make_app):
    from vatui.screens.key_bindings import collect

    app = make_app()
    async with app.run_test(size=(120, 36)):
        sections = {s.title: s for s in collect(app.screen, {})}
        blocks = sections["2 Today's blocks"]
        ids = {a.binding.id for a in blocks.actions}
        assert {"add-block", "edit-block", "delete-block", "move-block-earlier", "move-block-later", "shrink-block",
                "stretch-block", "shift-overrun", "shift-blocks", "blocks-previous-day", "blocks-next-day", "blocks-today",
                "save-day-template", "apply-day-template", "copy-yesterday"} <= ids
        assert all(a.binding.tooltip and a.binding.description for a in blocks.actions)


async def test_alternate_keys(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "down", "shift+right", "equals_sign")  # #social: 15 later, then 15 longer
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:55"]) == "15:55-16:50"
        await pilot.press("shift+left")
        await settle(app, pilot)
        assert local(by_start(Store(demo_store.path))["23 15:40"]) == "15:40-16:35"
        await pilot.press("delete")
        await settle(app, pilot)
        assert "23 15:40" not in by_start(Store(demo_store.path))


async def test_saving_a_template_under_a_used_name_replaces_it_and_undo_brings_it_back(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "w", "enter")
        await settle(app, pilot)
        await pilot.press("d")  # one block fewer, then save under the same name
        await settle(app, pilot)
        await pilot.press("w")
        assert "Existing: Monday (the same name replaces it)" in " ".join(
            str(s.content) for s in app.screen.query(".form-hint"))
        await type_into_form(pilot, app, "monday")
        await pilot.press("enter")
        await settle(app, pilot)
        [template] = day_templates(demo_store)
        assert len(template.items) == 7
        await pilot.press("u")
        await settle(app, pilot)
        [template] = day_templates(demo_store)
        assert len(template.items) == 8 and template.name == "Monday"


async def test_escape_closes_every_form_without_saving(make_app, demo_store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", "w", "escape", "O", "escape", "a", "escape", "e", "escape")
        await settle(app, pilot)
        assert app.screen.id == "cockpit"
    again = Store(demo_store.path)
    assert day_templates(again) == [] and len(again.blocks.all()) == 8


async def test_the_detail_line_tells_the_whole_story_of_the_cursor_block(make_app):
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("2")

        def detail() -> str:
            return str(pane(app).query_one("#block-detail").content)

        # the whole story, fitted to the pane: what is cut is the end, never the flag beside the times
        assert detail() == "Hudson Realty: 07:00-08:30 in New York △ outside hours · Hudson: buyers, open house · 45m of…"
        await pilot.press("down")
        assert detail() == "#social: Scheduling posts"
        await pilot.press("home")
        assert detail().startswith("Bondi Bakes: 17:00-17:50 in Sydney △ outside hours · Bondi end-of-day wrap-up · 35m")


async def test_clicking_a_block_puts_the_cursor_on_it(make_app):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        block_list = pane(app).block_list
        texts = rows(app)
        at = next(n for n, t in enumerate(texts) if "08:00-08:50" in t)
        await pilot.click(block_list, offset=(2, at - round(block_list.scroll_offset.y)))
        await pilot.pause()
        assert local(cursor_block(app, app.store)) == "08:00-08:50" and block_list.has_focus


async def test_two_blocks_changing_places_repaint_both_lines_whole(make_app, monkeypatch):
    """Rows of the same shape that swap blocks differ in a few cells, but the cursor goes with its
    block: both lines are drawn again in full."""
    from textual.content import Content

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        block_list = pane(app).block_list
        a = RowView("block:1", Content("09:00 aaaa"), frozenset({"-block"}), 1)
        b = RowView("block:2", Content("10:00 bbbb"), frozenset({"-block"}), 2)
        block_list.show([a, b], 1)
        await pilot.pause()
        refreshed: list = []
        refresh = block_list.refresh
        monkeypatch.setattr(block_list, "refresh", lambda *regions, **kw: (refreshed.append(regions), refresh(*regions, **kw))[1])
        block_list.show([RowView("block:2", Content("09:00 bbbb"), frozenset({"-block"}), 2),
                         RowView("block:1", Content("10:00 aaaa"), frozenset({"-block"}), 1)], 1)
        width = block_list.scrollable_content_region.width
        lines = sorted((region.y, region.x, region.width >= width) for regions in refreshed for region in regions)
        assert lines == [(0, 0, True), (1, 0, True)] and block_list.cursor_id == 1


async def test_a_repeating_block_is_marked_in_the_timeline(make_app, store, clock):
    from vatui.core.models import TimeBlock

    start = clock.now() + timedelta(hours=1)
    store.blocks.add(TimeBlock(start=start, end=start + timedelta(minutes=30), batch="email", series=1))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        assert any("16:00-16:30 ↻" in row for row in rows(app))
        assert "↻ repeats" in str(pane(app).query_one("#block-detail").content)


async def test_a_repeating_block_shows_on_a_day_beyond_the_two_weeks_laid_out(make_app, store, clock, make_cli):
    make_cli()("block", "add", "9:00-9:30 standup", "--every", "weekday", db_path=store.path)
    store = Store(store.path, clock=clock, journal=True)
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2", *["right_square_bracket"] * 24)  # Thu 17 Dec, past the two weeks laid out
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("09:00-09:30 ↻" in row for row in rows(app)), rows(app)
