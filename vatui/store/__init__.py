"""The only code that touches the data file."""

from vatui.store.errors import StoreError
from vatui.store.store import Store

__all__ = ["Store", "StoreError"]
