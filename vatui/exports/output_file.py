"""The file a user names for vatui to write (`export -o`, the digest form): checked before
anything is written, and nothing is created on the way.

A missing folder is refused, never made: `-o /nonexistent/x.ics` once created `/nonexistent`,
because the data file's writer makes its folder. A relative name is read against `base` (the
folder a form proposes) or the working folder (the command line, as every shell tool does).
"""

from __future__ import annotations

import os
from pathlib import Path

from vatui.core.errors import ValidationError
from vatui.i18n import _


def check_output_file(text: str, *, base: Path | None = None, field: str = "output") -> Path:
    """The absolute path to write, or ValidationError saying why it cannot be written there."""
    raw = text.strip()
    if not raw:
        raise ValidationError(_("Give a file name, e.g. ~/update.md"), field=field)
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = (base if base is not None else Path.cwd()) / path
    if path.is_dir():
        raise ValidationError(_("{path} is a folder; add a file name").format(path=path), field=field)
    name = path.name
    if name.startswith(".") and "." not in name[1:]:  # ".md": the name was cleared, the extension left
        raise ValidationError(_("{name} is only an extension; put a file name before it").format(name=name),
                              field=field)
    if not path.parent.is_dir():
        raise ValidationError(_("The folder {folder} does not exist; create it first or choose another folder").format(
            folder=path.parent), field=field)
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValidationError(_("You cannot write in {folder}").format(folder=path.parent), field=field)
    return path
