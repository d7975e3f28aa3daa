"""`i` on the report screen: what each client has unbilled, and the invoices, overdue first.

Keys: `n` previews an invoice for the client under the cursor in the unbilled list (not numbered
until it is saved), `s` marks the invoice under the cursor sent, `p` paid in full, `o` writes its
document (PDF) to the invoices folder beside the data file and says where. Every change goes
through the store's writer, off the event loop; a refusal (nothing to bill, already paid) is a
note. The numbers, prices and statuses are core.invoicing's, as `vatui invoice` shows them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from vatui.core.errors import ValidationError, VatuiError
from vatui.core.periods import local_midnight, local_today
from vatui.i18n import N_, _
from vatui.screens.base import FollowsCockpit
from vatui.screens.key_bindings import TranslatedBindings
from vatui.settings.invoice_config import invoice_config
from vatui.text.formats import money
from vatui.text.invoice_text import status_words

STATUS_COLOURS = {"overdue": "error", "draft": "warning", "sent": "accent", "paid": "success", "void": "secondary"}


def terms() -> timedelta:
    """The payment terms of an invoice made here: the default, as `vatui invoice create` has it."""
    from vatui.core.invoicing import DEFAULT_TERMS

    return timedelta(days=DEFAULT_TERMS)


def invoices_folder(data_file: Path) -> Path:
    """Where the cockpit writes invoice documents: beside the data file, like its backups."""
    return data_file.parent / "invoices"


def open_folder(folder: Path) -> None:
    """Show the folder in the desktop's file manager when there is a local desktop (not over SSH)."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return
    if sys.platform == "darwin":
        command = ["open", str(folder)]
    elif os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        command = ["xdg-open", str(folder)]
    else:
        return
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        pass  # the toast already said where the file is


