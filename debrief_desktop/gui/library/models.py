"""Qt models over the library: every debrief, open action items across debriefs, search hits.

The models hold rows the plain-Python library API returned; the panels decide
when to ask again. :meth:`LibraryModel.set_rows` updates in place (a row is
kept by its debrief id), so selection and scroll position survive a refresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from debrief_desktop.gui.library.text import hit_plain_text, kind_label
from debrief_desktop.store.library import LibraryRow, OpenActionItem
from debrief_desktop.store.search import SearchHit

ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's database id (the same role as gui.models)
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # a value that sorts the column the way people expect
ROW_ROLE = Qt.ItemDataRole.UserRole + 4  # the whole row object (LibraryRow, OpenActionItem …)
EVENT_ROLE = Qt.ItemDataRole.UserRole + 5  # a search hit's event id (-1 for none)

AnyIndex = QModelIndex | QPersistentModelIndex
OPEN_BACKGROUND = QColor("#fff3c4")  # the debrief open in the console: the timeline's live colour
NO_DATE = "—"

LEARNED_WORDS = {
    True: "Someone learned one thing that changes how they work",
    False: "Nobody said they learned something that changes how they work",
    None: "Nobody answered “did you learn something?” yet",
}
ATTEND_WORDS = {
    True: "At least half would attend another debrief",
    False: "Fewer than half said they would attend another debrief",
    None: "Nobody answered “would you attend another?” yet",
}
PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2, "": 3}

R = TypeVar("R")


def date_text(value: str | None) -> str:
    """An ISO date (or date-time) as the table shows it: the date part, or a dash."""
    return value[:10] if value else NO_DATE


def success_score(learned: bool | None, would_attend: bool | None) -> int:
    """Sort key of the success column: both met > one met > answered but not met > no answers."""
    answers = (learned, would_attend)
    return 3 * sum(a is True for a in answers) + sum(a is not None for a in answers)


def success_words(learned: bool | None, would_attend: bool | None) -> str:
    """The success column as words (its tooltip and what a screen reader says)."""
    return f"{LEARNED_WORDS[learned]}.\n{ATTEND_WORDS[would_attend]}."


class _RowsTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of row objects, kept by a key, updated in place."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, key: Callable[[R], Any], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._key = key

    # --------------------------------------------------------------- Qt API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.header_tip(section)
        return None

    def header_tip(self, section: int) -> str | None:
        """A header's tooltip (None: none)."""
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -------------------------------------------------------------- rows

    def rows(self) -> list[R]:
        """The rows in model order."""
        return list(self._rows)

    def row_at(self, row: int) -> R | None:
        """The row object at ``row``, or None."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: Any) -> int:
        """The model row holding ``key`` (a debrief id …), or -1."""
        for i, r in enumerate(self._rows):
            if self._key(r) == key:
                return i
        return -1

    def set_rows(self, rows: Sequence[R]) -> None:
        """Show ``rows``: gone rows are removed, changed rows updated, new rows appended.

        The order of the model does not matter (a proxy sorts it); keeping rows in
        place keeps the selection and the scroll position.
        """
        wanted = {self._key(r): r for r in rows}
        for i in range(len(self._rows) - 1, -1, -1):
            if self._key(self._rows[i]) not in wanted:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        have = {self._key(r): i for i, r in enumerate(self._rows)}
        last = self.columnCount() - 1
        for key, new in wanted.items():
            i = have.get(key)
            if i is not None and self._rows[i] != new:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        fresh = [r for key, r in wanted.items() if key not in have]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()

    def refresh_all(self) -> None:
        """Say every cell may look different (the open debrief changed, the day changed)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1)
            )


