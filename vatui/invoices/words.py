"""The words printed on an invoice, translated into the invoice's language without touching the
process-wide language (`vatui.i18n` keeps the one the user chose for the interface)."""

from __future__ import annotations

import gettext
from functools import lru_cache

from vatui.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, N_

WORDS = {
    "invoice": N_("Invoice"),
    "number": N_("Number"),
    "issued": N_("Issued"),
    "due": N_("Due"),
    "bill_to": N_("Bill to"),
    "from": N_("From"),
    "description": N_("Description"),
    "quantity": N_("Hours/Qty"),
    "rate": N_("Rate"),
    "amount": N_("Amount"),
    "subtotal": N_("Subtotal"),
    "tax": N_("Tax"),
    "total": N_("Total"),
    "paid": N_("Paid"),
    "balance": N_("Balance due"),
    "payment": N_("Payment details"),
    "iban": N_("IBAN"),
    "tax_id": N_("Tax ID"),
    "email": N_("Email"),
    "pay_online": N_("Pay online"),
    "status": N_("Status"),
    "draft": N_("Draft"),
    "sent": N_("Sent"),
    "overdue": N_("Overdue"),
    "void": N_("Void"),
    "paid_status": N_("Paid in full"),
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
    t = translation(language)
    return {key: t.gettext(text) for key, text in WORDS.items()}
