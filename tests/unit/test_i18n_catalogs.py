"""Every string vatui shows has a translation in every catalog, and the shipped .mo files are the
compiled .po files. Extraction runs here, from the source, with the same code maintainers use
(tools/i18n.py): a new `_()` string that nobody translated fails this test."""

from __future__ import annotations

import ast
import gettext
import importlib.util
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("ro", "pt_BR")
PLURAL_FORMS = {
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n!=1 && n%100>0 && n%100<20)) ? 1 : 2);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
}
# n -> which plural form the catalog must use for it, per language.
FORM_OF = {"ro": {1: 0, 2: 1, 19: 1, 20: 2, 101: 1, 120: 2}, "pt_BR": {0: 0, 1: 0, 2: 1, 20: 1}}


def _load_tool():
    spec = importlib.util.spec_from_file_location("vatui_i18n_tool", ROOT / "tools" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def template() -> Catalog:
    return tool.extract()


def catalog(language: str) -> Catalog:
    return tool.read(tool.LOCALE / language / "LC_MESSAGES" / "vatui.po")


def test_there_is_a_catalog_per_language():
    assert [p.parent.parent.name for p in tool.catalogs()] == sorted(LANGUAGES)


def test_the_source_has_many_strings(template):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert len(ids) > 700
    assert {"World clock", "Task queues", "in hours", "Quit", "usage: "} <= ids  # panes, states, keys, argparse


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_translated(template, language):
    """No missing, empty or fuzzy entry; placeholders as in the English; no cedilla ş/ţ in Romanian."""
    problems = tool.problems(catalog(language), template)
    assert problems == [], "\n".join(problems[:40]) + "\nRun `python tools/i18n.py`, translate, run it again."


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_header(language):
    assert catalog(language).plural_forms == PLURAL_FORMS[language]


def test_the_check_catches_what_it_must(template):
    """So the test above can fail: a new string, a fuzzy one, a lost placeholder, a cedilla."""
    ro = Catalog(locale="ro")
    for message in template:
        if message.id:
            ro.add(message.id, message.id if isinstance(message.id, str) else ("x",) * 3, context=message.context)
    grown = tool.extract()
    grown.add("A string added today {name}")
    assert any(p.startswith("missing: 'A string added today") for p in tool.problems(ro, grown))

    ro.get("Quit").string = "Ieşire"  # cedilla ş
    ro.get("Theme: {name}").string = "Temă: {nume}"  # placeholder translated by mistake
    ro.get("Help").flags.add("fuzzy")
    ro.get("Undo").string = ""
    found = "\n".join(tool.problems(ro, template))
    assert "cedilla" in found and "{nume}" in found and "fuzzy: 'Help'" in found and "untranslated: 'Undo'" in found


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_mo_is_the_compiled_po(language):
    """The .mo next to each .po says exactly what the .po says (recompile: python tools/i18n.py)."""
    po = catalog(language)
    with (tool.LOCALE / language / "LC_MESSAGES" / "vatui.mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    checked = 0
    for message in po:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for n, form in FORM_OF[language].items():
                got = (mo.npgettext(message.context, *message.id, n) if message.context
                       else mo.ngettext(*message.id, n))
                assert got == message.string[form], (message.id, n)
        elif message.context:
            assert mo.pgettext(message.context, message.id) == message.string
        else:
            assert mo.gettext(message.id) == message.string, message.id
        checked += 1
    assert checked > 700


def test_romanian_has_no_cedilla_letters():
    text = (tool.LOCALE / "ro" / "LC_MESSAGES" / "vatui.po").read_text(encoding="utf-8")
    assert not set("şţŞŢ") & set(text)
    assert {"ș", "ț", "ă", "â", "î"} <= set(text)


def test_portuguese_has_its_accents():
    text = (tool.LOCALE / "pt_BR" / "LC_MESSAGES" / "vatui.po").read_text(encoding="utf-8")
    assert {"ã", "ç", "é", "ê", "ó", "á"} <= set(text)


def _python_files() -> list[Path]:
    return sorted((ROOT / "vatui").rglob("*.py"))


CALLS = {"_", "ngettext", "pgettext"}


def _is_translation_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS


def test_no_translation_inside_an_f_string():
    """Babel cannot see a `_()` inside an f-string on Python 3.11: its string would never be extracted."""
    found = []
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                found += [f"{path.relative_to(ROOT)}:{c.lineno}" for c in ast.walk(node) if _is_translation_call(c)]
    assert found == []


def test_nothing_is_translated_at_import_time():
    """A `_()` at module or class level (or in a default argument) would freeze the language the
    module was imported in; class-level strings use N_() and are translated where shown."""
    found: list[str] = []

    def visit(node: ast.AST, in_function: bool, path: Path) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                early = [*child.args.defaults, *(d for d in child.args.kw_defaults if d is not None),
                         *getattr(child, "decorator_list", [])]
                found.extend(f"{path.relative_to(ROOT)}:{n.lineno}" for d in early for n in ast.walk(d)
                             if _is_translation_call(n))
                visit(child, True, path)
            else:
                if not in_function and _is_translation_call(child):
                    found.append(f"{path.relative_to(ROOT)}:{child.lineno}")
                visit(child, in_function, path)

    for path in _python_files():
        visit(ast.parse(path.read_text(encoding="utf-8")), False, path)
    assert found == []


def test_translation_functions_are_never_shadowed():
    """`for _, x in ...` or `a, _ = ...` in a module that translates would break its `_()` calls."""
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(isinstance(n, ast.ImportFrom) and n.module == "vatui.i18n" and any(a.name == "_" for a in n.names)
                      for n in ast.walk(tree))
        if imports:
            found += [f"{path.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree)
                      if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
    assert found == []
