"""The library file: a typed API over :class:`sqlite_utils.Database`.

Every public method that writes is one transaction (``db.atomic()``): a user
action is committed whole or not at all, and a committed action survives a
crash (WAL with ``synchronous=FULL``).
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from debrief_desktop.store import errors
from debrief_desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    AskedQuestion,
    Attendee,
    Debrief,
    DebriefSummary,
    Event,
    GuardRail,
    Learning,
    Note,
    Perspective,
    PreparedQuestion,
    PrivateNote,
    Question,
    Recipient,
    SurveyResponse,
    TimerState,
)

T = TypeVar("T")

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id: marks a file as ours ("DBRF"), so another program's
# SQLite file is refused instead of having our tables added to it.
APPLICATION_ID = 0x44425246
BUSY_TIMEOUT_SECONDS = 2.0

TABLES: dict[type[Any], str] = {
    Debrief: "debrief",
    Attendee: "attendee",
    Event: "event",
    Perspective: "perspective",
    Note: "note",
    PrivateNote: "private_note",
    AgendaStep: "agenda_step",
    Question: "question",
    PreparedQuestion: "prepared_question",
    AskedQuestion: "asked_question",
    Learning: "learning",
    GuardRail: "guard_rail",
    ActionItem: "action_item",
    Recipient: "recipient",
    SurveyResponse: "survey_response",
    TimerState: "timer_state",
}


def utc_now() -> datetime:
    """The wall clock, in UTC; the default ``now`` of a :class:`Store`."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """An aware datetime as ISO 8601 in UTC with its offset (seconds unless it has a fraction)."""
    return moment.astimezone(UTC).isoformat(
        timespec="seconds" if not moment.microsecond else "auto"
    )


_CONVERTERS: dict[type[Any], dict[str, Callable[[Any], Any]]] = {}


def _converters(kind: type[Any]) -> dict[str, Callable[[Any], Any]]:
    """Per field of a row dataclass: how to turn an SQLite value into the field's type."""
    if kind in _CONVERTERS:
        return _CONVERTERS[kind]
    hints = typing.get_type_hints(kind)
    out: dict[str, Callable[[Any], Any]] = {}
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        base = args[0] if args else hint
        if base is bool:
            out[field.name] = lambda v: None if v is None else bool(v)
        elif isinstance(base, type) and issubclass(base, StrEnum):
            out[field.name] = base
        else:
            out[field.name] = lambda v: v
    _CONVERTERS[kind] = out
    return out


def row_to(kind: type[T], row: Mapping[str, Any]) -> T:
    """Build a row dataclass from a mapping of column values."""
    conv = _converters(kind)
    return kind(**{name: conv[name](row[name]) for name in conv})


def _columns(kind: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


def _has_position(kind: type[Any]) -> bool:
    return "position" in _columns(kind)


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, datetime):
        return iso(value)
    return value


