"""Invoices in words, shared by `vatui invoice` and the cockpit's invoices screen (no Textual)."""

from __future__ import annotations

from decimal import Decimal

from vatui.i18n import _


def retainer_words(used: Decimal, bank: Decimal) -> str:
    """A retainer month beside its client: "retainer 12.5/20 h"."""
    return _("retainer {used}/{bank} h").format(used=hours(used), bank=hours(bank))


def hours(value: Decimal) -> str:
    """20 -> "20", 8.5 -> "8.5", 8.25 -> "8.25"."""
    return f"{value.quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")


def status_words(status: str) -> str:
    """An invoice's status (core.invoice_record.Invoice.status) in the user's language."""
    return {"draft": _("draft"), "sent": _("sent"), "paid": _("paid"), "overdue": _("overdue"),
            "void": _("void")}[status]