class LibraryModel(_RowsTableModel[LibraryRow]):
    """Every debrief in the library (or in the trash): one :class:`LibraryRow` a row.

    The debrief open in the console is shown in bold on a light yellow background.
    """

    TITLE, INCIDENT, MEETING, EVENTS, OPEN_ITEMS, SUCCESS = range(6)
    HEADERS = ("Title", "Incident", "Meeting", "Events", "Open actions", "Success")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda r: r.id, parent)
        self.open_id: int | None = None

    def set_open_id(self, debrief_id: int | None) -> None:
        """Mark the debrief open in the console."""
        if debrief_id != self.open_id:
            before, self.open_id = self.open_id, debrief_id
            last = self.columnCount() - 1
            for key in (before, debrief_id):
                row = self.row_of(key)
                if row >= 0:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def header_tip(self, section: int) -> str | None:
        return {
            self.INCIDENT: "The day the incident happened",
            self.MEETING: "The day of the debrief meeting",
            self.EVENTS: "Events on the timeline",
            self.OPEN_ITEMS: "Action items still open",
            self.SUCCESS: (
                "The guide's two success measures, from the closing survey.\n"
                "Left mark: did at least one person learn one thing that changes their work?\n"
                "Right mark: would at least half attend another debrief?"
            ),
        }.get(section)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.SUCCESS:
                return success_words(r.learned, r.would_attend)
            if col == self.TITLE:
                open_now = "\nOpen in the console now." if r.id == self.open_id else ""
                trashed = f"\nIn the trash since {r.deleted_at[:10]}." if r.deleted_at else ""
                return f"{r.title}{open_now}{trashed}"
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and col == self.SUCCESS:
            return success_words(r.learned, r.would_attend)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.EVENTS, self.OPEN_ITEMS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and r.id == self.open_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and r.id == self.open_id:
            return QBrush(OPEN_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and r.id == self.open_id:
            return QBrush(QColor("#1f1a00"))  # readable on the yellow, also in a dark palette
        return None

    def _display(self, r: LibraryRow, col: int) -> Any:
        if col == self.TITLE:
            return r.title or "(untitled)"
        if col == self.INCIDENT:
            return date_text(r.incident_date)
        if col == self.MEETING:
            return date_text(r.meeting_date)
        if col == self.EVENTS:
            return r.event_count
        if col == self.OPEN_ITEMS:
            return r.open_action_items
        return ""  # the success marks are painted by SuccessMarksDelegate

    def _sort_key(self, r: LibraryRow, col: int) -> Any:
        if col == self.TITLE:
            return (r.title or "").casefold()
        if col == self.INCIDENT:
            return r.incident_date or ""
        if col == self.MEETING:
            return r.meeting_date or ""
        if col == self.EVENTS:
            return r.event_count
        if col == self.OPEN_ITEMS:
            return r.open_action_items
        return success_score(r.learned, r.would_attend)


class LibraryFilterModel(QSortFilterProxyModel):
    """Sorts the library by any column and keeps the rows whose title or dates match every word."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        """Keep the rows whose title, incident or meeting date contain every typed word."""
        words = text.casefold().split()
        if words == self._words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._words = words
            self.endFilterChange()
        else:
            self._words = words
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        if not isinstance(model, LibraryModel):
            return True
        r = model.row_at(source_row)
        if r is None:
            return False
        hay = f"{r.title} {r.incident_date or ''} {r.meeting_date or ''}".casefold()
        return all(w in hay for w in self._words)


class ActionItemsAcrossModel(_RowsTableModel[OpenActionItem]):
    """Every open action item of every debrief; overdue ones are marked."""

    TEXT, OWNER, PRIORITY, DUE, DEBRIEF = range(5)
    HEADERS = ("Action item", "Owner", "Priority", "Due", "Debrief")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda r: r.item_id, parent)
        self.today = dt.date.today().isoformat()

    def header_tip(self, section: int) -> str | None:
        return {
            self.OWNER: "Who said they would do it",
            self.DUE: "Red: the due date has passed",
            self.DEBRIEF: "The debrief the action item came from (double-click to open it)",
        }.get(section)

    def overdue(self, item: OpenActionItem) -> bool:
        """The due date has passed (today is not overdue)."""
        return bool(item.due) and item.due[:10] < self.today

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.item_id
        if role == ROW_ROLE:
            return r
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                " ".join(r.text.split()),
                r.owner or "no owner yet",
                r.priority or "not set",
                r.due[:10] if r.due else NO_DATE,
                r.debrief_title or "(untitled)",
            )[col]
        if role == SORT_ROLE:
            return (
                r.text.casefold(),
                # Unowned items sort last: "a…" is not a person.
                (r.owner.casefold() if r.owner else "\uffff"),
                PRIORITY_ORDER.get(r.priority, len(PRIORITY_ORDER)),
                r.due or "9999",
                (r.debrief_title or "").casefold(),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TEXT:
                return r.text
            if col == self.DUE and self.overdue(r):
                return f"Due {r.due[:10]}: the date has passed"
            if col == self.DEBRIEF:
                return f"From “{r.debrief_title}” — double-click to open it"
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.DUE and self.overdue(r):
                return QBrush(QColor("#b3261e"))
            if (col == self.OWNER and not r.owner) or (col == self.PRIORITY and not r.priority):
                return QBrush(QColor("#8a6d00"))
        if role == Qt.ItemDataRole.FontRole and col == self.DUE and self.overdue(r):
            font = QFont()
            font.setBold(True)
            return font
        return None


class SearchResultsModel(QAbstractListModel):
    """Search hits in rank order; the delegate draws them, the data roles describe them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        """Show other hits (a new query replaces every result)."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list[SearchHit]:
        """The hits shown, in rank order."""
        return list(self._hits)

    def hit_at(self, row: int) -> SearchHit | None:
        """The hit at ``row``, or None."""
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit_plain_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.debrief_title} — {kind_label(hit.kind)}\nEnter or double-click to open"
        if role == ID_ROLE:
            return hit.debrief_id
        if role == EVENT_ROLE:
            return -1 if hit.event_id is None else hit.event_id
        if role == ROW_ROLE:
            return hit
        return None
