"""The cockpit's clock with a client on a closed day, as built today (no screen code for holidays):
the row reads "○ holiday: …" in the weekend style (so the table styles it as it does the five states)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from vatui.widgets.clock_pane import ClockPane


async def test_a_client_on_a_closed_day_reads_holiday(make_app, demo_store):
    hudson = demo_store.client_named("hudson")
    demo_store.clients.update(replace(hudson, closed=(date(2026, 11, 23),)))  # the frozen Monday
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        rows = {r.name: (r.state, r.state_class) for r in app.screen.query_one(ClockPane).table.rows()}
        assert rows["Hudson Realty"] == ("○ holiday: closed day", "-weekend")
        assert rows["Regent Law"] == ("■ in hours", "-in-hours")
