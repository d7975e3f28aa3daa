"""Errors the domain raises for bad input. They carry a message meant for the user."""

from __future__ import annotations


class VatuiError(Exception):
    """Base for errors whose message is shown to the user as-is (no traceback)."""


class ValidationError(VatuiError, ValueError):
    """A value the user gave is not acceptable.

    `field` names what was wrong (a form field, a CLI option, a quick-add token) so the
    UI can point at it.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
