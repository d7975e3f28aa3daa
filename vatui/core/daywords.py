""""today" and "tomorrow" in the user's language, for the forms' day fields.

What people type stays one syntax in every language (quick-add tokens, `fri`, `+3d`), but a form
field that shows "tomorrow" to a Romanian reader is a field in the wrong language. So a day field
shows these two words translated and reads them back in either language; `english_day` turns the
user's word into the one the day parser (vatui.core.quickadd) reads.
"""

from __future__ import annotations

import unicodedata

from vatui.i18n import pgettext


# The context is written out in each call: the extractor reads literals only.
def local_today() -> str:
    return pgettext("a day typed in a form field", "today")


def local_tomorrow() -> str:
    return pgettext("a day typed in a form field", "tomorrow")


def _folded(text: str) -> str:
    """Lower case without accents: "Mâine", "maine" and "MAINE" are one word to a keyboard."""
    decomposed = unicodedata.normalize("NFD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def english_day(text: str) -> str:
    """`text` with the user's word for today or tomorrow (the whole field) made English; any
    other text unchanged, for the parser to read or refuse."""
    word = _folded(text)
    for local, english in ((local_today(), "today"), (local_tomorrow(), "tomorrow")):
        if word and word == _folded(local):
            return english
    return text
