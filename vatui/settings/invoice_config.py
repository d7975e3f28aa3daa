"""The config's invoice tables: `[invoice] number` (the number template) and `[business]` (your
details on the document). Read straight from the file, as plain values: only invoicing needs them,
so they stay out of the Settings every start builds. A file that cannot be read gives the defaults
(the config loader reports what is wrong with it)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def invoice_config(path: Path) -> tuple[str, dict[str, str]]:
    """(the number template, the [business] table as text values)."""
    from vatui.core.invoicing import DEFAULT_NUMBER

    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    invoice = data.get("invoice")
    template = invoice.get("number", DEFAULT_NUMBER) if isinstance(invoice, dict) else DEFAULT_NUMBER
    business = data.get("business", {})
    return str(template), ({k: str(v) for k, v in business.items()} if isinstance(business, dict) else {})
