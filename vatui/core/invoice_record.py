"""An invoice as the data file keeps it: the record types only, so that opening a file holding
invoices (the cockpit's start) decodes them without loading the invoicing rules (invoicing.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from vatui.core.money import round_money


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    quantity: Decimal  # hours (to the hundredth) or 1 for an item
    unit: str  # "h" or "item"
    rate: Decimal
    amount: Decimal  # rounded to the currency's minor unit

    def as_json(self) -> dict:
        return {"text": self.text, "quantity": str(self.quantity), "unit": self.unit, "rate": str(self.rate),
                "amount": str(self.amount)}


@dataclass(frozen=True, slots=True)
class Payment:
    day: date
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Invoice:
    number: str
    year: int
    seq: int
    client_id: int
    client_name: str
    currency: str
    issued: date
    due: date
    lines: tuple[Line, ...]
    subtotal: Decimal
    tax_rate: Decimal | None
    tax: Decimal
    total: Decimal
    language: str = "en"
    entry_ids: tuple[int, ...] = ()
    sent: date | None = None
    voided: date | None = None
    payments: tuple[Payment, ...] = ()
    id: int | None = None

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))

    def status(self, today: date) -> str:
        if self.voided is not None:
            return "void"
        if self.paid >= self.total:
            return "paid"
        if self.sent is not None and today > self.due:
            return "overdue"
        return "sent" if self.sent is not None else "draft"

    def as_json(self, today: date) -> dict:
        return {
            "number": self.number, "client": self.client_name, "currency": self.currency,
            "subtotal": str(self.subtotal), "tax": str(self.tax), "total": str(self.total),
            "tax_rate": None if self.tax_rate is None else str(self.tax_rate),
            "issued": self.issued.isoformat(), "due": self.due.isoformat(), "status": self.status(today),
            "paid": str(round_money(self.paid, self.currency)), "language": self.language,
            "lines": [line.as_json() for line in self.lines],
        }
