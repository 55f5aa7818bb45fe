#!/usr/bin/env python3
"""Benchmarks of the facilitator tools: typing must stay responsive.

    .venv/bin/python bench/tools.py [--json] [--repeat N]

Prints one line per figure, ``name value unit`` (the median), or one JSON object with
``--json``. The budget from the issue is 5 ms per keystroke for a 10,000-character note.
Runs offscreen (QT_QPA_PLATFORM=offscreen unless set). Figures:

- question_filter_keystroke: one keystroke in the question search (the shipped bank plus
  1,000 own questions, ordered for an event, filtered by the typed prefix);
- questions_panel_keystroke: the same in the real QuestionsPanel, list rebuilt;
- hint_check_10k_note: ``find_hints`` on a 10,000-character note with two hints;
- hint_check_10k_dense: the same with a hint every ~15 characters (worst case);
- hint_keystroke_10k_editor: a key typed at the end of a 10,000-character single
  paragraph in a QPlainTextEdit with the hint highlighter (layout included);
- hint_keystroke_10k_editor_bare: the same without the highlighter, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable

from debrief_desktop.facilitation.hints import find_hints
from debrief_desktop.facilitation.questions import (
    filter_suggestions,
    order_for_event,
    shipped_bank,
)
from debrief_desktop.store.models import Question

QUERY = "how did the pressure feel"
NOTE_SENTENCE = (
    "The on-call engineer watched the latency graph climb while the rollout continued, "
    "and asked in the channel whether anyone else saw checkout errors. "
)


def note(chars: int = 10_000) -> str:
    body = NOTE_SENTENCE * (chars // len(NOTE_SENTENCE) + 2)
    middle = chars // 2
    return (body[:middle] + " she should have known, obviously. " + body[middle:])[:chars]


def dense_note(chars: int = 10_000) -> str:
    return ("We just should have been careful; obviously. " * (chars // 40 + 1))[:chars]


def per_call(fn: Callable[[], object], repeat: int, inner: int = 20) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def bank_rows(extra: int = 1000) -> list[Question]:
    rows = [
        Question(i + 1, q.text, q.category, ",".join(q.kinds), True)
        for i, q in enumerate(shipped_bank().questions)
    ]
    base = len(rows)
    rows += [
        Question(
            base + i + 1, f"How did step {i} of the runbook feel under pressure?", "own", "", False
        )
        for i in range(extra)
    ]
    return rows


def bench_filter(repeat: int) -> float:
    ordered = order_for_event(bank_rows(), [], "decision")
    prefixes = [QUERY[: n + 1] for n in range(len(QUERY))]

    def typing() -> None:
        for prefix in prefixes:
            filter_suggestions(ordered, prefix)

    return per_call(typing, repeat, 5) / len(prefixes)


def qt_figures(repeat: int) -> list[tuple[str, float, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from debrief_desktop.facilitation.demo import install_demo
    from debrief_desktop.gui.session import Session
    from debrief_desktop.gui.tools import HintHighlighter, QuestionsPanel, ToolsController
    from debrief_desktop.store import Store

    app = QApplication.instance() or QApplication([])
    store = Store.memory()
    session = Session(store)
    session.open_debrief(install_demo(store))
    tools = ToolsController(session)
    for i in range(200):
        store.add(Question, text=f"How did part {i} of the work look?", category="own")
    panel = QuestionsPanel(tools)
    panel.reload()
    prefixes = [QUERY[: n + 1] for n in range(len(QUERY))]

    def typing() -> None:
        for prefix in prefixes:
            panel.search_edit.setText(prefix)
        panel.search_edit.clear()

    panel_key = per_call(typing, repeat, 2) / (len(prefixes) + 1)

    def keystroke(highlight: bool) -> float:
        editor = QPlainTextEdit()
        editor.resize(900, 600)
        if highlight:
            HintHighlighter(editor)
        editor.setPlainText(note().replace("\n", " "))
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        app.processEvents()

        def one() -> None:
            editor.insertPlainText("x")
            app.processEvents()

        result = per_call(one, repeat, 20)
        editor.deleteLater()
        return result

    with_hints = keystroke(True)
    bare = keystroke(False)
    panel.deleteLater()
    session.deleteLater()
    app.processEvents()
    store.close()
    return [
        ("questions_panel_keystroke", panel_key * 1000, "ms"),
        ("hint_keystroke_10k_editor", with_hints * 1000, "ms"),
        ("hint_keystroke_10k_editor_bare", bare * 1000, "ms"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()
    n = max(1, args.repeat)
    text, dense = note(), dense_note()
    assert len(text) == 10_000 and len(dense) == 10_000
    figures: list[tuple[str, float, str]] = [
        ("question_filter_keystroke", bench_filter(n) * 1000, "ms"),
        ("hint_check_10k_note", per_call(lambda: find_hints(text), n) * 1000, "ms"),
        ("hint_check_10k_dense", per_call(lambda: find_hints(dense), n) * 1000, "ms"),
        ("hint_count_10k_dense", float(len(find_hints(dense))), "hints"),
    ]
    figures += qt_figures(n)
    if args.json:
        print(json.dumps({name: {"value": round(v, 4), "unit": u} for name, v, u in figures}))
    else:
        for name, value, unit in figures:
            print(f"{name} {value:.4f} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
