"""A Report as a table for the terminal, CSV, Markdown or JSON; a Digest as a Markdown draft.

Hours are decimal with two places (1.50); amounts keep their currency and are never added across
currencies. CSV and JSON carry plain numbers (1500.00) for spreadsheets and scripts; the table
and Markdown group thousands for people (1,500.00 INR).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from vatui.core.business import zone
from vatui.core.models import Task
from vatui.core.reports import Digest, GroupBy, Report, Row, hours2
from vatui.exports import words as w
from vatui.i18n import _, pgettext
from vatui.text.formats import moment

FORMATS = ("table", "csv", "md", "json")


def _hour_headers(report: Report) -> list[str]:
    heads = [_("Tracked h"), _("Billable h")]
    if report.rounding is not None:
        heads.append(_("Billed h"))
    return heads


def _hour_cells(row: Row | Report, report: Report) -> list[str]:
    cells = [w.fmt_hours(row.tracked), w.fmt_hours(row.billable)]
    if report.rounding is not None:
        cells.append(w.fmt_hours(row.billed))
    return cells


def _rate(row: Row) -> str:
    return w.fmt_money(row.client.rate, row.client.currency) if row.client else "-"


def heading(report: Report) -> str:
    return _("{period} · {zone} · {group}").format(period=w.period_title(report.period), zone=report.period.zone,
                                                    group=w.group_words(report.by))


def table_rows(report: Report) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """Headers, body rows and total rows (one per currency) as strings, for any tabular view."""
    labels = w.label_columns(report.by)
    rate = report.by is GroupBy.CLIENT
    headers = labels + _hour_headers(report) + ([_("Rate/h")] if rate else []) + [_("Amount")]
    body = [w.row_labels(r, report.by) + _hour_cells(r, report) + ([_rate(r)] if rate else []) + [w.fmt_amounts(r.amounts)]
            for r in report.rows]
    blank = [""] * (len(labels) - 1)
    first = [_("Total"), *blank, *_hour_cells(report, report), *([""] if rate else [])]
    totals = report.totals or ()
    if not totals:
        return headers, body, [first + ["-"]]
    lines = [first + [w.fmt_money(totals[0][1], totals[0][0])]]
    pad = [""] * (len(first))
    lines += [pad + [w.fmt_money(a, c)] for c, a in totals[1:]]
    return headers, body, lines


def numeric_columns(report: Report) -> int:
    """How many label columns come first (the rest are right-aligned numbers)."""
    return len(w.label_columns(report.by))


def render_table(report: Report) -> str:
    headers, body, totals = table_rows(report)
    labels = numeric_columns(report)
    every = [headers, *body, *totals]
    widths = [max(len(r[i]) for r in every) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        out = [c.ljust(wd) if i < labels else c.rjust(wd) for i, (c, wd) in enumerate(zip(cells, widths))]
        return "  ".join(out).rstrip()

    lines = [heading(report), _("Billing: {rounding}").format(rounding=w.rounding_words(report.rounding)), ""]
    lines.append(line(headers))
    if not report.rows or (report.by is not GroupBy.DAY and report.empty):
        lines.append(_("Nothing tracked in this period."))
    lines += [line(r) for r in body]
    lines.append(line(["-" * wd for wd in widths]))
    lines += [line(r) for r in totals]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(report: Report) -> str:
    headers, body, _totals = table_rows(report)
    labels = numeric_columns(report)
    out = [f"## {heading(report)}", "", _("Billing: {rounding}.").format(rounding=w.rounding_words(report.rounding)), ""]
    out.append("| " + " | ".join(_md_cell(h) for h in headers) + " |")
    out.append("| " + " | ".join("---" if i < labels else "---:" for i in range(len(headers))) + " |")
    for cells in body:
        out.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    total_word = _("Total")
    total = [f"**{total_word}**", *[""] * (labels - 1), *[f"**{c}**" for c in _hour_cells(report, report)]]
    if report.by is GroupBy.CLIENT:
        total.append("")
    total.append(w.fmt_amounts(report.totals))
    out.append("| " + " | ".join(total) + " |")
    return "\n".join(out) + "\n"


def render_csv(report: Report) -> str:
    """One line per row. Client and task rows have one currency (amount, currency columns);
    batch and day rows may mix currencies, so they get an amount_XXX column per currency."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    hours_heads = ["tracked_hours", "billable_hours", "billed_hours"]
    by = report.by
    if by in (GroupBy.CLIENT, GroupBy.TASK):
        labels = ["client"] if by is GroupBy.CLIENT else ["client", "task", "batch"]
        extra = ["rate"] if by is GroupBy.CLIENT else []
        writer.writerow(labels + hours_heads + extra + ["amount", "currency"])
        for r in report.rows:
            cells = [r.client.name if r.client else ""]
            if by is GroupBy.TASK:
                cells += [r.task.title if r.task else "", r.batch or ""]
            cells += [str(hours2(r.tracked)), str(hours2(r.billable)), str(hours2(r.billed))]
            if by is GroupBy.CLIENT:
                cells.append(str(r.client.rate) if r.client else "")
            currency, amount = r.amounts[0] if r.amounts else ("", "")
            cells += [str(amount), currency]
            writer.writerow(cells)
    else:
        codes = w.currencies(report.rows)
        writer.writerow(["batch" if by is GroupBy.BATCH else "date"] + hours_heads + [f"amount_{c}" for c in codes])
        for r in report.rows:
            label = (r.batch or "") if by is GroupBy.BATCH else (r.day.isoformat() if r.day else "")
            amounts = dict(r.amounts)
            writer.writerow([label, str(hours2(r.tracked)), str(hours2(r.billable)), str(hours2(r.billed))]
                            + [str(amounts[c]) if c in amounts else "" for c in codes])
    return buf.getvalue()


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data (decimals as strings, so nothing is lost)."""
    p = report.period

    def figures(x: Row | Report) -> dict[str, Any]:
        return {
            "tracked_hours": str(hours2(x.tracked)),
            "billable_hours": str(hours2(x.billable)),
            "billed_hours": str(hours2(x.billed)),
            "tracked_seconds": int(x.tracked.total_seconds()),
            "amounts": {c: str(a) for c, a in (x.amounts if isinstance(x, Row) else x.totals)},
        }

    rows = []
    for r in report.rows:
        item: dict[str, Any] = {}
        if report.by in (GroupBy.CLIENT, GroupBy.TASK):
            item["client"] = r.client.name if r.client else None
        if report.by is GroupBy.CLIENT:
            item["rate"] = str(r.client.rate) if r.client else None
            item["currency"] = r.client.currency if r.client else None
        if report.by is GroupBy.TASK:
            item["task"] = r.task.title if r.task else None
            item["task_id"] = r.task.id if r.task else None
        if report.by in (GroupBy.TASK, GroupBy.BATCH):
            item["batch"] = r.batch
        if report.by is GroupBy.DAY:
            item["date"] = r.day.isoformat() if r.day else None
        item.update(figures(r))
        rows.append(item)
    return {
        "period": {"kind": p.kind.value, "from": p.first.isoformat(), "to": p.last.isoformat(), "zone": p.zone,
                   "start": p.start.isoformat().replace("+00:00", "Z"), "end": p.end.isoformat().replace("+00:00", "Z")},
        "by": report.by.value,
        "rounding_minutes": int(report.rounding.total_seconds() // 60) if report.rounding else None,
        "rows": rows,
        "totals": figures(report),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


def render(report: Report, fmt: str) -> str:
    return {"table": render_table, "csv": render_csv, "md": render_markdown, "json": render_json}[fmt](report)


# --- the digest --------------------------------------------------------------------------------


def _due_words(digest: Digest, task: Task) -> str:
    """The task's deadlines on the client's clock (the digest is theirs to read)."""
    words = []
    if task.reply_by is not None:
        words.append(_("(reply by {when})").format(when=moment(task.reply_by.astimezone(zone(digest.client.tz)), pad=True)))
    if task.due is not None:
        words.append(_("(due {when})").format(when=moment(task.due.astimezone(zone(digest.client.tz)), pad=True)))
    return "".join(" " + w for w in words)


def render_digest(digest: Digest, *, me_name: str = "") -> str:
    """A Markdown draft of the weekly update for the client, to edit and send. Times are in the
    client's zone, since the client reads it."""
    c = digest.client
    period = w.period_title(digest.period)
    when = _("{period} · times in {city} time").format(period=period, city=c.city) if c.city else period
    title = _("{client}: weekly update").format(client=c.name)
    out = [f"# {title}", "", f"_{when}_", "", _("Hi,"), "", _("Here is where things stand."), ""]
    out += ["## " + pgettext("digest", "Done"), ""]
    if digest.done:
        out += [f"- {t.title}" for t in digest.done]
    else:
        out.append(_("Nothing was finished in this period."))
    out += ["", "## " + _("Time spent: {hours} h").format(hours=w.fmt_hours(digest.tracked)), ""]
    if digest.by_batch:
        out += ["| " + _("Work") + " | " + pgettext("digest", "Hours") + " |", "| --- | ---: |"]
        for row in digest.by_batch:
            name = row.batch if row.batch else _("other work")
            out.append(f"| {_md_cell(name)} | {w.fmt_hours(row.tracked)} |")
        if digest.amount is not None:
            out += ["", _("Billable: {hours} h, {amount}.").format(hours=w.fmt_hours(digest.billed),
                                                                   amount=w.fmt_money(digest.amount, c.currency))]
    else:
        out.append(_("No time was tracked in this period."))
    out += ["", "## " + _("Next up"), ""]
    if digest.next_up:
        out += [f"- {t.title}{_due_words(digest, t)}" for t in digest.next_up]
    else:
        out.append(_("Nothing is queued."))
    out += ["", "## " + _("Waiting on you"), ""]
    if digest.waiting:
        out += [f"- {t.title}{_due_words(digest, t)}" for t in digest.waiting]
    else:
        out.append(_("Nothing is waiting on you."))
    if digest.closed_ahead:
        from vatui.text.holiday_text import closed_words

        out += ["", "## " + _("Your days off this week"), ""]
        out += [f"- {closed_words(d, n)}" for d, n in digest.closed_ahead]
    out += ["", _("Best,")]
    if me_name:
        out.append(me_name)
    return "\n".join(out) + "\n"
