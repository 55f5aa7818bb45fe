"""The summary panel: summary, impact, who facilitated and took notes, sections marked N/A."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.gui.notes._common import (
    SPACING,
    CommitLineEdit,
    CommitTextEdit,
    NotesPanel,
    hint,
    notice,
    show_notice,
)
from debrief_desktop.gui.session import Session
from debrief_desktop.store.models import Debrief


def marks_of(debrief: Debrief) -> dict[str, str]:
    """Every N/A mark as stored, including one whose reason is not written yet."""
    try:
        raw = json.loads(debrief.na_reasons or "{}")
    except ValueError:
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): v if isinstance(v, str) else "" for k, v in raw.items()}


class SummaryPanel(NotesPanel):
    """Summary, impact assessment (and whether it is complete), facilitator, note-taker, N/A marks.

    Every field commits when it is left; each change is one undoable edit of the debrief.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"debrief"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # The report's sections (and their N/A keys) belong to the completeness check.
        from debrief_desktop.facilitation.completeness import SECTIONS

        self.sections: tuple[tuple[str, str], ...] = tuple((s.key, s.title) for s in SECTIONS)
        self._loading = False

        self.facilitator = CommitLineEdit()
        self.facilitator.setObjectName("facilitator")
        self.facilitator.setPlaceholderText("Who runs the debrief")
        self.note_taker = CommitLineEdit()
        self.note_taker.setObjectName("noteTaker")
        self.note_taker.setPlaceholderText("Who keeps the shared notes")
        self.summary = CommitTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setPlaceholderText("What happened, in a few sentences anyone can follow")
        self.impact = CommitTextEdit()
        self.impact.setObjectName("impact")
        self.impact.setPlaceholderText(
            "Who and what was affected, for how long, and what is still unknown"
        )
        self.impact_complete = QCheckBox("The impact assessment is complete")
        self.impact_complete.setObjectName("impactComplete")

        people = QFormLayout()
        people.setSpacing(SPACING)
        people.addRow("Facilitator", self.facilitator)
        people.addRow("Note-taker", self.note_taker)

        about = QGroupBox("The debrief")
        about_layout = QVBoxLayout(about)
        about_layout.setSpacing(SPACING)
        about_layout.addLayout(people)
        about_layout.addWidget(QLabel("Summary"))
        about_layout.addWidget(self.summary, 1)
        about_layout.addWidget(QLabel("Impact assessment"))
        about_layout.addWidget(self.impact, 1)
        about_layout.addWidget(self.impact_complete)
        about_layout.addWidget(
            hint("Tick it once the room agrees nothing is missing from the impact.")
        )

        self.na_checks: dict[str, QCheckBox] = {}
        self.na_reasons: dict[str, CommitLineEdit] = {}
        sections = QGroupBox("Sections that do not apply")
        grid = QGridLayout(sections)
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setVerticalSpacing(SPACING // 2)
        grid.addWidget(
            hint(
                "Every section of the report is either filled in or marked N/A with a "
                "reason. The reason is printed in the report instead of the section."
            ),
            0, 0, 1, 2,
        )  # fmt: skip
        for row, (key, title) in enumerate(self.sections, start=1):
            check = QCheckBox(f"{title}: N/A")
            check.setObjectName(f"na_{key}")
            reason = CommitLineEdit()
            reason.setObjectName(f"na_reason_{key}")
            reason.setPlaceholderText("Why this does not apply (shown in the report)")
            reason.setEnabled(False)
            grid.addWidget(check, row, 0)
            grid.addWidget(reason, row, 1)
            check.toggled.connect(lambda on, k=key: self._on_na_toggled(k, on))
            reason.committed.connect(lambda text, k=key: self._on_na_reason_committed(k, text))
            self.na_checks[key] = check
            self.na_reasons[key] = reason
        grid.setColumnStretch(1, 1)
        self.na_notice = notice("naNotice")
        grid.addWidget(self.na_notice, len(self.sections) + 1, 0, 1, 2)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setSpacing(SPACING * 2)
        body_layout.addWidget(about, 1)
        body_layout.addWidget(sections)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.facilitator.committed.connect(lambda t: self._commit("facilitator", t.strip()))
        self.note_taker.committed.connect(lambda t: self._commit("note_taker", t.strip()))
        self.summary.committed.connect(lambda t: self._commit("summary", t))
        self.impact.committed.connect(lambda t: self._commit("impact", t))
        self.impact_complete.toggled.connect(lambda on: self._commit("impact_complete", on))
        self._listen()
        self.reload()

    # ------------------------------------------------------------- reading

    def debrief(self) -> Debrief | None:
        """The open debrief as stored now (``Session.debrief`` is a snapshot from opening)."""
        if self.session.debrief is None:
            return None
        return self.session.store.get_debrief(self.session.debrief_id)

    def reload(self, *_: Any) -> None:
        """Show the stored values; text typed but not yet committed is kept."""
        debrief = self.debrief()
        self.setEnabled(debrief is not None)
        if debrief is None:
            return
        self._loading = True
        try:
            self.facilitator.set_stored(debrief.facilitator)
            self.note_taker.set_stored(debrief.note_taker)
            self.summary.set_stored(debrief.summary)
            self.impact.set_stored(debrief.impact)
            with QSignalBlocker(self.impact_complete):
                self.impact_complete.setChecked(debrief.impact_complete)
            marks = marks_of(debrief)
            for key, check in self.na_checks.items():
                with QSignalBlocker(check):
                    check.setChecked(key in marks)
                reason = self.na_reasons[key]
                reason.setEnabled(key in marks)
                reason.set_stored(marks.get(key, ""))
            unexplained = [
                title for key, title in self.sections if key in marks and not marks[key].strip()
            ]
            show_notice(
                self.na_notice,
                f"Marked N/A without a reason yet: {', '.join(unexplained)}."
                if unexplained
                else "",
            )
        finally:
            self._loading = False

    def commit_pending(self) -> None:
        """Commit whatever is typed but not yet committed (before closing, exporting …)."""
        for field in (self.facilitator, self.note_taker, self.summary, self.impact):
            field.commit()
        for reason in self.na_reasons.values():
            reason.commit()

    # --------------------------------------------------------------- edits

    def _commit(self, name: str, value: Any) -> None:
        debrief = self.debrief()
        if self._loading or debrief is None or getattr(debrief, name) == value:
            return
        label = {"impact_complete": "impact complete"}.get(name, name.replace("_", "-"))
        self.session.update_row(Debrief, debrief.id, label, **{name: value})

    def _write_marks(self, marks: dict[str, str], label: str) -> None:
        debrief = self.debrief()
        if debrief is None:
            return
        ordered = {key: marks[key] for key, _ in self.sections if key in marks}
        ordered.update({k: v for k, v in marks.items() if k not in ordered})  # unknown keys kept
        text = json.dumps(ordered, ensure_ascii=False)
        if text != debrief.na_reasons:
            self.session.update_row(Debrief, debrief.id, label, na_reasons=text)

    def _on_na_toggled(self, key: str, on: bool) -> None:
        debrief = self.debrief()
        if self._loading or debrief is None:
            return
        marks = marks_of(debrief)
        reason = self.na_reasons[key]
        if on:
            marks[key] = reason.text().strip()
            reason.setModified(False)
        else:
            marks.pop(key, None)
        self._write_marks(marks, "N/A mark")
        if on:
            reason.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_na_reason_committed(self, key: str, text: str) -> None:
        debrief = self.debrief()
        if self._loading or debrief is None:
            return
        marks = marks_of(debrief)
        marks[key] = text.strip()
        self._write_marks(marks, "N/A reason")

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
