"""Every open action item of every debrief in one list: "what did we promise and not do?"."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.library._common import LibraryWidget
from debrief_desktop.gui.library.models import ROW_ROLE, SORT_ROLE, ActionItemsAcrossModel
from debrief_desktop.gui.notes._common import SPACING, hint
from debrief_desktop.gui.session import Session
from debrief_desktop.store import library
from debrief_desktop.store.errors import NotFoundError
from debrief_desktop.store.library import OpenActionItem


class ActionItemsAcrossPanel(LibraryWidget):
    """The open action items of the whole library: owner, priority, due, source debrief.

    Signals:
        open_requested(int, int): open the debrief an item came from (its id; event -1).

    Args:
        session: the Session the console runs (its store is the library).
        parent: the parent widget.
    """

    open_requested = Signal(int, int)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = ActionItemsAcrossModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.summary = QLabel()
        self.summary.setObjectName("actionItemsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("actionItemsFilter")
        self.filter_edit.setPlaceholderText("Filter by text, owner, priority, date or debrief")
        self.filter_edit.setClearButtonEnabled(True)

        self.table = QTableView()
        self.table.setObjectName("actionItemsAcross")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ActionItemsAcrossModel.DUE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActionItemsAcrossModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for col, width in (
            (ActionItemsAcrossModel.OWNER, 130),
            (ActionItemsAcrossModel.PRIORITY, 80),
            (ActionItemsAcrossModel.DUE, 96),
            (ActionItemsAcrossModel.DEBRIEF, 220),
        ):
            self.table.setColumnWidth(col, width)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(
            hint(
                "Double-click an item (or press Enter) to open the debrief it came from; "
                "mark it done there, in the Action items tab. Red dates have passed."
            )
        )

        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.activated.connect(self._on_table_activated)
        self._listen()
        self.reload()

    def reload(self) -> None:
        """Ask the library for its open action items."""
        self.model.today = dt.date.today().isoformat()
        items = library.open_action_items(self.session.store)
        self.model.set_rows(items)
        self.model.refresh_all()  # "overdue" depends on the day
        self._stale = False
        self._show_summary(items)

    def _show_summary(self, items: list[OpenActionItem]) -> None:
        if not items:
            self.summary.setText("No open action items in the library.")
            return
        debriefs = len({i.debrief_id for i in items})
        parts = [
            f"{len(items)} open action item{'s' if len(items) != 1 else ''} across "
            f"{debriefs} debrief{'s' if debriefs != 1 else ''}"
        ]
        overdue = sum(1 for i in items if self.model.overdue(i))
        if overdue:
            parts.append(f"{overdue} past due")
        unowned = sum(1 for i in items if not i.owner)
        if unowned:
            parts.append(f"{unowned} without an owner")
        self.summary.setText("; ".join(parts) + ".")

    def selected_item(self) -> OpenActionItem | None:
        """The action item selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows()
        value = rows[0].data(ROW_ROLE) if rows else None
        return value if isinstance(value, OpenActionItem) else None

    def _on_table_activated(self, index: QModelIndex) -> None:
        item = index.data(ROW_ROLE)
        if isinstance(item, OpenActionItem):
            self.open_item(item)

    def open_item(self, item: OpenActionItem) -> None:
        """Ask the console to open the debrief an item came from."""
        try:
            library.mark_opened(self.session.store, item.debrief_id)
        except (sqlite3.Error, NotFoundError):
            self.schedule_reload()  # it went away meanwhile: show what is there now
            return
        self.open_requested.emit(item.debrief_id, -1)

    def visible_items(self) -> list[OpenActionItem]:
        """The items in the order the table shows them now."""
        out: list[Any] = []
        for r in range(self.proxy.rowCount()):
            value = self.proxy.index(r, 0).data(ROW_ROLE)
            if isinstance(value, OpenActionItem):
                out.append(value)
        return out
