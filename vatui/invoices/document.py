"""Render an invoice to a document: `render(invoice, business, client, path)`.

The format comes from the path's suffix (.pdf, .md, .html). The document is written to a temporary
file in the same folder and moved into place with `os.replace`, so a reader never sees half a
document and a failure leaves nothing behind. Babel and fpdf2 load only here, when a document is
made (never on the cockpit's or the CLI's start-up path).
"""

from __future__ import annotations

import html
from pathlib import Path

from vatui.invoices.content import Document, build

FORMATS = (".pdf", ".md", ".html")


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|")


def markdown(doc: Document) -> str:
    w = doc.w
    out = [f"# {doc.title}", ""]
    if doc.status and doc.status in (w["draft"], w["void"]):
        out += [f"**{doc.status}**", ""]
    out += [f"{w['number']}: {doc.number}  ", f"{w['issued']}: {doc.issued}  ", f"{w['due']}: {doc.due}", ""]
    if doc.business_name or doc.business_lines:
        party = [f"**{doc.business_name}**", *doc.business_lines]
        out += [f"## {w['from']}", ""] + [f"{x}  " for x in party if x.strip("* ")] + [""]
    out += [f"## {w['bill_to']}", ""] + [f"{x}  " for x in [f"**{doc.client_name}**", *doc.client_lines]] + [""]
    out += [f"| {w['description']} | {w['quantity']} | {w['rate']} | {w['amount']} |", "|---|--:|--:|--:|"]
    out += [f"| {' | '.join(_md_cell(c) for c in row)} |" for row in doc.lines]
    out.append("")
    for i, (label, value) in enumerate(doc.totals):
        bold = "**" if i >= len(doc.totals) - 1 or label == w["total"] else ""
        out.append(f"{bold}{label}: {value}{bold}  ")
    if doc.payment:
        out += ["", f"## {w['payment']}", ""] + [f"{label}: {value}  " for label, value in doc.payment]
    return "\n".join(out).rstrip() + "\n"


_CSS = """body{font-family:"DejaVu Sans",Arial,sans-serif;color:#222;max-width:48em;margin:2em auto;padding:0 1em}
h1{font-size:1.8em;margin:0 0 .2em}table{border-collapse:collapse;width:100%;margin:1.5em 0}
th,td{padding:.35em .5em;border-bottom:1px solid #ccc;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#f2f2f2}.parties{display:flex;justify-content:space-between;gap:2em}
.meta td{border:0;text-align:left;padding:.1em .5em .1em 0}
.totals{width:auto;margin-left:auto}.totals td{border:0}.totals tr:last-child td{font-weight:bold;border-top:2px solid #222}
.status{color:#b00;font-weight:bold}img.logo{max-height:4em}@media print{body{margin:0}}"""


def html_document(doc: Document) -> str:
    e = html.escape
    w = doc.w
    logo = ""
    if doc.logo is not None:
        import base64
        import mimetypes

        mime = mimetypes.guess_type(doc.logo.name)[0] or "image/png"
        data = base64.b64encode(doc.logo.read_bytes()).decode()
        logo = f'<img class="logo" alt="" src="data:{mime};base64,{data}">'
    status = f'<p class="status">{e(doc.status)}</p>' if doc.status in (w["draft"], w["void"]) else ""
    party = lambda title, name, lines: (  # noqa: E731
        f"<div><h2>{e(title)}</h2><p><strong>{e(name)}</strong><br>" + "<br>".join(e(x) for x in lines) + "</p></div>"
    )
    rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in doc.lines)
    totals = "".join(f"<tr><td>{e(label)}</td><td>{e(value)}</td></tr>" for label, value in doc.totals)
    payment = ""
    if doc.payment:
        details = "<br>".join(f"{e(label)}: {e(value)}" for label, value in doc.payment)
        payment = f"<h2>{e(w['payment'])}</h2><p>{details}</p>"
    return (
        f'<!DOCTYPE html>\n<html lang="{e(doc.lang)}"><head><meta charset="utf-8">'
        f"<title>{e(doc.title)}</title><style>{_CSS}</style></head><body>\n"
        f"{logo}<h1>{e(w['invoice'])}</h1>{status}"
        f'<table class="meta"><tr><td>{e(w["number"])}</td><td>{e(doc.number)}</td></tr>'
        f"<tr><td>{e(w['issued'])}</td><td>{e(doc.issued)}</td></tr><tr><td>{e(w['due'])}</td><td>{e(doc.due)}</td></tr></table>\n"
        f'<div class="parties">{party(w["from"], doc.business_name, doc.business_lines)}'
        f"{party(w['bill_to'], doc.client_name, doc.client_lines)}</div>\n"
        f"<table><thead><tr><th>{e(w['description'])}</th><th>{e(w['quantity'])}</th><th>{e(w['rate'])}</th>"
        f"<th>{e(w['amount'])}</th></tr></thead><tbody>{rows}</tbody></table>\n"
        f'<table class="totals">{totals}</table>\n{payment}\n</body></html>\n'
    )


def render(invoice: dict, business: dict, client: dict, path: Path) -> None:
    """Write the invoice to `path`, as PDF, Markdown or HTML after its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        kind = repr(suffix) if suffix else "a file without a suffix"
        raise ValueError(f"cannot write an invoice as {kind}: use .pdf, .md or .html")
    doc = build(invoice, business or {}, client or {})
    if suffix == ".pdf":
        from vatui.invoices.pdf import pdf_bytes

        data = pdf_bytes(doc)
    elif suffix == ".md":
        data = markdown(doc).encode("utf-8")
    else:
        data = html_document(doc).encode("utf-8")
    from vatui.store.atomic import atomic_write_bytes  # the data file's own way: temp file, fsync, rename

    atomic_write_bytes(path, data, make_folder=False)
