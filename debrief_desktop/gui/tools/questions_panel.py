"""The question bank in the console, ordered for the event in focus.

:class:`QuestionsPanel` offers the questions for one event — its prepared questions, then
those that suit its kind, then the rest — with a search box and a category filter, and
puts the next question not yet asked in large type at the top. "Asked" logs the question
with the time and the event (the asked log goes into the PDF). Own questions can be
added, edited and removed; a question can be attached to the event as a prepared one;
the bank can be exported and imported. Every change goes through the
:class:`~debrief_desktop.gui.tools.controller.ToolsController`.

The event in focus follows the room (``Session.live_changed``) unless the console calls
:meth:`QuestionsPanel.set_event` (for example on selecting an event to prepare it).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.facilitation.questions import (
    BankError,
    Source,
    Suggestion,
    category_name,
    filter_suggestions,
    normalize,
    shipped_bank,
)
from debrief_desktop.gui.tools.controller import ToolsController
from debrief_desktop.gui.tools.hint_highlighter import attach_hints
from debrief_desktop.store.models import EventKind, Question

__all__ = ["QuestionDialog", "QuestionsPanel"]

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
ASKED_MARK = "✓ "
SECTION_TITLES = {
    Source.PREPARED: "Prepared for this event",
    Source.KIND: "For {kind} events",
    Source.OTHER: "More questions",
}


class QuestionDialog(QDialog):
    """Add or edit an own question: text (with hints), category and the event kinds it suits.

    Args:
        controller: the tools controller (for the hints setting).
        question: the question to edit, or None for a new one.
        parent: the Qt parent.
    """

    def __init__(
        self,
        controller: ToolsController,
        question: Question | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit question" if question else "New question")
        self.text_edit = QPlainTextEdit(question.text if question else "")
        self.text_edit.setPlaceholderText("An open question: how…? what…?")
        self.text_edit.setTabChangesFocus(True)
        self.hints = attach_hints(self.text_edit, controller)
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        for c in shipped_bank().categories:
            self.category_combo.addItem(c.name, c.id)
        own = sorted({q.category for q in controller.questions() if not q.builtin} - {""})
        for cat in own:
            if self.category_combo.findData(cat) < 0:
                self.category_combo.addItem(category_name(cat), cat)
        if question is not None:
            index = self.category_combo.findData(question.category)
            if index >= 0:
                self.category_combo.setCurrentIndex(index)
            else:
                self.category_combo.setEditText(question.category)
        self.kind_checks: dict[str, QCheckBox] = {}
        kinds_row = QHBoxLayout()
        chosen = set(question.kinds.split(",")) if question else set()
        for kind in EventKind:
            box = QCheckBox(kind.value)
            box.setChecked(kind.value in chosen)
            self.kind_checks[kind.value] = box
            kinds_row.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Question", self.text_edit)
        form.addRow("Category", self.category_combo)
        form.addRow("Suits", kinds_row)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, list[str]]:
        """(text, category, kinds) as entered."""
        typed = self.category_combo.currentText().strip()
        index = self.category_combo.findText(typed)
        category = str(self.category_combo.itemData(index)) if index >= 0 else typed
        kinds = [k for k, box in self.kind_checks.items() if box.isChecked()]
        return " ".join(self.text_edit.toPlainText().split()), category, kinds


class QuestionsPanel(QWidget):
    """Questions for the event in focus: next question, search, category, asked log, bank.

    Args:
        controller: the tools controller.
        parent: the Qt parent.
    """

    def __init__(self, controller: ToolsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("questionsPanel")
        self._event_id: int | None = None
        self._all: list[Suggestion] = []
        self._shown: list[Suggestion] = []
        self._skipped: set[str] = set()

        self.event_label = QLabel("")
        self.event_label.setObjectName("questionsEvent")
        self.event_label.setWordWrap(True)

        # The next question, large: what to ask while looking at the room.
        self.next_box = QFrame()
        self.next_box.setObjectName("nextQuestionBox")
        self.next_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.next_caption = QLabel("Next question")
        self.next_text = QLabel("")
        self.next_text.setObjectName("nextQuestion")
        self.next_text.setWordWrap(True)
        self.next_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.next_text.font())
        font.setPointSize(15)
        font.setBold(True)
        self.next_text.setFont(font)
        self.next_how = QLabel("")
        self.next_how.setObjectName("nextQuestionHow")
        self.next_how.setWordWrap(True)
        how_font = QFont(self.next_how.font())
        how_font.setItalic(True)
        self.next_how.setFont(how_font)
        self.asked_next_button = QPushButton("Asked ✓")
        self.asked_next_button.setObjectName("askedNextButton")
        self.asked_next_button.setToolTip("Log this question as asked now, at this event")
        self.skip_button = QPushButton("Skip")
        self.skip_button.setToolTip("Offer the question after this one")
        nb = QVBoxLayout(self.next_box)
        nb.addWidget(self.next_caption)
        nb.addWidget(self.next_text)
        nb.addWidget(self.next_how)
        nb_buttons = QHBoxLayout()
        nb_buttons.addWidget(self.asked_next_button)
        nb_buttons.addWidget(self.skip_button)
        nb_buttons.addStretch(1)
        nb.addLayout(nb_buttons)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("questionSearch")
        self.search_edit.setPlaceholderText("Search questions (all words, any order)")
        self.search_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("questionCategory")
        self.list = QListWidget()
        self.list.setObjectName("questionList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.how_label = QLabel("")
        self.how_label.setObjectName("selectedHow")
        self.how_label.setWordWrap(True)
        self.how_label.setFont(how_font)

        self.asked_button = QPushButton("Asked")
        self.asked_button.setToolTip("Log the selected question as asked now, at this event")
        self.prepare_button = QPushButton("Prepare for this event")
        self.prepare_button.setToolTip("Attach the selected question to this event (private)")
        self.unprepare_button = QPushButton("Detach")
        self.unprepare_button.setToolTip("Remove the selected prepared question from this event")
        self.new_button = QPushButton("New…")
        self.edit_button = QPushButton("Edit…")
        self.remove_button = QPushButton("Remove")
        self.export_button = QPushButton("Export…")
        export_menu = QMenu(self.export_button)
        export_menu.addAction("Own questions…", lambda: self._export(False))
        export_menu.addAction("Whole bank…", lambda: self._export(True))
        self.export_button.setMenu(export_menu)
        self.import_button = QPushButton("Import…")

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.category_combo, 1)
        row1 = QHBoxLayout()
        for b in (self.asked_button, self.prepare_button, self.unprepare_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.remove_button):
            row2.addWidget(b)
        row2.addStretch(1)
        row2.addWidget(self.export_button)
        row2.addWidget(self.import_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.event_label)
        layout.addWidget(self.next_box)
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.how_label)
        layout.addLayout(row1)
        layout.addLayout(row2)

        self.search_edit.textChanged.connect(self._refilter)
        self.category_combo.activated.connect(self._refilter)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.mark_selected_asked())
        self.asked_next_button.clicked.connect(self.mark_next_asked)
        self.skip_button.clicked.connect(self.skip_next)
        self.asked_button.clicked.connect(self.mark_selected_asked)
        self.prepare_button.clicked.connect(self.prepare_selected)
        self.unprepare_button.clicked.connect(self._on_unprepare_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        s = controller.session
        s.live_changed.connect(self._on_session_live_changed)
        controller.questions_changed.connect(self.reload)
        controller.asked_changed.connect(self._refilter)
        controller.prepared_changed.connect(self._on_controller_prepared_changed)
        self._fill_categories()
        live = s.live_event
        self.set_event(live.id if live else None)

    # -------------------------------------------------------------- reading

    @property
    def event_id(self) -> int | None:
        """The event the questions are ordered for."""
        return self._event_id

    def shown(self) -> list[Suggestion]:
        """The questions in the list now, in order (after search and category)."""
        return list(self._shown)

    def next_question(self) -> Suggestion | None:
        """The first question shown that was neither asked at this event nor skipped."""
        asked = self._asked_keys()
        for s in self._shown:
            key = normalize(s.text)
            if key not in asked and key not in self._skipped:
                return s
        return None

    def selected(self) -> Suggestion | None:
        """The selected question."""
        item = self.list.currentItem()
        if item is None or item.data(INDEX_ROLE) is None:
            return None
        return self._shown[int(item.data(INDEX_ROLE))]

    def select_text(self, text: str) -> bool:
        """Select the question with this text; False if it is not shown."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            index = item.data(INDEX_ROLE)
            if index is not None and self._shown[int(index)].text == text:
                self.list.setCurrentItem(item)
                return True
        return False

    def _asked_keys(self) -> set[str]:
        if self._event_id is None or not self.controller.has_debrief:
            return set()
        return {normalize(a.text) for a in self.controller.asked(self._event_id)}

    # -------------------------------------------------------------- loading

    def set_event(self, event_id: int | None) -> None:
        """Order the questions for another event (None: no event)."""
        if event_id != self._event_id:
            self._skipped.clear()
        self._event_id = event_id
        self.reload()

    def set_category(self, category: str | None) -> None:
        """Filter on a category id (None: all categories)."""
        index = self.category_combo.findData(category or "")
        self.category_combo.setCurrentIndex(max(0, index))
        self._refilter()

    def reload(self) -> None:
        """Read the bank and the event again."""
        self._all = (
            self.controller.suggestions(self._event_id) if self.controller.has_debrief else []
        )
        self._fill_categories()
        event = self.controller.event_by_id(self._event_id)
        if event is None:
            self.event_label.setText("No event in focus")
        else:
            when = f"{event.time_text} · " if event.time_text else ""
            text = event.text if len(event.text) <= 120 else event.text[:119] + "…"
            self.event_label.setText(f"For {when}{event.kind.value}: {text}")
        self._refilter()

    def _fill_categories(self) -> None:
        current = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem("All categories", "")
        ids = [c.id for c in shipped_bank().categories]
        own = sorted({q.category for q in self.controller.questions()} - set(ids) - {""})
        for cat in [*ids, *own]:
            self.category_combo.addItem(category_name(cat), cat)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(current or "")))
        self.category_combo.blockSignals(False)

    def _refilter(self) -> None:
        selected = self.selected()
        category = self.category_combo.currentData() or None
        self._shown = filter_suggestions(self._all, self.search_edit.text(), category)
        asked = self._asked_keys()
        event = self.controller.event_by_id(self._event_id)
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        section: Source | None = None
        for i, s in enumerate(self._shown):
            if s.source is not section:
                section = s.source
                title = SECTION_TITLES[section].format(kind=event.kind.value if event else "")
                header = QListWidgetItem(title)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # readable, not selectable
                bold = QFont(header.font())
                bold.setBold(True)
                header.setFont(bold)
                header.setBackground(self.palette().color(QPalette.ColorRole.Dark))
                header.setForeground(self.palette().color(QPalette.ColorRole.Light))
                self.list.addItem(header)
            done = normalize(s.text) in asked
            item = QListWidgetItem((ASKED_MARK if done else "") + s.text)
            item.setData(INDEX_ROLE, i)
            item.setToolTip(f"{category_name(s.category)}\n{s.how}")
            if done:
                item.setForeground(muted)
            self.list.addItem(item)
        self.list.setUpdatesEnabled(True)
        if selected is not None:
            self.select_text(selected.text)
        self._show_next()
        self._update_buttons()

    def _show_next(self) -> None:
        nxt = self.next_question()
        has_event = self._event_id is not None
        if nxt is None:
            self.next_text.setText("No question left here" if self._shown else "No question found")
            self.next_how.setText("")
        else:
            self.next_text.setText(nxt.text)
            self.next_how.setText(nxt.how)
        self.asked_next_button.setEnabled(nxt is not None and self.controller.has_debrief)
        self.skip_button.setEnabled(nxt is not None)
        self.next_caption.setText("Next question" if has_event else "Next question (no event)")

    def _update_buttons(self) -> None:
        s = self.selected()
        question = self._question(s)
        own = question is not None and not question.builtin
        self.asked_button.setEnabled(s is not None and self.controller.has_debrief)
        self.prepare_button.setEnabled(
            s is not None and self._event_id is not None and s.source is not Source.PREPARED
        )
        self.unprepare_button.setEnabled(s is not None and s.prepared_id is not None)
        self.edit_button.setEnabled(own)
        self.remove_button.setEnabled(own)
        self.how_label.setText(s.how if s else "")

    def _question(self, s: Suggestion | None) -> Question | None:
        if s is None or s.question_id is None:
            return None
        return next((q for q in self.controller.questions() if q.id == s.question_id), None)

    # -------------------------------------------------------------- actions

    def mark_next_asked(self) -> None:
        """Log the next question as asked at the event in focus."""
        nxt = self.next_question()
        if nxt is not None:
            self.controller.mark_asked(nxt.text, self._event_id, nxt.question_id)

    def skip_next(self) -> None:
        """Offer the question after the current next one (until another event is in focus)."""
        nxt = self.next_question()
        if nxt is not None:
            self._skipped.add(normalize(nxt.text))
            self._show_next()

    def mark_selected_asked(self) -> None:
        """Log the selected question as asked at the event in focus."""
        s = self.selected()
        if s is not None:
            self.controller.mark_asked(s.text, self._event_id, s.question_id)

    def prepare_selected(self) -> None:
        """Attach the selected question to the event in focus as a prepared question."""
        s = self.selected()
        if s is not None and self._event_id is not None:
            self.controller.prepare(self._event_id, s.text, s.question_id)

    def _on_unprepare_button_clicked(self) -> None:
        s = self.selected()
        if s is not None and s.prepared_id is not None:
            self.controller.unprepare(s.prepared_id)

    def _on_new_button_clicked(self) -> None:
        dialog = QuestionDialog(self.controller, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text, category, kinds = dialog.values()
            if text:
                self.controller.add_question(text, category, kinds)
                self.select_text(text)

    def _on_edit_button_clicked(self) -> None:
        question = self._question(self.selected())
        if question is None or question.builtin:
            return
        dialog = QuestionDialog(self.controller, question, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text, category, kinds = dialog.values()
            if text:
                self.controller.update_question(question.id, text, category, kinds)

    def _on_remove_button_clicked(self) -> None:
        question = self._question(self.selected())
        if question is not None and not question.builtin:
            self.controller.remove_question(question.id)

    def _export(self, include_builtin: bool) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export questions", "questions.json", "Question bank (*.json)"
        )
        if not path:
            return
        try:
            count = self.controller.export_questions(path, include_builtin)
        except OSError as exc:
            QMessageBox.warning(self, "Export questions", f"{path}: cannot write: {exc}")
            return
        QMessageBox.information(self, "Export questions", f"{count} questions written to {path}")

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import questions", "", "Question bank (*.json);;All files (*)"
        )
        if not path:
            return
        try:
            count = self.controller.import_questions(path)
        except (BankError, OSError, UnicodeDecodeError) as exc:
            QMessageBox.warning(self, "Import questions", f"Nothing was imported.\n{exc}")
            return
        QMessageBox.information(self, "Import questions", f"{count} new questions added")

    # -------------------------------------------------------------- signals

    def _on_session_live_changed(self, row: int) -> None:
        event = self.controller.session.timeline.event_at(row)
        self.set_event(event.id if event else None)

    def _on_controller_prepared_changed(self, event_id: int) -> None:
        if event_id in (self._event_id, 0):
            self.reload()

    def _on_list_current_item_changed(self, *_: object) -> None:
        self._update_buttons()
