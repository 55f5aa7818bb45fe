"""The guard rails panel: guard rails that existed and helped, and guard rails proposed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from debrief_desktop.gui.notes._common import SPACING, NotesPanel, hint
from debrief_desktop.gui.notes.row_list import RowListWidget
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import GuardRail, GuardRailStatus


class GuardRailsPanel(NotesPanel):
    """Two lists: guard rails that existed and helped, and those the room proposes to add.

    Add with Return, edit in place (double-click), remove, or move a guard rail
    to the other list; each is one undoable edit.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"guard_rail"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.existing = RowListWidget(
            session, GuardRail, "text", "guard rail",
            "A guard rail that was there and helped — Enter to add",
            where={"status": GuardRailStatus.EXISTING},
        )  # fmt: skip
        self.existing.setObjectName("existingGuardRails")
        self.proposed = RowListWidget(
            session, GuardRail, "text", "guard rail",
            "A guard rail the room would add — Enter to add",
            where={"status": GuardRailStatus.PROPOSED},
        )  # fmt: skip
        self.proposed.setObjectName("proposedGuardRails")
        self.to_proposed = QPushButton("Move to proposed")
        self.to_existing = QPushButton("Move to existed and helped")
        self.existing.buttons.insertWidget(0, self.to_proposed)
        self.proposed.buttons.insertWidget(0, self.to_existing)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING * 2)
        for title, rows in (
            ("Existed and helped", self.existing),
            ("Proposed", self.proposed),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(rows)
            layout.addWidget(box, 1)
        layout.addWidget(
            hint(
                "Guard rails are the checks, limits and habits that stop a small problem "
                "from becoming a big one. Double-click an entry to change its words."
            )
        )

        self.to_proposed.clicked.connect(
            lambda: self._move(self.existing, GuardRailStatus.PROPOSED)
        )
        self.to_existing.clicked.connect(
            lambda: self._move(self.proposed, GuardRailStatus.EXISTING)
        )
        self.existing.current_changed.connect(self._sync_buttons)
        self.proposed.current_changed.connect(self._sync_buttons)
        self._listen()
        self.reload()

    def reload(self, *_: Any) -> None:
        """Show the stored guard rails."""
        self.existing.reload()
        self.proposed.reload()
        self._sync_buttons()

    def _sync_buttons(self, *_: Any) -> None:
        self.to_proposed.setEnabled(self.existing.current_id() is not None)
        self.to_existing.setEnabled(self.proposed.current_id() is not None)

    def _move(self, source: RowListWidget, status: GuardRailStatus) -> None:
        row_id = source.current_id()
        if row_id is not None:
            self.session.update_row(GuardRail, row_id, "guard rail", status=status)
