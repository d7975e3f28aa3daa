"""The words printed on an invoice, translated into the invoice's language without touching the
process-wide language (`vatui.i18n` keeps the one the user chose for the interface)."""

from __future__ import annotations

import gettext
from functools import lru_cache

from vatui.i18n import DOMAIN, LANGUAGES, LOCALE_DIR


def _translate(t: gettext.NullTranslations) -> dict[str, str]:
    # Context "invoice": these words read differently on a bill than elsewhere in vatui
    # (ro "Due" is "Scadență" here, "Termen" on a task).
    return {
        "invoice": t.pgettext("invoice", "Invoice"),
        "number": t.pgettext("invoice", "Number"),
        "issued": t.pgettext("invoice", "Issued"),
        "due": t.pgettext("invoice", "Due"),
        "bill_to": t.pgettext("invoice", "Bill to"),
        "from": t.pgettext("invoice", "From"),
        "description": t.pgettext("invoice", "Description"),
        "quantity": t.pgettext("invoice", "Hours/Qty"),
        "rate": t.pgettext("invoice", "Rate"),
        "amount": t.pgettext("invoice", "Amount"),
        "subtotal": t.pgettext("invoice", "Subtotal"),
        "tax": t.pgettext("invoice", "Tax"),
        "total": t.pgettext("invoice", "Total"),
        "paid": t.pgettext("invoice", "Paid"),
        "balance": t.pgettext("invoice", "Balance due"),
        "payment": t.pgettext("invoice", "Payment details"),
        "iban": t.pgettext("invoice", "IBAN"),
        "tax_id": t.pgettext("invoice", "Tax ID"),
        "email": t.pgettext("invoice", "Email"),
        "pay_online": t.pgettext("invoice", "Pay online"),
        "status": t.pgettext("invoice", "Status"),
        "draft": t.pgettext("invoice", "Draft"),
        "sent": t.pgettext("invoice", "Sent"),
        "overdue": t.pgettext("invoice", "Overdue"),
        "void": t.pgettext("invoice", "Void"),
        "paid_status": t.pgettext("invoice", "Paid in full"),
    }

# Babel locales: English is en_GB, since vatui's users bill in EUR/RON/GBP far more than USD and
# en_GB writes the unambiguous "23 Nov 2026" day-month order (en_US "Nov 23, 2026" reads fine too,
# but the day-first order matches the Romanian and Brazilian documents).
BABEL_LOCALES = {"en": "en_GB", "ro": "ro_RO", "pt_BR": "pt_BR"}


@lru_cache(maxsize=None)
def translation(language: str) -> gettext.NullTranslations:
    if language not in LANGUAGES:
        raise ValueError(f"unknown invoice language {language!r}: use one of {', '.join(LANGUAGES)}")
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)


def words(language: str) -> dict[str, str]:
    """Every word of the document, in `language`."""
    return _translate(translation(language))
