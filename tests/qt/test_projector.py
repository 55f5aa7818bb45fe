"""The projector: what the room sees, read from the widgets and the pixels they paint."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QColor, QImage

from debrief_desktop.gui.projector import (
    NO_OWNER,
    PIVOT_MARK,
    STEP_FACTOR,
    ProjectorView,
    ProjectorWindow,
    clock_text,
    remaining_seconds,
    time_for_room,
)
from debrief_desktop.gui.session import SCENES, Session
from debrief_desktop.gui.theme import MIN_CONTRAST, THEMES, contrast_ratio
from debrief_desktop.gui.widgets import FitText
from debrief_desktop.resources import read_text
from debrief_desktop.store.models import ActionItem, Event, Learning, Precision, TimerState

POLICY_EVENT = 14  # the demo's 15th event: a pivot point with three accounts


@pytest.fixture
def window(qtbot, session):
    w = ProjectorWindow(session)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    return w


def shown(window) -> list[str]:
    return window.view.visible_texts()


def text_of(window, name: str) -> str:
    widget = window.view.text_named(name)
    assert widget is not None, f"no {name!r} on screen: {shown(window)}"
    return widget.shown_text()


def image_of(widget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def colours(image: QImage, step: int = 7) -> set[int]:
    return {
        image.pixel(x, y) & 0xFFFFFF
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    }


# ------------------------------------------------------------------ pure helpers


def _event(time_text: str, precision: Precision) -> Event:
    return Event(1, 1, 0, time_text, None, precision, "", "", "action", "", False)


@pytest.mark.parametrize(
    ("time_text", "precision", "expected"),
    [
        ("14:05", Precision.EXACT, "14:05"),
        ("2026-11-18 13:52 UTC", Precision.EXACT, "2026-11-18 13:52 UTC"),
        ("~14:05", Precision.APPROXIMATE, "≈ 14:05"),
        ("~ 14:05", Precision.APPROXIMATE, "≈ 14:05"),
        ("about 14:05", Precision.APPROXIMATE, "≈ 14:05"),
        ("approx. 2pm", Precision.APPROXIMATE, "≈ 2pm"),
        ("around 2 pm", Precision.APPROXIMATE, "≈ 2 pm"),
        ("14:05ish", Precision.APPROXIMATE, "≈ 14:05"),
        ("14:05?", Precision.APPROXIMATE, "≈ 14:05"),
        ("≈14:05", Precision.APPROXIMATE, "≈ 14:05"),
        ("by 23:02", Precision.BEFORE, "by 23:02"),
        ("before 23:02", Precision.BEFORE, "before 23:02"),
        ("23:02", Precision.BEFORE, "by 23:02"),
        ("later", Precision.RELATIVE, "later"),
        ("a few minutes later", Precision.RELATIVE, "a few minutes later"),
        ("2026-11-18", Precision.DATE, "2026-11-18"),
        ("", Precision.UNKNOWN, "time unknown"),
        ("   ", Precision.EXACT, "time unknown"),
        ("~", Precision.APPROXIMATE, "time unknown"),
        ("sometime that afternoon", Precision.UNKNOWN, "sometime that afternoon"),
        ("14:05\n", Precision.EXACT, "14:05"),
    ],
)
def test_time_for_room(time_text, precision, expected):
    assert time_for_room(_event(time_text, precision)) == expected


def test_the_clock_counts_down_from_the_stored_start():
    start = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    running = TimerState(1, 3600, True, start.isoformat(), 600.0, None)
    assert remaining_seconds(running, start + timedelta(minutes=5)) == 3600 - 600 - 300
    stopped = TimerState(1, 3600, False, None, 600.0, None)
    assert remaining_seconds(stopped, start) is None
    assert clock_text(2700) == "45:00 left"
    assert clock_text(0.2) == "0:01 left"
    assert clock_text(3600) == "1:00:00 left"
    assert clock_text(-200) == "3:20 over"


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    # A well-known pair: #767676 on white is just above 4.5:1.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_colour_meets_7_to_1_on_every_background(theme):
    pairs = THEMES[theme].text_pairs()
    assert len(pairs) >= 6
    for fg, bg, what in pairs:
        assert contrast_ratio(fg, bg) >= MIN_CONTRAST, what


def test_the_texts_use_only_the_checked_theme_colours(window, session):
    for theme in ("dark", "light"):
        session.set_theme(theme)
        allowed = {QColor(fg).rgb() for fg, _, _ in THEMES[theme].text_pairs()}
        for scene, _ in SCENES:
            session.set_scene(scene)
            for widget in window.view.text_widgets():
                assert widget.colour().rgb() in allowed, widget.objectName()


# ------------------------------------------------------------------ the timeline


def test_it_shows_the_live_event(window, session):
    session.go_live(POLICY_EVENT)
    event = session.live_event
    assert text_of(window, "focus") == event.text
    assert text_of(window, "time") == "14:41"
    assert text_of(window, "meta") == "Tomás Echeverría · decision"
    assert text_of(window, "pivot") == PIVOT_MARK
    assert window.windowTitle() == "Debrief Desktop — projector"


def test_an_edit_shows_in_the_same_event_loop_turn(window, session):
    event = session.live_event
    before = image_of(window.view)
    session.update_event(event.id, text="Rollout <b>starts</b> & stops", pivot=True)
    # No waiting: the projector has the new text before control returns to the loop.
    assert text_of(window, "focus") == "Rollout <b>starts</b> & stops"
    assert text_of(window, "pivot") == PIVOT_MARK
    assert image_of(window.view) != before
    session.undo_stack.undo()
    assert text_of(window, "focus") == event.text


def test_next_and_previous_move_the_focus(window, session):
    first, second = session.timeline.event_at(0), session.timeline.event_at(1)
    session.next_event()
    assert text_of(window, "focus") == second.text
    assert first.text[:40] in text_of(window, "before-1")
    session.previous_event()
    assert text_of(window, "focus") == first.text


def test_the_events_before_show_smaller_above(window, session):
    session.go_live(POLICY_EVENT)
    texts = shown(window)
    for row in (POLICY_EVENT - 2, POLICY_EVENT - 1):
        earlier = session.timeline.event_at(row)
        assert any(earlier.text[:30] in t for t in texts)
    focus = window.view.text_named("focus")
    neighbour = window.view.text_named("before-1")
    assert neighbour.pixel_size() < focus.pixel_size()
    assert neighbour.geometry().bottom() <= focus.geometry().top()


def test_reveal_hides_later_events_until_it_is_switched_off(window, session):
    session.go_live(POLICY_EVENT)
    later = [session.timeline.event_at(POLICY_EVENT + i).text for i in (1, 2)]
    assert session.reveal
    assert not any(text[:25] in t for text in later for t in shown(window))

    session.toggle_reveal()
    after = text_of(window, "after-1")
    assert later[0][:25] in after
    focus = window.view.text_named("focus")
    assert window.view.text_named("after-1").geometry().top() > focus.geometry().bottom()

    session.toggle_reveal()
    assert not any(text[:25] in t for text in later for t in shown(window))


def test_perspectives_are_separate_cards_side_by_side(window, session):
    session.go_live(POLICY_EVENT)
    event = session.live_event
    perspectives = session.perspectives_of(event.id)
    assert len(perspectives) == 3
    labels, rects = [], []
    for i, p in enumerate(perspectives):
        assert text_of(window, f"account-{i}") == p.account
        labels.append(text_of(window, f"card-label-{i}"))
        rects.append(window.view.text_named(f"account-{i}").geometry())
    assert labels == [session.speaker_label(p.attendee_id) for p in perspectives]
    assert labels == ["Tomás Echeverría", "Ravi Deshmukh", "Kwame Mensah"]
    # Side by side: one row, left to right, not overlapping; never one merged text.
    assert len({r.top() for r in rects}) == 1
    assert rects[0].right() < rects[1].left() and rects[1].right() < rects[2].left()
    for p in perspectives:
        assert sum(p.account in t for t in shown(window)) == 1


def test_an_account_added_live_appears_as_a_card(window, session):
    session.go_live(0)
    assert window.view.text_named("account-0") is None
    attendee = session.attendees.attendees()[0]
    session.set_perspective(session.live_event.id, attendee.id, "I saw the rollout start.")
    assert text_of(window, "account-0") == "I saw the rollout start."
    assert text_of(window, "card-label-0") == attendee.name


def test_role_labels_replace_names(window, session):
    session.go_live(POLICY_EVENT)
    session.set_role_labels(True)
    assert text_of(window, "meta") == "incident commander · decision"
    labels = [text_of(window, f"card-label-{i}") for i in range(3)]
    assert labels == ["incident commander", "platform engineer", "database engineer"]
    names = {a.name for a in session.attendees.attendees()}
    assert not names & set(labels)
    session.set_role_labels(False)
    assert text_of(window, "card-label-0") == "Tomás Echeverría"


class RecordingSession(Session):
    """A real Session that records whether anyone asked it for private data."""

    private_reads = 0

    def private_notes_of(self, event_id):
        RecordingSession.private_reads += 1
        return super().private_notes_of(event_id)

    def prepared_questions_of(self, event_id):
        RecordingSession.private_reads += 1
        return super().prepared_questions_of(event_id)


def test_private_notes_and_prepared_questions_never_appear(qtbot, demo_store):
    store, did = demo_store
    session = RecordingSession(store)
    session.open_debrief(did)
    window = ProjectorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    secrets = ["SECRET-NOTE Ravi seemed rattled", "SECRET-QUESTION how did the pager feel?"]
    RecordingSession.private_reads = 0
    for row in range(session.timeline.rowCount()):
        session.go_live(row)
        event = session.live_event
        session.add_private_note(event.id, secrets[0])
        session.add_prepared_question(event.id, secrets[1])
        session.set_reveal(row % 2 == 0)
        for scene, _ in SCENES:
            session.set_scene(scene)
            for text in shown(window):
                assert "SECRET" not in text
        session.set_scene("timeline")
    assert RecordingSession.private_reads == 0


def test_blackout_is_solid_black_and_nothing_else(window, session):
    session.go_live(POLICY_EVENT)
    session.set_clock_visible(True)
    session.set_blackout(True)
    assert shown(window) == []
    assert colours(image_of(window), step=3) == {0x000000}
    session.set_theme("light")
    assert colours(image_of(window), step=3) == {0x000000}
    session.next_event()  # the room moves on while black: nothing shows
    assert colours(image_of(window), step=3) == {0x000000}
    session.set_blackout(False)
    assert text_of(window, "focus") == session.live_event.text
    assert len(colours(image_of(window))) > 2


def test_themes_paint_their_background(window, session):
    session.go_live(0)
    for theme in ("dark", "light"):
        session.set_theme(theme)
        corner = image_of(window.view).pixel(5, 5) & 0xFFFFFF
        assert corner == QColor(THEMES[theme].background).rgb() & 0xFFFFFF


# ------------------------------------------------------------------ the other scenes


def test_every_scene_shows_its_content(qtbot, demo_store):
    store, did = demo_store
    store.add(ActionItem, debrief_id=did, text="Write the <runbook> & share it", owner="")
    session = Session(store)
    session.open_debrief(did)
    window = ProjectorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()

    session.set_scene("ground_rules")
    texts = shown(window)
    assert texts[0] == "Ground rules"
    rules = json.loads(read_text("text", "ground-rules.json"))["rules"]
    assert 3 <= len(rules) <= 5
    for rule in rules:
        assert rule["rule"] in texts and rule["detail"] in texts
    joined = " ".join(texts).lower()
    for idea in ("blame", "how", "account", "hindsight"):
        assert idea in joined

    session.set_scene("learnings")
    texts = shown(window)
    for learning in session.learnings():
        assert learning.text in texts
    assert "Surprise" in texts

    session.set_scene("action_items")
    texts = shown(window)
    for item in session.action_items():
        assert item.text in texts
    assert "Ravi Deshmukh" in texts
    assert "priority high · due 4 Dec 2026" in texts
    assert "Write the <runbook> & share it" in texts
    assert NO_OWNER in texts
    owner = next(t for t in window.view.text_widgets() if t.text() == NO_OWNER)
    assert owner.colour() == QColor(THEMES["dark"].pivot)

    session.set_scene("closing")
    joined = " ".join(shown(window)).lower()
    assert "thank" in joined
    assert "learn" in joined and "change how you work" in joined
    assert "another debrief" in joined

    session.set_scene("timeline")
    assert text_of(window, "focus") == session.live_event.text


def test_the_corner_clock_shows_the_time_left_while_the_timer_runs(qtbot, window, session, clock):
    session.go_live(0)
    session.set_clock_visible(True)
    assert not any(t.endswith("left") for t in shown(window)), "no timer running: no clock"
    started = clock() - timedelta(minutes=10)
    session.store.save_timer_state(
        TimerState(session.debrief_id, 3600, True, started.isoformat(), 0.0, None)
    )
    session.set_clock_visible(False)
    session.set_clock_visible(True)
    assert "50:00 left" in shown(window)
    clock_widget = window.view.text_named("clock")
    assert clock_widget.pixel_size() >= 32
    for widget in window.view.text_widgets():
        if widget is not clock_widget:
            assert not on_view(window.view, widget).intersects(clock_widget.geometry())
    clock.advance(30)
    qtbot.waitUntil(lambda: "49:30 left" in shown(window), timeout=3000)
    session.set_clock_visible(False)
    assert not any(t.endswith("left") for t in shown(window))


def test_a_closed_projector_leaves_no_timer_running(window, session):
    session.set_clock_visible(True)
    assert any(t.isActive() for t in window.findChildren(QTimer))
    window.close()
    assert not any(t.isActive() for t in window.findChildren(QTimer))
    session.store.close()  # a later tick must not touch a closed library
    window.show()
    window.view.repaint()
    assert "left" not in " ".join(shown(window))


# ------------------------------------------------------------------ legibility


def _all_views(session):
    """Yield after putting the projector in each state worth measuring."""
    for scene, _ in SCENES:
        session.set_scene(scene)
        if scene == "timeline":
            for row in (0, 8, POLICY_EVENT, 20):
                session.go_live(row)
                for reveal in (True, False):
                    session.set_reveal(reveal)
                    yield f"timeline row {row} reveal {reveal}"
        else:
            yield scene


def test_sizes_at_1920x1080_are_readable_from_the_back(window, session):
    session.set_clock_visible(True)
    for state in _all_views(session):
        widgets = window.view.text_widgets()
        assert widgets, state
        for widget in widgets:
            size = widget.pixel_size()
            if widget.objectName() == "focus":
                assert size >= 48, state
            else:
                assert size >= 32, (state, widget.objectName(), size)


def test_the_font_step_scales_everything(window, session):
    session.go_live(1)  # a short event without accounts: everything fits at its preferred size

    def sizes():
        return {
            w.objectName(): (w.pixel_size(), w.preferred_px(), w.floor_px())
            for w in window.view.text_widgets()
        }

    normal = sizes()
    session.step_font(+2)
    larger = sizes()
    assert larger.keys() == normal.keys()
    for name, sized in normal.items():
        for before, after in zip(sized[1:], larger[name][1:], strict=True):
            assert after == pytest.approx(before * STEP_FACTOR**2, abs=1), name
    session.step_font(-3)
    smaller = sizes()
    for name, sized in normal.items():
        for before, after in zip(sized[1:], smaller[name][1:], strict=True):
            assert after == pytest.approx(before / STEP_FACTOR, abs=1), name
    # The event itself and its heading fit at their preferred size at every step.
    for name in ("focus", "time", "meta"):
        assert larger[name][0] == larger[name][1] > normal[name][0] == normal[name][1], name
        assert smaller[name][0] == smaller[name][1] < normal[name][0], name


def test_a_larger_step_keeps_the_floors_where_space_is_tight(window, session):
    session.go_live(POLICY_EVENT)  # three long accounts: room is short
    for step in (1, 2, 3):
        session.step_font(+1)
        assert session.font_step == step
        for widget in window.view.text_widgets():
            floor = 48 if widget.objectName() == "focus" else 32
            assert widget.pixel_size() >= round(floor * STEP_FACTOR**step), widget.objectName()
        assert text_of(window, "focus") == session.live_event.text, "the event stays whole"
        within(window.view)


def test_the_preview_is_the_same_picture_smaller(qtbot, session):
    session.go_live(POLICY_EVENT)
    big, small = ProjectorView(session), ProjectorView(session)
    for view, size in ((big, (1920, 1080)), (small, (480, 270))):
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
    assert [(w.objectName(), w.text()) for w in small.text_widgets()] == [
        (w.objectName(), w.text()) for w in big.text_widgets()
    ]
    for name in ("focus", "time", "card-label-0"):
        ratio = small.text_named(name).pixel_size() / big.text_named(name).pixel_size()
        assert ratio == pytest.approx(0.25, abs=0.06), name
    within(small)


def on_view(view, widget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def within(view) -> None:
    """Every text on screen lies inside the view and its text inside its own box."""
    bounds = view.rect()
    for widget in view.text_widgets():
        rect = on_view(view, widget)
        assert bounds.contains(rect), (widget.objectName(), rect, bounds)
        assert widget.text_height() <= widget.height() + 1, widget.objectName()


# ------------------------------------------------------------------ hostile text

LONG_PASTE = ("Stack trace <pre>&amp; 🔥 " + "x" * 90 + "\n") * 880  # about 100 kB

HOSTILE = {
    "markup": "<b>bold?</b> &amp; <i>no</i> <script>alert(1)</script> &lt;tag&gt;",
    "emoji": "Pager went off 🔥📟 — 👩‍💻 joined, 🇸🇪 team asleep 😴",
    "arabic": "قام المهندس بإعادة تشغيل الخادم بعد التنبيه الأول",
    "hebrew": "המהנדסת הפעילה מחדש את השרת אחרי ההתראה הראשונה",
    "cjk": "数据库连接池耗尽，结账请求在三十秒后超时。チェックアウトが遅い。",  # noqa: RUF001
    "paste": LONG_PASTE,
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_any_text_displays_without_breaking_the_layout(window, session, kind):
    text = HOSTILE[kind]
    assert kind != "paste" or len(text.encode()) >= 100_000
    session.go_live(POLICY_EVENT)
    event = session.live_event
    attendee = session.perspectives_of(event.id)[1].attendee_id
    started = time.perf_counter()
    session.update_event(event.id, text=text, actor=text[:200])
    session.set_perspective(event.id, attendee, text)
    session.set_reveal(False)
    image_of(window)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{kind}: {elapsed:.2f} s"

    focus = window.view.text_named("focus")
    if kind == "paste":
        assert focus.is_elided() and focus.shown_text().endswith("…")
        assert focus.pixel_size() == 48
        assert len(focus.shown_text()) < 2000
    else:
        assert focus.shown_text() == text  # shown literally, never as markup
        assert text_of(window, "account-1") == text
    within(window.view)
    started = time.perf_counter()
    for _ in range(5):
        window.view.repaint()
    assert time.perf_counter() - started < 2.0, "repaints stay cheap"


def test_right_to_left_text_starts_at_the_right(window, session):
    session.go_live(0)
    session.update_event(session.live_event.id, text=HOSTILE["hebrew"][:20])
    focus = window.view.text_named("focus")
    image = image_of(focus)
    background = image.pixel(0, 0)
    inked = [
        x
        for x in range(0, image.width(), 2)
        for y in range(0, min(image.height(), 80), 4)
        if image.pixel(x, y) != background
    ]
    assert inked and min(inked) > image.width() / 2


# ------------------------------------------------------------------ FitText


def test_fit_text_shrinks_then_elides(qtbot):
    widget = FitText(text="word " * 40, preferred_px=40, floor_px=20)
    qtbot.addWidget(widget)
    widget.resize(600, 2000)
    assert widget.pixel_size() == 40 and not widget.is_elided()
    widget.resize(600, 160)
    assert 20 <= widget.pixel_size() < 40 and not widget.is_elided()
    assert widget.text_height() <= 160
    widget.resize(600, 40)
    assert widget.pixel_size() == 20 and widget.is_elided()
    assert widget.shown_text().endswith("…")
    widget.set_text("<b>x</b>")
    assert widget.shown_text() == "<b>x</b>" and not widget.is_elided()


def test_fit_text_caps_its_work_on_a_huge_paste(qtbot):
    widget = FitText(text=LONG_PASTE * 10, preferred_px=64, floor_px=48)
    qtbot.addWidget(widget)
    widget.resize(1800, 300)
    started = time.perf_counter()
    assert widget.is_elided()
    widget.show()
    widget.repaint()
    assert time.perf_counter() - started < 1.0


# ------------------------------------------------------------------ odd states


def test_it_copes_with_no_debrief_and_an_empty_timeline(qtbot, store):
    session = Session(store)
    window = ProjectorWindow(session)
    qtbot.addWidget(window)
    window.resize(960, 540)
    window.show()
    for scene, _ in SCENES:
        session.set_scene(scene)
        window.view.repaint()
    session.set_scene("timeline")
    assert shown(window) == []

    empty = store.create_debrief("Nothing yet")
    session.open_debrief(empty.id)
    assert shown(window) == ["No events yet."]
    session.add_event(text="The first thing we know")
    assert text_of(window, "focus") == "The first thing we know"
    assert text_of(window, "time") == "time unknown"


def test_deleting_the_live_event_moves_the_room_on(window, session):
    session.go_live(3)
    gone, following = session.live_event, session.timeline.event_at(4)
    session.delete_event(gone.id)
    assert text_of(window, "focus") == following.text
    session.undo_stack.undo()
    assert gone.text in shown(window) or gone.text[:40] in " ".join(shown(window))


def test_a_long_list_keeps_the_newest_items_and_says_what_is_left_out(qtbot, demo_store):
    store, did = demo_store
    for i in range(30):
        store.add(Learning, debrief_id=did, kind="learned", text=f"Learning number {i} " * 6)
    session = Session(store)
    session.open_debrief(did)
    window = ProjectorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    session.set_scene("learnings")
    texts = shown(window)
    assert texts[-1] == "Learning number 29 " * 6
    hidden = next(t for t in texts if t.startswith("… and "))
    count = int(hidden.split()[2])
    assert len([t for t in texts if t.startswith("Learning number")]) == 35 - count
    for widget in window.view.text_widgets():
        assert widget.pixel_size() >= 32
    within(window.view)


def test_four_accounts_stay_whole_and_the_event_gives_way_first(qtbot, demo_store):
    store, did = demo_store
    session = Session(store)
    session.open_debrief(did)
    event = session.timeline.event_at(14)
    given = {p.attendee_id for p in session.perspectives_of(event.id)}
    fourth = next(a for a in session.attendees.attendees() if a.id not in given)
    session.set_perspective(
        event.id,
        fourth.id,
        "From the product side I mostly watched the storefront banner and the support queue;"
        " I did not know the rollback was on the table until it was said out loud.",
    )
    session.go_live(14)
    window = ProjectorWindow(session)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    view = window.view
    accounts = [view.text_named(f"account-{i}") for i in range(4)]
    assert [a.is_elided() for a in accounts] == [False] * 4
    assert all(a.pixel_size() >= 32 for a in accounts)
    assert view.text_named("focus").pixel_size() >= 48
