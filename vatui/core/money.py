"""Rates and currencies. Amounts are Decimal; currencies are ISO 4217 codes, never summed together."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from vatui.core.errors import ValidationError
from vatui.i18n import _

# Active ISO 4217 codes (list one, 2026). Funds and precious-metal codes are left out on purpose:
# nobody bills an hour of admin work in XAU.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP
    BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
    GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
    KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK
    MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR
    SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS
    UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
    """.split()
)

# Currencies whose minor unit is not 2 digits; used when rounding billed amounts.
_MINOR_DIGITS = {
    "BHD": 3, "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "IQD": 3, "ISK": 0, "JOD": 3, "JPY": 0,
    "KMF": 0, "KRW": 0, "KWD": 3, "LYD": 3, "OMR": 3, "PYG": 0, "RWF": 0, "TND": 3, "UGX": 0,
    "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
}


def parse_currency(code: str, *, field: str = "currency") -> str:
    normal = code.strip().upper()
    if normal not in ISO_4217:
        raise ValidationError(
            _("{field}: {text!r} is not an ISO 4217 currency code (e.g. USD, EUR, GBP, AUD, INR)").format(
                field=field, text=code.strip()),
            field=field,
        )
    return normal


MAX_RATE = Decimal(1_000_000)  # per hour: far above any real rate, and reports' sums stay exact

_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")  # "37,50": how Romanian and Brazilian users write 37.50


def parse_rate(value: str | int | float | Decimal, *, field: str = "rate") -> Decimal:
    text = str(value).strip()
    if _DECIMAL_COMMA.match(text):  # one or two decimals only: "1,500" stays refused, not read as 1.5
        text = text.replace(",", ".")
    try:
        rate = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(_("{field}: {text!r} is not a number (e.g. 40 or 37.50)").format(field=field, text=value),
                              field=field) from None
    if not rate.is_finite() or rate < 0:
        raise ValidationError(_("{field}: a rate must be zero or more, not {value}").format(field=field, value=value),
                              field=field)
    if rate > MAX_RATE:
        raise ValidationError(_("{field}: {value} is more than the largest rate, {limit} an hour").format(
            field=field, value=value, limit=MAX_RATE), field=field)
    return rate


def minor_digits(currency: str) -> int:
    return _MINOR_DIGITS.get(currency, 2)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit, as invoices do."""
    return amount.quantize(Decimal(1).scaleb(-minor_digits(currency)), rounding=ROUND_HALF_UP)


def spread_rounding(exact: Iterable[Decimal], currency: str) -> list[Decimal]:
    """Round a column of exact amounts so that it adds up to its rounded sum: each is the rounded
    running total minus the rounded running total before it. Every result is within one minor
    unit of its exact amount (three 13.333.. are 13.33, 13.34, 13.33: 40.00, not 39.99)."""
    out: list[Decimal] = []
    running = shown = Decimal(0)
    for amount in exact:
        running += amount
        now_shown = round_money(running, currency)
        out.append(now_shown - shown)
        shown = now_shown
    return out
