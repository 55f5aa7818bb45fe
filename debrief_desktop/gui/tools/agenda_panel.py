"""The agenda checklist in the console: where the meeting is, what comes next, and editing.

:class:`AgendaPanel` lists the steps (done, title, timebox, projector scene, actual time),
marks the current one, and shows the current step's hint and the next step in large type
above a "Next step" button. Checking a step's box records its actual time; "Next step"
starts the next timebox and switches the projector to that step's scene. Every change
goes through the :class:`~debrief_desktop.gui.tools.controller.ToolsController`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.facilitation.timer import format_duration, step_elapsed
from debrief_desktop.gui.session import SCENES
from debrief_desktop.gui.tools.controller import ToolsController
from debrief_desktop.gui.widgets.labels import plain_label
from debrief_desktop.store.models import AgendaStep

__all__ = ["COLUMNS", "AgendaPanel"]

COLUMNS = ("Done", "Step", "Timebox", "Projector", "Actual")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CURRENT_MARK = "▶ "


def _minutes(seconds: int) -> str:
    if seconds <= 0:
        return "—"
    return f"{seconds // 60} min" if seconds % 60 == 0 else format_duration(seconds)


class AgendaPanel(QWidget):
    """The agenda checklist with "Next step", reordering, editing and templates.

    Args:
        controller: the tools controller.
        parent: the Qt parent.
    """

    def __init__(self, controller: ToolsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("agendaPanel")
        self._loading = False

        # Where we are, large: read at a glance while talking to the room.
        self.now_label = plain_label()
        self.now_label.setObjectName("agendaNow")
        self.now_label.setWordWrap(True)
        font = QFont(self.now_label.font())
        font.setPointSize(14)
        font.setBold(True)
        self.now_label.setFont(font)
        self.hint_label = plain_label()
        self.hint_label.setObjectName("agendaHint")
        self.hint_label.setWordWrap(True)
        hint_font = QFont(self.hint_label.font())
        hint_font.setItalic(True)
        hint_font.setPointSize(max(11, hint_font.pointSize() + 1))
        self.hint_label.setFont(hint_font)
        self.next_label = plain_label()
        self.next_label.setObjectName("agendaNext")
        self.next_label.setWordWrap(True)
        next_font = QFont(self.next_label.font())
        next_font.setPointSize(max(12, next_font.pointSize() + 2))
        self.next_label.setFont(next_font)
        self.next_button = QPushButton("Next step ▶")
        self.next_button.setObjectName("agendaNextButton")
        self.next_button.setToolTip(
            "Check the current step off, start the next step's timebox and show its scene"
        )
        nb_font = QFont(self.next_button.font())
        nb_font.setBold(True)
        nb_font.setPointSize(max(12, nb_font.pointSize() + 2))
        self.next_button.setFont(nb_font)

        self.tree = QTreeWidget()
        self.tree.setObjectName("agendaTree")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.start_button = QPushButton("Start this step")
        self.start_button.setToolTip("Jump to the selected step: start its timebox and scene")
        self.up_button = QPushButton("Up")
        self.down_button = QPushButton("Down")
        self.add_button = QPushButton("Add")
        self.remove_button = QPushButton("Remove")
        self.template_button = QPushButton("Use the default agenda")
        self.template_button.setObjectName("useTemplateButton")
        self.save_template_button = QPushButton("Save as default")
        self.save_template_button.setToolTip("Use this agenda for new debriefs")

        self.title_edit = QLineEdit()
        self.hint_edit = QLineEdit()
        self.timebox_spin = QSpinBox()
        self.timebox_spin.setRange(0, 24 * 60)
        self.timebox_spin.setSuffix(" min")
        self.timebox_spin.setKeyboardTracking(False)
        self.scene_combo = QComboBox()
        for key, label in SCENES:
            self.scene_combo.addItem(label, key)
        self.editor = QGroupBox("Selected step")
        form = QFormLayout(self.editor)
        form.addRow("Title", self.title_edit)
        form.addRow("Hint", self.hint_edit)
        form.addRow("Timebox", self.timebox_spin)
        form.addRow("Projector", self.scene_combo)

        buttons = QHBoxLayout()
        for b in (self.start_button, self.up_button, self.down_button, self.add_button):
            buttons.addWidget(b)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        templates = QHBoxLayout()
        templates.addWidget(self.template_button)
        templates.addWidget(self.save_template_button)
        templates.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.now_label)
        layout.addWidget(self.hint_label)
        row = QHBoxLayout()
        row.addWidget(self.next_label, 1)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.editor)
        layout.addLayout(templates)

        self.next_button.clicked.connect(controller.next_step)
        self.start_button.clicked.connect(self._on_start_button_clicked)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.template_button.clicked.connect(controller.use_template)
        self.save_template_button.clicked.connect(controller.save_template)
        self.tree.itemChanged.connect(self._on_tree_item_changed)
        self.tree.currentItemChanged.connect(self._load_editor)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_double_clicked)
        self.title_edit.editingFinished.connect(self._on_title_edit_editing_finished)
        self.hint_edit.editingFinished.connect(self._on_hint_edit_editing_finished)
        self.timebox_spin.valueChanged.connect(self._on_timebox_spin_value_changed)
        self.scene_combo.activated.connect(self._on_scene_combo_activated)
        controller.agenda_changed.connect(self.reload)
        self.reload()

    # -------------------------------------------------------------- reading

    def selected_step_id(self) -> int | None:
        """The id of the selected step."""
        item = self.tree.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def select_step(self, step_id: int) -> None:
        """Select a step in the list."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == step_id:
                self.tree.setCurrentItem(item)
                return

    def row_texts(self) -> list[list[str]]:
        """The texts of every row, column by column (what the facilitator sees)."""
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [[item.text(c) for c in range(len(COLUMNS))] for item in items if item is not None]

    # -------------------------------------------------------------- loading

    def reload(self) -> None:
        """Read the agenda again (after any change, or another debrief)."""
        selected = self.selected_step_id()
        steps = self.controller.steps()
        current = self.controller.current_step()
        upcoming = self.controller.upcoming_step()
        scene_names = dict(SCENES)
        self._loading = True
        try:
            self.tree.clear()
            for step in steps:
                item = QTreeWidgetItem()
                item.setData(0, ID_ROLE, step.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    0, Qt.CheckState.Checked if step.done else Qt.CheckState.Unchecked
                )
                is_current = current is not None and step.id == current.id
                item.setText(1, (CURRENT_MARK if is_current else "") + step.title)
                item.setToolTip(1, step.hint)
                item.setText(2, _minutes(step.timebox_seconds))
                item.setText(3, scene_names.get(step.scene, step.scene))
                item.setText(4, self._actual_text(step))
                if is_current:
                    bold = QFont(item.font(1))
                    bold.setBold(True)
                    for col in range(len(COLUMNS)):
                        item.setFont(col, bold)
                self.tree.addTopLevelItem(item)
        finally:
            self._loading = False
        if selected is not None:
            self.select_step(selected)
        self._show_where(current, upcoming, bool(steps))
        self._load_editor()

    def _actual_text(self, step: AgendaStep) -> str:
        if step.started_at is not None:
            return format_duration(step_elapsed(step, self.controller.now())) + " …"
        if step.actual_seconds is not None:
            return format_duration(step.actual_seconds)
        return ""

    def _show_where(
        self, current: AgendaStep | None, upcoming: AgendaStep | None, has_steps: bool
    ) -> None:
        if not self.controller.has_debrief:
            self.now_label.setText("No debrief open")
            self.hint_label.setText("")
        elif not has_steps:
            self.now_label.setText("This debrief has no agenda yet")
            self.hint_label.setText("Use the default agenda, or add steps of your own.")
        elif current is None:
            self.now_label.setText("Not started")
            self.hint_label.setText("Start the timer when the room is ready.")
        else:
            self.now_label.setText(f"Now: {current.title}")
            self.hint_label.setText(current.hint)
        self.next_label.setText(f"Next: {upcoming.title}" if upcoming else "Next: —")
        self.next_button.setEnabled(upcoming is not None or current is not None)
        self.template_button.setVisible(self.controller.has_debrief and not has_steps)
        self.save_template_button.setEnabled(has_steps)
        self.add_button.setEnabled(self.controller.has_debrief)

    def _load_editor(self) -> None:
        step_id = self.selected_step_id()
        step = next((s for s in self.controller.steps() if s.id == step_id), None)
        self.editor.setEnabled(step is not None)
        for b in (self.start_button, self.up_button, self.down_button, self.remove_button):
            b.setEnabled(step is not None)
        if step is None:
            return
        self._loading = True
        try:
            self.title_edit.setText(step.title)
            self.hint_edit.setText(step.hint)
            self.timebox_spin.setValue(step.timebox_seconds // 60)
            index = self.scene_combo.findData(step.scene)
            self.scene_combo.setCurrentIndex(max(0, index))
        finally:
            self._loading = False

    # -------------------------------------------------------------- actions

    def move_selected(self, delta: int) -> None:
        """Move the selected step up (-1) or down (+1)."""
        step_id = self.selected_step_id()
        if step_id is None:
            return
        step = next(s for s in self.controller.steps() if s.id == step_id)
        self.controller.move_step(step_id, step.position + delta)
        self.select_step(step_id)

    def _on_start_button_clicked(self) -> None:
        step_id = self.selected_step_id()
        if step_id is not None:
            self.controller.start_step(step_id)

    def _on_tree_item_double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            self.controller.start_step(int(item.data(0, ID_ROLE)))

    def _on_add_button_clicked(self) -> None:
        step_id = self.selected_step_id()
        position = None
        if step_id is not None:
            step = next(s for s in self.controller.steps() if s.id == step_id)
            position = step.position + 1
        added = self.controller.add_step("New step", position=position)
        if added is not None:
            self.select_step(added.id)
            self.title_edit.setFocus()
            self.title_edit.selectAll()

    def _on_remove_button_clicked(self) -> None:
        step_id = self.selected_step_id()
        if step_id is not None:
            self.controller.remove_step(step_id)

    def _on_tree_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        done = item.checkState(0) == Qt.CheckState.Checked
        self.controller.check_off(int(item.data(0, ID_ROLE)), done)

    def _edit(self, **fields: object) -> None:
        step_id = self.selected_step_id()
        if step_id is not None and not self._loading:
            self.controller.update_step(step_id, **fields)

    def _on_title_edit_editing_finished(self) -> None:
        title = self.title_edit.text().strip()
        if title:
            self._edit(title=title)

    def _on_hint_edit_editing_finished(self) -> None:
        self._edit(hint=self.hint_edit.text().strip())

    def _on_timebox_spin_value_changed(self, minutes: int) -> None:
        self._edit(timebox_seconds=minutes * 60)

    def _on_scene_combo_activated(self, index: int) -> None:
        self._edit(scene=self.scene_combo.itemData(index))
