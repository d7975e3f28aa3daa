"""Translation of user-facing text. Every string a user reads goes through `_()`.

Until a language is chosen (`set_language`), `_()` returns the English source text.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "vatui"

_translations: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined (class attributes, tables) and
    translate it with `_()` where it is shown, after the language has been chosen."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def set_language(code: str | None) -> str:
    """Use the catalog for `code` ("ro", "pt_BR"); English when there is none. Returns the code used."""
    global _translations
    if not code or code.split("_")[0] == "en":
        _translations = gettext.NullTranslations()
        return "en"
    try:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code])
    except OSError:
        _translations = gettext.NullTranslations()
        return "en"
    return code
