"""A list of one-line rows (guard rails, recipients) to add to, edit in place and remove from."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.notes._common import SPACING, QuickAdd, id_at, select_id, sync_list
from debrief_desktop.gui.session import Session


class RowListWidget(QWidget):
    """Rows of one kind and one text field: add (Return), edit in place (double-click, F2), remove.

    Each add, edit and removal is one undoable edit through the Session.

    Signals:
        current_changed(int): another row became current (its id, or -1 for none).

    Args:
        session: the open debrief.
        kind: the row dataclass (``GuardRail``, ``Recipient`` …).
        field: the text field shown and edited (``text``, ``name``).
        label: what the undo stack calls one row ("guard rail").
        placeholder: the hint in the empty add line.
        where: fixed fields of the rows this list shows (``status="existing"``).
    """

    current_changed = Signal(int)

    def __init__(
        self,
        session: Session,
        kind: type[Any],
        field: str,
        label: str,
        placeholder: str,
        where: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.field = field
        self.label = label
        self.where = dict(where or {})
        self.quick_add = QuickAdd(placeholder)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.remove_button = QPushButton("Remove")
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(SPACING)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self.quick_add)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.buttons)

        self.quick_add.added.connect(self.add)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.remove_button.clicked.connect(self.remove_current)
        self.reload()

    def rows(self) -> list[Any]:
        """The rows as stored now, in order."""
        if self.session.debrief is None:
            return []
        return self.session.store.rows(self.kind, debrief_id=self.session.debrief_id, **self.where)

    def current_id(self) -> int | None:
        """The id of the current row."""
        return id_at(self.list, self.list.currentRow())

    def reload(self) -> None:
        """Show the stored rows, keeping the current one."""
        current = self.current_id()
        rows = self.rows()
        sync_list(
            self.list,
            ((r.id, getattr(r, self.field), getattr(r, self.field)) for r in rows),
            editable=True,
        )
        select_id(self.list, current)
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.setEnabled(self.session.debrief is not None)

    def add(self, text: str) -> Any:
        """Add a row at the end of the list."""
        if self.session.debrief is None:
            return None
        fields = {"debrief_id": self.session.debrief_id, **self.where, self.field: text}
        row = self.session.add_row(self.kind, self.label, **fields)
        if row is not None:
            select_id(self.list, row.id)
            self.remove_button.setEnabled(True)
        return row

    def remove_current(self) -> None:
        """Remove the current row (undo puts it back)."""
        row_id = self.current_id()
        if row_id is not None:
            self.session.remove_row(self.kind, row_id, self.label)

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        row_id = item.data(Qt.ItemDataRole.UserRole)
        stored = next((r for r in self.rows() if r.id == row_id), None)
        if stored is None:
            return
        text = item.text().strip()
        if not text:  # emptied: that is not how to remove, so the stored text comes back
            self.reload()
            return
        if text != getattr(stored, self.field):
            self.session.update_row(self.kind, row_id, self.label, **{self.field: text})

    def _on_list_current_row_changed(self, row: int) -> None:
        self.remove_button.setEnabled(row >= 0)
        row_id = id_at(self.list, row)
        self.current_changed.emit(-1 if row_id is None else row_id)
