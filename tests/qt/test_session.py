"""The Session: every edit committed, reflected in the models, undoable."""

from __future__ import annotations

from debrief_desktop.store.models import Event, EventKind, Note, Perspective, PrivateNote


def texts(session) -> list[str]:
    return [e.text for e in session.timeline.events()]


def stored_texts(session) -> list[str]:
    return [e.text for e in session.store.events(session.debrief_id)]


def test_models_pass_the_model_tester(qtmodeltester, session):
    qtmodeltester.check(session.timeline)
    qtmodeltester.check(session.attendees)


def test_models_stay_valid_through_edits(qtmodeltester, session):
    qtmodeltester.check(session.timeline, force_py=True)
    e = session.add_event(row=3, text="inserted", kind=EventKind.OBSERVATION)
    session.move_event(e.id, 10)
    session.update_event(e.id, text="changed")
    session.delete_event(e.id)
    session.undo_stack.undo()
    qtmodeltester.check(session.timeline, force_py=True)


def test_an_edit_is_in_the_store_and_the_model_at_once(session):
    first = session.timeline.event_at(0)
    session.update_event(first.id, text="Rollout starts", pivot=True)
    assert session.timeline.event_at(0).text == "Rollout starts"
    assert session.store.get(Event, first.id).text == "Rollout starts"
    assert session.store.get(Event, first.id).pivot is True


def test_add_inserts_after_the_live_event_and_keeps_positions(session, qtbot):
    session.go_live(4)
    with qtbot.waitSignal(session.timeline.rowsInserted, timeout=0):
        e = session.add_event(text="missing event told by the room")
    assert session.timeline.row_of(e.id) == 5
    assert texts(session) == stored_texts(session)
    assert session.live_row == 4


def test_every_event_edit_undoes_and_redoes(session):
    original = texts(session)
    e = session.add_event(row=0, text="new first")
    session.update_event(e.id, text="renamed")
    session.move_event(e.id, 7)
    session.delete_event(e.id)
    assert texts(session) == original
    for _ in range(4):
        session.undo_stack.undo()
    assert texts(session) == original
    assert stored_texts(session) == original
    for step, expected_first in [(1, "new first"), (2, "renamed")]:
        session.undo_stack.redo()
        assert texts(session)[0] == expected_first, step
    session.undo_stack.redo()  # move
    assert texts(session)[7] == "renamed"
    session.undo_stack.redo()  # delete
    assert texts(session) == original == stored_texts(session)


def test_undoing_a_delete_restores_accounts_notes_and_questions(session):
    event = next(e for e in session.timeline.events() if len(session.perspectives_of(e.id)) >= 2)
    row = session.timeline.row_of(event.id)
    accounts = session.perspectives_of(event.id)
    session.add_private_note(event.id, "ask gently")
    session.add_prepared_question(event.id, "What did the dashboard show you?")
    session.go_live(row)
    session.capture_note("Kwame adds: the pool graph was flat")
    session.delete_event(event.id)
    assert session.store.perspectives(session.debrief_id) != []
    assert event.id not in {p.event_id for p in session.store.perspectives(session.debrief_id)}
    session.undo_stack.undo()
    assert session.timeline.event_at(row) == event
    assert session.perspectives_of(event.id) == accounts
    assert [p.account for p in session.store.rows(Perspective, event_id=event.id)] == [
        p.account for p in accounts
    ]
    assert "ask gently" in [n.text for n in session.private_notes_of(event.id)]
    assert [q.text for q in session.prepared_questions_of(event.id)][-1].startswith("What did")
    assert session.notes_of(event.id)[-1].text == "Kwame adds: the pool graph was flat"


def test_accounts_are_kept_per_person_and_undoable(session):
    event = session.timeline.event_at(0)
    ana, bo = session.attendees.attendees()[:2]
    session.set_perspective(event.id, ana.id, "I expected a no-op")
    session.set_perspective(event.id, bo.id, "I only saw the alert")
    session.set_perspective(event.id, ana.id, "I expected a layout-only change")
    got = [(p.attendee_id, p.account) for p in session.perspectives_of(event.id)]
    assert got == [(ana.id, "I expected a layout-only change"), (bo.id, "I only saw the alert")]
    session.undo_stack.undo()
    assert session.perspectives_of(event.id)[0].account == "I expected a no-op"
    session.set_perspective(event.id, bo.id, "")
    assert [p.attendee_id for p in session.perspectives_of(event.id)] == [ana.id]
    assert len(session.store.rows(Perspective, event_id=event.id)) == 1


def test_quick_note_goes_on_the_live_event_with_a_timestamp(session, clock):
    session.go_live(3)
    live = session.live_event
    note = session.capture_note("Support saw it first")
    assert note.event_id == live.id
    assert note.created_at == "2026-11-20T09:00:00+00:00"
    assert session.store.rows(Note, event_id=live.id)[-1].text == "Support saw it first"
    session.undo_stack.undo()
    assert session.store.rows(Note, event_id=live.id) == []


def test_navigation_stays_inside_the_timeline(session, qtbot):
    session.go_live(0)
    session.previous_event()
    assert session.live_row == 0
    with qtbot.waitSignal(session.live_changed, timeout=0) as blocker:
        session.next_event()
    assert blocker.args == [1]
    session.go_live(session.timeline.rowCount() - 1)
    session.next_event()
    assert session.live_row == session.timeline.rowCount() - 1


