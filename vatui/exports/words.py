"""How report figures read: hours, money, periods, row labels. Shared by the CLI and the screen."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from vatui.core.periods import Period, PeriodKind
from vatui.core.reports import Amounts, GroupBy, Row, hours2
from vatui.core.settings import Settings
from vatui.i18n import _
from vatui.text.formats import long_day, money, month_year, number, weekday_day_month


def fmt_hours(duration: timedelta) -> str:
    """Decimal hours with two places, as invoices show them: 1h30m -> "1.50" ("1,50" in ro, pt_BR)."""
    return number(hours2(duration), group=False)


def fmt_money(amount: Decimal, currency: str) -> str:
    """"1,500.00 INR" ("1.500,00 INR"): grouped for people. Machines get plain amounts (see csv/json)."""
    return money(amount, currency)


def fmt_amounts(amounts: Amounts) -> str:
    return ", ".join(fmt_money(a, c) for c, a in amounts) if amounts else "-"


def fmt_day(day: date) -> str:
    return weekday_day_month(day, pad=True)


def fmt_long_day(day: date) -> str:
    return long_day(day, pad=True)


def period_title(period: Period) -> str:
    first, last = period.first, period.last
    if period.kind is PeriodKind.TODAY:
        return _("Today, {day}").format(day=fmt_long_day(first))
    if period.kind is PeriodKind.MONTH:
        return month_year(first)
    if first == last:
        return fmt_long_day(first)
    if period.kind is PeriodKind.WEEK:
        return _("Week {first} to {last}").format(first=fmt_day(first), last=fmt_long_day(last))
    return _("{first} to {last}").format(first=fmt_day(first) if first.year == last.year else fmt_long_day(first),
                                         last=fmt_long_day(last))


def rounding_words(rounding: timedelta | None) -> str:
    if rounding is None:
        return _("no rounding (exact time)")
    return _("each entry rounded up to {minutes} minutes").format(minutes=int(rounding.total_seconds() // 60))


def no_client() -> str:
    return _("(no client)")


def client_label(row: Row) -> str:
    return row.client.name if row.client else no_client()


def task_label(row: Row) -> str:
    return row.task.title if row.task else _("(no task)")


def batch_label(batch: str | None) -> str:
    return batch if batch else _("(no batch)")


def group_words(by: GroupBy) -> str:
    return {GroupBy.CLIENT: _("by client"), GroupBy.TASK: _("by task"), GroupBy.BATCH: _("by batch"),
            GroupBy.DAY: _("by day")}[by]


def label_columns(by: GroupBy) -> list[str]:
    if by is GroupBy.CLIENT:
        return [_("Client")]
    if by is GroupBy.TASK:
        return [_("Client"), _("Task"), _("Batch")]
    if by is GroupBy.BATCH:
        return [_("Batch")]
    return [_("Day")]


def row_labels(row: Row, by: GroupBy) -> list[str]:
    if by is GroupBy.CLIENT:
        return [client_label(row)]
    if by is GroupBy.TASK:
        return [client_label(row), task_label(row), batch_label(row.batch) if row.task else ""]
    if by is GroupBy.BATCH:
        return [batch_label(row.batch)]
    return [fmt_day(row.day)] if row.day else [""]


def currencies(rows: Iterable[Row]) -> list[str]:
    return sorted({c for r in rows for c in r.currencies})


def signature(settings: Settings) -> str:
    """The name to sign a digest with; none while the config leaves the default "Me"."""
    return "" if settings.me_name == Settings().me_name else settings.me_name
