"""The console's shared-notes panels: every edit stored, undoable, and on the projector."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QTabWidget, QWidget

from debrief_desktop.gui.notes import (
    NOTES_PANELS,
    ActionItemsPanel,
    DistributionPanel,
    ExportPanel,
    GuardRailsPanel,
    LearningsPanel,
    SummaryPanel,
    SurveyPanel,
)
from debrief_desktop.gui.projector import NO_OWNER, ProjectorView
from debrief_desktop.store.models import (
    ActionItem,
    Debrief,
    GuardRail,
    Learning,
    Recipient,
    SurveyResponse,
)


def mount(qtbot, panel: QWidget) -> QWidget:
    """Show a panel in its own window with a spare field to move focus to."""
    host = QWidget()
    qtbot.addWidget(host)
    panel.setParent(host)
    away = QLineEdit(host)
    away.setObjectName("away")
    panel.host = host  # the test holds the panel; the panel holds its window
    host.resize(1000, 900)
    panel.setGeometry(0, 40, 1000, 860)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)  # focus moves only within the active window
    return host


def leave(field: QWidget) -> None:
    """Move focus from ``field`` to the spare field of its window."""
    away = field.window().findChild(QLineEdit, "away")
    away.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    assert not field.hasFocus()


def type_into(qtbot, field: QWidget, text: str) -> None:
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    assert field.hasFocus(), "the field did not get the focus"
    qtbot.keyClicks(field, text)


@pytest.fixture
def room(qtbot, session):
    """The projector view the room sees."""
    view = ProjectorView(session)
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    qtbot.waitExposed(view)
    return view


def stored_debrief(session) -> Debrief:
    return session.store.get_debrief(session.debrief_id)


# ------------------------------------------------------------------- summary


def test_summary_typed_then_left_is_committed_once_and_undoable(qtbot, session):
    panel = SummaryPanel(session)
    mount(qtbot, panel)
    before = stored_debrief(session).summary
    panel.summary.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, panel.summary, " Nobody was paged by support.")
    assert stored_debrief(session).summary == before, "nothing is written while typing"
    depth = session.undo_stack.count()
    leave(panel.summary)
    assert stored_debrief(session).summary == before + " Nobody was paged by support."
    assert session.undo_stack.count() == depth + 1, "one transaction"
    session.undo_stack.undo()
    assert stored_debrief(session).summary == before
    assert panel.summary.toPlainText() == before, "the panel follows undo"


def test_people_and_impact_complete_are_stored_and_undoable(qtbot, session):
    panel = SummaryPanel(session)
    mount(qtbot, panel)
    panel.facilitator.selectAll()
    type_into(qtbot, panel.facilitator, "Amara Okafor")
    leave(panel.facilitator)
    assert stored_debrief(session).facilitator == "Amara Okafor"
    panel.note_taker.clear()
    type_into(qtbot, panel.note_taker, "Lea Brandt")
    qtbot.keyClick(panel.note_taker, Qt.Key.Key_Return)
    assert stored_debrief(session).note_taker == "Lea Brandt"
    assert stored_debrief(session).impact_complete is False
    panel.impact_complete.click()
    assert stored_debrief(session).impact_complete is True
    session.undo_stack.undo()
    assert stored_debrief(session).impact_complete is False
    assert not panel.impact_complete.isChecked()
    session.undo_stack.undo()
    assert stored_debrief(session).note_taker == "Jonas Weber"


def test_a_section_marked_na_keeps_its_reason(qtbot, session):
    panel = SummaryPanel(session)
    mount(qtbot, panel)
    assert "success_metrics" in panel.na_checks, "the report's own section keys"
    panel.na_checks["agenda"].click()
    assert json.loads(stored_debrief(session).na_reasons) == {"agenda": ""}
    assert panel.na_reasons["agenda"].hasFocus(), "ready for the reason"
    assert panel.na_notice.isVisibleTo(panel) and "Agenda" in panel.na_notice.text()
    qtbot.keyClicks(panel.na_reasons["agenda"], "We ran it without an agenda")
    leave(panel.na_reasons["agenda"])
    assert json.loads(stored_debrief(session).na_reasons) == {
        "agenda": "We ran it without an agenda"
    }
    assert not panel.na_notice.isVisibleTo(panel)

    session.undo_stack.undo()  # the reason
    assert json.loads(stored_debrief(session).na_reasons) == {"agenda": ""}
    session.undo_stack.redo()
    panel.na_checks["agenda"].click()  # no longer N/A
    assert json.loads(stored_debrief(session).na_reasons) == {}
    session.undo_stack.undo()
    assert panel.na_checks["agenda"].isChecked()
    assert panel.na_reasons["agenda"].text() == "We ran it without an agenda"


def test_typed_text_survives_a_reload_and_is_kept_on_switching_tabs(qtbot, session):
    tabs = QTabWidget()
    panel = SummaryPanel(session)
    tabs.addTab(panel, "Summary")
    tabs.addTab(LearningsPanel(session), "Learnings")
    mount(qtbot, tabs)
    panel.impact.selectAll()
    type_into(qtbot, panel.impact, "Still counting")
    session.add_row(Learning, "learning", debrief_id=session.debrief_id, kind="learned", text="x")
    session.update_row(Debrief, session.debrief_id, "summary", summary="Changed elsewhere")
    assert panel.impact.toPlainText() == "Still counting", "a reload keeps what is typed"
    assert panel.summary.toPlainText() == "Changed elsewhere"
    assert stored_debrief(session).impact != "Still counting"
    tabs.setCurrentIndex(1)
    assert stored_debrief(session).impact == "Still counting"
    session.undo_stack.undo()
    tabs.setCurrentIndex(0)
    assert panel.impact.toPlainText() == session.store.get_debrief(session.debrief_id).impact


def test_commit_pending_keeps_typing_in_progress(qtbot, session):
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    learning = session.learnings()[4]
    panel.select(learning.id)
    panel.text.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, panel.text, " Added at the end.")
    panel.commit_pending()  # what the console calls before closing
    assert session.store.get(Learning, learning.id).text == learning.text + " Added at the end."
    assert panel.text.hasFocus(), "the note-taker keeps typing"


# ----------------------------------------------------------------- learnings


def test_learnings_add_edit_remove_show_on_the_projector(qtbot, session, room):
    session.set_scene("learnings")
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    panel.add_kind.setCurrentIndex(panel.add_kind.findData("surprise"))
    type_into(qtbot, panel.quick_add.edit, "Retries create a second payment")
    qtbot.keyClick(panel.quick_add.edit, Qt.Key.Key_Return)
    added = session.learnings()[-1]
    assert (added.kind, added.text) == ("surprise", "Retries create a second payment")
    assert "Retries create a second payment" in room.visible_texts()
    assert panel.selected() == added, "the new learning is in the editor"

    panel.kind.setCurrentIndex(panel.kind.findData("assumption"))
    assert panel.intentional.isEnabled()
    panel.intentional.setCurrentIndex(panel.intentional.findData(True))
    panel.text.selectAll()
    type_into(qtbot, panel.text, "Retries are always safe")
    leave(panel.text)
    now = session.store.get(Learning, added.id)
    assert (now.kind, now.intentional, now.text) == ("assumption", True, "Retries are always safe")
    texts = room.visible_texts()
    assert "Retries are always safe" in texts
    assert "Assumption · intentional" in texts

    panel.kind.setCurrentIndex(panel.kind.findData("learned"))
    assert session.store.get(Learning, added.id).intentional is None
    assert not panel.intentional.isEnabled()
    session.undo_stack.undo()
    assert session.store.get(Learning, added.id).intentional is True

    panel.remove_selected()
    assert added.id not in [x.id for x in session.learnings()]
    assert "Retries are always safe" not in room.visible_texts()
    session.undo_stack.undo()
    assert "Retries are always safe" in room.visible_texts()
    for _ in range(4):  # text, intentional, kind, add
        session.undo_stack.undo()
    assert added.id not in [x.id for x in session.learnings()]
    assert "Retries create a second payment" not in room.visible_texts()


def test_learning_links_to_events_are_undoable_and_survive_removal(qtbot, session):
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    learning = session.learnings()[0]
    panel.select(learning.id)
    events = list(session.timeline.events())
    panel.links.item(1).setCheckState(Qt.CheckState.Checked)
    panel.links.item(4).setCheckState(Qt.CheckState.Checked)
    store = session.store
    assert store.linked_events("learning_event", learning.id) == [events[1].id, events[4].id]
    assert "2 events" in panel.list.item(0).text()
    session.undo_stack.undo()
    assert store.linked_events("learning_event", learning.id) == [events[1].id]
    assert panel.links.item(4).checkState() == Qt.CheckState.Unchecked

    panel.remove_selected()
    session.undo_stack.undo()
    assert store.linked_events("learning_event", learning.id) == [events[1].id]


def test_the_event_checklist_follows_the_timeline(qtbot, session):
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    learning = session.learnings()[1]
    panel.select(learning.id)
    count = session.timeline.rowCount()
    assert panel.links.count() == count
    panel.links.item(3).setCheckState(Qt.CheckState.Checked)
    panel.links.item(5).setCheckState(Qt.CheckState.Checked)
    third = session.timeline.event_at(3)
    session.update_event(third.id, text="Renamed event")
    assert "Renamed event" in panel.links.item(3).text()
    session.add_event(row=0, text="A new first event")
    assert panel.links.count() == count + 1
    assert "A new first event" in panel.links.item(0).text()
    assert panel.links.item(4).checkState() == Qt.CheckState.Checked, "ticks move with events"
    assert "2 events" in panel.list.item(1).text()
    session.delete_event(third.id)
    assert "1 event" in panel.list.item(1).text()
    assert panel.links.count() == count
    fifth = session.timeline.event_at(5)
    assert session.store.linked_events("learning_event", learning.id) == [fifth.id]
    assert [
        i
        for i in range(panel.links.count())
        if panel.links.item(i).checkState() == Qt.CheckState.Checked
    ] == [5]


def test_learnings_reorder_on_the_projector_and_undo(qtbot, session, room):
    session.set_scene("learnings")
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    first, second = session.learnings()[:2]
    panel.select(first.id)
    assert not panel.up_button.isEnabled()
    panel.down_button.click()
    assert [x.id for x in session.learnings()[:2]] == [second.id, first.id]
    texts = room.visible_texts()
    assert texts.index(second.text) < texts.index(first.text)
    assert panel.selected().id == first.id, "the moved learning stays selected"
    session.undo_stack.undo()
    assert [x.id for x in session.learnings()[:2]] == [first.id, second.id]
    texts = room.visible_texts()
    assert texts.index(first.text) < texts.index(second.text)


def test_text_typed_for_one_learning_stays_with_it_when_another_is_picked(qtbot, session):
    panel = LearningsPanel(session)
    mount(qtbot, panel)
    first, second = session.learnings()[:2]
    panel.select(first.id)
    panel.text.selectAll()
    type_into(qtbot, panel.text, "Rewritten")
    panel.select(second.id)
    assert session.store.get(Learning, first.id).text == "Rewritten"
    assert session.store.get(Learning, second.id).text == second.text
    assert panel.text.toPlainText() == second.text


# -------------------------------------------------------------- guard rails


def test_guard_rails_add_edit_move_remove_undo(qtbot, session):
    panel = GuardRailsPanel(session)
    mount(qtbot, panel)
    rows = lambda status: [  # noqa: E731
        g.text
        for g in session.store.rows(GuardRail, debrief_id=session.debrief_id)
        if g.status == status
    ]
    before_existing = rows("existing")
    type_into(qtbot, panel.existing.quick_add.edit, "Pager escalation after 15 minutes")
    qtbot.keyClick(panel.existing.quick_add.edit, Qt.Key.Key_Return)
    assert rows("existing") == [*before_existing, "Pager escalation after 15 minutes"]

    item = panel.existing.list.item(panel.existing.list.count() - 1)
    item.setText("Pager escalation after 10 minutes")  # what an in-place edit does
    assert rows("existing")[-1] == "Pager escalation after 10 minutes"
    item.setText("   ")  # emptied: not a way to remove
    assert rows("existing")[-1] == "Pager escalation after 10 minutes"
    assert panel.existing.list.item(panel.existing.list.count() - 1).text().strip()

    panel.existing.list.setCurrentRow(panel.existing.list.count() - 1)
    assert panel.to_proposed.isEnabled()
    panel.to_proposed.click()
    assert "Pager escalation after 10 minutes" in rows("proposed")
    assert [panel.proposed.list.item(i).text() for i in range(panel.proposed.list.count())][
        -1
    ] == "Pager escalation after 10 minutes"

    panel.proposed.list.setCurrentRow(panel.proposed.list.count() - 1)
    panel.proposed.remove_button.click()
    assert "Pager escalation after 10 minutes" not in rows("proposed")
    session.undo_stack.undo()
    assert "Pager escalation after 10 minutes" in rows("proposed")
    for _ in range(3):
        session.undo_stack.undo()
    assert rows("existing") == before_existing
    assert panel.existing.list.count() == len(before_existing)


# ------------------------------------------------------------- action items


def test_an_action_item_without_owner_or_priority_is_flagged(qtbot, session, room):
    session.set_scene("action_items")
    panel = ActionItemsPanel(session)
    mount(qtbot, panel)
    assert not panel.unowned_notice.isVisibleTo(panel), "the demo's items are all owned"
    type_into(qtbot, panel.quick_add.edit, "Write down who decides on rollbacks")
    qtbot.keyClick(panel.quick_add.edit, Qt.Key.Key_Return)
    item = session.action_items()[-1]
    assert (item.text, item.owner, item.priority) == ("Write down who decides on rollbacks", "", "")
    assert panel.unowned_notice.isVisibleTo(panel)
    assert "1 of 5" in panel.unowned_notice.text()
    assert panel.item_notice.isVisibleTo(panel)
    assert panel.item_notice.text() == "This action item needs an owner and a priority."
    assert panel.list.item(panel.list.count() - 1).text().startswith("⚠")
    texts = room.visible_texts()
    assert "Write down who decides on rollbacks" in texts
    assert NO_OWNER in texts

    type_into(qtbot, panel.owner, "Pat Quinn")  # matches no name: no completer popup
    leave(panel.owner)
    assert session.store.get(ActionItem, item.id).owner == "Pat Quinn"
    assert panel.item_notice.text() == "This action item needs a priority."
    assert "Pat Quinn" in room.visible_texts()
    panel.priority.setCurrentIndex(panel.priority.findData("high"))
    assert session.store.get(ActionItem, item.id).priority == "high"
    assert not panel.item_notice.isVisibleTo(panel)
    assert not panel.unowned_notice.isVisibleTo(panel)
    assert not panel.list.item(panel.list.count() - 1).text().startswith("⚠")

    session.undo_stack.undo()
    assert panel.item_notice.isVisibleTo(panel)
    assert panel.priority.currentData() == ""


def test_action_item_fields_due_status_and_links(qtbot, session, room):
    session.set_scene("action_items")
    panel = ActionItemsPanel(session)
    mount(qtbot, panel)
    item = session.action_items()[0]
    panel.select(item.id)

    panel.due.selectAll()
    type_into(qtbot, panel.due, "next Friday")
    leave(panel.due)
    assert session.store.get(ActionItem, item.id).due == item.due, "not a date: not stored"
    assert panel.due_error.isVisibleTo(panel)
    assert panel.due.text() == "next Friday", "what was typed stays, to be corrected"
    panel.due.selectAll()
    type_into(qtbot, panel.due, "2027-1-5")
    leave(panel.due)
    assert session.store.get(ActionItem, item.id).due == "2027-01-05"
    assert panel.due.text() == "2027-01-05"
    assert not panel.due_error.isVisibleTo(panel)
    assert any("due 5 Jan 2027" in t for t in room.visible_texts())

    panel.status.setCurrentIndex(panel.status.findData("done"))
    assert session.store.get(ActionItem, item.id).status == "done"
    learning = session.learnings()[3]
    panel.learning.setCurrentIndex(panel.learning.findData(learning.id))
    assert session.store.get(ActionItem, item.id).learning_id == learning.id
    event = session.timeline.event_at(2)
    panel.links.item(2).setCheckState(Qt.CheckState.Checked)
    assert session.store.linked_events("action_item_event", item.id) == [event.id]

    for _ in range(4):
        session.undo_stack.undo()
    again = session.store.get(ActionItem, item.id)
    assert again == item
    assert session.store.linked_events("action_item_event", item.id) == []
    assert panel.due.text() == item.due


def test_action_items_remove_and_undo_on_the_projector(qtbot, session, room):
    session.set_scene("action_items")
    panel = ActionItemsPanel(session)
    mount(qtbot, panel)
    item = session.action_items()[1]
    panel.list.setCurrentRow(1)
    assert panel.selected() == item
    panel.remove_button.click()
    assert item.text not in room.visible_texts()
    assert panel.selected() is not None, "the next item is selected"
    session.undo_stack.undo()
    assert item.text in room.visible_texts()
    assert session.store.get(ActionItem, item.id) == item


# ------------------------------------------------------------- distribution


def test_distribution_list_add_edit_remove_undo(qtbot, session):
    panel = DistributionPanel(session)
    mount(qtbot, panel)
    names = lambda: [  # noqa: E731
        r.name for r in session.store.rows(Recipient, debrief_id=session.debrief_id)
    ]
    before = names()
    rows = panel.recipients
    type_into(qtbot, rows.quick_add.edit, "payments-team@example.org")
    rows.quick_add.button.click()
    assert names() == [*before, "payments-team@example.org"]
    assert rows.quick_add.edit.text() == ""
    rows.list.item(rows.list.count() - 1).setText("payments@example.org")
    assert names()[-1] == "payments@example.org"
    rows.list.setCurrentRow(0)
    rows.remove_button.click()
    assert names() == [*before[1:], "payments@example.org"]
    session.undo_stack.undo()
    assert names() == [*before, "payments@example.org"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert names() == before
    assert rows.list.count() == len(before)


# ------------------------------------------------------------------- survey


def answer(panel: SurveyPanel, row: int, learned=None, again=None) -> None:
    if learned is not None:
        panel.rows[row].learned.setCurrentIndex(panel.rows[row].learned.findData(learned))
    if again is not None:
        panel.rows[row].attend_again.setCurrentIndex(panel.rows[row].attend_again.findData(again))


def test_survey_measures_with_an_even_number_of_attendees(qtbot, session):
    panel = SurveyPanel(session)
    mount(qtbot, panel)
    assert len(panel.rows) == 6
    assert panel.measures.someone_learned is None, "nobody asked yet"
    answer(panel, 0, learned=False, again=True)
    answer(panel, 1, again=True)
    assert panel.measures.someone_learned is False
    assert panel.measures.half_would_attend is False
    assert "2 of 6" in panel.again_measure.text() and "at least half is 3" in (
        panel.again_measure.text()
    )
    answer(panel, 2, learned=True, again=True)
    assert panel.measures.someone_learned is True
    assert panel.measures.half_would_attend is True
    assert panel.learned_measure.text().startswith("✓")
    assert panel.again_measure.text().startswith("✓ At least half")
    stored = session.store.rows(SurveyResponse, debrief_id=session.debrief_id)
    assert len(stored) == 3, "one response per person"
    session.undo_stack.undo()  # the third person's "again"
    assert panel.measures.half_would_attend is False
    assert panel.measures.someone_learned is True
    session.undo_stack.undo()  # and their "learned"
    assert panel.measures.someone_learned is False
    assert panel.rows[2].learned.currentData() is None


def test_survey_measures_with_an_odd_number_of_attendees(qtbot, session):
    session.add_attendee("Mei Chen", "payments engineer")
    panel = SurveyPanel(session)
    mount(qtbot, panel)
    assert [r.name for r in panel.rows][-1] == "Mei Chen"
    for row in range(3):
        answer(panel, row, again=True)
    assert panel.measures.people == 7
    assert panel.measures.half_would_attend is False, "3 of 7 is less than half"
    assert "at least half is 4" in panel.again_measure.text()
    answer(panel, 6, again=True)
    assert panel.measures.half_would_attend is True
    session.add_attendee("Ola Nordmann")  # 8 people: 4 is still half
    assert len(panel.rows) == 8
    assert panel.measures.half_would_attend is True


def test_survey_what_was_learned_is_committed_on_leaving(qtbot, session):
    panel = SurveyPanel(session)
    mount(qtbot, panel)
    answer(panel, 4, learned=True)
    type_into(qtbot, panel.rows[4].learned_what, "Support sees it first")
    leave(panel.rows[4].learned_what)
    (response,) = session.store.rows(SurveyResponse, debrief_id=session.debrief_id)
    aiko = session.attendees.attendees()[4]
    assert (response.attendee_id, response.learned, response.learned_what) == (
        aiko.id,
        True,
        "Support sees it first",
    )
    session.undo_stack.undo()
    assert panel.rows[4].learned_what.text() == ""

    type_into(qtbot, panel.rows[1].learned_what, "Idempotency keys")
    session.add_attendee("Mei Chen")  # the rows are rebuilt: what was typed is kept
    assert len(panel.rows) == 7
    tomas = session.attendees.attendees()[1]
    (response,) = session.store.rows(SurveyResponse, attendee_id=tomas.id)
    assert response.learned_what == "Idempotency keys"
    assert panel.rows[1].learned_what.text() == "Idempotency keys"


# ------------------------------------------------------------------- export


def test_export_lists_what_is_missing_and_follows_edits(qtbot, session):
    panel = ExportPanel(session)
    mount(qtbot, panel)
    assert "not yet confirmed" in panel.gaps_label.text()
    assert "Success metrics" in panel.gaps_label.text()
    session.add_row(
        ActionItem, "action item",
        debrief_id=session.debrief_id, text="Unowned follow-up", owner="", priority="",
        due="", status="open", learning_id=None,
    )  # fmt: skip
    assert "“Unowned follow-up” has no owner." in panel.gaps_label.text()
    session.update_row(
        Debrief,
        session.debrief_id,
        "N/A",
        na_reasons=json.dumps({"success_metrics": "We ran out of time"}),
    )
    assert "Success metrics" not in panel.gaps_label.text()
    assert "We ran out of time" in panel.na_hint.text()
    assert panel.pdf_button.isEnabled(), "exporting anyway is allowed"


def _exporter():
    from debrief_desktop import export

    if not hasattr(export, "export_debrief"):
        pytest.skip("debrief_desktop.export has no export_debrief yet (being written)")
    return export.export_debrief


def test_export_markdown_and_pdf_write_the_notes(qtbot, session, tmp_path, monkeypatch):
    _exporter()
    panel = ExportPanel(session)
    mount(qtbot, panel)
    target = {"path": tmp_path / "notes"}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target["path"]), ""))
    result = panel.export_to_file("markdown")
    text = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert result is not None
    for learning in session.learnings():
        assert " ".join(learning.text.split()[:5]) in text
    assert "Saved to" in panel.result.text()

    target["path"] = tmp_path / "notes.pdf"
    result = panel.export_to_file("pdf")
    assert (tmp_path / "notes.pdf").read_bytes().startswith(b"%PDF")
    assert f"{result.pages} page" in panel.result.text()
    assert "could not be drawn" not in panel.result.text()

    # U+0378 is unassigned: no font has it, and the user is told so.
    session.add_row(
        Learning, "learning", debrief_id=session.debrief_id, kind="learned", text="odd \u0378 here"
    )
    result = panel.export_to_file("pdf", pre_read=False)
    assert "\u0378" in result.missing_glyphs
    assert "U+0378" in panel.result.text()
    assert "could not be drawn" in panel.result.text()


def test_print_hands_the_pdf_to_the_system(qtbot, session, monkeypatch):
    _exporter()
    panel = ExportPanel(session)
    mount(qtbot, panel)
    opened: list[str] = []
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    panel.print_report()
    assert len(opened) == 1 and opened[0].endswith(".pdf")
    assert Path(opened[0]).read_bytes().startswith(b"%PDF")


def test_print_sends_the_pdf_to_lp_where_there_is_one(qtbot, session, monkeypatch, tmp_path):
    _exporter()
    panel = ExportPanel(session)
    mount(qtbot, panel)
    lp = tmp_path / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/printed"\necho "request id is desk-7"\n')
    lp.chmod(0o755)
    monkeypatch.setattr("shutil.which", lambda name: str(lp) if name == "lp" else None)
    panel.print_report()
    printed = Path((tmp_path / "printed").read_text().strip())
    assert printed.read_bytes().startswith(b"%PDF")
    assert "Sent to the printer. request id is desk-7" in panel.result.text()


def test_export_failure_is_reported_not_raised(qtbot, session, monkeypatch, tmp_path):
    panel = ExportPanel(session)
    mount(qtbot, panel)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "no" / "x.pdf"), "")
    )
    (tmp_path / "no").write_text("a file where a folder should be")
    assert panel.export_to_file("pdf") is None
    assert panel.result.isVisibleTo(panel)
    assert panel.result.text()


# -------------------------------------------------------------- all panels


def test_every_panel_follows_another_debrief_being_opened(qtbot, session):
    store = session.store
    other = store.create_debrief("A quiet Tuesday", summary="Nothing much", facilitator="Ida")
    panels = {cls: cls(session) for _, cls in NOTES_PANELS}
    host = QWidget()
    qtbot.addWidget(host)
    for panel in panels.values():
        panel.setParent(host)
    assert panels[LearningsPanel].list.count() == 5
    session.open_debrief(other.id)
    assert panels[SummaryPanel].summary.toPlainText() == "Nothing much"
    assert panels[SummaryPanel].facilitator.text() == "Ida"
    assert panels[LearningsPanel].list.count() == 0
    assert panels[ActionItemsPanel].list.count() == 0
    assert panels[GuardRailsPanel].existing.list.count() == 0
    assert panels[DistributionPanel].recipients.list.count() == 0
    assert panels[SurveyPanel].rows == []
    assert "Timeline" in panels[ExportPanel].gaps_label.text()
