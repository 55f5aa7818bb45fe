"""The survey panel: the two closing questions for every attendee, and the two success measures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from debrief_desktop.facilitation.metrics import SuccessMetrics, compute
from debrief_desktop.gui.notes._common import (
    NEUTRAL_STYLE,
    OK_STYLE,
    SPACING,
    WARNING_STYLE,
    CommitLineEdit,
    NotesPanel,
    hint,
    notice,
    set_combo_value,
    show_notice,
    tri_combo,
)
from debrief_desktop.gui.session import Session
from debrief_desktop.gui.widgets.labels import plain_label
from debrief_desktop.store.models import Attendee, SurveyResponse

LEARNED_QUESTION = "Did you learn one thing that will change how you work?"
AGAIN_QUESTION = "Would you attend another debrief like this?"


@dataclass
class SurveyRow:
    """The widgets of one person's answers.

    Attributes:
        key: ``("attendee", id)`` for an attendee, ``("response", id)`` for someone
            who answered but is no longer on the attendee list.
        name: the person's name as shown.
    """

    key: tuple[str, int]
    name: str
    name_label: QLabel
    learned: QComboBox
    learned_what: CommitLineEdit
    attend_again: QComboBox


def measure_texts(m: SuccessMetrics) -> tuple[str, str]:
    """The two success measures in plain words."""
    if m.people == 0:
        return (
            "At least one person learned one thing: nobody to ask yet.",
            "At least half would attend again: nobody to ask yet.",
        )
    if not m.measured:
        return (
            "At least one person learned one thing: not asked yet.",
            f"At least half would attend again: not asked yet ({m.half_needed} of "
            f"{m.people} would be half).",
        )
    learned = (
        f"✓ At least one person learned one thing that will change how they work "
        f"({m.learned} of {m.people} said yes)."
        if m.someone_learned
        else f"Not yet: nobody has said they learned one thing ({m.responses} of {m.people} "
        "answered so far)."
    )
    again = (
        f"✓ At least half would attend another debrief like this ({m.attend_again} of "
        f"{m.people} said yes)."
        if m.half_would_attend
        else f"Not yet: {m.attend_again} of {m.people} would attend again; "
        f"at least half is {m.half_needed}."
    )
    return learned, again


def state_style(met: bool | None) -> str:
    """Green when a measure is met, amber when it is not yet, grey before anyone answered."""
    return NEUTRAL_STYLE if met is None else OK_STYLE if met else WARNING_STYLE


def attendees_of(session: Session) -> list[Attendee]:
    """The people in the room (none when no debrief is open)."""
    return list(session.attendees.attendees()) if session.debrief is not None else []


class SurveyPanel(NotesPanel):
    """One row per attendee with the two closing questions, and the guide's two success measures.

    The measures update with every answer. Each answer is one undoable edit.

    Args:
        session: the open debrief.
        parent: the parent widget.
    """

    TABLES = frozenset({"survey_response", "attendee"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._loading = False
        self.rows: list[SurveyRow] = []
        self.measures = compute([], [])

        measures_box = QGroupBox("Success measures")
        measures_layout = QVBoxLayout(measures_box)
        measures_layout.setSpacing(SPACING // 2)
        self.learned_measure = notice("learnedMeasure")
        self.again_measure = notice("againMeasure")
        measures_layout.addWidget(self.learned_measure)
        measures_layout.addWidget(self.again_measure)

        questions = QGroupBox("Ask each person, at the very end")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(SPACING)
        self.grid.setVerticalSpacing(SPACING // 2)
        questions_layout = QVBoxLayout(questions)
        questions_layout.setSpacing(SPACING)
        questions_layout.addWidget(hint(f"1. {LEARNED_QUESTION} If so, what?\n2. {AGAIN_QUESTION}"))
        questions_layout.addLayout(self.grid)
        self.empty_hint = hint("Add the people who attended (People tab) to ask them.")
        questions_layout.addWidget(self.empty_hint)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setSpacing(SPACING * 2)
        body_layout.addWidget(measures_box)
        body_layout.addWidget(questions)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._listen()
        attendees = session.attendees
        for signal in (
            attendees.rowsInserted,
            attendees.rowsRemoved,
            attendees.rowsMoved,
            attendees.dataChanged,
            attendees.modelReset,
        ):
            signal.connect(self.reload)
        self.reload()

    # ------------------------------------------------------------- reading

    def responses(self) -> list[SurveyResponse]:
        """The stored answers."""
        if self.session.debrief is None:
            return []
        return self.session.store.rows(SurveyResponse, debrief_id=self.session.debrief_id)

    def _people(self) -> list[tuple[tuple[str, int], str, SurveyResponse | None]]:
        """(key, name, latest answer) for every person asked, as the success metrics count them.

        Attendees first; then people who answered but are not on the attendee list
        (someone removed from it, or added only to the survey), one per name.
        """
        attendees = self.session.attendees.attendees() if self.session.debrief else []
        present = {a.id for a in attendees}
        by_attendee: dict[int, SurveyResponse] = {}
        others: dict[object, SurveyResponse] = {}
        for r in self.responses():  # in answer order: a later answer replaces an earlier one
            if r.attendee_id is not None and r.attendee_id in present:
                by_attendee[r.attendee_id] = r
            else:
                name = r.respondent.strip().casefold()
                others.pop(name or r.id, None)
                others[name or r.id] = r
        people: list[tuple[tuple[str, int], str, SurveyResponse | None]] = [
            (("attendee", a.id), a.name, by_attendee.get(a.id)) for a in attendees
        ]
        people += [(("response", r.id), r.respondent or "someone", r) for r in others.values()]
        return people

    def reload(self, *_: Any) -> None:
        """Show the stored answers and the measures; keeps text not yet committed."""
        self.setEnabled(self.session.debrief is not None)
        people = self._people()
        if [key for key, _, _ in people] != [row.key for row in self.rows]:
            self.commit_pending()  # before its field goes: it may change the answers
            people = self._people()
            if [key for key, _, _ in people] != [row.key for row in self.rows]:
                self._build_rows(people)
        self._loading = True
        try:
            for row, (_key, name, response) in zip(self.rows, people, strict=True):
                row.name = name
                row.name_label.setText(name)
                set_combo_value(row.learned, response.learned if response else None)
                set_combo_value(row.attend_again, response.attend_again if response else None)
                row.learned_what.set_stored(response.learned_what if response else "")
        finally:
            self._loading = False
        self.measures = compute(attendees_of(self.session), self.responses())
        learned, again = measure_texts(self.measures)
        show_notice(
            self.learned_measure,
            learned,
            state_style(self.measures.someone_learned),
        )
        show_notice(
            self.again_measure,
            again,
            state_style(self.measures.half_would_attend),
        )
        self.empty_hint.setVisible(not people)

    def _build_rows(self, people: list[tuple[tuple[str, int], str, SurveyResponse | None]]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        bold = QFont()
        bold.setBold(True)
        for column, title in enumerate(
            ("Person", "Learned one thing?", "What did you learn?", "Attend again?")
        ):
            header = QLabel(title)
            header.setFont(bold)
            self.grid.addWidget(header, 0, column)
        for number, (key, name, _response) in enumerate(people, start=1):
            label = plain_label(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
            learned = tri_combo()
            learned.setObjectName(f"learned_{number - 1}")
            learned.setToolTip(LEARNED_QUESTION)
            what = CommitLineEdit()
            what.setObjectName(f"learned_what_{number - 1}")
            what.setPlaceholderText("The one thing, in their words")
            again = tri_combo()
            again.setObjectName(f"attend_again_{number - 1}")
            again.setToolTip(AGAIN_QUESTION)
            row = SurveyRow(key, name, label, learned, what, again)
            self.rows.append(row)
            for column, widget in enumerate((label, learned, what, again)):
                self.grid.addWidget(widget, number, column)
            learned.currentIndexChanged.connect(
                lambda _, r=row: self._answer(r, learned=r.learned.currentData())
            )
            again.currentIndexChanged.connect(
                lambda _, r=row: self._answer(r, attend_again=r.attend_again.currentData())
            )
            what.committed.connect(lambda text, r=row: self._answer(r, learned_what=text.strip()))
        self.grid.setColumnStretch(2, 1)

    def commit_pending(self) -> None:
        """Commit answers typed but not yet committed."""
        for row in self.rows:
            row.learned_what.commit()

    # --------------------------------------------------------------- edits

    def _answer(self, row: SurveyRow, **fields: Any) -> None:
        if self._loading or self.session.debrief is None:
            return
        response = next((r for k, _, r in self._people() if k == row.key), None)
        if response is not None:
            if any(getattr(response, k) != v for k, v in fields.items()):
                self.session.update_row(SurveyResponse, response.id, "survey answer", **fields)
            return
        if row.key[0] != "attendee":
            return  # that answer is gone (undone): nothing to change
        values: dict[str, Any] = {"learned": None, "learned_what": "", "attend_again": None}
        values.update(fields)
        self.session.add_row(
            SurveyResponse, "survey answer",
            debrief_id=self.session.debrief_id, attendee_id=row.key[1], respondent=row.name,
            **values,
        )  # fmt: skip

    def hideEvent(self, event: QHideEvent) -> None:
        self.commit_pending()
        super().hideEvent(event)
