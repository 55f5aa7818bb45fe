"""The action items panel: what will be done, by whom, how urgently, by when, and why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
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
    ERROR_STYLE,
    SPACING,
    CommitLineEdit,
    CommitTextEdit,
    EventLinksWidget,
    QuickAdd,
    RowEditorPanel,
    hint,
    id_at,
    notice,
    row_of_id,
    select_id,
    set_combo_value,
    short,
    show_notice,
    sync_list,
    tri_combo,
)
from debrief_desktop.gui.notes.learnings_panel import KIND_WORDS
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import ActionItem

PRIORITIES: tuple[tuple[str, str], ...] = (
    ("not set yet", ""),
    ("high", "high"),
    ("medium", "medium"),
    ("low", "low"),
)
STATUSES: tuple[tuple[str, str], ...] = (("open", "open"), ("done", "done"), ("dropped", "dropped"))


def parse_due(text: str) -> str | None:
    """A typed due date as an ISO date ("" for none), or None when it is not a date."""
    text = text.strip()
    if not text:
        return ""
    for parse in (dt.date.fromisoformat, lambda t: dt.datetime.strptime(t, "%Y-%m-%d").date()):
        try:
            return parse(text).isoformat()
        except ValueError:
            continue
    return None


def missing_of(item: ActionItem) -> list[str]:
    """What an action item still needs ("an owner", "a priority"), as the report check sees it."""
    from debrief_desktop.facilitation.completeness import action_item_problems

    words = {"no_owner": "an owner", "no_priority": "a priority"}
    return [words[p.kind] for p in action_item_problems([item]) if p.kind in words]


def action_item_entry(item: ActionItem) -> str:
    """One line of the action items list."""
    details = [item.owner.strip() or "no owner"]
    details.append(item.priority or "no priority")
    if item.due:
        details.append(f"due {item.due}")
    if item.status != "open":
        details.append(item.status)
    flag = "⚠ " if missing_of(item) else ""
    return f"{flag}{short(item.text)}\n    {' · '.join(details)}"


class ActionItemsPanel(RowEditorPanel):
    """The action items of the debrief: each owned, prioritized, dated, and tied to its reasons.

    An action item with no owner or no priority is marked in the list and in the
    editor, calmly but visibly. Each change is one undoable edit; the projector's
    action-items scene follows at once.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"action_item", "action_item_event", "learning"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loading = False
        self._editing_id: int | None = None

        self.quick_add = QuickAdd("What will be done? — Enter to add an action item")
        self.unowned_notice = notice("unownedNotice")
        self.list = QListWidget()
        self.list.setObjectName("actionItemsList")
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
        top_layout.addWidget(self.unowned_notice)
        top_layout.addWidget(self.list, 1)
        top_layout.addLayout(buttons)

        self.text = CommitTextEdit()
        self.text.setObjectName("actionText")
        self.text.setPlaceholderText("What will be done")
        self.text.setMaximumHeight(90)
        self.owner = CommitLineEdit()
        self.owner.setObjectName("owner")
        self.owner.setPlaceholderText("Who will see it through")
        self._owner_names = QStringListModel(self)
        completer = QCompleter(self._owner_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner.setCompleter(completer)
        self.priority = tri_combo(PRIORITIES)
        self.priority.setObjectName("priority")
        self.due = CommitLineEdit()
        self.due.setObjectName("due")
        self.due.setPlaceholderText("YYYY-MM-DD, or leave empty")
        self.due_error = notice("dueError")
        self.status = tri_combo(STATUSES)
        self.status.setObjectName("status")
        self.learning = QComboBox()
        self.learning.setObjectName("learning")
        self.links = EventLinksWidget(session, "action_item_event", "action item's events")
        self.item_notice = notice("itemNotice")

        self.editor = QGroupBox("Selected action item")
        form = QFormLayout(self.editor)
        form.setSpacing(SPACING)
        form.addRow(self.item_notice)
        form.addRow("What", self.text)
        form.addRow("Owner", self.owner)
        form.addRow("Priority", self.priority)
        due_row = QVBoxLayout()
        due_row.setSpacing(4)
        due_row.addWidget(self.due)
        due_row.addWidget(self.due_error)
        form.addRow("Due", due_row)
        form.addRow("Status", self.status)
        form.addRow("From learning", self.learning)
        form.addRow(QLabel("Events it refers to"))
        form.addRow(self.links)
        form.addRow(
            hint("Every action item needs an owner and a priority before the notes go out.")
        )

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.quick_add.added.connect(self.add)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.text.committed.connect(self._on_text_committed)
        self.owner.committed.connect(lambda t: self._update("owner", owner=t.strip()))
        self.priority.currentIndexChanged.connect(
            lambda _: self._update("priority", priority=self.priority.currentData())
        )
        self.status.currentIndexChanged.connect(
            lambda _: self._update("status", status=self.status.currentData())
        )
        self.learning.currentIndexChanged.connect(
            lambda _: self._update("linked learning", learning_id=self.learning.currentData())
        )
        self.due.committed.connect(self._on_due_committed)
        self._listen()
        # Deleting an event drops its links: the counts in the list change.
        session.timeline.rowsRemoved.connect(self.reload)
        attendees = session.attendees
        for signal in (
            attendees.rowsInserted,
            attendees.rowsRemoved,
            attendees.dataChanged,
            attendees.modelReset,
        ):
            signal.connect(self._load_owner_names)
        self.reload()

    # ------------------------------------------------------------- reading

    KIND = ActionItem
    LABEL = "action item"

    def action_items(self) -> list[ActionItem]:
        """The action items as stored now, in order."""
        return [] if self.session.debrief is None else self.session.action_items()

    rows = action_items

    def reload(self, *_: Any) -> None:
        """Show the stored action items; keeps the selection and text not yet committed."""
        self.setEnabled(self.session.debrief is not None)
        items = self.action_items()
        sync_list(self.list, ((x.id, action_item_entry(x), x.text) for x in items))
        needing = [x for x in items if missing_of(x)]
        show_notice(
            self.unowned_notice,
            (
                f"{len(needing)} of {len(items)} action item{'s' if len(items) != 1 else ''} "
                "still need an owner or a priority (marked ⚠)."
            )
            if needing
            else "",
        )
        if self._editing_id is not None and row_of_id(self.list, self._editing_id) < 0:
            self._editing_id = None
        select_id(self.list, self._editing_id)
        self._load_owner_names()
        self._load_editor()

    def _load_owner_names(self, *_: Any) -> None:
        names = [a.name for a in self.session.attendees.attendees()]
        if self.session.debrief is not None:
            names += [x.owner for x in self.action_items()]
        self._owner_names.setStringList(sorted({n.strip() for n in names if n.strip()}))

    def _load_learnings(self, current: int | None) -> None:
        self.learning.blockSignals(True)
        try:
            self.learning.clear()
            self.learning.addItem("none", None)
            if self.session.debrief is not None:
                for number, x in enumerate(self.session.learnings(), start=1):
                    word = KIND_WORDS.get(x.kind, str(x.kind))
                    self.learning.addItem(f"{number}. {word}: {short(x.text, 70)}", x.id)
                    self.learning.setItemData(
                        self.learning.count() - 1, x.text, Qt.ItemDataRole.ToolTipRole
                    )
        finally:
            self.learning.blockSignals(False)
        set_combo_value(self.learning, current)

    def _load_editor(self) -> None:
        item = self.selected()
        self._loading = True
        try:
            self.editor.setEnabled(item is not None)
            self.text.set_stored(item.text if item else "")
            self.owner.set_stored(item.owner if item else "")
            set_combo_value(self.priority, item.priority if item else "")
            if not self.due.isModified():
                show_notice(self.due_error, "")
            self.due.set_stored(item.due if item else "")
            set_combo_value(self.status, item.status if item else "open")
            self._load_learnings(item.learning_id if item else None)
            self.links.show_links(item.id if item else None)
            needs = missing_of(item) if item else []
            show_notice(
                self.item_notice,
                f"This action item needs {' and '.join(needs)}." if needs else "",
            )
        finally:
            self._loading = False
        row = self.list.currentRow()
        self.up_button.setEnabled(item is not None and row > 0)
        self.down_button.setEnabled(item is not None and 0 <= row < self.list.count() - 1)
        self.remove_button.setEnabled(item is not None)

    def select(self, item_id: int | None) -> None:
        """Put an action item in the editor (committing what is typed for the previous one)."""
        if item_id != self._editing_id:
            self.commit_pending()
            self._editing_id = item_id
            for field in (self.text, self.owner, self.due):
                field.set_stored("")
            show_notice(self.due_error, "")
        select_id(self.list, item_id)
        self._load_editor()

    def commit_pending(self) -> None:
        """Commit text typed into the editor but not yet committed."""
        self.text.commit()
        self.owner.commit()
        self.due.commit()

    # --------------------------------------------------------------- edits

    def add(self, text: str) -> ActionItem | None:
        """Add an action item at the end and select it, ready for its owner."""
        if self.session.debrief is None:
            return None
        item: ActionItem | None = self.session.add_row(
            ActionItem, "action item",
            debrief_id=self.session.debrief_id, text=text, owner="", priority="", due="",
            status="open", learning_id=None,
        )  # fmt: skip
        if item is not None:
            self.select(item.id)
        return item

    # ----------------------------------------------------------- handlers

    def _on_list_current_row_changed(self, row: int) -> None:
        self.select(id_at(self.list, row))

    def _on_text_committed(self, text: str) -> None:
        if text.strip():
            self._update("action item", text=text)

    def _on_due_committed(self, text: str) -> None:
        due = parse_due(text)
        if due is None:
            # Keep what was typed, so it can be corrected rather than typed again.
            self.due.setModified(True)
            item = self.selected()
            self.due.set_stored(item.due if item else "")
            show_notice(
                self.due_error,
                f"“{short(text, 40)}” is not a date: use YYYY-MM-DD, e.g. 2026-12-04.",
                ERROR_STYLE,
            )
            return
        show_notice(self.due_error, "")
        if due != text.strip():
            self.due.setText(due)
        self._update("due date", due=due)

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
