"""The facilitator console: the timeline editor, accounts, private notes, quick notes, preview.

The console is private to the facilitator. It may select an event for editing
without moving the room; "Show this" moves the room to it. Every change goes
through the :class:`~debrief_desktop.gui.session.Session`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.commands import build_actions
from debrief_desktop.gui.forms.ui_event_editor import Ui_EventEditor
from debrief_desktop.gui.models import ID_ROLE
from debrief_desktop.gui.session import SCENES, THEMES, Session
from debrief_desktop.gui.tools import (
    AgendaPanel,
    IntroPanel,
    QuestionsPanel,
    TimerWidget,
    ToolsController,
    attach_hints,
)
from debrief_desktop.gui.widgets.labels import plain_label
from debrief_desktop.store.models import Event, EventKind, Precision, PreparedQuestion, PrivateNote
from debrief_desktop.store.store import iso

if TYPE_CHECKING:
    from debrief_desktop.facilitation.timeparse import TimelineClock

PRECISION_WORDS = {
    Precision.EXACT: "exact",
    Precision.APPROXIMATE: "≈ approximate",
    Precision.BEFORE: "upper bound",
    Precision.DATE: "date only",
    Precision.RELATIVE: "relative",
    Precision.UNKNOWN: "not understood: kept as written",
}
AUTOSAVE_MS = 1500
PRIVATE_BANNER = "Private — never shown on the projector or in the shared notes"


class _LiveRowDelegate(QStyledItemDelegate):
    """Marks the row the room is seeing, so the facilitator always knows."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        live = index.row() == self._session.live_row
        if live:
            painter.fillRect(option.rect, QColor("#ffe9a8"))
            option.font.setBold(True)
        super().paint(painter, option, index)
        if live and index.column() == 0:
            # A bar that stays visible when the live row is also the selected one.
            bar = option.rect.adjusted(0, 0, 0, 0)
            bar.setWidth(6)
            painter.fillRect(bar, QColor("#d97706"))


