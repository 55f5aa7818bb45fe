"""Qt models over the store's rows. Both windows view the same model objects.

Models never write to the store: :class:`~debrief_desktop.gui.session.Session`
writes, then tells the model what changed, and the model emits the matching
incremental signal (``rowsInserted``, ``dataChanged`` …), never a reset for one edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from debrief_desktop.store.models import Attendee, Event

_Index = QModelIndex | QPersistentModelIndex

EVENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Event dataclass of a row
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's database id


def time_label(event: Event) -> str:
    """The time of an event as the room should read it: as written, or "time unknown"."""
    return event.time_text.strip() or "time unknown"


class TimelineModel(QAbstractTableModel):
    """The events of one debrief in timeline order; one row per event.

    The row is the event's position: the ``position`` field of a cached
    :class:`Event` is not rewritten when other events move.
    """

    COLUMNS: ClassVar[tuple[str, ...]] = ("Time", "Actor", "Kind", "What happened", "Pivot")
    TIME, ACTOR, KIND, TEXT, PIVOT = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[Event] = []
        self._rows: dict[int, int] | None = None

    # --- reading
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        col = index.column()
        if role == EVENT_ROLE:
            return event
        if role == ID_ROLE:
            return event.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.TIME:
                return time_label(event)
            if col == self.ACTOR:
                return event.actor
            if col == self.KIND:
                return event.kind.value
            if col == self.TEXT:
                return event.text
            if col == self.PIVOT:
                return "⚑ pivot" if event.pivot else ""
        if role == Qt.ItemDataRole.EditRole:
            return {
                self.TIME: event.time_text,
                self.ACTOR: event.actor,
                self.KIND: event.kind.value,
                self.TEXT: event.text,
                self.PIVOT: event.pivot,
            }.get(col)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def events(self) -> Sequence[Event]:
        """All events, in order (read-only view)."""
        return self._events

    def event_at(self, row: int) -> Event | None:
        """The event at ``row``, or None outside the timeline."""
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, event_id: int) -> int:
        """The row of an event id, or -1."""
        if self._rows is None:
            self._rows = {e.id: i for i, e in enumerate(self._events)}
        return self._rows.get(event_id, -1)

    # --- changes, called by the Session after the store has committed
    def reset_to(self, events: Sequence[Event]) -> None:
        """Show another debrief's events (opening a debrief, not an edit)."""
        self.beginResetModel()
        self._events = list(events)
        self._rows = None
        self.endResetModel()

    def inserted(self, row: int, event: Event) -> None:
        """An event was inserted at ``row``."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._events.insert(row, event)
        self._rows = None
        self.endInsertRows()

    def removed(self, row: int) -> None:
        """The event at ``row`` was deleted."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._events[row]
        self._rows = None
        self.endRemoveRows()

    def replaced(self, row: int, event: Event) -> None:
        """The event at ``row`` changed."""
        self._events[row] = event
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def moved(self, source: int, target: int) -> None:
        """The event at ``source`` now sits at ``target`` (the final row)."""
        if source == target:
            return
        # Qt's destination is the row *before which* the item goes, counted before the move.
        destination = target + 1 if target > source else target
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        self._events.insert(target, self._events.pop(source))
        self._rows = None
        self.endMoveRows()


class AttendeeModel(QAbstractListModel):
    """The attendees of one debrief: name and role, in the order they were added."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Attendee] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{a.name} — {a.role}" if a.role else a.name
        if role == EVENT_ROLE:
            return a
        if role == ID_ROLE:
            return a.id
        return None

    def attendees(self) -> Sequence[Attendee]:
        """All attendees, in order."""
        return self._rows

    def find(self, attendee_id: int) -> Attendee | None:
        """An attendee by id."""
        return next((a for a in self._rows if a.id == attendee_id), None)

    def reset_to(self, rows: Sequence[Attendee]) -> None:
        """Show another debrief's attendees."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def inserted(self, row: int, attendee: Attendee) -> None:
        """An attendee was added at ``row``."""
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, attendee)
        self.endInsertRows()

    def removed(self, row: int) -> None:
        """The attendee at ``row`` was removed."""
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def replaced(self, row: int, attendee: Attendee) -> None:
        """The attendee at ``row`` changed."""
        self._rows[row] = attendee
        self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, attendee_id: int) -> int:
        """The row of an attendee id, or -1."""
        return next((i for i, a in enumerate(self._rows) if a.id == attendee_id), -1)
