"""Errors about the data file, worded for the person who owns it."""

from __future__ import annotations

from vatui.core.errors import VatuiError


class StoreError(VatuiError):
    """The data file cannot be used as it is. The message says where it is and what to do."""


class NotFound(StoreError):
    """A record that an edit refers to is gone (deleted here or in another vatui window)."""
