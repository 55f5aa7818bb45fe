"""Pieces every notes panel uses: fields that commit when left, calm hints and warnings.

A notes field never loses what someone typed: it commits when editing ends
(Return or focus moving away), and a reload from the store never overwrites
text that was typed but not yet committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from debrief_desktop.gui.models import time_label
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import Event
from debrief_desktop.store.store import TABLES

HINT_STYLE = "color: palette(placeholder-text);"
WARNING_STYLE = (
    "background: #fff4d6; color: #5c4400; border: 1px solid #f0d48a;"
    " border-radius: 4px; padding: 6px 10px;"
)
OK_STYLE = (
    "background: #e6f4ea; color: #1e4620; border: 1px solid #b7dfc0;"
    " border-radius: 4px; padding: 6px 10px;"
)
ERROR_STYLE = (
    "background: #fde7e4; color: #7a1b0c; border: 1px solid #f2b8ae;"
    " border-radius: 4px; padding: 6px 10px;"
)
NEUTRAL_STYLE = (
    "background: #eef1f5; color: #2b3440; border: 1px solid #d5dbe3;"
    " border-radius: 4px; padding: 6px 10px;"
)
SPACING = 10

#: The three answers a yes/no question can have (combo text, stored value).
TRI_STATE: tuple[tuple[str, bool | None], ...] = (
    ("not answered", None),
    ("yes", True),
    ("no", False),
)


def hint(text: str) -> QLabel:
    """A quiet line of explanation under a field or a list."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def notice(object_name: str) -> QLabel:
    """A label for a visible but calm warning; hidden until :func:`show_notice` fills it."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(WARNING_STYLE)
    label.hide()
    return label


def show_notice(label: QLabel, text: str, style: str = WARNING_STYLE) -> None:
    """Show ``text`` in a notice label (an empty text hides it)."""
    label.setText(text)
    label.setStyleSheet(style)
    label.setVisible(bool(text))


def short(text: str, limit: int = 120) -> str:
    """One line of a longer text, for list entries."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def tri_combo(texts: Sequence[tuple[str, Any]] = TRI_STATE) -> QComboBox:
    """A combo box over (text, value) pairs; the value is the item data."""
    combo = QComboBox()
    for text, value in texts:
        combo.addItem(text, value)
    return combo


def set_combo_value(combo: QComboBox, value: Any) -> None:
    """Select the item whose data is ``value`` without emitting change signals."""
    with QSignalBlocker(combo):
        for i in range(combo.count()):
            if combo.itemData(i) == value:
                combo.setCurrentIndex(i)
                return
        combo.setCurrentIndex(0)


class NotesPanel(QWidget):
    """A panel over the open debrief that reloads when the Session says its rows changed.

    The Session announces a row edit twice, ``notes_changed`` then
    ``rows_changed(table)``; the panel reloads once per edit.

    Attributes:
        TABLES: the tables whose ``rows_changed`` concerns this panel (None: every table).
    """

    TABLES: ClassVar[frozenset[str] | None] = None

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._after_notes = False

    def reload(self, *_: Any) -> None:
        """Show what is stored now."""
        raise NotImplementedError

    def _listen(self) -> None:
        s = self.session
        s.debrief_opened.connect(self._on_session_debrief_opened)
        s.notes_changed.connect(self._on_session_notes_changed)
        s.rows_changed.connect(self._on_session_rows_changed)

    def _on_session_debrief_opened(self, _debrief_id: int) -> None:
        self.reload()

    def _on_session_notes_changed(self) -> None:
        self._after_notes = True
        self.reload()

    def _on_session_rows_changed(self, table: str) -> None:
        after_notes, self._after_notes = self._after_notes, False
        if not after_notes and (self.TABLES is None or table in self.TABLES):
            self.reload()


