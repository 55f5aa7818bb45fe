"""The distribution panel: who else receives the report."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from debrief_desktop.gui.notes._common import SPACING, NotesPanel, hint
from debrief_desktop.gui.notes.row_list import RowListWidget
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import Recipient


class DistributionPanel(NotesPanel):
    """The distribution list: people and mailing lists who get the notes besides the room.

    Add with Return, edit in place (double-click), remove; each is one undoable edit.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"recipient"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.recipients = RowListWidget(
            session, Recipient, "name", "recipient",
            "A person, a team or a mailing list — Enter to add",
        )  # fmt: skip
        self.recipients.setObjectName("recipients")
        box = QGroupBox("Who else receives the report")
        box_layout = QVBoxLayout(box)
        box_layout.setSpacing(SPACING)
        box_layout.addWidget(
            hint(
                "Everyone who was in the room gets the notes. Add the people and teams "
                "who were not here but should read them."
            )
        )
        box_layout.addWidget(self.recipients, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(box)

        self._listen()

    def reload(self, *_: Any) -> None:
        """Show the stored distribution list."""
        self.recipients.reload()
