"""Invoices in words, shared by `vatui invoice` and the cockpit's invoices screen (no Textual)."""

from __future__ import annotations

from vatui.i18n import _


def status_words(status: str) -> str:
    """An invoice's status (core.invoice_record.Invoice.status) in the user's language."""
    return {"draft": _("draft"), "sent": _("sent"), "paid": _("paid"), "overdue": _("overdue"),
            "void": _("void")}[status]
