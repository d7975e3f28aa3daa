"""What an invoice document shows, translated and formatted for its language by Babel: the one
content every format (PDF, Markdown, HTML) lays out."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from vatui.invoices.words import BABEL_LOCALES, words


@dataclass
class Document:
    """Everything the document shows, already translated and formatted for its language."""

    lang: str  # BCP 47, for HTML's lang
    w: dict[str, str]
    number: str
    issued: str
    due: str
    status: str
    business_name: str
    business_lines: list[str]
    client_name: str
    client_lines: list[str]
    lines: list[tuple[str, str, str, str]]  # text, quantity, rate, amount
    totals: list[tuple[str, str]]  # label, amount; the last is the balance due
    payment: list[tuple[str, str]]  # label, value
    logo: Path | None = None
    title: str = field(default="")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def build(invoice: dict, business: dict, client: dict) -> Document:
    from babel.dates import format_date
    from babel.numbers import format_currency, format_decimal

    language = invoice.get("language") or "en"
    w = words(language)
    locale = BABEL_LOCALES[language]
    currency = invoice["currency"]

    def money(value: str) -> str:
        return format_currency(Decimal(value), currency, locale=locale)

    def day(value: str) -> str:
        from datetime import date

        return format_date(date.fromisoformat(value), format="medium", locale=locale)

    business_lines = _text(business.get("address")).splitlines()
    if _text(business.get("tax_id")):
        business_lines.append(f"{w['tax_id']}: {_text(business['tax_id'])}")
    if _text(business.get("email")):
        business_lines.append(_text(business["email"]))
    client_lines = _text(client.get("billing_address")).splitlines()
    if _text(client.get("tax_id")):
        client_lines.append(f"{w['tax_id']}: {_text(client['tax_id'])}")
    if _text(client.get("email")):
        client_lines.append(_text(client["email"]))

    lines = []
    for line in invoice.get("lines", []):
        quantity = format_decimal(Decimal(line["quantity"]), format="#,##0.##", locale=locale)
        if line.get("unit") == "h":
            quantity += " h"
        lines.append((_text(line["text"]), quantity, money(line["rate"]), money(line["amount"])))

    tax_label = w["tax"]
    if invoice.get("tax_rate") not in (None, ""):
        rate = format_decimal(Decimal(invoice["tax_rate"]), format="#,##0.##", locale=locale)
        tax_label = f"{tax_label} ({rate} %)" if language == "ro" else f"{tax_label} ({rate}%)"
    balance = Decimal(invoice["total"]) - Decimal(invoice.get("paid") or "0")
    totals = [
        (w["subtotal"], money(invoice["subtotal"])),
        (tax_label, money(invoice["tax"])),
        (w["total"], money(invoice["total"])),
        (w["paid"], money(invoice.get("paid") or "0")),
        (w["balance"], format_currency(balance, currency, locale=locale)),
    ]
    payment = []
    if _text(business.get("iban")):
        payment.append((w["iban"], _text(business["iban"])))
    if _text(business.get("payment_link")):
        payment.append((w["pay_online"], _text(business["payment_link"])))
    status_key = {"paid": "paid_status"}.get(invoice.get("status", ""), invoice.get("status", ""))
    logo = Path(business["logo"]).expanduser() if _text(business.get("logo")) else None
    return Document(
        lang=language.replace("_", "-"),
        w=w,
        number=_text(invoice["number"]),
        issued=day(invoice["issued"]),
        due=day(invoice["due"]),
        status=w.get(status_key, ""),
        business_name=_text(business.get("name")),
        business_lines=business_lines,
        client_name=_text(client.get("billing_name")) or _text(invoice.get("client")),
        client_lines=client_lines,
        lines=lines,
        totals=totals,
        payment=payment,
        logo=logo if logo and logo.is_file() else None,
        title=f"{w['invoice']} {_text(invoice['number'])}",
    )
