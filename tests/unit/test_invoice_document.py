"""Invoice documents: each language to PDF read back with pypdf, Markdown and HTML with the same
content, atomic writing (a bad suffix or a failure mid-render leaves no file)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_currency
from pypdf import PdfReader

from vatui.invoices import document
from vatui.invoices.document import render

LINES = [
    {"text": "Inbox și calendar, țară", "quantity": "12.5", "unit": "h", "rate": "100.00", "amount": "1250.00"},
    {"text": "Setup <fee> & ação", "quantity": "1", "unit": "item", "rate": "250.00", "amount": "250.00"},
]
BUSINESS = {
    "name": "Ana Ionescu PFA",
    "address": "Str. Școlii 3\nBrașov 500000",
    "email": "ana@example.ro",
    "tax_id": "RO123456",
    "iban": "RO49AAAA1B31007593840000",
    "payment_link": "https://pay.example.com/ana",
}
CLIENT = {"billing_name": "Acme Ltd", "billing_address": "1 High St\nLondon", "tax_id": "GB999"}
CASES = [  # language, currency, Babel locale, title, a word of the table
    ("en", "EUR", "en_GB", "Invoice", "Balance due"),
    ("ro", "RON", "ro_RO", "Factură", "Rest de plată"),
    ("pt_BR", "BRL", "pt_BR", "Fatura", "Saldo devedor"),
]


def invoice(language: str, currency: str) -> dict:
    return {
        "number": "2026-004", "client": "Acme", "currency": currency, "subtotal": "1500.00",
        "tax": "285.00", "total": "1785.00", "paid": "500.00", "tax_rate": "19",
        "issued": "2026-11-23", "due": "2026-12-07", "status": "sent", "language": language,
        "lines": LINES,
    }


def plain(text: str) -> str:
    # Babel puts a no-break space between number and currency; fpdf2's table cells print it as a
    # plain space. Either reads the same on paper.
    return text.replace("\xa0", " ").replace("\u202f", " ")


def pdf_text(path: Path) -> str:
    return plain("\n".join(page.extract_text() for page in PdfReader(path).pages))


def expected(language: str, currency: str, locale: str) -> list[str]:
    amounts = ("1500.00", "285.00", "1785.00", "500.00", "1285.00", "1250.00")
    money = [format_currency(Decimal(v), currency, locale=locale) for v in amounts]
    day = format_date(__import__("datetime").date(2026, 12, 7), format="medium", locale=locale)
    values = ["2026-004", "Acme Ltd", LINES[0]["text"], "Setup <fee> & ação", "RO49AAAA1B31007593840000", day, *money]
    return [plain(v) for v in values]


@pytest.mark.parametrize(("language", "currency", "locale", "title", "word"), CASES)
def test_pdf_in_each_language_reads_back(tmp_path, language, currency, locale, title, word):
    path = tmp_path / "inv.pdf"
    render(invoice(language, currency), BUSINESS, CLIENT, path)
    text = pdf_text(path)
    for value in [title, word, *expected(language, currency, locale)]:
        assert value in text, value
    assert list(tmp_path.iterdir()) == [path]


def test_babel_formats_money_the_local_way(tmp_path):
    render(invoice("ro", "RON"), BUSINESS, CLIENT, tmp_path / "ro.pdf")
    render(invoice("pt_BR", "BRL"), BUSINESS, CLIENT, tmp_path / "br.pdf")
    assert "1.785,00 RON" in pdf_text(tmp_path / "ro.pdf")
    assert "R$ 1.785,00" in pdf_text(tmp_path / "br.pdf")


def test_romanian_diacritics_survive(tmp_path):
    path = tmp_path / "ro.pdf"
    render(invoice("ro", "EUR"), BUSINESS, CLIENT, path)
    text = pdf_text(path)
    for word in ("Factură", "Școlii", "Brașov", "și", "țară", "Preț unitar", "Achitat", "1.285,00 EUR"):
        assert word in text, word


def test_the_euro_sign_prints(tmp_path):
    path = tmp_path / "en.pdf"
    render(invoice("en", "EUR"), BUSINESS, CLIENT, path)
    assert "€1,785.00" in pdf_text(path)


@pytest.mark.parametrize(("language", "currency", "locale", "title", "word"), CASES)
def test_markdown_and_html_carry_the_same(tmp_path, language, currency, locale, title, word):
    import html

    render(invoice(language, currency), BUSINESS, CLIENT, tmp_path / "inv.md")
    render(invoice(language, currency), BUSINESS, CLIENT, tmp_path / "inv.html")
    md = plain((tmp_path / "inv.md").read_text("utf-8"))
    page = plain((tmp_path / "inv.html").read_text("utf-8"))
    for value in [title, word, *expected(language, currency, locale)]:
        assert value in md, value
        assert html.escape(value) in page, value
    assert "<fee>" not in page and "Setup &lt;fee&gt; &amp; ação" in page
    assert f'lang="{language.replace("_", "-")}"' in page
    assert "<link" not in page and "<script" not in page  # self-contained


def test_a_bad_suffix_raises_and_writes_nothing(tmp_path):
    with pytest.raises(ValueError, match=r"\.pdf, \.md or \.html"):
        render(invoice("en", "EUR"), BUSINESS, CLIENT, tmp_path / "inv.docx")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_mid_render_leaves_no_file(tmp_path, monkeypatch):
    def broken(doc):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(document, "markdown", broken)
    with pytest.raises(RuntimeError):
        render(invoice("en", "EUR"), BUSINESS, CLIENT, tmp_path / "inv.md")
    bad = invoice("en", "EUR")
    bad["lines"] = [{**LINES[0], "amount": "not money"}]
    with pytest.raises(InvalidOperation):
        render(bad, BUSINESS, CLIENT, tmp_path / "inv.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_document_is_replaced_whole(tmp_path):
    path = tmp_path / "inv.md"
    path.write_text("old")
    render(invoice("en", "EUR"), BUSINESS, CLIENT, path)
    assert path.read_text("utf-8").startswith("# Invoice 2026-004")
    assert list(tmp_path.iterdir()) == [path]


def test_rendering_does_not_change_the_interface_language(tmp_path):
    from vatui import i18n

    before = i18n.current_language()
    render(invoice("ro", "RON"), BUSINESS, CLIENT, tmp_path / "inv.md")
    assert i18n.current_language() == before
    assert i18n._("Invoice") == "Invoice" or before != "en"


def test_client_name_falls_back_to_the_invoice(tmp_path):
    render(invoice("en", "EUR"), {}, {}, tmp_path / "inv.pdf")
    assert "Acme" in pdf_text(tmp_path / "inv.pdf")


def test_the_document_module_loads_neither_textual_nor_tinydb_nor_its_libraries():
    code = (
        "import sys, vatui.invoices.document; "
        "print(sorted(m for m in ('textual', 'tinydb', 'babel', 'fpdf') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_logo_is_drawn_in_the_pdf_and_embedded_in_the_html(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(logo)
    out = tmp_path / "out"
    out.mkdir()
    render(invoice("en", "EUR"), {**BUSINESS, "logo": str(logo)}, CLIENT, out / "inv.pdf")
    render(invoice("en", "EUR"), {**BUSINESS, "logo": str(logo)}, CLIENT, out / "inv.html")
    assert len(PdfReader(out / "inv.pdf").pages[0].images) == 1
    assert 'src="data:image/png;base64,' in (out / "inv.html").read_text("utf-8")