def test_deleting_the_live_event_moves_the_room_to_its_neighbour(session):
    session.go_live(5)
    following = session.timeline.event_at(6)
    session.delete_event(session.live_event.id)
    assert session.live_event == following


def test_moving_events_keeps_the_live_event_the_same(session):
    session.go_live(2)
    live = session.live_event
    session.move_event(session.timeline.event_at(10).id, 0)
    assert session.live_event == live
    assert session.live_row == 3


def test_a_failed_write_says_so_and_changes_nothing(session, qtbot):
    session.store.db.execute(
        "CREATE TRIGGER full BEFORE INSERT ON event BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
    )
    before = texts(session)
    with qtbot.waitSignal(session.edit_failed, timeout=0) as blocker:
        assert session.add_event(text="lost?") is None
    assert "disk is full" in blocker.args[0]
    assert texts(session) == before
    assert session.undo_stack.count() == 0


def test_room_state_signals_fire_once_per_change(session, qtbot):
    with qtbot.waitSignal(session.blackout_changed, timeout=0) as b:
        session.toggle_blackout()
    assert b.args == [True]
    with qtbot.assertNotEmitted(session.blackout_changed):
        session.set_blackout(True)
    session.toggle_reveal()
    assert session.reveal is False
    for _ in range(20):
        session.step_font(+1)
    assert session.font_step == 6


def test_private_notes_are_stored_apart_from_shared_ones(session):
    event = session.timeline.event_at(0)
    session.add_private_note(event.id, "only for me")
    assert session.store.rows(PrivateNote, event_id=event.id)[-1].text == "only for me"
    assert "only for me" not in [n.text for n in session.store.rows(Note)]


def test_undoing_a_delete_after_other_moves_restores_the_right_place(session):
    event = session.timeline.event_at(10)
    session.move_event(session.timeline.event_at(0).id, 20)  # the event is now on row 9
    session.delete_event(event.id)
    session.undo_stack.undo()
    assert session.timeline.row_of(event.id) == 9
    model_ids = [e.id for e in session.timeline.events()]
    assert model_ids == [e.id for e in session.store.events(session.debrief_id)]


def test_generic_rows_add_edit_remove_and_undo_with_links(session, qtbot):
    from debrief_desktop.store.models import ActionItem, Learning, LearningKind

    events = session.timeline.events()
    with qtbot.waitSignal(session.rows_changed, timeout=0) as blocker:
        learning = session.add_row(
            Learning, "learning", debrief_id=session.debrief_id,
            kind=LearningKind.SURPRISE, text="Pools fell back to a default of 4",
        )  # fmt: skip
    assert blocker.args == ["learning"]
    session.store.set_linked_events("learning_event", learning.id, [events[13].id])
    item = session.add_row(
        ActionItem,
        "action item",
        debrief_id=session.debrief_id,
        text="Fail loudly on unknown config keys",
        learning_id=learning.id,
    )
    session.update_row(Learning, learning.id, "learning", text="Pools silently fell back to 4")
    assert session.store.get(Learning, learning.id).text == "Pools silently fell back to 4"
    position = session.store.get(Learning, learning.id).position
    session.remove_row(Learning, learning.id, "learning")
    assert session.store.get(ActionItem, item.id).learning_id is None
    session.undo_stack.undo()
    restored = session.store.get(Learning, learning.id)
    assert (restored.text, restored.position) == ("Pools silently fell back to 4", position)
    assert session.store.linked_events("learning_event", learning.id) == [events[13].id]
    assert session.store.get(ActionItem, item.id).learning_id == learning.id
    session.undo_stack.undo()
    assert session.store.get(Learning, learning.id).text == "Pools fell back to a default of 4"


def test_undoing_a_delete_restores_the_learnings_and_action_items_that_cite_it(session):
    from debrief_desktop.store.models import ActionItem, Learning

    event = session.timeline.event_at(6)
    learning = session.store.rows(Learning, debrief_id=session.debrief_id)[0]
    item = session.store.rows(ActionItem, debrief_id=session.debrief_id)[0]
    other = session.timeline.event_at(2)
    session.store.set_linked_events("learning_event", learning.id, [other.id, event.id])
    session.store.set_linked_events("action_item_event", item.id, [event.id])
    session.delete_event(event.id)
    assert session.store.linked_events("learning_event", learning.id) == [other.id]
    session.undo_stack.undo()
    assert session.store.linked_events("learning_event", learning.id) == [other.id, event.id]
    assert session.store.linked_events("action_item_event", item.id) == [event.id]


def test_editing_the_debrief_refreshes_the_sessions_copy(session):
    from debrief_desktop.store.models import Debrief

    session.update_row(Debrief, session.debrief_id, "summary", summary="Checkout slowed")
    assert session.debrief.summary == "Checkout slowed"


def test_removing_a_person_takes_their_accounts_and_undo_brings_both_back(session):
    event = next(e for e in session.timeline.events() if len(session.perspectives_of(e.id)) >= 2)
    person_id = session.perspectives_of(event.id)[0].attendee_id
    before = session.perspectives_of(event.id)
    people = session.attendees.rowCount()
    session.remove_attendee(person_id)
    assert session.attendees.rowCount() == people - 1
    assert person_id not in [p.attendee_id for p in session.perspectives_of(event.id)]
    session.undo_stack.undo()
    assert session.attendees.rowCount() == people
    assert session.perspectives_of(event.id) == before
