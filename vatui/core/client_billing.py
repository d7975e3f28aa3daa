"""What a client is billed under: the invoice's addressee, language, tax and retainer.

Kept apart from invoicing.py so that a Client can carry it without loading the invoice code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from vatui.core.errors import ValidationError
from vatui.i18n import _

INVOICE_LANGUAGES = ("en", "ro", "pt_BR")


@dataclass(frozen=True, slots=True)
class Retainer:
    """A monthly bank of hours billed as a fixed fee; hours over the bank at the overage rate
    (the client's rate when none is set). With rollover, a month's unused hours carry into the
    next month only."""

    hours: Decimal
    fee: Decimal = Decimal(0)
    rollover: bool = False
    overage_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ClientBilling:
    billing_name: str = ""
    billing_address: str = ""
    tax_id: str = ""
    email: str = ""
    language: str = "en"
    tax: Decimal | None = None  # percent, e.g. Decimal("19")
    retainer: Retainer | None = None

    def __post_init__(self) -> None:
        if self.language not in INVOICE_LANGUAGES:
            raise ValidationError(_("{field}: choose one of {choices}, not {value!r}").format(
                field="language", choices=", ".join(INVOICE_LANGUAGES), value=self.language), field="language")


def parse_percent(text: str, *, field: str = "tax") -> Decimal:
    """ "19%", "19" or "7.5%" -> Decimal("19"); 0-100."""
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        value = Decimal(-1)
    if not value.is_finite() or not (0 <= value <= 100):
        raise ValidationError(_("{field}: {text!r} is not a percentage between 0 and 100 (e.g. 19%)").format(
            field=field, text=text), field=field)
    return value.normalize() if value == value.to_integral() else value


_RETAINER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*h?\s*(?:/\s*(?:month|mo|m))?\s*$", re.IGNORECASE)


def parse_retainer_hours(text: str, *, field: str = "retainer") -> Decimal:
    """ "20h/month", "20h", "12.5" -> hours a month (more than zero)."""
    m = _RETAINER.match(text)
    if not m or Decimal(m.group(1).replace(",", ".")) <= 0:
        raise ValidationError(_("{field}: {text!r} is not a monthly bank of hours (e.g. 20h/month)").format(
            field=field, text=text), field=field)
    return Decimal(m.group(1).replace(",", "."))
