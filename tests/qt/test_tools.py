"""The facilitator tools over a real Session: agenda and scenes, timer, questions, intro, hints."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from debrief_desktop.facilitation import agenda
from debrief_desktop.facilitation.questions import BankError, Source, normalize
from debrief_desktop.facilitation.timer import Level
from debrief_desktop.gui.projector import ProjectorView, remaining_seconds
from debrief_desktop.gui.session import SCENES, Session
from debrief_desktop.gui.tools import (
    AgendaPanel,
    HintHighlighter,
    IntroPanel,
    QuestionDialog,
    QuestionsPanel,
    TimerWidget,
    ToolsController,
    attach_hints,
)
from debrief_desktop.store import Store
from debrief_desktop.store.models import AgendaStep, AskedQuestion, Debrief, Question


@pytest.fixture
def tools(session, clock):
    # The demo ships with the default agenda; these tests start from an empty one
    # to exercise filling it.
    session.store.db.execute("DELETE FROM agenda_step WHERE debrief_id = ?", [session.debrief_id])
    return ToolsController(session, clock=clock)


@pytest.fixture
def with_agenda(tools):
    assert tools.use_template() == len(agenda.default_template())
    return tools


def step_named(tools: ToolsController, title: str) -> AgendaStep:
    return next(s for s in tools.steps() if s.title == title)


# ------------------------------------------------------------------- agenda


def test_the_agenda_scenes_are_the_projectors(tools):
    assert tuple(key for key, _ in SCENES) == agenda.SCENE_NAMES


def test_the_default_agenda_fills_an_empty_debrief_as_one_undo_step(session, tools):
    assert tools.steps() == []
    added = tools.use_template()
    ids = [s.id for s in tools.steps()]
    assert added == len(ids) == 13
    assert tools.use_template() == 0  # only into an empty agenda
    session.undo_stack.undo()
    assert tools.steps() == []
    session.undo_stack.redo()
    assert [s.id for s in tools.steps()] == ids


def test_next_step_starts_its_timebox_and_switches_the_projector(
    qtbot, session, with_agenda, clock
):
    tools = with_agenda
    view = ProjectorView(session)
    qtbot.addWidget(view)
    session.set_scene("timeline")
    with qtbot.waitSignal(session.scene_changed, timeout=0) as scene:
        tools.start()
    assert scene.args == ["ground_rules"]
    intro = step_named(tools, "Introduction and ground rules")
    assert tools.current_step() == intro and intro.started_at is not None
    assert view.scene_name() == "ground_rules"

    clock.advance(4 * 60 + 10)
    with (
        qtbot.waitSignal(session.scene_changed, timeout=0) as scene,
        qtbot.waitSignal(tools.step_started, timeout=0) as started,
    ):
        tools.next_step()
    walk = step_named(tools, "Walk the timeline")
    assert scene.args == ["timeline"] and started.args == [walk.id]
    assert view.scene_name() == "timeline"
    intro = step_named(tools, "Introduction and ground rules")
    assert intro.done and intro.actual_seconds == 250
    assert tools.timer_state().current_step_id == walk.id

    clock.advance(20 * 60)
    tools.next_step()  # confirm the timeline: same scene
    clock.advance(60)
    tools.next_step()
    assert session.scene == "learnings"
    assert step_named(tools, "Confirm the timeline").actual_seconds == 60

    session.undo_stack.undo()  # the room goes back with the agenda
    assert session.scene == "timeline"
    assert tools.current_step().title == "Confirm the timeline"
    assert not step_named(tools, "Confirm the timeline").done


def test_checking_a_step_off_in_the_panel_records_its_actual_time(qtbot, with_agenda, clock):
    tools = with_agenda
    panel = AgendaPanel(tools)
    qtbot.addWidget(panel)
    tools.start()
    clock.advance(130)
    row = [s.title for s in tools.steps()].index("Introduction and ground rules")
    item = panel.tree.topLevelItem(row)
    assert item.text(1) == "▶ Introduction and ground rules"
    item.setCheckState(0, Qt.CheckState.Checked)
    step = step_named(tools, "Introduction and ground rules")
    assert step.done and step.actual_seconds == 130 and step.started_at is None
    assert panel.row_texts()[row][4] == "2:10"
    assert panel.now_label.text() == "Now: Introduction and ground rules"
    assert panel.next_label.text() == "Next: Walk the timeline"


def test_agenda_steps_are_added_edited_moved_and_removed_with_undo(qtbot, session, with_agenda):
    tools = with_agenda
    panel = AgendaPanel(tools)
    qtbot.addWidget(panel)
    before = [s.title for s in tools.steps()]
    new = tools.add_step("Coffee break", timebox_seconds=600, scene="closing", position=2)
    assert [s.title for s in tools.steps()][2] == "Coffee break"
    assert panel.row_texts()[2] == ["", "Coffee break", "10 min", "Closing", ""]
    tools.update_step(new.id, title="Short break", timebox_seconds=300)
    tools.move_step(new.id, 0)
    assert tools.steps()[0].title == "Short break"
    panel.select_step(new.id)
    panel.move_selected(1)
    assert [s.title for s in tools.steps()][1] == "Short break"
    tools.remove_step(new.id)
    assert [s.title for s in tools.steps()] == before
    for _ in range(5):
        session.undo_stack.undo()
    assert [s.title for s in tools.steps()] == before
    with pytest.raises(ValueError):
        tools.update_step(tools.steps()[0].id, scene="lobby")


def test_removing_the_current_step_is_undone_with_the_timer(session, with_agenda, clock):
    tools = with_agenda
    tools.start()
    current = tools.current_step()
    tools.remove_step(current.id)
    assert tools.timer_state().current_step_id is None  # the database lets go of it
    session.undo_stack.undo()
    assert tools.current_step() == current


def test_a_saved_agenda_is_the_default_for_the_next_debrief(session, with_agenda):
    tools = with_agenda
    for step in tools.steps()[3:]:
        tools.remove_step(step.id)
    tools.update_step(tools.steps()[0].id, title="Prepared?")
    tools.save_template()
    other = session.store.create_debrief("another incident")
    session.open_debrief(other.id)
    assert tools.use_template() == 3
    assert tools.steps()[0].title == "Prepared?"
    session.open_debrief(with_agenda.steps()[0].debrief_id)


# -------------------------------------------------------------------- timer


def test_the_timer_widget_shows_time_and_changes_colour(qtbot, session, with_agenda, clock):
    tools = with_agenda
    widget = TimerWidget(tools)
    qtbot.addWidget(widget)
    assert widget.meeting_remaining.text() == "1:00:00 left"
    assert widget.start_button.text() == "Start"
    qtbot.mouseClick(widget.start_button, Qt.MouseButton.LeftButton)
    assert widget.start_button.text() == "Pause"
    assert widget.step_title.text() == "Introduction and ground rules"

    clock.advance(54 * 60)
    widget.refresh()
    assert widget.meeting_remaining.text() == "6:00 left"
    assert widget.level("meeting") is Level.NORMAL
    assert widget.level("step") is Level.OVERRUN  # a 5-minute step, 54 minutes in
    assert widget.step_remaining.text() == "-49:00 over"  # red and counting negative
    assert widget.plan_label.text() == "49 min behind"

    clock.advance(60)
    widget.refresh()
    assert widget.level("meeting") is Level.WARNING
    assert widget.meeting_box.property("level") == "warning"

    clock.advance(6 * 60)
    widget.refresh()
    assert widget.meeting_remaining.text() == "-1:00 over"
    assert widget.meeting_box.property("level") == "overrun"

    qtbot.mouseClick(widget.start_button, Qt.MouseButton.LeftButton)  # pause
    clock.advance(600)
    widget.refresh()
    assert widget.meeting_remaining.text() == "-1:00 over"
    assert widget.start_button.text() == "Resume"


def test_the_warning_threshold_is_configurable(qtbot, tools, clock):
    widget = TimerWidget(tools)
    qtbot.addWidget(widget)
    tools.start()
    clock.advance(50 * 60 + 1)
    widget.refresh()
    assert widget.level("meeting") is Level.NORMAL
    widget.warn_spin.setValue(10)
    assert tools.warn_seconds == 600
    assert widget.level("meeting") is Level.WARNING


def test_the_refresh_timer_runs_only_while_shown(qtbot, tools, clock):
    tools.set_alert("sound", False)
    widget = TimerWidget(tools)
    qtbot.addWidget(widget)
    assert not widget.tick.isActive()
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.tick.isActive()
    tools.start()
    clock.advance(56 * 60)
    widget.refresh()  # reaching the warning while the clock is on screen flashes it
    assert widget.flash_timer.isActive()
    widget.hide()
    assert not widget.tick.isActive() and not widget.flash_timer.isActive()


def test_budget_change_and_reset_are_undoable(session, tools, clock):
    tools.set_budget(90 * 60)
    tools.start()
    clock.advance(100)
    tools.reset()
    state = tools.timer_state()
    assert (state.budget_seconds, state.running, state.elapsed_before) == (5400, False, 0.0)
    session.undo_stack.undo()
    assert tools.reading().elapsed == 100
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert tools.timer_state().budget_seconds == 3600


def test_the_projector_clock_reads_the_same_stored_timer(session, with_agenda, clock):
    tools = with_agenda
    tools.start()
    clock.advance(1234)
    now = datetime.fromisoformat(session.store.now())
    assert remaining_seconds(tools.timer_state(), now) == tools.reading().remaining == 3600 - 1234


# ---------------------------------------------------------------- questions


def test_questions_for_the_live_event_come_prepared_first_then_its_kind(qtbot, session, tools):
    panel = QuestionsPanel(tools)
    qtbot.addWidget(panel)
    event = session.live_event
    assert panel.event_id == event.id
    tools.prepare(event.id, "What did the rollout dashboard show you?")
    shown = panel.shown()
    assert shown[0].text == "What did the rollout dashboard show you?"
    assert shown[0].source is Source.PREPARED
    kind_group = [s for s in shown if s.source is Source.KIND]
    assert kind_group
    by_id = {q.id: q for q in tools.questions()}
    assert all(event.kind.value in by_id[s.question_id].kinds for s in kind_group)
    sources = [s.source for s in shown]
    assert sources == sorted(sources, key=[Source.PREPARED, Source.KIND, Source.OTHER].index)
    assert panel.next_question() == shown[0]
    session.next_event()
    assert panel.event_id == session.live_event.id
    prepared = [s.text for s in panel.shown() if s.source is Source.PREPARED]
    assert prepared == [p.text for p in session.prepared_questions_of(panel.event_id)]
    assert "What did the rollout dashboard show you?" not in prepared


def test_search_and_category_filter_the_list(qtbot, tools):
    panel = QuestionsPanel(tools)
    qtbot.addWidget(panel)
    panel.search_edit.setText("PRESSURE feel")
    assert panel.shown()
    assert all(
        "pressure" in s.text.casefold() and "feel" in s.text.casefold() for s in panel.shown()
    )
    panel.search_edit.clear()
    panel.set_category("naive")
    assert panel.shown() and {s.category for s in panel.shown()} == {"naive"}
    assert panel.list.count() == len(panel.shown()) + len({s.source for s in panel.shown()})


def test_asked_is_logged_with_time_and_event_and_undone(qtbot, session, tools, clock):
    panel = QuestionsPanel(tools)
    qtbot.addWidget(panel)
    first = panel.next_question()
    clock.advance(125)
    qtbot.mouseClick(panel.asked_next_button, Qt.MouseButton.LeftButton)
    [logged] = session.store.rows(AskedQuestion, debrief_id=session.debrief_id)
    assert (logged.text, logged.event_id, logged.question_id) == (
        first.text,
        session.live_event.id,
        first.question_id,
    )
    assert logged.asked_at == session.store.now()
    assert panel.next_question() != first
    assert any(panel.list.item(i).text() == "✓ " + first.text for i in range(panel.list.count()))
    panel.skip_next()
    skipped_to = panel.next_question()
    assert skipped_to is not None and normalize(skipped_to.text) != normalize(first.text)
    session.undo_stack.undo()
    assert tools.asked() == []


def test_own_questions_are_added_edited_and_removed(qtbot, session, tools):
    panel = QuestionsPanel(tools)
    qtbot.addWidget(panel)
    q = tools.add_question("How do  deploys reach production?", "security", ["action"])
    assert q.text == "How do deploys reach production?" and not q.builtin
    assert panel.category_combo.findData("security") > 0
    assert panel.select_text(q.text) and panel.edit_button.isEnabled()
    tools.update_question(q.id, text="How do deploys reach customers?", kinds=["decision"])
    assert session.store.get(Question, q.id).kinds == "decision"
    tools.remove_question(q.id)
    assert all(x.id != q.id for x in tools.questions())
    session.undo_stack.undo()
    assert session.store.get(Question, q.id).text == "How do deploys reach customers?"
    builtin = next(x for x in tools.questions() if x.builtin)
    with pytest.raises(ValueError):
        tools.update_question(builtin.id, text="changed")
    with pytest.raises(ValueError):
        tools.remove_question(builtin.id)
    assert panel.select_text(builtin.text) and not panel.edit_button.isEnabled()


def test_prepare_from_the_panel_and_detach(qtbot, session, tools):
    panel = QuestionsPanel(tools)
    qtbot.addWidget(panel)
    target = panel.shown()[-1]
    panel.select_text(target.text)
    panel.prepare_selected()
    assert panel.shown()[0].text == target.text and panel.shown()[0].source is Source.PREPARED
    [prepared] = session.prepared_questions_of(panel.event_id)
    assert prepared.question_id == target.question_id
    tools.unprepare(prepared.id)
    assert session.prepared_questions_of(panel.event_id) == []


def test_the_bank_is_exported_and_imported(tmp_path, session, tools, clock):
    tools.add_question("What does the pager say at 3 a.m.?", "naive")
    path = tmp_path / "bank.json"
    assert tools.export_questions(path) == 1
    assert tools.export_questions(tmp_path / "all.json", include_builtin=True) > 80

    other = Store.memory(now=clock)
    other_session = Session(other)
    other.create_debrief("elsewhere")
    other_tools = ToolsController(other_session, clock=clock)
    before = len(other_tools.questions())
    assert other_tools.import_questions(path) == 1
    assert other_tools.import_questions(path) == 0
    assert other_tools.import_questions(tmp_path / "all.json") == 0  # all there already
    assert len(other_tools.questions()) == before + 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"questions": [{"text": "ok?"}, {"text": ""}]}), encoding="utf-8")
    with pytest.raises(BankError, match=r"questions\[1\]"):
        other_tools.import_questions(bad)
    assert len(other_tools.questions()) == before + 1
    other_session.undo_stack.undo()
    assert len(other_tools.questions()) == before
    other_session.deleteLater()
    other.close()


def test_the_question_dialog_reads_back_what_was_entered(qtbot, tools):
    dialog = QuestionDialog(tools)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("  How did the  config get there? ")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("naive"))
    dialog.kind_checks["action"].setChecked(True)
    assert dialog.values() == ("How did the config get there?", "naive", ["action"])
    dialog.category_combo.setEditText("security")
    assert dialog.values()[1] == "security"


# ------------------------------------------------------------- introduction


def test_the_introduction_is_edited_per_debrief_and_can_become_the_default(qtbot, session, tools):
    panel = IntroPanel(tools)
    qtbot.addWidget(panel)
    assert panel.editor.toPlainText() == agenda.shipped_intro()
    assert panel.status_label.text() == "default text"
    panel.editor.setPlainText("Welcome. We are here to learn how the work looked.")
    assert panel.commit_timer.isActive()
    panel.commit()
    assert session.store.get(Debrief, session.debrief_id).intro.startswith("Welcome.")
    assert panel.status_label.text() == "this debrief's own text"
    panel.default_button.click()
    fresh = session.store.create_debrief("next one")
    assert agenda.effective_intro(session.store, fresh).startswith("Welcome.")
    panel.restore_button.click()
    assert session.store.get(Debrief, session.debrief_id).intro == ""
    session.undo_stack.undo()
    assert panel.editor.toPlainText().startswith("Welcome.")
    qtbot.mouseClick(panel.ground_rules_button, Qt.MouseButton.LeftButton)
    assert session.scene == "ground_rules"


# -------------------------------------------------------------------- hints


def _underlined(editor) -> list[tuple[int, int]]:
    out = []
    block = editor.document().begin()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                out.append((block.position() + r.start, r.length))
        block = block.next()
    return out


@pytest.mark.parametrize("editor_type", [QPlainTextEdit, QTextEdit])
def test_hints_underline_phrases_without_touching_the_text(qtbot, tools, editor_type):
    editor = editor_type()
    qtbot.addWidget(editor)
    highlighter = attach_hints(editor, tools)
    text = 'She should have paged.\nBo said "obviously" and just left.'
    editor.setPlainText(text)
    assert _underlined(editor) == [(4, 11), (text.index("just"), 4)]
    assert editor.toPlainText() == text
    assert highlighter.hint_at(6).phrase == "should have"
    assert highlighter.hint_at(0) is None
    tools.set_hints_enabled(False)
    assert _underlined(editor) == []
    assert highlighter.hint_at(6) is None
    tools.set_hints_enabled(True)
    assert len(_underlined(editor)) == 2


def test_the_hint_tooltip_gives_the_suggestion(qtbot):
    editor = QPlainTextEdit("Obviously it broke.")
    qtbot.addWidget(editor)
    editor.resize(400, 100)
    highlighter = HintHighlighter(editor)
    rect = editor.cursorRect(editor.textCursor())
    tip = highlighter.tooltip_at(QPoint(rect.x() + 5, rect.center().y()))
    assert tip.startswith("\u201cObviously\u201d \u2014 ")
    assert highlighter.tooltip_at(QPoint(380, 90)) == ""


def test_hints_are_highlighted_as_you_type(qtbot, tools):
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    attach_hints(editor, tools)
    qtbot.keyClicks(editor, "the pod failed to")
    assert _underlined(editor) == [(8, 9)]
    qtbot.keyClicks(editor, " start")  # a machine that failed to start: no hint
    assert _underlined(editor) == []
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Bo failed to escalate")
    assert _underlined(editor) == [(len("the pod failed to start\n") + 3, 9)]


def test_step_titles_typed_with_markup_are_shown_literally(qtbot, with_agenda):
    tools = with_agenda
    first = tools.steps()[1]
    tools.update_step(first.id, title="<h1>Intro</h1> & <b>rules</b>")
    tools.start_step(first.id)
    panel, timer = AgendaPanel(tools), TimerWidget(tools)
    qtbot.addWidget(panel)
    qtbot.addWidget(timer)
    timer.refresh()
    for label in (panel.now_label, timer.step_title):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert "<h1>Intro</h1>" in label.text()
