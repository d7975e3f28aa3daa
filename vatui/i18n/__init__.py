"""Translation of user-facing text. Every string a user reads goes through `_()`, `ngettext()`,
or is marked with `N_()` where it is defined (class attributes, tables) and passed through `_()`
where it is shown.

The language is chosen once, before any text is made: the CLI does it before it builds its
parser (`choose_language`), the cockpit when the app is built. Until then `_()` returns the
English source text. Catalogs live in `vatui/locale/<lang>/LC_MESSAGES/vatui.mo` (compiled from
the `.po` beside them with `python tools/i18n.py`).

Only the standard library is imported here: core modules use `_()` for their error messages.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).parent.parent / "locale"
DOMAIN = "vatui"
SOURCE = "en"
LANGUAGES = ("en", "ro", "pt_BR")  # what vatui speaks: English (the source), Romanian, Brazilian Portuguese
ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # in the order POSIX gives them precedence
_NEUTRAL = {"", "C", "POSIX"}  # the "no preference" locales: English, without a note

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE


def _(message: str) -> str:
    # gettext("") would return the catalog's header; an empty string stays empty.
    return _translations.gettext(message) if message else message


def N_(message: str) -> str:
    """Mark a string for translation where it is defined (class attributes, tables) and
    translate it with `_()` where it is shown, after the language has been chosen."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`_()` for a word that needs a different translation where it is used ("Hours" as a
    column of the digest, "Hours" as the business-hours field of the client form)."""
    return _translations.pgettext(context, message)


def current_language() -> str:
    """The language in use: "en", "ro" or "pt_BR"."""
    return _language


def html_language() -> str:
    """The language as a BCP 47 tag, for a web page's `lang`: "en", "ro", "pt-BR"."""
    return _language.replace("_", "-")


def normalise(code: str) -> str:
    """"pt-br", "pt_BR.UTF-8", "ro_RO.utf8@euro" -> "pt_BR", "ro_RO": language lower case, region
    upper case, no encoding or modifier."""
    bare = code.strip().split(".")[0].split("@")[0].replace("-", "_")
    lang, _sep, region = bare.partition("_")
    return f"{lang.lower()}_{region.upper()}" if region else lang.lower()


def match(code: str | None) -> str | None:
    """The language of LANGUAGES that serves `code`, or None. Any English or Romanian locale gets
    English or Romanian; any Portuguese one gets Brazilian Portuguese, the only Portuguese here."""
    if code is None:
        return None
    normal = normalise(code)
    if normal in {"c", "posix", ""} or normal.startswith("c_"):  # "C.UTF-8" normalises to "c"
        return SOURCE
    lang = normal.split("_")[0]
    return {"en": "en", "ro": "ro", "pt": "pt_BR"}.get(lang)


def resolve_language(configured: str | None, environ: Mapping[str, str] | None = None) -> tuple[str, str | None]:
    """The language to use and, when the wish could not be met, a one-line note saying so.

    The config's `language` wins; else the first of LC_ALL, LC_MESSAGES, LANG that is set; else
    English. A language vatui does not speak falls back to English with a note (never an error).
    """
    if configured is not None and configured.strip():
        found = match(configured)
        if found is not None:
            return found, None
        return SOURCE, _("vatui has no {language} translation (config: language = {value!r}); using English. "
                         "It speaks: en, ro, pt_BR.").format(language=normalise(configured), value=configured)
    env = os.environ if environ is None else environ
    for name in ENV_VARIABLES:
        value = env.get(name, "")
        if value.strip():
            if value.strip() in _NEUTRAL:
                return SOURCE, None
            found = match(value)
            if found is not None:
                return found, None
            return SOURCE, _("vatui has no {language} translation ({variable}={value}); using English. "
                             "Set language = \"en\" in the config to silence this.").format(
                language=normalise(value), variable=name, value=value)
    return SOURCE, None


def set_language(code: str | None) -> str:
    """Use the catalog for `code` ("ro", "pt_BR", "pt-BR", "ro_RO.UTF-8"); English when vatui has
    none (see `resolve_language` for the note). Returns the language now in use."""
    global _translations, _language
    found = match(code) or SOURCE
    if found == SOURCE:
        _translations, _language = gettext.NullTranslations(), SOURCE
        return SOURCE
    try:
        _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[found])
    except OSError:  # a catalog missing from a broken install: English rather than a crash
        _translations, _language = gettext.NullTranslations(), SOURCE
        return SOURCE
    _language = found
    return found


def choose_language(configured: str | None, environ: Mapping[str, str] | None = None) -> str | None:
    """Resolve and apply the language; returns the note to show, if any."""
    code, note = resolve_language(configured, environ)
    if set_language(code) != code:
        note = _("The {language} catalog is missing from this installation; using English.").format(language=code)
    return note


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Speak `code` inside the block (e.g. a digest written in the client's language), then go
    back to the language in use before."""
    before = _language
    try:
        yield set_language(code)
    finally:
        set_language(before)