class CommitLineEdit(QLineEdit):
    """A one-line field that commits when editing ends (Return or leaving the field).

    Signals:
        committed(str): the user finished editing and the text differs from what is stored.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.editingFinished.connect(self.commit)

    def set_stored(self, text: str) -> None:
        """Show the stored value, unless the user has typed something not yet committed."""
        self._stored = text
        if not self.isModified() and self.text() != text:
            with QSignalBlocker(self):
                self.setText(text)

    def commit(self) -> None:
        """Commit typed text now (does nothing when nothing changed)."""
        modified = self.isModified()
        self.setModified(False)
        if modified and self.text() != self._stored:
            self._stored = self.text()
            self.committed.emit(self.text())


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that commits when focus moves away (or on :meth:`commit`).

    Signals:
        committed(str): the user left the field and the text differs from what is stored.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.setTabChangesFocus(True)
        # Kept after a short pause in typing as well, so a logout or a crash while the
        # cursor is still in the field loses nothing.
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(1500)
        self._pause.timeout.connect(self.commit)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        if self.document().isModified():
            self._pause.start()

    def set_stored(self, text: str) -> None:
        """Show the stored value, unless the user has typed something not yet committed."""
        self._stored = text
        if not self.document().isModified() and self.toPlainText() != text:
            with QSignalBlocker(self):
                self.setPlainText(text)
            self.document().setModified(False)

    def commit(self) -> None:
        """Commit typed text now (does nothing when nothing changed)."""
        modified = self.document().isModified()
        self.document().setModified(False)
        text = self.toPlainText()
        if modified and text != self._stored:
            self._stored = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class QuickAdd(QWidget):
    """A line to type a new entry into, with an "Add" button; Return adds too.

    Signals:
        added(str): the text to add (never empty); the field is cleared after.
    """

    added = Signal(str)

    def __init__(self, placeholder: str, button: str = "Add", parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.button = QPushButton(button)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.edit.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)

    def add_leading(self, widget: QWidget) -> None:
        """Put a widget (a kind chooser) before the text field."""
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(0, widget)

    def submit(self) -> None:
        """Add what is typed (nothing happens for an empty line)."""
        text = self.edit.text().strip()
        if text:
            self.edit.clear()
            self.added.emit(text)


def sync_list(
    list_widget: QListWidget, entries: Iterable[tuple[int, str, str]], *, editable: bool = False
) -> None:
    """Make a list show (id, text, tooltip) entries, updating items in place.

    In-place updates keep the current row, the scroll position and an open editor.
    """
    entries = list(entries)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    with QSignalBlocker(list_widget):
        while list_widget.count() > len(entries):
            list_widget.takeItem(list_widget.count() - 1)
        for row, (row_id, text, tip) in enumerate(entries):
            item = list_widget.item(row)
            if item is None:
                item = QListWidgetItem()
                list_widget.addItem(item)
            if item.data(Qt.ItemDataRole.UserRole) != row_id:
                item.setData(Qt.ItemDataRole.UserRole, row_id)
            if item.text() != text:
                item.setText(text)
            item.setToolTip(tip)
            if item.flags() != flags:
                item.setFlags(flags)


def row_of_id(list_widget: QListWidget, row_id: int | None) -> int:
    """The row of the list item holding ``row_id``, or -1."""
    for row in range(list_widget.count()):
        item = list_widget.item(row)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == row_id:
            return row
    return -1


def id_at(list_widget: QListWidget, row: int) -> int | None:
    """The id held by the list item at ``row``, or None."""
    item = list_widget.item(row)
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def select_id(list_widget: QListWidget, row_id: int | None) -> None:
    """Make the item holding ``row_id`` current (without emitting signals)."""
    with QSignalBlocker(list_widget):
        list_widget.setCurrentRow(row_of_id(list_widget, row_id))


def event_entry(event: Event) -> str:
    """One line of the event checklist: the time and the start of the text."""
    return f"{time_label(event)} — {short(event.text, 80)}"


class EventLinksWidget(QListWidget):
    """The timeline as a checklist: tick the events a learning or action item refers to.

    Each tick is one undoable edit (``Session.apply`` around
    ``Store.set_linked_events``).

    Args:
        session: the open debrief.
        table: ``"learning_event"`` or ``"action_item_event"``.
        label: what the undo stack calls the edit ("linked events").
    """

    def __init__(self, session: Session, table: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.table = table
        self.label = label
        self.owner_id: int | None = None
        self._ticked: set[int] = set()
        self._rows: dict[int, int] = {}  # event id -> row, valid while the timeline is unchanged
        self._stale = True
        self.setObjectName("eventLinks")
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(self._on_item_changed)
        timeline = session.timeline
        for signal in (
            timeline.rowsInserted,
            timeline.rowsRemoved,
            timeline.rowsMoved,
            timeline.modelReset,
        ):
            signal.connect(self._on_timeline_rows_changed)
        timeline.dataChanged.connect(self._on_timeline_data_changed)

    def _on_timeline_rows_changed(self, *_: Any) -> None:
        # Laid out again now when on screen, else when next shown (timelines can be long).
        self._stale = True
        if self.isVisible():
            self.show_links(self.owner_id)

    def _on_timeline_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_: Any) -> None:
        if self._stale:
            return
        for row in range(top.row(), bottom.row() + 1):
            event = self.session.timeline.event_at(row)
            item = self.item(row)
            if event is not None and item is not None:
                with QSignalBlocker(self):
                    item.setText(event_entry(event))
                    item.setToolTip(event.text)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.show_links(self.owner_id)
        super().showEvent(event)

    def show_links(self, owner_id: int | None) -> None:
        """Show the timeline with the events ``owner_id`` refers to ticked."""
        self.owner_id = owner_id
        linked = set() if owner_id is None else set(self.linked())
        self.setEnabled(owner_id is not None)
        if not self._stale:
            # Only the ticks can have changed: touch just those rows (timelines can be long).
            with QSignalBlocker(self):
                for event_id in linked ^ self._ticked:
                    item = self.item(self._rows.get(event_id, -1))
                    if item is not None:
                        on = event_id in linked
                        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self._ticked = linked
            return
        with QSignalBlocker(self):
            events = list(self.session.timeline.events())
            while self.count() > len(events):
                self.takeItem(self.count() - 1)
            for row, event in enumerate(events):
                item = self.item(row)
                if item is None:
                    item = QListWidgetItem()
                    item.setFlags(
                        Qt.ItemFlag.ItemIsEnabled
                        | Qt.ItemFlag.ItemIsSelectable
                        | Qt.ItemFlag.ItemIsUserCheckable
                    )
                    self.addItem(item)
                item.setData(Qt.ItemDataRole.UserRole, event.id)
                text = event_entry(event)
                if item.text() != text:
                    item.setText(text)
                item.setToolTip(event.text)
                state = Qt.CheckState.Checked if event.id in linked else Qt.CheckState.Unchecked
                item.setCheckState(state)
        self._rows = {event.id: row for row, event in enumerate(events)}
        self._ticked = linked
        self._stale = False

    def linked(self) -> list[int]:
        """The stored links of the current owner, in timeline order."""
        if self.owner_id is None:
            return []
        return self.session.store.linked_events(self.table, self.owner_id)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self.owner_id is None:
            return
        event_id = int(item.data(Qt.ItemDataRole.UserRole))
        ticked = set(self._ticked)
        if item.checkState() == Qt.CheckState.Checked:
            ticked.add(event_id)
        else:
            ticked.discard(event_id)
        self._ticked = ticked
        ids = sorted(ticked, key=lambda i: self._rows.get(i, len(self._rows)))
        set_links(self.session, self.table, self.owner_id, ids, self.label)


def set_links(
    session: Session, table: str, owner_id: int, event_ids: list[int], label: str
) -> None:
    """Replace the events a learning or action item refers to, as one undoable edit."""
    store = session.store
    before = store.linked_events(table, owner_id)
    if set(before) == set(event_ids):
        return

    def put(ids: list[int]) -> Callable[[], None]:
        def run() -> None:
            store.set_linked_events(table, owner_id, ids)
            # The Session's row edits announce themselves; a link edit has to say so here.
            session.notes_changed.emit()
            session.rows_changed.emit(table)

        return run

    session.apply(label, put(list(event_ids)), put(before))


def move_row(session: Session, kind: type[Any], row_id: int, position: int, label: str) -> None:
    """Move a positioned row (a learning, an action item) to ``position``, as one undoable edit."""
    store = session.store
    before = int(store.get(kind, row_id).position)
    if before == position:
        return

    def put(to: int) -> Callable[[], None]:
        def run() -> None:
            store.move(kind, row_id, to)
            session.notes_changed.emit()
            session.rows_changed.emit(TABLES[kind])

        return run

    session.apply(label, put(position), put(before))


class RowEditorPanel(NotesPanel):
    """A notes panel with a list of rows of one kind and an editor for the selected one.

    Subclasses set :attr:`KIND` and :attr:`LABEL`, list their rows in :meth:`rows`,
    keep the edited row's id in ``_editing_id``, the list widget in ``list``, and
    provide ``select``, ``commit_pending`` and ``_loading``.
    """

    KIND: ClassVar[type[Any]]
    LABEL: ClassVar[str]
    list: QListWidget
    _editing_id: int | None
    _loading: bool

    def rows(self) -> list[Any]:
        """The rows as stored now, in order."""
        raise NotImplementedError

    def select(self, row_id: int | None) -> None:
        """Show a row in the editor."""
        raise NotImplementedError

    def commit_pending(self) -> None:
        """Commit what is typed but not yet committed."""
        raise NotImplementedError

    def selected(self) -> Any | None:
        """The row in the editor."""
        if self._editing_id is None:
            return None
        return next((x for x in self.rows() if x.id == self._editing_id), None)

    def remove_selected(self) -> None:
        """Remove the row in the editor (undo brings it back with its links)."""
        row = self.selected()
        if row is None:
            return
        self.commit_pending()  # so that undo brings back what was typed, too
        at = self.list.currentRow()
        self._editing_id = None
        self.session.remove_row(self.KIND, row.id, self.LABEL)
        self.select(id_at(self.list, min(at, self.list.count() - 1)))

    def move_selected(self, delta: int) -> None:
        """Move the row in the editor up (-1) or down (+1)."""
        row = self.selected()
        if row is None:
            return
        self.commit_pending()
        target = self.list.currentRow() + delta
        if 0 <= target < self.list.count():
            move_row(self.session, self.KIND, row.id, target, f"{self.LABEL} order")
            self.select(row.id)

    def _update(self, label: str, **fields: Any) -> None:
        row = self.selected()
        if self._loading or row is None:
            return
        if all(getattr(row, k) == v for k, v in fields.items()):
            return
        self.session.update_row(self.KIND, row.id, label, **fields)