class Store:
    """A library file (or an in-memory library) holding any number of debriefs.

    Args:
        db: an open database whose schema is already current.
        path: the file behind it, or None for an in-memory library.
        now: the wall clock, injected so tests get fixed timestamps.
    """

    def __init__(
        self,
        db: sqlite_utils.Database,
        path: Path | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.db = db
        self.path = path
        self._now = now

    # ----------------------------------------------------------------- opening

    @classmethod
    def memory(cls, now: Callable[[], datetime] = utc_now) -> Store:
        """A fresh in-memory library (tests, scratch work)."""
        conn = sqlite3.connect(":memory:")
        _configure(conn)
        _migrate(conn, None)
        return cls(_wrap(conn), None, now)

    @classmethod
    def open(cls, path: Path | str, now: Callable[[], datetime] = utc_now) -> Store:
        """Open a library file, creating it (owner-only permissions) when it does not exist.

        A file that cannot be used is left byte-for-byte as it was.

        Raises:
            StoreError: a subclass that says what is wrong with the file and what to do.
        """
        path = Path(path).expanduser().absolute()
        created = _prepare_file(path)
        is_new = created or path.stat().st_size == 0
        try:
            recheck = False if is_new else _inspect(path)
            conn = _connect_rw(path)
            if recheck:
                try:
                    check_contents(conn, path)  # again: a hot journal skipped the first look
                except BaseException:
                    conn.close()
                    raise
        except BaseException:
            if created:
                _remove_new_file(path)
            raise
        try:
            _configure(conn)
            _migrate(conn, None if is_new else path)
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise _locked(path) from exc
            raise errors.StoreError(path, f"could not be prepared ({exc})", _ADVICE_COPY) from exc
        except BaseException:
            conn.close()
            raise
        return cls(_wrap(conn), path, now)

    def close(self) -> None:
        """Close the file; a clean close folds the write-ahead log back into it."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The file's ``PRAGMA user_version``."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """One transaction for several calls that make up one user action (nests)."""
        with self.db.atomic():
            yield self

    def now(self) -> str:
        """The injected clock's time as an ISO 8601 UTC string."""
        return iso(self._now().replace(microsecond=0))

    # ---------------------------------------------------------- generic rows

    def get(self, kind: type[T], row_id: int, /) -> T:
        """One row by id.

        Raises:
            NotFoundError: there is no such row.
        """
        table = TABLES[kind]
        key = "debrief_id" if kind is TimerState else "id"
        cur = self.db.execute(f"SELECT * FROM {table} WHERE {key} = ?", [row_id])
        row = cur.fetchone()
        if row is None:
            raise errors.NotFoundError(f"no {table.replace('_', ' ')} with id {row_id}")
        names = [d[0] for d in cur.description]
        return row_to(kind, dict(zip(names, row, strict=True)))

    def rows(self, kind: type[T], /, **where: Any) -> list[T]:
        """All rows of one kind matching ``column=value`` pairs, in display order."""
        table = TABLES[kind]
        cols = _columns(kind)
        for name in where:
            if name not in cols:
                raise TypeError(f"{table} has no column {name!r}")
        clause = " AND ".join(f"{name} = ?" for name in where) or "1"
        order = "position, id" if _has_position(kind) else "id"
        sql = f"SELECT {', '.join(cols)} FROM {table} WHERE {clause} ORDER BY {order}"
        cur = self.db.execute(sql, [_sql_value(v) for v in where.values()])
        conv = _converters(kind)
        convs = [conv[c] for c in cols]
        return [kind(*(f(v) for f, v in zip(convs, row, strict=True))) for row in cur]

    def add(self, kind: type[T], /, **fields: Any) -> T:
        """Insert one row and return it. Rows with a position are appended unless one is given.

        ``position`` inserts before the row now at that position (0 = first).
        """
        with self.db.atomic():
            row_id = self._insert(kind, fields)
        return self.get(kind, row_id)

    def add_many(self, kind: type[T], rows: Iterable[Mapping[str, Any]]) -> list[int]:
        """Append many rows in one transaction (imports, tests); returns their ids in order."""
        table = TABLES[kind]
        ids: list[int] = []
        with self.db.atomic():
            positions: dict[int, int] = {}
            batch: list[dict[str, Any]] = []
            for fields in rows:
                fields = dict(fields)
                if _has_position(kind) and "position" in fields:
                    raise TypeError("add_many appends: use add(..., position=N) to insert")
                if _has_position(kind):
                    scope = fields["debrief_id"]
                    if scope not in positions:
                        positions[scope] = self._next_position(table, scope)
                    fields["position"] = positions[scope]
                    positions[scope] += 1
                if "id" in fields or (batch and batch[0].keys() != fields.keys()):
                    ids += self._insert_batch(kind, batch)
                    batch = []
                if "id" in fields:
                    ids.append(self._insert_raw(kind, fields))
                else:
                    batch.append(fields)
                    if len(batch) == _BATCH_ROWS:
                        ids += self._insert_batch(kind, batch)
                        batch = []
            ids += self._insert_batch(kind, batch)
        return ids

    def _insert_batch(self, kind: type[Any], batch: list[dict[str, Any]]) -> list[int]:
        """Insert rows with the same columns in one multi-row statement; their ids in order.

        One statement for many rows: the full-text index's triggers cost far less
        per row than with one statement each (10,000 events: 0.36 s to about 0.15 s).
        New rowids of one INSERT without explicit ids are consecutive.
        """
        if not batch:
            return []
        table = TABLES[kind]
        names = list(batch[0])
        cols = _columns(kind)
        for name in names:
            if name not in cols:
                raise TypeError(f"{table} has no column {name!r}")
        one = f"({', '.join('?' * len(names))})"
        cur = self.db.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES {', '.join([one] * len(batch))}",
            [_sql_value(row[n]) for row in batch for n in names],
        )
        last = int(cur.lastrowid or 0)
        return list(range(last - len(batch) + 1, last + 1))

    def update(self, kind: type[T], row_id: int, /, **fields: Any) -> T:
        """Change some fields of one row and return the new row."""
        if not fields:
            return self.get(kind, row_id)
        table = TABLES[kind]
        cols = _columns(kind)
        for name in fields:
            # Positions belong to the order of one debrief: move() changes them.
            if (
                name not in cols
                or name in ("id", "position")
                or (name == "debrief_id" and _has_position(kind))
            ):
                raise TypeError(f"{table}.{name} cannot be updated this way")
        with self.db.atomic():
            self.get(kind, row_id)
            if kind is Debrief:
                fields = {**fields, "updated_at": self.now()}
            sets = ", ".join(f"{name} = ?" for name in fields)
            self.db.execute(
                f"UPDATE {table} SET {sets} WHERE id = ?",
                [*(_sql_value(v) for v in fields.values()), row_id],
            )
        return self.get(kind, row_id)

    def remove(self, kind: type[Any], row_id: int) -> None:
        """Delete one row (and, through foreign keys, what belongs to it); close the gap."""
        table = TABLES[kind]
        with self.db.atomic():
            if _has_position(kind):
                scope, position = self.db.execute(
                    f"SELECT debrief_id, position FROM {table} WHERE id = ?", [row_id]
                ).fetchone() or (None, None)
                if scope is None:
                    raise errors.NotFoundError(f"no {table} with id {row_id}")
                self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
                self.db.execute(
                    f"UPDATE {table} SET position = position - 1"
                    " WHERE debrief_id = ? AND position > ?",
                    [scope, position],
                )
            elif self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row_id]).rowcount == 0:
                raise errors.NotFoundError(f"no {table} with id {row_id}")

    def move(self, kind: type[T], row_id: int, position: int) -> T:
        """Move a positioned row to ``position`` (0 = first), shifting the others."""
        table = TABLES[kind]
        with self.db.atomic():
            current: Any = self.get(kind, row_id)
            scope, old = current.debrief_id, current.position
            last = self._next_position(table, scope) - 1
            new = max(0, min(position, last))
            if new < old:
                self.db.execute(
                    f"UPDATE {table} SET position = position + 1"
                    " WHERE debrief_id = ? AND position >= ? AND position < ?",
                    [scope, new, old],
                )
            elif new > old:
                self.db.execute(
                    f"UPDATE {table} SET position = position - 1"
                    " WHERE debrief_id = ? AND position > ? AND position <= ?",
                    [scope, old, new],
                )
            self.db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [new, row_id])
        return self.get(kind, row_id)

    def _next_position(self, table: str, scope: int) -> int:
        row = self.db.execute(
            f"SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE debrief_id = ?", [scope]
        ).fetchone()
        return int(row[0])

    def _insert(self, kind: type[Any], fields: dict[str, Any]) -> int:
        table = TABLES[kind]
        if _has_position(kind):
            end = self._next_position(table, fields["debrief_id"])
            position = fields.get("position")
            if position is None or position >= end:
                fields["position"] = end
            else:
                position = max(0, position)
                fields["position"] = position
                self.db.execute(
                    f"UPDATE {table} SET position = position + 1"
                    " WHERE debrief_id = ? AND position >= ?",
                    [fields["debrief_id"], position],
                )
        return self._insert_raw(kind, fields)

    def _insert_raw(self, kind: type[Any], fields: Mapping[str, Any]) -> int:
        table = TABLES[kind]
        cols = _columns(kind)
        for name in fields:
            if name not in cols:
                raise TypeError(f"{table} has no column {name!r}")
        names = list(fields)
        cur = self.db.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [_sql_value(fields[n]) for n in names],
        )
        return int(cur.lastrowid if cur.lastrowid is not None else fields["debrief_id"])

    # ------------------------------------------------------------- debriefs

    def create_debrief(self, title: str, **fields: Any) -> Debrief:
        """Create an empty debrief."""
        stamp = self.now()
        return self.add(Debrief, title=title, created_at=stamp, updated_at=stamp, **fields)

    def get_debrief(self, debrief_id: int) -> Debrief:
        """One debrief by id (raises NotFoundError)."""
        return self.get(Debrief, debrief_id)

    def debriefs(self) -> list[DebriefSummary]:
        """Every debrief in the library (not those in the trash), newest first, with its events."""
        cur = self.db.execute(
            "SELECT d.id, d.title, d.incident_date, d.meeting_date,"
            " (SELECT COUNT(*) FROM event e WHERE e.debrief_id = d.id)"
            " FROM debrief d WHERE d.deleted_at IS NULL"
            " ORDER BY d.meeting_date DESC, d.id DESC"
        )
        return [DebriefSummary(*row) for row in cur]

    def events(self, debrief_id: int) -> list[Event]:
        """The timeline of a debrief, in timeline order."""
        return self.rows(Event, debrief_id=debrief_id)

    def perspectives(self, debrief_id: int) -> list[Perspective]:
        """Every account given in a debrief, by event order then in the order they were given."""
        return self._joined(Perspective, "perspective", debrief_id, "x.id")

    def prepared_questions(self, debrief_id: int) -> list[PreparedQuestion]:
        """The facilitator's prepared (private) questions of a debrief."""
        return self._joined(PreparedQuestion, "prepared_question", debrief_id, "x.id")

    def _joined(self, kind: type[T], table: str, debrief_id: int, then: str) -> list[T]:
        cols = _columns(kind)
        cur = self.db.execute(
            f"SELECT {', '.join('x.' + c for c in cols)} FROM {table} x"
            f" JOIN event e ON e.id = x.event_id"
            f" WHERE e.debrief_id = ? ORDER BY e.position, {then}",
            [debrief_id],
        )
        return [row_to(kind, dict(zip(cols, row, strict=True))) for row in cur]

    def add_prepared_question(
        self, event_id: int, text: str, question_id: int | None = None
    ) -> PreparedQuestion:
        """Attach a private, prepared question to an event."""
        return self.add(PreparedQuestion, event_id=event_id, text=text, question_id=question_id)

    def set_perspective(self, event_id: int, attendee_id: int, account: str) -> Perspective:
        """Store (or replace) one person's account of one event."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO perspective (event_id, attendee_id, account) VALUES (?, ?, ?)"
                " ON CONFLICT (event_id, attendee_id) DO UPDATE SET account = excluded.account",
                [event_id, attendee_id, account],
            )
        row = self.db.execute(
            "SELECT id FROM perspective WHERE event_id = ? AND attendee_id = ?",
            [event_id, attendee_id],
        ).fetchone()
        return self.get(Perspective, int(row[0]))

    # links and settings

    def linked_events(self, table: str, owner_id: int) -> list[int]:
        """The events a learning or an action item refers to, in timeline order.

        ``table`` is ``learning_event`` or ``action_item_event``.
        """
        owner = _LINK_TABLES[table]
        cur = self.db.execute(
            f"SELECT l.event_id FROM {table} l JOIN event e ON e.id = l.event_id"
            f" WHERE l.{owner} = ? ORDER BY e.position",
            [owner_id],
        )
        return [int(r[0]) for r in cur]

    def set_linked_events(self, table: str, owner_id: int, event_ids: Iterable[int]) -> None:
        """Replace the events a learning or action item refers to (one transaction)."""
        owner = _LINK_TABLES[table]
        with self.db.atomic():
            self.db.execute(f"DELETE FROM {table} WHERE {owner} = ?", [owner_id])
            for event_id in dict.fromkeys(event_ids):
                self.db.execute(
                    f"INSERT INTO {table} ({owner}, event_id) VALUES (?, ?)", [owner_id, event_id]
                )

    def setting(self, key: str, default: str | None = None) -> str | None:
        """A library-wide setting's JSON text, or ``default``."""
        row = self.db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
        return default if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        """Store a library-wide setting (JSON text)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def timer_state(self, debrief_id: int) -> TimerState:
        """The stored timer of a debrief (a stopped one-hour timer when none is stored)."""
        try:
            return self.get(TimerState, debrief_id)
        except errors.NotFoundError:
            return TimerState(debrief_id, 3600, False, None, 0.0, None)

    def save_timer_state(self, state: TimerState) -> None:
        """Store the timer of a debrief (one transaction)."""
        values = {f: _sql_value(v) for f, v in dataclasses.asdict(state).items()}
        with self.db.atomic():
            self.db.execute(
                f"INSERT OR REPLACE INTO timer_state ({', '.join(values)})"
                f" VALUES ({', '.join('?' * len(values))})",
                list(values.values()),
            )


# --------------------------------------------------------------------- opening


_ADVICE_COPY = "Open a copy of the file, or restore it from a backup"
# Rows per multi-row INSERT in add_many: well under SQLite's 32,766 variables.
_BATCH_ROWS = 200
_LINK_TABLES = {"learning_event": "learning_id", "action_item_event": "action_item_id"}


def _wrap(conn: sqlite3.Connection) -> sqlite_utils.Database:
    # execute_plugins=False: no pluggy plugin scan on every start.
    return sqlite_utils.Database(conn, execute_plugins=False)


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit is on disk before the call returns, so power loss loses no edit.
    conn.execute("PRAGMA synchronous = FULL")


def _migrate(conn: sqlite3.Connection, backup_of: Path | None) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version >= SCHEMA_VERSION:
        return
    if backup_of is not None and version > 0:
        _backup(conn, backup_of, version)
    for index in range(version, SCHEMA_VERSION):
        script = MIGRATIONS[index]
        if index == 0:
            script += f";\nPRAGMA application_id = {APPLICATION_ID};"
        try:
            conn.executescript(f"BEGIN IMMEDIATE;\n{script};\nPRAGMA user_version = {index + 1};")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the file (SQLite backup API) before a migration touches it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-schema-{version + 1}.{stamp}{path.suffix}")
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _writable(path: Path) -> bool:
    # Mode bits as well as access(): root may write anything, but a file its
    # owner made read-only is one the user meant to keep unchanged.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _prepare_file(path: Path) -> bool:
    """Make sure ``path`` can be used; create it (0600) when missing. True if created.

    An existing file's permissions are the user's business: only a file this
    function creates gets owner-only permissions.
    """
    if path.is_symlink() and not path.exists():
        raise errors.NotADatabaseError(
            path, "is a link to a file that does not exist", "Check the path given to --db"
        )
    folder = path.parent
    if path.exists():
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise errors.NotADatabaseError(path, "is a folder, not a library file", "Name a file")
        if not stat.S_ISREG(mode):
            raise errors.NotADatabaseError(
                path, "is not a regular file (a device, pipe or socket)", "Name a library file"
            )
        if not _writable(path):
            raise errors.ReadOnlyDatabaseError(
                path,
                "is read-only",
                "Make it writable (chmod u+w) or copy it somewhere you can write",
            )
        if not _writable(folder):
            raise errors.ReadOnlyDatabaseError(
                path,
                f"is in a read-only folder ({folder}); SQLite needs to write its journal beside it",
                "Move the file to a folder you can write",
            )
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise errors.ReadOnlyDatabaseError(
            path, f"cannot be created ({exc.strerror})", "Choose another place with --db"
        ) from exc
    if not _writable(folder):
        raise errors.ReadOnlyDatabaseError(
            path, f"cannot be created: the folder {folder} is read-only", "Choose another place"
        )
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    return True


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _locked(path: Path) -> errors.LockedDatabaseError:
    return errors.LockedDatabaseError(
        path,
        "is locked by another program",
        "Close the other program (is Debrief Desktop already open on it?) and try again",
    )


def _sidecar(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def _inspect(path: Path) -> bool:
    """Refuse, without writing anything, a file that is not a usable library.

    Returns True when the contents could not be checked read-only (a hot
    journal) and must be checked on the write connection.
    """
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise errors.NotADatabaseError(
            path,
            "is not a Debrief Desktop library (not an SQLite file)",
            "Check the path given to --db",
        )
    wal = _sidecar(path, "-wal")
    journal = _sidecar(path, "-journal")
    pending_wal = wal.exists() and wal.stat().st_size > 0
    if journal.exists() and journal.stat().st_size > 0:
        # A hot journal: SQLite rolls the last, unfinished transaction back when
        # the file is opened for writing. A read-only look cannot; the checks run
        # on the write connection instead (see Store.open).
        return True
    size = path.stat().st_size
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # in-header size is trustworthy
    # A kill during a checkpoint can leave the header ahead of the file while the
    # pages are still in the write-ahead log: quick_check judges that case.
    short = valid and pages and size < pages * page_size and not pending_wal
    if len(header) < 100 or short:
        raise errors.CorruptDatabaseError(
            path, "is truncated (shorter than its header says)", _ADVICE_COPY
        )
    existed = {suffix: _sidecar(path, suffix).exists() for suffix in ("-wal", "-shm")}
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise errors.CorruptDatabaseError(path, f"cannot be read ({exc})", _ADVICE_COPY) from exc
    try:
        check_contents(conn, path)
    except BaseException:
        conn.close()
        # Reading a WAL-mode file read-only may create its -wal/-shm files; a
        # refused file must be left as it was found, so remove what we made.
        for suffix, was_there in existed.items():
            if not was_there:
                _sidecar(path, suffix).unlink(missing_ok=True)
        raise
    conn.close()
    return False


def check_contents(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a newer, foreign or damaged library; reads only."""
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise errors.NewerDatabaseError(
                path,
                f"was written by a newer Debrief Desktop (schema {version}; this one knows"
                f" up to {SCHEMA_VERSION})",
                "Update Debrief Desktop to open it",
            )
        if app_id != APPLICATION_ID and (version > 0 or tables):
            raise errors.NotADatabaseError(
                path,
                "is an SQLite file of another program, not a Debrief Desktop library",
                "Check the path given to --db",
            )
        result = conn.execute("PRAGMA quick_check").fetchall()
        if result != [("ok",)]:
            raise errors.CorruptDatabaseError(path, f"is damaged ({result[0][0]})", _ADVICE_COPY)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise _locked(path) from exc
        raise errors.CorruptDatabaseError(path, f"cannot be read ({exc})", _ADVICE_COPY) from exc
    except sqlite3.DatabaseError as exc:
        raise errors.CorruptDatabaseError(path, f"is damaged ({exc})", _ADVICE_COPY) from exc


def _connect_rw(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise errors.CorruptDatabaseError(path, f"cannot be opened ({exc})", _ADVICE_COPY) from exc
    try:
        # Take and drop the write lock now, so a file held by another program is
        # reported when it is opened, not at the first edit.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise _locked(path) from exc
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise errors.ReadOnlyDatabaseError(
                path, "cannot be written", "Make it writable or copy it somewhere else"
            ) from exc
        raise errors.CorruptDatabaseError(path, f"cannot be opened ({exc})", _ADVICE_COPY) from exc
    return conn