class EventEditorWidget(QWidget):
    """The Designer form for one event's fields (ui/event_editor.ui)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EventEditor()
        self.ui.setupUi(self)
        for kind in EventKind:
            self.ui.kindCombo.addItem(kind.value, kind.value)


class ConsoleWindow(QMainWindow):
    """The facilitator's window.

    Args:
        session: the open debrief.
        preview: a small live view of what the projector shows (any widget), or None.
        screen_handlers: handlers for the window-placing commands (fullscreen,
            leave_fullscreen, swap_screens, preflight); missing ones do nothing.
    """

    def __init__(
        self,
        session: Session,
        preview: QWidget | None = None,
        screen_handlers: Mapping[str, Callable[[], None]] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("Debrief Desktop — facilitator console")
        self._loading = False
        self._selected_id: int | None = None
        self._last_live_id: int | None = None
        self._account_for: tuple[int, int] | None = None  # (event, person) of the account box

        handlers: dict[str, Callable[[], None]] = {
            "next": session.next_event,
            "previous": session.previous_event,
            "show_selected": self.show_selected,
            "blackout": session.toggle_blackout,
            "reveal": session.toggle_reveal,
            "font_larger": lambda: session.step_font(+1),
            "font_smaller": lambda: session.step_font(-1),
            "role_labels": lambda: session.set_role_labels(not session.role_labels),
            "quick_note": self.focus_quick_note,
            "undo": self._undo,
            "redo": self._redo,
            "next_step": lambda: self.tools.next_step(),
            "about": self.show_about,
            "library": self.show_library,
            "hints": lambda: self.tools.set_hints_enabled(not self.tools.hints_enabled),
        }
        for name in ("fullscreen", "leave_fullscreen", "swap_screens", "preflight"):
            handlers[name] = (screen_handlers or {}).get(name, lambda: None)
        self.actions_by_name = build_actions(self, handlers)

        self._build_toolbar()
        self._build_body(preview)
        self._connect()
        self._sync_toggles()
        self.resize(1400, 860)
        if session.debrief is not None:
            self._on_session_debrief_opened(session.debrief_id)

    # ------------------------------------------------------------ building

    def _build_toolbar(self) -> None:
        bar = QToolBar("Room")
        bar.setObjectName("roomToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        a = self.actions_by_name
        for name in ("previous", "next", "show_selected", "blackout", "reveal", "role_labels"):
            bar.addAction(a[name])
        bar.addSeparator()
        self.scene_combo = QComboBox()
        self.scene_combo.setObjectName("sceneCombo")
        for key, label in SCENES:
            self.scene_combo.addItem(label, key)
        self.scene_combo.setToolTip("What the projector shows")
        bar.addWidget(QLabel(" Projector shows: "))
        bar.addWidget(self.scene_combo)
        self.theme_combo = QComboBox()
        for theme in THEMES:
            self.theme_combo.addItem(f"{theme} theme", theme)
        bar.addWidget(self.theme_combo)
        self.clock_check = QCheckBox("Clock")
        self.clock_check.setToolTip("Show the meeting's remaining time in the projector's corner")
        bar.addWidget(self.clock_check)
        bar.addSeparator()
        for name in ("undo", "redo", "library"):
            bar.addAction(a[name])
        self.addToolBar(bar)
        # Every command is also in a menu, so none hides behind the toolbar's overflow.
        menus = self.menuBar()
        for title, names in (
            ("&Edit", ("undo", "redo", "quick_note", "show_selected")),
            ("&Room", ("next", "previous", "blackout", "reveal", "role_labels", "next_step")),
            (
                "&Projector",
                ("fullscreen", "leave_fullscreen", "swap_screens", "font_larger", "font_smaller",
                 "preflight"),
            ),
            ("&View", ("library", "hints")),
            ("&Help", ("about",)),
        ):  # fmt: skip
            menu = menus.addMenu(title)
            for name in names:
                menu.addAction(a[name])

    def _build_body(self, preview: QWidget | None) -> None:
        # Left: the timeline.
        self.table = QTableView()
        self.table.setObjectName("timelineTable")
        self.table.setModel(self.session.timeline)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_LiveRowDelegate(self.session, self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 120), (1, 140), (2, 110), (4, 70)):
            self.table.setColumnWidth(col, width)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add event")
        self.delete_button = QPushButton("Delete")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.show_button = QPushButton("Show this to the room")
        for b in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)

        self.quick_note = QLineEdit()
        self.quick_note.setObjectName("quickNote")
        self.quick_note.setPlaceholderText(
            "Quick note on the current event — Enter to keep (Ctrl+L)"
        )
        self.quick_note_hints = plain_label()
        self.quick_note_hints.setObjectName("quickNoteHints")
        self.quick_note_hints.setWordWrap(True)
        self.quick_note_hints.setStyleSheet("color: #8a4b00;")
        self.quick_note_status = plain_label()
        self._note_event_id: int | None = None  # live when the note-taker started typing

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.quick_note)
        left_layout.addWidget(self.quick_note_hints)
        left_layout.addWidget(self.quick_note_status)

        # Right: preview on top, then the selected event's tabs.
        self.editor = EventEditorWidget()
        self.tools = ToolsController(self.session)
        self.timer = TimerWidget(self.tools)
        self.timer.setObjectName("timerWidget")
        self.questions = QuestionsPanel(self.tools)
        self.agenda = AgendaPanel(self.tools)
        self.agenda.next_button.hide()  # the timer strip, always in sight, has the same button
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_event_tab(), "Event")
        self.tabs.addTab(self.questions, "Questions")
        self.tabs.addTab(self.agenda, "Agenda")
        self.tabs.addTab(IntroPanel(self.tools), "Introduction")
        self.tabs.addTab(self._build_private_tab(), "Private notes")
        self.tabs.addTab(self._build_people_tab(), "People")
        # Built when first opened: the shared notes and the library views are not
        # needed to start a debrief (their modules alone are a sixth of start-up).
        self.notes_page = QWidget()
        QVBoxLayout(self.notes_page).setContentsMargins(0, 0, 0, 0)
        self.notes_tabs: QTabWidget | None = None
        self.panels: dict[str, QWidget] = {}
        self.tabs.addTab(self.notes_page, "Shared notes")
        self.library_page = QWidget()
        QVBoxLayout(self.library_page).setContentsMargins(0, 0, 0, 0)
        self.library_tabs: QTabWidget | None = None
        self.tabs.addTab(self.library_page, "Library")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # Blame and hindsight phrases are underlined wherever people type notes.
        self._hints = [
            attach_hints(editor, self.tools)
            for editor in (self.editor.ui.textEdit, self.account_text)
        ]

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.live_label = plain_label()
        self.live_label.setWordWrap(True)
        # A long unbroken word must not widen the pane and squeeze the timeline.
        self.live_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        if preview is not None:
            box = QGroupBox("The room sees now")
            box_layout = QVBoxLayout(box)
            preview.setMinimumSize(320, 180)
            preview.setMaximumHeight(300)
            box_layout.addWidget(preview)
            box_layout.addWidget(self.live_label)
            right_layout.addWidget(box)
        else:
            right_layout.addWidget(self.live_label)
        right_layout.addWidget(self.tabs, 1)

        # The right pane scrolls, so the console fits a 1366x768 laptop (or a small
        # screen after "swap screens") without pushing anything off the bottom.
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The timer strip stays in sight above it, whatever the facilitator scrolls to.
        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(self.timer)
        column_layout.addWidget(scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(column)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.setCentralWidget(splitter)

    def _build_event_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.editor)
        accounts = QGroupBox("Accounts — each person's own, never merged")
        form = QVBoxLayout(accounts)
        self.accounts_list = QListWidget()
        self.accounts_list.setObjectName("accountsList")
        self.accounts_list.setWordWrap(True)
        row = QHBoxLayout()
        self.account_person = QComboBox()
        self.account_person.setModel(self.session.attendees)
        self.account_text = QPlainTextEdit()
        self.account_text.setPlaceholderText("How it looked to this person at the time")
        self.account_text.setMaximumHeight(90)
        self.account_save = QPushButton("Keep account")
        row.addWidget(QLabel("Person"))
        row.addWidget(self.account_person, 1)
        row.addWidget(self.account_save)
        form.addWidget(self.accounts_list, 1)
        form.addLayout(row)
        form.addWidget(self.account_text)
        layout.addWidget(accounts, 1)
        return tab

    def _build_private_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        banner = QLabel(PRIVATE_BANNER)
        banner.setObjectName("privateBanner")
        banner.setStyleSheet("font-weight: bold; color: #8a1c00;")
        banner.setWordWrap(True)
        layout.addWidget(banner)
        layout.addWidget(QLabel("Prepared questions for this event"))
        self.questions_list = QListWidget()
        self.questions_list.setWordWrap(True)
        layout.addWidget(self.questions_list, 1)
        self.question_edit = QLineEdit()
        self.question_edit.setPlaceholderText("An open question: how…? what…? — Enter to add")
        layout.addWidget(self.question_edit)
        layout.addWidget(QLabel("Private notes on this event"))
        self.private_list = QListWidget()
        self.private_list.setWordWrap(True)
        layout.addWidget(self.private_list, 1)
        self.private_edit = QLineEdit()
        self.private_edit.setPlaceholderText("A note only you see — Enter to add")
        layout.addWidget(self.private_edit)
        self.remove_private_button = QPushButton("Remove selected")
        layout.addWidget(self.remove_private_button)
        return tab

    def _build_people_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.people_view = QListView()
        self.people_view.setModel(self.session.attendees)
        layout.addWidget(self.people_view, 1)
        form = QFormLayout()
        self.person_name = QLineEdit()
        self.person_role = QLineEdit()
        self.person_role.setPlaceholderText("e.g. on-call engineer, incident commander")
        form.addRow("Name", self.person_name)
        form.addRow("Role", self.person_role)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.person_add = QPushButton("Add person")
        self.person_update = QPushButton("Save changes")
        row.addWidget(self.person_add)
        row.addWidget(self.person_update)
        self.person_remove = QPushButton("Remove person")
        self.person_remove.setToolTip("Their accounts go too; Ctrl+Z brings both back")
        row.addWidget(self.person_remove)
        layout.addLayout(row)
        hint = QLabel("With “Roles instead of names” on, the room sees roles, not names.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return tab

    def _connect(self) -> None:
        s = self.session
        s.debrief_opened.connect(self._on_session_debrief_opened)
        s.live_changed.connect(self._on_session_live_changed)
        s.perspectives_changed.connect(self._on_session_perspectives_changed)
        s.private_changed.connect(self._on_session_private_changed)
        s.notes_changed.connect(self._show_last_note)
        s.blackout_changed.connect(self._sync_toggles)
        s.reveal_changed.connect(self._sync_toggles)
        s.role_labels_changed.connect(self._sync_toggles)
        s.scene_changed.connect(self._sync_toggles)
        s.theme_changed.connect(self._sync_toggles)
        s.clock_visible_changed.connect(self._sync_toggles)
        s.edit_failed.connect(self._on_session_edit_failed)
        s.rows_changed.connect(self._on_session_rows_changed)
        s.timeline.dataChanged.connect(self._on_timeline_data_changed)
        s.timeline.rowsRemoved.connect(self._on_timeline_rows_removed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)

        ui = self.editor.ui
        ui.timeEdit.editingFinished.connect(lambda: self._commit_time())
        ui.actorEdit.editingFinished.connect(
            lambda: self._commit_field("actor", ui.actorEdit.text())
        )
        ui.kindCombo.activated.connect(
            lambda: self._commit_field("kind", ui.kindCombo.currentData())
        )
        ui.pivotCheck.clicked.connect(lambda on: self._commit_field("pivot", bool(on)))
        ui.textEdit.installEventFilter(self)

        self.add_button.clicked.connect(self.add_event_after_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(+1))
        self.show_button.clicked.connect(self.show_selected)
        self.quick_note.returnPressed.connect(self._on_quick_note_return_pressed)
        self.account_save.clicked.connect(self._on_account_save_clicked)
        self.account_person.currentIndexChanged.connect(self._on_account_person_changed)
        self.quick_note.textEdited.connect(self._on_quick_note_text_edited)
        self.quick_note.textChanged.connect(self._show_quick_note_hints)
        self.tools.hints_enabled_changed.connect(self._show_quick_note_hints)
        self.tools.hints_enabled_changed.connect(self._sync_toggles)
        # Typed text is kept after a short pause too, not only when the field is left:
        # a logout or a crash must not take a paragraph with it.
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        ui.textEdit.textChanged.connect(self._on_editor_text_changed)
        self.account_text.textChanged.connect(self._on_editor_text_changed)
        self.accounts_list.currentRowChanged.connect(self._on_accounts_list_current_row_changed)
        self.question_edit.returnPressed.connect(self._on_question_edit_return_pressed)
        self.private_edit.returnPressed.connect(self._on_private_edit_return_pressed)
        self.remove_private_button.clicked.connect(self._on_remove_private_clicked)
        self.person_add.clicked.connect(self._on_person_add_clicked)
        self.person_update.clicked.connect(self._on_person_update_clicked)
        self.person_remove.clicked.connect(self._on_person_remove_clicked)
        self.people_view.selectionModel().currentChanged.connect(
            self._on_people_view_current_changed
        )
        self.scene_combo.activated.connect(lambda: s.set_scene(str(self.scene_combo.currentData())))
        self.theme_combo.activated.connect(lambda: s.set_theme(str(self.theme_combo.currentData())))
        self.clock_check.toggled.connect(s.set_clock_visible)

    # ---------------------------------------------------------- selection

    @property
    def selected_event(self) -> Event | None:
        """The event selected for editing (not necessarily the one the room sees)."""
        if self._selected_id is None:
            return None
        return self.session.timeline.event_at(self.session.timeline.row_of(self._selected_id))

    def select_row(self, row: int) -> None:
        """Select an event for editing without moving the room."""
        index = self.session.timeline.index(row, 0)
        if index.isValid():
            self.table.selectRow(row)
            self.table.scrollTo(index)

    def commit_pending(self) -> None:
        """Keep whatever has been typed but not yet committed (fields, the open account).

        Every value is read before any is committed: a commit refreshes the editor
        from the store, which would otherwise wipe the fields not yet committed.
        """
        ui = self.editor.ui
        time_text, actor = ui.timeEdit.text(), ui.actorEdit.text()
        text, account = ui.textEdit.toPlainText(), self.account_text.toPlainText()
        self._commit_account(account)
        self._commit_field("text", text)
        self._commit_field("actor", actor)
        self._commit_time(time_text)
        for panel in self.panels.values():
            commit = getattr(panel, "commit_pending", None)
            if commit is not None:
                commit()

    def _on_table_selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        self.commit_pending()
        rows = self.table.selectionModel().selectedRows()
        self._selected_id = int(rows[0].data(ID_ROLE)) if rows else None
        self._load_editor()
        self.questions.set_event(self._selected_id)

    def _load_editor(self) -> None:
        event = self.selected_event
        ui = self.editor.ui
        self._loading = True
        try:
            self.editor.setEnabled(event is not None)
            ui.timeEdit.setText(event.time_text if event else "")
            ui.precisionLabel.setText(PRECISION_WORDS[event.precision] if event else "")
            ui.actorEdit.setText(event.actor if event else "")
            ui.kindCombo.setCurrentIndex(ui.kindCombo.findData(event.kind.value) if event else -1)
            ui.pivotCheck.setChecked(bool(event and event.pivot))
            if event is None or ui.textEdit.toPlainText() != event.text:
                ui.textEdit.setPlainText(event.text if event else "")
        finally:
            self._loading = False
        self._load_accounts()
        self._load_private()

    # -------------------------------------------------------------- edits

    def _commit_field(self, name: str, value: object) -> None:
        event = self.selected_event
        if self._loading or event is None or getattr(event, name) == value:
            return
        self.session.update_event(event.id, **{name: value})

    def _commit_time(self, text: str | None = None) -> None:
        event = self.selected_event
        text = self.editor.ui.timeEdit.text() if text is None else text
        if self._loading or event is None or text == event.time_text:
            return
        parsed = self._clock_for(event).parse(text)
        self.session.update_event(
            event.id,
            time_text=text,
            instant=None if parsed.instant is None else iso(parsed.instant),
            precision=parsed.precision,
            timezone=parsed.timezone,
        )

    def _clock_for(self, event: Event) -> TimelineClock:
        """A clock that reads a typed time in the context of the events before it."""
        # Imported here: the parser (and dateutil) is not needed to start the app.
        from debrief_desktop.facilitation.timeparse import TimelineClock

        debrief = self.session.debrief
        zone = debrief.timezone if debrief and debrief.timezone else "UTC"
        day = None
        if debrief and debrief.incident_date:
            try:
                day = dt.date.fromisoformat(debrief.incident_date)
            except ValueError:
                day = None
        clock = TimelineClock(default_tz=zone, date=day)
        row = self.session.timeline.row_of(event.id)
        for before in list(self.session.timeline.events())[max(0, row - 5) : row]:
            clock.parse(before.time_text)
        return clock

    def _commit_text(self) -> None:
        self._commit_field("text", self.editor.ui.textEdit.toPlainText())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor.ui.textEdit and event.type() == QEvent.Type.FocusOut:
            self._commit_text()
        return super().eventFilter(watched, event)

    def add_event_after_selected(self) -> None:
        """Add an empty event after the selected one (or at the end) and select it."""
        self._commit_text()
        row = self.table.currentIndex().row()
        at = row + 1 if row >= 0 else self.session.timeline.rowCount()
        event = self.session.add_event(row=at, text="")
        if event is not None:
            self.select_row(self.session.timeline.row_of(event.id))
            self.editor.ui.timeEdit.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected event (Ctrl+Z brings it back with its accounts)."""
        event = self.selected_event
        if event is not None:
            row = self.session.timeline.row_of(event.id)
            self.session.delete_event(event.id)
            self.select_row(min(row, self.session.timeline.rowCount() - 1))

    def move_selected(self, delta: int) -> None:
        """Move the selected event up (-1) or down (+1)."""
        event = self.selected_event
        if event is not None:
            self._commit_text()
            self.session.move_event(event.id, self.session.timeline.row_of(event.id) + delta)
            self.select_row(self.session.timeline.row_of(event.id))

    def show_selected(self) -> None:
        """Move the room to the selected event ("show this")."""
        event = self.selected_event
        if event is not None:
            self.session.go_live(self.session.timeline.row_of(event.id))

    def _on_editor_text_changed(self) -> None:
        if not self._loading:
            self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        self._commit_text()
        self._commit_account()

    def _show_quick_note_hints(self) -> None:
        """One-line fields cannot underline: the hints for the quick note show beneath it."""
        from debrief_desktop.facilitation.hints import find_hints

        text = self.quick_note.text()
        found = find_hints(text) if text and self.tools.hints_enabled else []
        self.quick_note_hints.setText(
            "  ·  ".join(f"“{h.phrase}”: {h.suggestion}" for h in found[:2])
        )
        self.quick_note_hints.setVisible(bool(found))

    def focus_quick_note(self) -> None:
        """Bring the console forward and put the cursor in the quick-note field."""
        self.activateWindow()
        self.raise_()
        self.quick_note.setFocus()
        self.quick_note.selectAll()

    def _on_quick_note_text_edited(self, text: str) -> None:
        if not text.strip():
            self._note_event_id = None
        elif self._note_event_id is None:
            live = self.session.live_event
            self._note_event_id = live.id if live else None

    def _on_quick_note_return_pressed(self) -> None:
        text = self.quick_note.text().strip()
        if text and self.session.capture_note(text, self._note_event_id) is not None:
            self.quick_note.clear()
            self._note_event_id = None

    def _show_last_note(self) -> None:
        live = self.session.live_event
        notes = self.session.notes_of(live.id if live else None)
        if notes:
            stamp = dt.datetime.fromisoformat(notes[-1].created_at).astimezone().strftime("%H:%M")
            self.quick_note_status.setText(f"Kept at {stamp}: {notes[-1].text[:120]}")
        else:
            self.quick_note_status.setText("")

    def _undo(self) -> None:
        self.commit_pending()
        self.session.undo_stack.undo()

    def _redo(self) -> None:
        self.session.undo_stack.redo()

    # accounts

    def _load_accounts(self) -> None:
        self.accounts_list.clear()
        event = self.selected_event
        if event is None:
            self.account_text.clear()
            self._account_for = None
            return
        for p in self.session.perspectives_of(event.id):
            a = self.session.attendees.find(p.attendee_id)
            who = (f"{a.name} ({a.role})" if a.role else a.name) if a else "someone"
            self.accounts_list.addItem(f"{who}: {p.account}")
        self._load_account_text()

    def _load_account_text(self) -> None:
        event = self.selected_event
        attendee_id = self.account_person.currentData(ID_ROLE)
        text = ""
        if event is not None and attendee_id is not None:
            for p in self.session.perspectives_of(event.id):
                if p.attendee_id == attendee_id:
                    text = p.account
        self.account_text.setPlainText(text)
        self._account_for = (
            (event.id, int(attendee_id)) if event is not None and attendee_id is not None else None
        )

    def _on_account_person_changed(self) -> None:
        self._commit_account()  # what was typed for the previous person is kept
        self._load_account_text()

    def _commit_account(self, text: str | None = None) -> None:
        """Keep a typed account that was not saved with the button (never deletes one)."""
        target = self._account_for
        text = self.account_text.toPlainText() if text is None else text
        if target is None or not text.strip():
            return
        event_id, attendee_id = target
        stored = next(
            (
                p.account
                for p in self.session.perspectives_of(event_id)
                if p.attendee_id == attendee_id
            ),
            "",
        )
        if text != stored and self.session.timeline.row_of(event_id) >= 0:
            self.session.set_perspective(event_id, attendee_id, text)

    def _on_accounts_list_current_row_changed(self, row: int) -> None:
        event = self.selected_event
        if event is None or row < 0:
            return
        accounts = self.session.perspectives_of(event.id)
        if row < len(accounts):
            self.account_person.setCurrentIndex(
                self.session.attendees.row_of(accounts[row].attendee_id)
            )

    def _on_account_save_clicked(self) -> None:
        event = self.selected_event
        attendee_id = self.account_person.currentData(ID_ROLE)
        if event is not None and attendee_id is not None:
            self.session.set_perspective(
                event.id, int(attendee_id), self.account_text.toPlainText()
            )

    def _on_session_perspectives_changed(self, event_id: int) -> None:
        if event_id == self._selected_id:
            self._load_accounts()

    # private notes and prepared questions

    def _load_private(self) -> None:
        self.questions_list.clear()
        self.private_list.clear()
        event = self.selected_event
        if event is None:
            return
        for q in self.session.prepared_questions_of(event.id):
            self.questions_list.addItem(q.text)
            self.questions_list.item(self.questions_list.count() - 1).setData(
                Qt.ItemDataRole.UserRole, ("q", q.id)
            )
        for n in self.session.private_notes_of(event.id):
            self.private_list.addItem(n.text)
            self.private_list.item(self.private_list.count() - 1).setData(
                Qt.ItemDataRole.UserRole, ("n", n.id)
            )

    def _on_question_edit_return_pressed(self) -> None:
        event, text = self.selected_event, self.question_edit.text().strip()
        if event is not None and text:
            self.session.add_prepared_question(event.id, text)
            self.question_edit.clear()

    def _on_private_edit_return_pressed(self) -> None:
        event, text = self.selected_event, self.private_edit.text().strip()
        if event is not None and text:
            self.session.add_private_note(event.id, text)
            self.private_edit.clear()

    def _on_remove_private_clicked(self) -> None:
        for view in (self.questions_list, self.private_list):
            item = view.currentItem()
            if item is not None and item.isSelected():
                kind, row_id = item.data(Qt.ItemDataRole.UserRole)
                self.session.remove_private(
                    PreparedQuestion if kind == "q" else PrivateNote, row_id
                )
                return

    def _on_session_private_changed(self, event_id: int) -> None:
        if event_id == self._selected_id:
            self._load_private()

    # people

    def _on_person_add_clicked(self) -> None:
        name = self.person_name.text().strip()
        if name:
            self.session.add_attendee(name, self.person_role.text().strip())
            self.person_name.clear()
            self.person_role.clear()

    def _on_people_view_current_changed(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        a = self.session.attendees.attendees()[index.row()]
        self.person_name.setText(a.name)
        self.person_role.setText(a.role)

    def _on_person_remove_clicked(self) -> None:
        index = self.people_view.currentIndex()
        if index.isValid():
            self.session.remove_attendee(self.session.attendees.attendees()[index.row()].id)

    def _on_person_update_clicked(self) -> None:
        index = self.people_view.currentIndex()
        name = self.person_name.text().strip()
        if index.isValid() and name:
            a = self.session.attendees.attendees()[index.row()]
            self.session.update_attendee(a.id, name=name, role=self.person_role.text().strip())

    # ------------------------------------------------------- session → view

    def _show_title(self) -> None:
        debrief = self.session.debrief
        if debrief is not None:
            self.setWindowTitle(f"{debrief.title} — Debrief Desktop console")

    def _on_session_rows_changed(self, table: str) -> None:
        if table == "debrief":
            self._show_title()  # renamed, perhaps from the library

    def _on_session_debrief_opened(self, _: int) -> None:
        self._show_title()
        self.select_row(max(self.session.live_row, 0))
        self._on_session_live_changed(self.session.live_row)

    def _on_session_live_changed(self, row: int) -> None:
        self.table.viewport().update()
        # Editing follows the room while the facilitator edits what the room sees;
        # an event picked elsewhere for preview stays selected.
        live = self.session.timeline.event_at(row)
        if live is not None and (self._selected_id in (None, self._last_live_id)):
            self.select_row(row)
        self._last_live_id = live.id if live else None
        event = self.session.timeline.event_at(row)
        total = self.session.timeline.rowCount()
        self.live_label.setText(
            f"Event {row + 1} of {total}: {event.text[:140]}" if event else "No event on screen"
        )
        self._show_last_note()

    def _on_timeline_data_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        selected = self.selected_event
        if (
            selected is not None
            and top.row() <= self.session.timeline.row_of(selected.id) <= bottom.row()
        ):
            self._load_editor()
        if top.row() <= self.session.live_row <= bottom.row():
            self._on_session_live_changed(self.session.live_row)

    def _on_timeline_rows_removed(self) -> None:
        if self.selected_event is None:
            self._selected_id = None
            self._load_editor()

    def _sync_toggles(self) -> None:
        s, a = self.session, self.actions_by_name
        for name, on in (
            ("blackout", s.blackout),
            ("reveal", s.reveal),
            ("role_labels", s.role_labels),
            ("hints", self.tools.hints_enabled),
        ):
            a[name].setChecked(on)
        self.scene_combo.setCurrentIndex(self.scene_combo.findData(s.scene))
        self.theme_combo.setCurrentIndex(self.theme_combo.findData(s.theme))
        self.clock_check.setChecked(s.clock_visible)

    def _on_session_edit_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def open_at(self, debrief_id: int, event_id: int = -1) -> None:
        """Open a debrief from the library or a search hit, at an event when one is given.

        Opening another debrief is not an edit (it clears undo); the one already
        open only selects the event.
        """
        from debrief_desktop.store import NotFoundError
        from debrief_desktop.store.library import mark_opened

        try:
            target = self.session.store.get_debrief(debrief_id)
        except NotFoundError:
            target = None
        if target is None or target.deleted_at is not None:
            # A stale search hit or list row: a debrief in the trash (or gone) is not
            # opened, so it can never be emptied out of the trash while on screen.
            self.statusBar().showMessage(
                "That debrief is in the trash (or gone): restore it from the library first.",
                10000,
            )
            return
        self.commit_pending()
        if debrief_id != self.session.debrief_id:
            self.session.open_debrief(debrief_id)
            mark_opened(self.session.store, debrief_id)
        row = self.session.timeline.row_of(event_id) if event_id >= 0 else -1
        if row >= 0:
            self.select_row(row)
            self.tabs.setCurrentIndex(0)

    def show_library(self) -> None:
        """Bring the library view forward (all debriefs, search, open action items)."""
        self.tabs.setCurrentWidget(self.library_page)
        self.ensure_library().setCurrentIndex(0)

    def ensure_library(self) -> QTabWidget:
        """The library views, built on first use."""
        if self.library_tabs is None:
            from debrief_desktop.gui.library import LIBRARY_PANELS

            self.library_tabs = QTabWidget()
            self.library_tabs.setObjectName("libraryTabs")
            for title, panel_type in LIBRARY_PANELS:
                view = panel_type(self.session)
                view.open_requested.connect(self.open_at)
                self.library_tabs.addTab(view, title)
            layout = self.library_page.layout()
            assert layout is not None
            layout.addWidget(self.library_tabs)
        return self.library_tabs

    def ensure_notes(self) -> QTabWidget:
        """The shared-notes panels, built on first use (with hints on their text fields)."""
        if self.notes_tabs is None:
            from debrief_desktop.gui.notes import NOTES_PANELS

            self.notes_tabs = QTabWidget()
            self.notes_tabs.setObjectName("notesTabs")
            for title, panel_type in NOTES_PANELS:
                panel = panel_type(self.session)
                self.panels[title] = panel
                self.notes_tabs.addTab(panel, title)
            editors = [
                *self.notes_tabs.findChildren(QPlainTextEdit),
                *self.notes_tabs.findChildren(QTextEdit),
            ]
            self._hints += [attach_hints(editor, self.tools) for editor in editors]
            layout = self.notes_page.layout()
            assert layout is not None
            layout.addWidget(self.notes_tabs)
        return self.notes_tabs

    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.library_page:
            self.ensure_library()
        elif page is self.notes_page:
            self.ensure_notes()

    def show_about(self) -> None:
        """The version, where the library file is, and a button to open its folder."""
        from debrief_desktop.gui.about import AboutDialog

        AboutDialog(self.session.store.path, self).open()

    def set_fullscreen_checked(self, on: bool) -> None:
        """Reflect the projector's full-screen state on the toolbar toggle."""
        self.actions_by_name["fullscreen"].setChecked(on)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing typed is lost by closing the window: fields, the open account, a note.
        self.commit_pending()
        self._on_quick_note_return_pressed()
        super().closeEvent(event)
