"""Finding a checklist template by the name the user typed (`vatui template ...`)."""

from __future__ import annotations

from vatui.cli.common import CliError, Context
from vatui.core.models import Template
from vatui.i18n import _


def find_template(ctx: Context, name: str) -> Template:
    key = " ".join(name.split()).casefold()
    templates = [t for t in ctx.store.templates.all() if t.kind == "checklist"]
    exact = [t for t in templates if t.name.casefold() == key]
    found = exact or [t for t in templates if t.name.casefold().startswith(key)] or [
        t for t in templates if any(word.startswith(key) for word in t.name.casefold().split())]
    if len(found) == 1:
        return found[0]
    known = ", ".join(sorted(t.name for t in templates)) or _("none yet")
    if not found:
        raise CliError(_("no checklist template called {name!r} (templates: {known})").format(name=name, known=known))
    raise CliError(_("{name!r} matches several templates ({known}); type more of the name").format(
        name=name, known=", ".join(sorted(t.name for t in found))))
