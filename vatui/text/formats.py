"""Dates, times, numbers and money the way the user's language writes them.

Every screen, report and CLI line that shows a day, a month, a decimal or an amount goes through
here, so "Mon 23 Nov" / "lun 23 nov" / "seg 23 nov" and "1,500.00" / "1.500,00" are decided in
one place. Weekday and month names come from vatui's own catalogs (short forms chosen to fit a
terminal cell, with the right diacritics and case); relative times ("in 2 hours", "peste 2 ore",
"em 2 horas") come from arrow's locales. Times of day are 24-hour in every language vatui speaks.
Money keeps the client's ISO currency code; only the number's separators change.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from vatui.i18n import N_, _, current_language

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
# TRANSLATORS: two-cell weekday names, shown in the hour strip where a place's day starts.
WEEKDAYS_2 = (N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"))
# TRANSLATORS: whole weekday names, offered as the name of a day template ("Monday"); capitalised
# as a name would be.
WEEKDAYS_LONG = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
                 N_("Sunday"))
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"), N_("Sep"),
          N_("Oct"), N_("Nov"), N_("Dec"))
# A whole month with its year, as a report's title (some languages put a word between the two).
MONTH_YEARS = (N_("January {year}"), N_("February {year}"), N_("March {year}"), N_("April {year}"),
               N_("May {year}"), N_("June {year}"), N_("July {year}"), N_("August {year}"),
               N_("September {year}"), N_("October {year}"), N_("November {year}"), N_("December {year}"))

# (decimal mark, thousands separator) per language.
SEPARATORS = {"en": (".", ","), "ro": (",", "."), "pt_BR": (",", ".")}
# arrow's locale names for humanized times.
ARROW_LOCALES = {"en": "en", "ro": "ro", "pt_BR": "pt-br"}


# --- days and times ------------------------------------------------------------------------------
def weekday(day: date) -> str:
    """"Mon", "lun", "seg"."""
    return _(WEEKDAYS[day.weekday()])


def weekday_2(day: date) -> str:
    """Two cells: "Mo", "Lu", "2ª"."""
    return _(WEEKDAYS_2[day.weekday()])


def weekday_long(day: date) -> str:
    """"Monday", "Luni", "Segunda-feira"."""
    return _(WEEKDAYS_LONG[day.weekday()])


def month(day: date) -> str:
    """"Nov", "nov", "nov"."""
    return _(MONTHS[day.month - 1])


def hm(at: datetime) -> str:
    """"17:00"."""
    return f"{at:%H:%M}"


def day_month(day: date) -> str:
    """"3 Dec"."""
    # TRANSLATORS: a day of the month and the short month name, e.g. "3 Dec".
    return _("{day} {month}").format(day=day.day, month=month(day))


def _day(day: date, pad: bool) -> str:
    return f"{day.day:02d}" if pad else str(day.day)


def weekday_day(day: date, *, pad: bool = False) -> str:
    """"Mon 23" ("Mon 03" with `pad`, for columns)."""
    # TRANSLATORS: a short weekday and the day of the month, e.g. "Mon 23".
    return _("{weekday} {day}").format(weekday=weekday(day), day=_day(day, pad))


def weekday_day_month(day: date, *, pad: bool = False) -> str:
    """"Mon 23 Nov"."""
    # TRANSLATORS: short weekday, day of the month, short month, e.g. "Mon 23 Nov".
    return _("{weekday} {day} {month}").format(weekday=weekday(day), day=_day(day, pad), month=month(day))


def long_day(day: date, *, pad: bool = False) -> str:
    """"Mon 23 Nov 2026"."""
    # TRANSLATORS: short weekday, day of the month, short month and year, e.g. "Mon 23 Nov 2026".
    return _("{weekday} {day} {month} {year}").format(weekday=weekday(day), day=_day(day, pad), month=month(day),
                                                      year=day.year)


def month_year(day: date) -> str:
    """"November 2026", "noiembrie 2026", "novembro de 2026"."""
    return _(MONTH_YEARS[day.month - 1]).format(year=day.year)


def moment(at: datetime, *, pad: bool = False) -> str:
    """"Fri 27 Nov 17:00" (an aware datetime, already in the zone to show)."""
    return f"{weekday_day_month(at.date(), pad=pad)} {hm(at)}"


def relative(delta: timedelta) -> str:
    """How far off a moment is, in words: "in 2 hours", "3 days ago" ("peste 2 ore", "em 2 horas")."""
    import arrow  # ~40 ms to import; only the screens that say it pay for it

    base = arrow.get(datetime(2000, 1, 1))
    return (base + delta).humanize(base, locale=ARROW_LOCALES.get(current_language(), "en"))


# --- numbers -------------------------------------------------------------------------------------
def number(value: Decimal | int | float | str, places: int | None = None, *, group: bool = True) -> str:
    """A number with the language's decimal mark and thousands separator: 1500.5 -> "1,500.50"
    (en), "1.500,50" (ro, pt_BR). `places` fixes the decimals; None keeps the value's own."""
    amount = Decimal(str(value))
    if places is not None:
        amount = amount.quantize(Decimal(1).scaleb(-places))
    text = f"{amount:,}" if group else f"{amount}"
    point, thousands = SEPARATORS.get(current_language(), SEPARATORS["en"])
    return text.translate(str.maketrans({",": thousands, ".": point}))


def money(amount: Decimal, currency: str) -> str:
    """"1,500.00 INR" / "1.500,00 INR": grouped for people, the client's currency code kept."""
    return f"{number(amount)} {currency}"