class InvoicePreview(ModalScreen[bool]):
    """The invoice as it would be saved, before it takes a number: Enter saves, Esc does not."""

    BINDINGS = [
        Binding("enter,ctrl+s", "confirm", N_("Create"), id="create-invoice", tooltip=N_("Number and save this invoice")),
        Binding("escape", "cancel", N_("Cancel"), id="cancel-invoice", tooltip=N_("Close without creating")),
    ]
    DEFAULT_CSS = """
    InvoicePreview { align: center middle; }
    InvoicePreview > #preview-box { width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface; }
    """

    def __init__(self, text: str) -> None:
        super().__init__(id="invoice-preview")
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="preview-box"):
            yield Static(self.text, id="preview-text", markup=False)
            yield Static(_("Enter: create it · Esc: cancel"), id="preview-keys")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class InvoicesScreen(FollowsCockpit, TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("escape", "close_invoices", N_("Back"), id="close-invoices", tooltip=N_("Back to the report")),
        Binding("n", "new_invoice", N_("New"), id="new-invoice",
                tooltip=N_("Invoice the unbilled time of the client under the cursor (a preview first)")),
        Binding("s", "mark_sent", N_("Sent"), id="invoice-sent", tooltip=N_("Mark the invoice under the cursor sent")),
        Binding("p", "mark_paid", N_("Paid"), id="invoice-paid",
                tooltip=N_("Mark the invoice under the cursor paid in full")),
        Binding("o", "write_document", N_("Document"), id="invoice-document",
                tooltip=N_("Write the invoice's PDF to the invoices folder and show the folder")),
    ]
    DEFAULT_CSS = """
    InvoicesScreen { layout: vertical; }
    InvoicesScreen .section { height: 1; color: $text-muted; padding: 0 1; }
    InvoicesScreen #invoices-title { height: 1; background: $panel; color: $text; text-style: bold; padding: 0 1; }
    InvoicesScreen DataTable { height: auto; max-height: 50%; margin: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="invoices")
        self._unbilled: list[Any] = []  # core.invoicing.Unbilled, in the rows' order
        self._invoices: list[Any] = []  # core.invoice_record.Invoice, in the rows' order

    def compose(self) -> ComposeResult:
        yield Static(_("Invoices"), id="invoices-title")
        yield Static(_("Unbilled time"), classes="section")
        yield DataTable(id="unbilled", cursor_type="row", zebra_stripes=False)
        yield Static(_("Invoices, overdue first"), classes="section")
        yield DataTable(id="invoice-list", cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        unbilled = self.query_one("#unbilled", DataTable)
        unbilled.add_columns(_("Client"), _("Hours"), _("Amount"))
        listed = self.query_one("#invoice-list", DataTable)
        listed.add_columns(_("Number"), _("Client"), _("Total"), _("Due"), _("Status"))
        self.refresh_lists()
        (unbilled if self._unbilled else listed).focus()

    # --- what is shown -------------------------------------------------------------------------
    def today(self) -> date:
        return local_today(self.app.clock.now(), self.app.settings.me_zone)

    def cockpit_refreshed(self) -> None:
        self.refresh_lists()

    def refresh_lists(self) -> None:
        from vatui.core.invoicing import listing_order, unbilled_by_client
        from vatui.store.invoices import billed_entries

        store, settings, today = self.app.store, self.app.settings, self.today()
        clients = {c.id: c for c in store.clients.all() if c.id is not None}
        self._unbilled = unbilled_by_client(store.entries.all(), clients, set(billed_entries(store)), settings.me_zone,
                                            settings.billing_rounding)
        self._invoices = listing_order(store.invoices.all(), today)
        unbilled = self.query_one("#unbilled", DataTable)
        unbilled.clear()
        for u in self._unbilled:
            unbilled.add_row(u.client.name, f"{u.hours}", money(u.amount, u.client.currency))
        listed = self.query_one("#invoice-list", DataTable)
        listed.clear()
        theme = self.app.current_theme
        for i in self._invoices:
            status = i.status(today)
            colour = getattr(theme, STATUS_COLOURS[status], None) or ""
            listed.add_row(i.number, i.client_name, money(i.total, i.currency), i.due.isoformat(),
                           Text(status_words(status), style=colour))
        if unbilled.has_focus and not self._unbilled:
            listed.focus()  # the invoice just made is where the next key is meant

    def _chosen_invoice(self) -> Any | None:
        listed = self.query_one("#invoice-list", DataTable)
        if not self._invoices:
            self.notify(_("No invoices yet: press n on a client with unbilled time."), timeout=4)
            return None
        return self._invoices[min(listed.cursor_row, len(self._invoices) - 1)]

    # --- actions -------------------------------------------------------------------------------
    def action_close_invoices(self) -> None:
        self.dismiss(None)

    def action_new_invoice(self) -> None:
        from vatui.core.invoicing import format_number
        from vatui.store.invoices import billed_entries, build_draft, next_seq

        if not self._unbilled:
            self.notify(_("Nothing unbilled: every billable entry is on an invoice."), timeout=4)
            return
        client = self._unbilled[min(self.query_one("#unbilled", DataTable).cursor_row, len(self._unbilled) - 1)].client
        store, settings, today = self.app.store, self.app.settings, self.today()
        until = local_midnight(today + timedelta(days=1), settings.me_zone)

        def build(billed: set[int]) -> Any:
            return build_draft(store, client.id, billed, zone_name=settings.me_zone, rounding=settings.billing_rounding,
                               until=until)

        try:
            draft = build(set(billed_entries(store)))
        except ValidationError as exc:
            self.notify(exc.message, severity="warning", timeout=6)
            return
        template, _business = invoice_config(self.app.config_path)
        number = format_number(template, today.year, next_seq(store, today.year))
        lines = [f"{line.text}  {line.quantity} × {money(line.rate, client.currency)} = {money(line.amount, client.currency)}"
                 for line in draft.lines]
        text = "\n".join([
            _("Invoice for {client} (will be numbered {number} when saved)").format(client=client.name, number=number),
            _("Issued {issued} · due {due}").format(issued=today.isoformat(), due=(today + terms()).isoformat()),
            "", *lines, "",
            _("Subtotal {amount}").format(amount=money(draft.subtotal, client.currency)),
            _("Tax {amount}").format(amount=money(draft.tax, client.currency)),
            _("Total {amount}").format(amount=money(draft.total, client.currency)),
        ])

        def chosen(confirmed: bool | None) -> None:
            if confirmed:
                self._create(build, today, template)

        self.app.push_screen(InvoicePreview(text), chosen)

    def _create(self, build: Any, today: date, template: str) -> None:
        from vatui.store.invoices import create_invoice

        store = self.app.store

        def change() -> Any:
            return create_invoice(store, build, issued=today, due=today + terms(), template=template)

        def done(invoice: Any) -> None:
            self.notify(_("Invoice {number} created: {total}, due {due}.").format(
                number=invoice.number, total=money(invoice.total, invoice.currency), due=invoice.due.isoformat()),
                timeout=6)
            self.refresh_lists()

        self.app.writer.submit(change, done=done)

    def action_mark_sent(self) -> None:
        from vatui.store.invoices import mark_sent

        invoice = self._chosen_invoice()
        if invoice is not None:
            self._change(lambda: mark_sent(self.app.store, invoice.number, self.today()),
                         _("Invoice {number} marked sent.").format(number=invoice.number))

    def action_mark_paid(self) -> None:
        from vatui.store.invoices import record_payment

        invoice = self._chosen_invoice()
        if invoice is not None:
            self._change(lambda: record_payment(self.app.store, invoice.number, self.today(), None),
                         _("Invoice {number} marked paid.").format(number=invoice.number))

    def _change(self, change: Any, said: str) -> None:
        def done(_result: Any) -> None:
            self.notify(said, timeout=4)
            self.refresh_lists()

        self.app.writer.submit(change, done=done, title=_("Not changed"))

    def action_write_document(self) -> None:
        invoice = self._chosen_invoice()
        if invoice is None:
            return
        store, today = self.app.store, self.today()
        client = store.clients.get(invoice.client_id)
        folder = invoices_folder(store.path)
        path = folder / f"{invoice.number}.pdf"
        _template, business = invoice_config(self.app.config_path)

        def write() -> Path:
            from vatui.invoices.document import render

            b = client.billing if client is not None else None
            details = {"billing_name": (b.billing_name if b else "") or invoice.client_name,
                       "billing_address": b.billing_address if b else "", "tax_id": b.tax_id if b else "",
                       "email": b.email if b else ""}
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                render(invoice.as_json(today), business, details, path)
            except (ValueError, OSError) as exc:
                raise VatuiError(str(exc)) from None
            open_folder(folder)
            return path

        self.app.writer.submit(write, done=lambda written: self.notify(
            _("Wrote {path}").format(path=written), timeout=10), title=_("Not written"))
