"""Time entries as CSV, in the layout Toggl- and Clockify-style spreadsheets expect.

One line per entry, times in MY zone, durations as h:mm:ss. The first nine columns are
date, start, end, duration, client, task, billable, amount, currency; after them come
end_date (an entry can end on a later day), billed_duration (after billing rounding), batch and
note. With a period, an entry partly inside counts only its part inside (start/end are clipped),
like `vatui report` for the same days. The amounts add up to the report's total for the same
days (and to each client's row): a client's lines share out its rounded amount by cumulative
rounding, each within a cent of its exact value (core.reports.entry_lines).
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from vatui.core.business import zone
from vatui.core.reports import Piece, entry_lines

ENTRY_COLUMNS = ("date", "start", "end", "duration", "client", "task", "billable", "amount", "currency",
                 "end_date", "billed_duration", "batch", "note")


def hms(duration: timedelta) -> str:
    total = int(duration.total_seconds())
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def entries_csv(pieces: list[Piece], zone_name: str) -> str:
    tz = zone(zone_name)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ENTRY_COLUMNS)
    for line in entry_lines(pieces):
        ps, first, entry, amount = line.pieces, line.pieces[0], line.entry, line.amount
        start = min(p.start for p in ps).astimezone(tz)
        end = max(p.end for p in ps).astimezone(tz)
        tracked = sum((p.tracked for p in ps), timedelta(0))
        billed = sum((p.billed for p in ps), timedelta(0))
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
