"""The invoices screen (`r` then `i`): unbilled time per client, a preview before an invoice is
numbered, marking it sent and paid, and its PDF written beside the data file."""

from datetime import timedelta

from textual.widgets import DataTable

from vatui.core.models import Client, TimeEntry
from vatui.screens.invoices_screen import InvoicePreview, InvoicesScreen
from vatui.store import Store


async def settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def cells(app, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


def unbilled_acme(store, clock, worked: timedelta) -> None:
    """Acme at 40 USD an hour, with `worked` tracked three hours ago and not yet invoiced."""
    acme = store.clients.add(Client(name="Acme", tz="America/New_York", rate=40, currency="USD"))
    start = clock.now() - timedelta(hours=3)
    store.entries.add(TimeEntry(start=start, end=start + worked, client_id=acme.id))


async def test_create_an_invoice_from_the_preview_then_mark_it_sent_and_paid(make_app, store, clock):
    unbilled_acme(store, clock, timedelta(hours=1, minutes=30))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("r")
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, InvoicesScreen)
        assert cells(app, "#unbilled") == [["Acme", "1.50", "60.00 USD"]]
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, InvoicePreview)
        preview = str(app.screen.query_one("#preview-text").content)
        assert "will be numbered 2026-001 when saved" in preview and "Total 60.00 USD" in preview
        assert len(Store(store.path).invoices.all()) == 0  # a preview numbers nothing
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, InvoicesScreen)
        assert cells(app, "#unbilled") == []
        assert cells(app, "#invoice-list") == [["2026-001", "Acme", "60.00 USD", "2026-12-08", "draft"]]
        await pilot.press("s")  # the list of invoices has the cursor once nothing is left unbilled
        await settle(app, pilot)
        assert cells(app, "#invoice-list")[0][4] == "sent"
        await pilot.press("p")
        await settle(app, pilot)
        assert cells(app, "#invoice-list")[0][4] == "paid"
        assert [i.status(clock.now().date()) for i in Store(store.path).invoices.all()] == ["paid"]


async def test_the_document_is_written_beside_the_data_file(make_app, store, clock):
    unbilled_acme(store, clock, timedelta(hours=1))
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(InvoicesScreen())
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("o")
        await settle(app, pilot)
        written = store.path.parent / "invoices" / "2026-001.pdf"
        assert written.read_bytes().startswith(b"%PDF") and any(str(written) in n for n in app.notices)


async def test_nothing_unbilled_is_a_note(make_app, store):
    app = make_app(store=store)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(InvoicesScreen())
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert any("Nothing unbilled" in n for n in app.notices) and isinstance(app.screen, InvoicesScreen)
