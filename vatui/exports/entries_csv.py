"""Time entries as CSV, in the layout Toggl- and Clockify-style spreadsheets expect.

One line per entry, times in MY zone, durations as h:mm:ss. The first nine columns are
date, start, end, duration, client, task, billable, amount, currency; after them come
end_date (an entry can end on a later day), billed_duration (after billing rounding), batch and
note. With a period, an entry partly inside counts only its part inside (start/end are clipped),
like `vatui report` for the same days. Each line's amount is rounded to the cent on its own, so
their sum can differ from the report's total (rounded once) by a cent or so.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

from vatui.core.business import zone
from vatui.core.money import round_money
from vatui.core.reports import Piece

ENTRY_COLUMNS = ("date", "start", "end", "duration", "client", "task", "billable", "amount", "currency",
                 "end_date", "billed_duration", "batch", "note")


def hms(duration: timedelta) -> str:
    total = int(duration.total_seconds())
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def entries_csv(pieces: list[Piece], zone_name: str) -> str:
    tz = zone(zone_name)
    by_entry: dict[int, list[Piece]] = {}
    for p in pieces:
        by_entry.setdefault(id(p.entry), []).append(p)
    groups = sorted(by_entry.values(), key=lambda ps: (ps[0].start, ps[0].entry.id or 0))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ENTRY_COLUMNS)
    for ps in groups:
        first, entry = ps[0], ps[0].entry
        start = min(p.start for p in ps).astimezone(tz)
        end = max(p.end for p in ps).astimezone(tz)
        tracked = sum((p.tracked for p in ps), timedelta(0))
        billed = sum((p.billed for p in ps), timedelta(0))
        amounts = [p.amount for p in ps if p.amount is not None]
        amount = round_money(sum(amounts, Decimal(0)), first.currency or "") if amounts else None
        writer.writerow([
            f"{start:%Y-%m-%d}", f"{start:%H:%M:%S}", f"{end:%H:%M:%S}", hms(tracked),
            first.client.name if first.client else "",
            first.task.title if first.task else "",
            "yes" if first.billable else "no",
            str(amount) if amount is not None else "",
            first.currency if amount is not None else "",
            f"{end:%Y-%m-%d}", hms(billed), first.batch or "", entry.note,
        ])
    return buf.getvalue()
