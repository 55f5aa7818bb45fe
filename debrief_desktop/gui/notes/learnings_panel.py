"""The learnings panel: what people learned, surprises, assumptions called out, linked events."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.notes._common import (
    SPACING,
    CommitTextEdit,
    EventLinksWidget,
    QuickAdd,
    RowEditorPanel,
    hint,
    id_at,
    row_of_id,
    select_id,
    set_combo_value,
    short,
    sync_list,
    tri_combo,
)
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import Learning, LearningKind

#: How the console names each kind of learning.
KIND_WORDS: dict[LearningKind, str] = {
    LearningKind.LEARNED: "Learned",
    LearningKind.SURPRISE: "Surprise",
    LearningKind.ASSUMPTION: "Assumption called out",
}
INTENTIONAL_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("not asked", None),
    ("yes, intentional", True),
    ("no, not intentional", False),
)


def learning_entry(learning: Learning, links: int) -> str:
    """One line of the learnings list."""
    kind = KIND_WORDS.get(learning.kind, str(learning.kind))
    if learning.kind == LearningKind.ASSUMPTION and learning.intentional is not None:
        kind += " (intentional)" if learning.intentional else " (not intentional)"
    linked = f"  · {links} event{'s' if links != 1 else ''}" if links else ""
    return f"{kind}: {short(learning.text)}{linked}"


def kind_combo() -> QComboBox:
    """A chooser of the kind of a learning."""
    return tri_combo([(word, kind.value) for kind, word in KIND_WORDS.items()])


class LearningsPanel(RowEditorPanel):
    """The learnings of the debrief: a list to add to, reorder and remove from, and an editor.

    Each add, edit, move, removal and change of linked events is one undoable edit;
    the projector's learnings scene follows at once.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"learning", "learning_event"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loading = False
        self._editing_id: int | None = None

        self.add_kind = kind_combo()
        self.add_kind.setObjectName("addKind")
        self.quick_add = QuickAdd("A learning, a surprise or an assumption — Enter to add")
        self.quick_add.add_leading(self.add_kind)
        self.list = QListWidget()
        self.list.setObjectName("learningsList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.remove_button = QPushButton("Remove")
        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(SPACING)
        top_layout.addWidget(self.quick_add)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)

        self.kind = kind_combo()
        self.kind.setObjectName("kind")
        self.intentional = tri_combo(INTENTIONAL_CHOICES)
        self.intentional.setObjectName("intentional")
        self.text = CommitTextEdit()
        self.text.setObjectName("learningText")
        self.text.setPlaceholderText("In the words of the person who said it")
        self.text.setMaximumHeight(110)
        self.links = EventLinksWidget(session, "learning_event", "learning's events")
        self.editor = QGroupBox("Selected learning")
        form = QFormLayout(self.editor)
        form.setSpacing(SPACING)
        form.addRow("Kind", self.kind)
        form.addRow("Intentional?", self.intentional)
        form.addRow("Text", self.text)
        form.addRow(QLabel("Events it refers to"))
        form.addRow(self.links)
        form.addRow(hint("Tick the events on the timeline this learning comes from."))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.quick_add.added.connect(self._on_quick_add_added)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.intentional.currentIndexChanged.connect(self._on_intentional_changed)
        self.text.committed.connect(self._on_text_committed)
        self._listen()
        # Deleting an event drops its links: the counts in the list change.
        session.timeline.rowsRemoved.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------- reading

    KIND = Learning
    LABEL = "learning"

    def learnings(self) -> list[Learning]:
        """The learnings as stored now, in order."""
        return [] if self.session.debrief is None else self.session.learnings()

    rows = learnings

    def reload(self, *_: Any) -> None:
        """Show the stored learnings; keeps the selection and any text not yet committed."""
        self.setEnabled(self.session.debrief is not None)
        store = self.session.store
        rows = self.learnings()
        sync_list(
            self.list,
            (
                (x.id, learning_entry(x, len(store.linked_events("learning_event", x.id))), x.text)
                for x in rows
            ),
        )
        if self._editing_id is not None and row_of_id(self.list, self._editing_id) < 0:
            self._editing_id = None  # removed (or undone): the editor lets go of it
        select_id(self.list, self._editing_id)
        self._load_editor()

    def _load_editor(self) -> None:
        learning = self.selected()
        self._loading = True
        try:
            self.editor.setEnabled(learning is not None)
            set_combo_value(self.kind, learning.kind.value if learning else "learned")
            set_combo_value(self.intentional, learning.intentional if learning else None)
            self.intentional.setEnabled(
                learning is not None and learning.kind == LearningKind.ASSUMPTION
            )
            self.text.set_stored(learning.text if learning else "")
            self.links.show_links(learning.id if learning else None)
        finally:
            self._loading = False
        row = self.list.currentRow()
        self.up_button.setEnabled(learning is not None and row > 0)
        self.down_button.setEnabled(learning is not None and 0 <= row < self.list.count() - 1)
        self.remove_button.setEnabled(learning is not None)

    def select(self, learning_id: int | None) -> None:
        """Put a learning in the editor (committing what is typed for the previous one)."""
        if learning_id != self._editing_id:
            self.commit_pending()
            self._editing_id = learning_id
            self.text.set_stored("")  # a fresh field: nothing typed belongs to the new learning
            self.text.document().setModified(False)
        select_id(self.list, learning_id)
        self._load_editor()

    def commit_pending(self) -> None:
        """Commit text typed into the editor but not yet committed."""
        self.text.commit()

    # --------------------------------------------------------------- edits

    def add(self, text: str, kind: LearningKind | str = LearningKind.LEARNED) -> Learning | None:
        """Add a learning at the end and select it."""
        if self.session.debrief is None:
            return None
        learning: Learning | None = self.session.add_row(
            Learning, "learning",
            debrief_id=self.session.debrief_id, kind=LearningKind(kind), text=text,
            intentional=None,
        )  # fmt: skip
        if learning is not None:
            self.select(learning.id)
        return learning

    # ----------------------------------------------------------- handlers

    def _on_quick_add_added(self, text: str) -> None:
        self.add(text, str(self.add_kind.currentData()))

    def _on_list_current_row_changed(self, row: int) -> None:
        self.select(id_at(self.list, row))

    def _on_kind_changed(self, _index: int) -> None:
        kind = LearningKind(str(self.kind.currentData()))
        fields: dict[str, Any] = {"kind": kind}
        if kind != LearningKind.ASSUMPTION:
            fields["intentional"] = None  # only an assumption can be intentional
        self._update("learning kind", **fields)

    def _on_intentional_changed(self, _index: int) -> None:
        self._update("intentional?", intentional=self.intentional.currentData())

    def _on_text_committed(self, text: str) -> None:
        if text.strip():
            self._update("learning", text=text)

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
