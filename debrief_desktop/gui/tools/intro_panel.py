"""The introduction the facilitator reads at the start, editable per debrief.

:class:`IntroPanel` shows the open debrief's introduction in a large, readable editor
(with blameless-language hints). Edits are committed when the editor loses focus or
after a pause in typing — one undoable edit each, there is no Save button. "Use as
default" makes this text the default for new debriefs; "Restore default" drops this
debrief's own text. A button shows the ground rules on the projector.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from debrief_desktop.gui.tools.controller import ToolsController
from debrief_desktop.gui.tools.hint_highlighter import attach_hints

__all__ = ["COMMIT_DELAY_MS", "IntroPanel"]

#: A pause in typing this long commits the text (as does leaving the editor).
COMMIT_DELAY_MS = 1500


class IntroPanel(QWidget):
    """The introduction script: read it aloud, edit it, make it the default.

    Args:
        controller: the tools controller.
        parent: the Qt parent.
    """

    def __init__(self, controller: ToolsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("introPanel")
        self._loading = False

        self.caption = QLabel("Read this to the room at the start")
        self.status_label = QLabel("")
        self.status_label.setObjectName("introStatus")
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("introEditor")
        font = QFont(self.editor.font())
        font.setPointSize(max(13, font.pointSize() + 3))
        self.editor.setFont(font)
        self.hints = attach_hints(self.editor, controller)
        self.ground_rules_button = QPushButton("Show the ground rules")
        self.ground_rules_button.setToolTip("Put the ground rules on the projector")
        self.default_button = QPushButton("Use as default for new debriefs")
        self.restore_button = QPushButton("Restore default")
        self.restore_button.setToolTip("Drop this debrief's own text and use the default")

        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.status_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.ground_rules_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.default_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addLayout(buttons)

        self.commit_timer = QTimer(self)
        self.commit_timer.setSingleShot(True)
        self.commit_timer.setInterval(COMMIT_DELAY_MS)
        self.commit_timer.timeout.connect(self.commit)
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.editor.installEventFilter(self)
        self.ground_rules_button.clicked.connect(
            lambda: controller.session.set_scene("ground_rules")
        )
        self.default_button.clicked.connect(self._on_default_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        controller.intro_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Show the stored introduction (not while the facilitator is mid-edit)."""
        if self.commit_timer.isActive():
            return
        text = self.controller.intro_text()
        if text != self.editor.toPlainText():
            self._loading = True
            try:
                self.editor.setPlainText(text)
            finally:
                self._loading = False
        own = self.controller.intro_is_own()
        self.status_label.setText("this debrief's own text" if own else "default text")
        self.restore_button.setEnabled(own)
        self.editor.setEnabled(self.controller.has_debrief)

    def commit(self) -> None:
        """Store the text now (one undoable edit), if it changed."""
        self.commit_timer.stop()
        if (
            self.controller.has_debrief
            and self.editor.toPlainText() != self.controller.intro_text()
        ):
            self.controller.set_intro(self.editor.toPlainText())
        self.reload()

    def _on_editor_text_changed(self) -> None:
        if not self._loading:
            self.commit_timer.start()

    def _on_default_button_clicked(self) -> None:
        self.commit()
        self.controller.use_intro_as_default()

    def _on_restore_button_clicked(self) -> None:
        self.commit_timer.stop()
        self.controller.restore_default_intro()
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        if self.commit_timer.isActive():
            self.commit()
        super().hideEvent(event)
