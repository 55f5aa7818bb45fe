"""The library file: schema, migrations and a typed API. Plain Python, no Qt."""

from debrief_desktop.store.errors import (
    CorruptDatabaseError,
    LockedDatabaseError,
    NewerDatabaseError,
    NotADatabaseError,
    NotFoundError,
    ReadOnlyDatabaseError,
    StoreError,
)
from debrief_desktop.store.migrations import SCHEMA_VERSION
from debrief_desktop.store.store import Store

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabaseError",
    "LockedDatabaseError",
    "NewerDatabaseError",
    "NotADatabaseError",
    "NotFoundError",
    "ReadOnlyDatabaseError",
    "Store",
    "StoreError",
]
