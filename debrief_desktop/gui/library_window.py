"""A first, read-only window: the debriefs in the library and the timeline of one.

The projector and the facilitator console replace it (the two-windows issue);
until then it shows that the app starts and what the library holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.store import Store


class LibraryWindow(QMainWindow):
    """The library's debriefs on the left, the chosen debrief's timeline on the right."""

    def __init__(self, store: Store, debrief_id: int | None = None) -> None:
        super().__init__()
        self._store = store
        self.setWindowTitle(f"Debrief Desktop — {store.path or 'in-memory library'}")
        self.debrief_list = QListWidget()
        self.debrief_list.setWordWrap(True)
        self.timeline = QTableWidget(0, 4)
        self.timeline.setHorizontalHeaderLabels(["Time", "Actor", "Kind", "What happened"])
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.timeline.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.heading)
        layout.addWidget(self.timeline)
        splitter = QSplitter()
        splitter.addWidget(self.debrief_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        self.setCentralWidget(splitter)
        self.resize(1280, 800)

        for summary in store.debriefs():
            item = QListWidgetItem(
                f"{summary.title}\n{summary.incident_date or 'date unknown'}"
                f" · {summary.event_count} events"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.debrief_list.addItem(item)
        self.debrief_list.currentItemChanged.connect(self._on_debrief_list_current_changed)
        self._select(debrief_id)

    def _select(self, debrief_id: int | None) -> None:
        for row in range(self.debrief_list.count()):
            item = self.debrief_list.item(row)
            if debrief_id is None or item.data(Qt.ItemDataRole.UserRole) == debrief_id:
                self.debrief_list.setCurrentItem(item)
                return

    def _on_debrief_list_current_changed(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        debrief_id = int(item.data(Qt.ItemDataRole.UserRole))
        debrief = self._store.get_debrief(debrief_id)
        self.heading.setText(debrief.title)
        events = self._store.events(debrief_id)
        self.timeline.setRowCount(len(events))
        for row, event in enumerate(events):
            # The time as the source wrote it already says how precise it is.
            when = event.time_text or "time unknown"
            pivot = "⚑ " if event.pivot else ""
            cells = [
                when,
                event.actor,
                event.kind.value,
                pivot + event.text,
            ]
            for col, text in enumerate(cells):
                self.timeline.setItem(row, col, QTableWidgetItem(text))
        self.timeline.resizeRowsToContents()
