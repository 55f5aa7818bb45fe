"""Errors the store raises; each message names the file and says what to do."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A library file that cannot be opened or used. ``str()`` is the user's message."""

    def __init__(self, path: Path | str, problem: str, advice: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path}: {problem}. {advice}")


class NotADatabaseError(StoreError):
    """The file is not an SQLite file at all."""


class CorruptDatabaseError(StoreError):
    """The file is SQLite but damaged or truncated."""


class NewerDatabaseError(StoreError):
    """The file was written by a newer Debrief Desktop."""


class ReadOnlyDatabaseError(StoreError):
    """The file or its folder cannot be written."""


class LockedDatabaseError(StoreError):
    """Another program holds a lock on the file."""


class NotFoundError(LookupError):
    """A row that the caller named does not exist."""
