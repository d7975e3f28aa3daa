"""Keep vatui's translations in step with the source (needs Babel: `pip install -e '.[test]'`).

Strings are found in every `_()`, `N_()`, `ngettext()` and `pgettext()` call under vatui/.

    python tools/i18n.py            # = sync: extract, update every .po, compile the .mo, check
    python tools/i18n.py extract    # vatui/locale/vatui.pot (not committed) for translation tools
    python tools/i18n.py update     # merge the template into each vatui/locale/<lang>/LC_MESSAGES/vatui.po
    python tools/i18n.py compile    # each vatui.po -> vatui.mo (the .mo files are committed and shipped)
    python tools/i18n.py check      # list what is missing, fuzzy or has placeholders that do not match
    python tools/i18n.py init xx    # start a catalog for a new language

After new strings land: run `python tools/i18n.py`, fill in the empty (or fuzzy-marked) entries
in each vatui.po (a text editor or Poedit), run `python tools/i18n.py` again, and commit the .po
and .mo files. tests/unit/test_i18n_catalogs.py fails while any string is untranslated.
"""

from __future__ import annotations

import io
import re
import string
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "vatui"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "vatui.pot"
DOMAIN = "vatui"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
COMMENT_TAGS = ["TRANSLATORS:"]
WIDTH = 100
PLURALS = {  # gettext's Plural-Forms for the languages vatui speaks
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n!=1 && n%100>0 && n%100<20)) ? 1 : 2);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
}


def extract() -> Catalog:
    """Every translatable string in the package, with where it is used and translators' comments."""
    catalog = Catalog(domain=DOMAIN, project="vatui", msgid_bugs_address="", copyright_holder="vatui developers",
                      charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(f"vatui/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    # File names without line numbers: a catalog then changes only when its strings do, not
    # whenever code above a string moves (fewer merge conflicts between branches).
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True, include_previous=True, include_lineno=False)
    path.write_bytes(buffer.getvalue())


def cmd_extract() -> Catalog:
    template = extract()
    LOCALE.mkdir(exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, template, width=WIDTH, omit_header=False, include_lineno=False)
    TEMPLATE.write_bytes(buffer.getvalue())
    print(f"{TEMPLATE.relative_to(ROOT)}: {len(template)} strings")
    return template


def cmd_update(template: Catalog | None = None) -> None:
    template = template or extract()
    for path in catalogs():
        catalog = read(path)
        # New strings come in empty; a changed one keeps its old translation marked fuzzy, to check.
        catalog.update(template, update_header_comment=False, update_creation_date=False)
        write(path, catalog)
        print(f"{path.relative_to(ROOT)}: {len(catalog)} strings")


def cmd_compile() -> None:
    for path in catalogs():
        catalog = read(path)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)  # a fuzzy entry stays English until someone checks it
        path.with_suffix(".mo").write_bytes(buffer.getvalue())
        print(f"{path.with_suffix('.mo').relative_to(ROOT)}: compiled")


PERCENT = re.compile(r"%(?:\([a-z_]+\))?[sdr%]")  # argparse's own strings use %-formatting


def fields(text: str) -> list[str]:
    """The placeholders of a message, as written: ["{name}", "{name!r}", "%(prog)s", "%s"]. A
    str.format placeholder lost or misspelt in a translation would raise at runtime, or drop a value."""
    out = PERCENT.findall(text)
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            out.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return sorted(out)


def problems(catalog: Catalog, template: Catalog) -> list[str]:
    """What keeps `catalog` from covering `template`: missing, empty, fuzzy, placeholders, cedillas."""
    out: list[str] = []
    ro = catalog.locale_identifier == "ro"
    for message in template:
        if not message.id:
            continue
        key = message.id
        found = catalog.get(key if isinstance(key, str) else key[0], message.context)
        ident = key if isinstance(key, str) else key[0]
        where = ", ".join(f"{f}:{n}" for f, n in message.locations[:2])
        if found is None:
            out.append(f"missing: {ident!r} ({where})")
            continue
        if found.fuzzy:
            out.append(f"fuzzy: {ident!r} ({where})")
        strings = list(found.string) if isinstance(found.string, (tuple, list)) else [found.string]
        if not all(strings):
            out.append(f"untranslated: {ident!r} ({where})")
            continue
        wanted = fields(key if isinstance(key, str) else key[-1])
        for text in strings:
            try:
                got = fields(text)
            except ValueError as exc:
                out.append(f"broken placeholder in {text!r}: {exc}")
                continue
            if got != wanted:
                out.append(f"placeholders {got} != {wanted} in {text!r} (for {ident!r})")
            if ident.endswith("\n") != text.endswith("\n"):
                out.append(f"the line end differs in {text!r} (for {ident!r})")
        if ro and any(ch in text for text in strings for ch in "şţŞŢ"):
            out.append(f"cedilla ş/ţ (write ș/ț, comma below) in {strings!r}")
    return out


def cmd_check(template: Catalog | None = None) -> int:
    template = template or extract()
    bad = 0
    for path in catalogs():
        found = problems(read(path), template)
        bad += len(found)
        print(f"{path.relative_to(ROOT)}: {len(found) or 'no'} problems")
        for line in found:
            print("   ", line)
    return 1 if bad else 0


def cmd_init(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        sys.exit(f"{path} exists already")
    template = extract()
    catalog = Catalog(locale=language, domain=DOMAIN, project="vatui", copyright_holder="vatui developers",
                      charset="utf-8")
    catalog.update(template)
    path.parent.mkdir(parents=True)
    write(path, catalog)
    print(f"{path.relative_to(ROOT)}: started; translate it, then run python tools/i18n.py")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "sync"
    if command == "extract":
        cmd_extract()
    elif command == "update":
        cmd_update()
    elif command == "compile":
        cmd_compile()
    elif command == "check":
        return cmd_check()
    elif command == "init" and len(argv) == 2:
        cmd_init(argv[1])
    elif command == "sync":
        template = cmd_extract()
        cmd_update(template)
        cmd_compile()
        return cmd_check(template)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
