"""The invoice as an A4 PDF (fpdf2), printed in DejaVu Sans, shipped in vatui/invoices/fonts so
every letter of Romanian and Portuguese (ș ț ă â î ã ç) and the euro sign print."""

from __future__ import annotations

from pathlib import Path

from vatui.invoices.content import Document

FONTS = Path(__file__).parent / "fonts"
FONT = "DejaVu"
MARGIN = 18  # mm
GREY = (110, 110, 110)
RULE = (200, 200, 200)


def pdf_bytes(doc: Document) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_title(doc.title)
    pdf.set_creator("vatui")
    pdf.add_page()
    w = doc.w
    width = pdf.epw

    # Header: logo (or the business name) on the left, the title and its dates on the right.
    top = pdf.get_y()
    if doc.logo is not None:
        pdf.image(str(doc.logo), x=MARGIN, y=top, h=18)
    pdf.set_font(FONT, "B", 22)
    pdf.set_xy(MARGIN, top)
    pdf.cell(width, 10, w["invoice"], align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9.5)
    for label, value in ((w["number"], doc.number), (w["issued"], doc.issued), (w["due"], doc.due)):
        pdf.set_x(MARGIN + width / 2)
        pdf.set_text_color(*GREY)
        pdf.cell(width / 4, 5, label, align="R")
        pdf.set_text_color(0)
        pdf.cell(width / 4, 5, value, align="R", new_x="LMARGIN", new_y="NEXT")
    if doc.status in (w["draft"], w["void"]):
        pdf.set_x(MARGIN + width / 2)
        pdf.set_font(FONT, "B", 11)
        pdf.set_text_color(180, 0, 0)
        pdf.cell(width / 2, 7, doc.status.upper(), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
    pdf.set_y(max(pdf.get_y(), top + 22) + 6)

    # The two parties, side by side.
    column = (width - 10) / 2
    y = pdf.get_y()
    bottoms = []
    for x, title, name, lines in (
        (MARGIN, w["from"], doc.business_name, doc.business_lines),
        (MARGIN + column + 10, w["bill_to"], doc.client_name, doc.client_lines),
    ):
        pdf.set_xy(x, y)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(column, 5, title.upper(), new_x="LEFT", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_font(FONT, "B", 10.5)
        pdf.multi_cell(column, 5.5, name or " ", new_x="LEFT", new_y="NEXT")
        pdf.set_font(FONT, "", 9.5)
        for line in lines:
            pdf.multi_cell(column, 5, line, new_x="LEFT", new_y="NEXT")
        bottoms.append(pdf.get_y())
    pdf.set_xy(MARGIN, max(bottoms) + 8)

    # The lines.
    pdf.set_font(FONT, "", 9.5)
    pdf.set_draw_color(*RULE)
    with pdf.table(
        col_widths=(52, 14, 17, 17),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="HORIZONTAL_LINES",
        headings_style=_heading_style(),
        line_height=6.5,
        padding=(1.2, 1.5),
    ) as table:
        heading = table.row()
        for title in (w["description"], w["quantity"], w["rate"], w["amount"]):
            heading.cell(title)
        for row in doc.lines:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(4)

    # Totals, right-aligned; the balance due stands out.
    label_x = MARGIN + width * 0.45
    for i, (label, value) in enumerate(doc.totals):
        last = i == len(doc.totals) - 1
        if last:
            pdf.set_draw_color(0)
            pdf.line(label_x, pdf.get_y() + 1, MARGIN + width, pdf.get_y() + 1)
            pdf.ln(2)
        pdf.set_font(FONT, "B" if last or label == w["total"] else "", 11 if last else 9.5)
        pdf.set_x(label_x)
        pdf.cell(width * 0.30, 6.5 if last else 5.5, label)
        pdf.cell(width * 0.25, 6.5 if last else 5.5, value, align="R", new_x="LMARGIN", new_y="NEXT")

    if doc.payment:
        pdf.ln(10)
        pdf.set_font(FONT, "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.cell(width, 5, w["payment"].upper(), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_font(FONT, "", 9.5)
        for label, value in doc.payment:
            pdf.cell(30, 5.5, label)
            link = value if value.startswith(("http://", "https://")) else ""
            pdf.multi_cell(width - 30, 5.5, value, link=link, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _heading_style():
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis="BOLD", fill_color=(242, 242, 242))
