"""The facilitator console: editing, navigation keys, quick notes, private panels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from debrief_desktop.gui.commands import COMMANDS, TypingGuard
from debrief_desktop.gui.console import ConsoleWindow
from debrief_desktop.store.models import Event, Note, Precision


@pytest.fixture
def console(qtbot, session):
    guard = TypingGuard()
    QApplication.instance().installEventFilter(guard)
    window = ConsoleWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    QApplication.instance().removeEventFilter(guard)


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def test_every_key_is_bound_once():
    keys = [k for c in COMMANDS for k in c.keys]
    assert len(keys) == len(set(keys))


def test_clicker_keys_drive_the_room(qtbot, console, session):
    console.table.setFocus()
    session.go_live(0)
    press(qtbot, console, Qt.Key.Key_PageDown)
    assert session.live_row == 1
    press(qtbot, console, Qt.Key.Key_PageUp)
    assert session.live_row == 0
    press(qtbot, console, Qt.Key.Key_B)
    assert session.blackout is True
    press(qtbot, console, Qt.Key.Key_Period)
    assert session.blackout is False
    press(qtbot, console, Qt.Key.Key_R)
    assert session.reveal is False
    press(qtbot, console, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert session.font_step == 1


def test_bare_keys_type_into_a_text_field_instead_of_moving_the_room(qtbot, console, session):
    session.go_live(2)
    console.focus_quick_note()
    qtbot.keyClicks(console.quick_note, "b. r")
    assert console.quick_note.text() == "b. r"
    assert session.live_row == 2
    assert session.blackout is False
    assert session.reveal is True
    # The clicker's PageDown still works while the note-taker types.
    qtbot.keyClick(console.quick_note, Qt.Key.Key_PageDown)
    assert session.live_row == 3


def test_quick_note_is_kept_on_the_live_event(qtbot, console, session):
    session.go_live(4)
    qtbot.keyClick(console, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is console.quick_note
    qtbot.keyClicks(console.quick_note, "Noor: the runbook said wait ten minutes")
    qtbot.keyClick(console.quick_note, Qt.Key.Key_Return)
    notes = session.store.rows(Note, event_id=session.live_event.id)
    assert [n.text for n in notes] == ["Noor: the runbook said wait ten minutes"]
    assert console.quick_note.text() == ""
    assert "runbook" in console.quick_note_status.text()


def test_selecting_an_event_does_not_move_the_room_until_show_this(qtbot, console, session):
    session.go_live(0)
    console.select_row(9)
    assert session.live_row == 0
    assert console.editor.ui.textEdit.toPlainText() == session.timeline.event_at(9).text
    console.show_button.click()
    assert session.live_row == 9


def test_editing_fields_commits_each_one(qtbot, console, session):
    console.select_row(1)
    event = console.selected_event
    ui = console.editor.ui
    ui.actorEdit.setFocus()
    ui.actorEdit.selectAll()
    qtbot.keyClicks(ui.actorEdit, "deploy bot")
    qtbot.keyClick(ui.actorEdit, Qt.Key.Key_Tab)  # focus moves on: editingFinished
    ui.timeEdit.setText("~13:59")
    ui.timeEdit.editingFinished.emit()
    ui.textEdit.setFocus()
    ui.textEdit.setPlainText("The canary passes and v2.14 is promoted")
    console.table.setFocus()  # leaving the text box keeps what was typed
    ui.pivotCheck.click()
    stored = session.store.get(Event, event.id)
    assert stored.actor == "deploy bot"
    assert stored.text == "The canary passes and v2.14 is promoted"
    assert stored.pivot is True
    assert (stored.time_text, stored.precision) == ("~13:59", Precision.APPROXIMATE)
    assert stored.instant == "2026-11-18T13:59:00+00:00"
    assert ui.precisionLabel.text().startswith("≈")


def test_text_typed_then_window_closed_is_kept(qtbot, console, session):
    console.select_row(3)
    event = console.selected_event
    console.editor.ui.textEdit.setPlainText("typed just before closing")
    console.close()
    assert session.store.get(Event, event.id).text == "typed just before closing"


def test_add_delete_move_and_undo_from_the_console(qtbot, console, session):
    console.select_row(2)
    console.add_button.click()
    assert console.table.currentIndex().row() == 3
    assert session.timeline.rowCount() == 26
    console.move_selected(-1)
    assert session.timeline.row_of(console.selected_event.id) == 2
    assert session.store.get(Event, console.selected_event.id).position == 2
    console.delete_selected()
    assert session.timeline.rowCount() == 25
    qtbot.keyClick(console, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.timeline.rowCount() == 26


def test_accounts_are_added_per_person(qtbot, console, session):
    console.select_row(0)
    console.account_person.setCurrentIndex(1)
    person = session.attendees.attendees()[1]
    console.account_text.setPlainText("I read the linter output as all clear")
    console.account_save.click()
    assert console.accounts_list.count() == 1
    assert console.accounts_list.item(0).text().startswith(person.name)
    assert session.perspectives_of(console.selected_event.id)[0].attendee_id == person.id


def test_private_notes_and_questions_panel(qtbot, console, session):
    console.select_row(0)
    console.tabs.setCurrentIndex(1)
    console.private_edit.setText("Ravi worries he is 'the cause'")
    console.private_edit.returnPressed.emit()
    console.question_edit.setText("What did the linter output tell you?")
    console.question_edit.returnPressed.emit()
    assert console.private_list.item(0).text() == "Ravi worries he is 'the cause'"
    assert console.questions_list.item(0).text() == "What did the linter output tell you?"
    console.private_list.setCurrentRow(0)
    console.remove_private_button.click()
    assert console.private_list.count() == 0


def test_people_can_be_added_and_renamed(qtbot, console, session):
    before = session.attendees.rowCount()
    console.person_name.setText("Lea")
    console.person_role.setText("support engineer")
    console.person_add.click()
    assert session.attendees.rowCount() == before + 1
    index = session.attendees.index(before)
    console.people_view.setCurrentIndex(index)
    console.person_role.setText("support lead")
    console.person_update.click()
    assert session.attendees.attendees()[before].role == "support lead"


def test_the_editor_follows_the_room_unless_another_event_was_picked(qtbot, console, session):
    session.go_live(0)
    console.select_row(0)
    session.next_event()
    assert console.selected_event == session.live_event
    console.select_row(10)  # the facilitator looks ahead
    session.next_event()
    assert console.selected_event == session.timeline.event_at(10)


def test_keys_on_buttons_and_lists_stay_with_them(qtbot, console, session):
    session.go_live(3)
    console.select_row(3)
    combo = console.editor.ui.kindCombo
    combo.setFocus()
    before = combo.currentIndex()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert session.live_row == 3
    assert combo.currentIndex() != before
    console.editor.ui.pivotCheck.setFocus()
    qtbot.keyClick(console.editor.ui.pivotCheck, Qt.Key.Key_Space)
    assert session.live_row == 3
    console.quick_note.setFocus()
    qtbot.keyClick(console.quick_note, Qt.Key.Key_Escape)
    assert session.live_row == 3


def test_nothing_typed_is_lost_when_the_room_moves(qtbot, console, session):
    session.go_live(2)
    console.select_row(2)
    event = console.selected_event
    person = session.attendees.attendees()[2]
    console.account_person.setCurrentIndex(2)
    console.account_text.setPlainText("I was watching the canary dashboard")
    console.editor.ui.actorEdit.setText("release captain")
    session.next_event()  # a clicker press: the editor follows the room
    assert console.selected_event != event
    assert [p.account for p in session.perspectives_of(event.id) if p.attendee_id == person.id] == [
        "I was watching the canary dashboard"
    ]
    assert session.store.get(Event, event.id).actor == "release captain"


def test_a_quick_note_belongs_to_the_event_live_when_typing_began(qtbot, console, session):
    session.go_live(5)
    started_on = session.live_event
    console.focus_quick_note()
    qtbot.keyClicks(console.quick_note, "she saw it first")
    session.next_event()
    qtbot.keyClick(console.quick_note, Qt.Key.Key_Return)
    assert [n.text for n in session.store.rows(Note, event_id=started_on.id)] == [
        "she saw it first"
    ]


def test_closing_keeps_an_unsent_quick_note_and_account(qtbot, console, session):
    session.go_live(1)
    console.select_row(1)
    event = console.selected_event
    console.quick_note.setText("not sent yet")
    console._on_quick_note_text_edited("not sent yet")
    console.account_person.setCurrentIndex(0)
    console.account_text.setPlainText("typed, never saved")
    console.close()
    assert [n.text for n in session.store.rows(Note, event_id=event.id)][-1] == "not sent yet"
    assert "typed, never saved" in [p.account for p in session.perspectives_of(event.id)]


def test_markup_in_notes_and_events_shows_as_text_in_the_console(qtbot, console, session):
    session.update_event(session.live_event.id, text="<h1>BIG</h1> <b>x</b>")
    assert console.live_label.textFormat() == Qt.TextFormat.PlainText
    assert "<h1>BIG</h1>" in console.live_label.text()


def test_closing_the_console_keeps_text_typed_in_a_notes_panel(qtbot, console, session):
    from debrief_desktop.gui.notes import SummaryPanel

    console.ensure_notes()
    panel = next(p for p in console.panels.values() if isinstance(p, SummaryPanel))
    panel.summary.selectAll()
    qtbot.keyClicks(panel.summary, "Checkouts slowed, then failed, after a config rollout")
    console.close()
    summary = session.store.get_debrief(session.debrief_id).summary
    assert summary == "Checkouts slowed, then failed, after a config rollout"


def test_typed_event_text_is_kept_after_a_pause_without_leaving_the_field(qtbot, console, session):
    console.select_row(4)
    event = console.selected_event
    editor = console.editor.ui.textEdit
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Noor opens the checkout dashboard")
    qtbot.waitUntil(
        lambda: session.store.get(Event, event.id).text == "Noor opens the checkout dashboard",
        timeout=4000,
    )


def test_the_quick_note_shows_language_hints_beneath_it(qtbot, console):
    console.focus_quick_note()
    qtbot.keyClicks(console.quick_note, "he should have checked the dashboard")
    assert "should have" in console.quick_note_hints.text()
    console.actions_by_name["hints"].trigger()  # switched off
    assert console.quick_note_hints.text() == ""
    console.actions_by_name["hints"].trigger()
    assert "should have" in console.quick_note_hints.text()


def test_a_notes_field_is_kept_after_a_pause_in_typing(qtbot, console, session):
    from debrief_desktop.gui.notes import SummaryPanel

    console.ensure_notes()
    panel = next(p for p in console.panels.values() if isinstance(p, SummaryPanel))
    panel.summary.setFocus()
    panel.summary.selectAll()
    qtbot.keyClicks(panel.summary, "Kept without leaving the field")
    qtbot.waitUntil(
        lambda: (
            session.store.get_debrief(session.debrief_id).summary
            == "Kept without leaving the field"
        ),
        timeout=4000,
    )


def test_a_search_hit_in_another_debrief_opens_it_at_that_event(qtbot, console, session):
    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.store.search import search

    other = install_demo(session.store)
    target = session.store.events(other)[11]
    session.store.update(Event, target.id, text="A unique phrase zanzibar quokka")
    [hit] = search(session.store, "zanzibar quokka")
    console.open_at(hit.debrief_id, hit.event_id)
    assert session.debrief_id == other
    assert console.selected_event.id == target.id
    assert console.tabs.currentIndex() == 0
    console.open_at(other, session.store.events(other)[2].id)  # the same debrief: only selects
    assert console.selected_event.text == session.store.events(other)[2].text


def test_the_library_views_are_built_when_first_opened(qtbot, console):
    assert console.library_tabs is None
    qtbot.keyClick(console, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert console.library_tabs is not None
    assert console.tabs.currentWidget() is console.library_page
    titles = [console.library_tabs.tabText(i) for i in range(console.library_tabs.count())]
    assert titles[:2] == ["Library", "Search"]


def test_a_debrief_in_the_trash_is_never_opened_from_a_stale_hit(qtbot, console, session):
    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.store.library import move_to_trash

    other = install_demo(session.store)
    event = session.store.events(other)[3]
    move_to_trash(session.store, other)
    before = session.debrief_id
    console.open_at(other, event.id)
    assert session.debrief_id == before
    assert "trash" in console.statusBar().currentMessage()


def test_renaming_the_open_debrief_in_the_store_updates_the_window_title(qtbot, console, session):
    from debrief_desktop.store.models import Debrief

    session.store.update(Debrief, session.debrief_id, title="Renamed elsewhere")
    session.rows_changed.emit("debrief")
    assert console.windowTitle().startswith("Renamed elsewhere")
