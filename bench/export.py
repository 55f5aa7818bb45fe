#!/usr/bin/env python3
"""Benchmark of the PDF and Markdown export against a bare reportlab document.

    .venv/bin/python bench/export.py [--json] [--repeat N] [--sizes 1000,10000]

For each size, a debrief of that many events (every tenth with two accounts,
every fiftieth a pivot) is exported as a PDF, and a bare reportlab document is
built with the same number of table rows of plain Paragraph cells (Helvetica,
the same five columns, the same chunking into tables with a repeated header).
Prints ``name value unit`` lines (the median of N runs), or one JSON object
with ``--json``. Targets (issue 5): export / bare at most 1.3, 1,000 events
under 1.5 s. This script measures; it does not judge.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from debrief_desktop.export import render
from debrief_desktop.export.fonts import default_fonts
from debrief_desktop.export.pdf import TIMELINE_CHUNK
from debrief_desktop.store import Store
from debrief_desktop.store.models import Attendee, Event, EventKind, Precision

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def event_text(i: int) -> str:
    return f"Event number {i}: something was observed and somebody acted on it."


def make_debrief(store: Store, n: int) -> int:
    """A debrief with ``n`` events, a few accounts and pivots."""
    did = store.create_debrief(f"Benchmark with {n} events", timezone="UTC").id
    people = [
        store.add(Attendee, debrief_id=did, name=f"Person {i}", role="engineer").id
        for i in range(4)
    ]
    ids = store.add_many(
        Event,
        (
            {
                "debrief_id": did,
                "time_text": f"{10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                "instant": None,
                "precision": Precision.EXACT,
                "timezone": "UTC",
                "actor": f"person {i % 7}",
                "kind": list(EventKind)[i % 7],
                "text": event_text(i),
                "pivot": i % 50 == 0,
            }
            for i in range(n)
        ),
    )
    with store.atomic():
        for i, event_id in enumerate(ids):
            if i % 10 == 0:
                store.set_perspective(event_id, people[0], "What I saw then, in my words.")
                store.set_perspective(event_id, people[1], "How it looked from where I sat.")
    return did


def bare_pdf(n: int) -> bytes:
    """The same number of table rows of plain Paragraph cells, same chunking, no extras."""
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=11)
    width = A4[0] - 36 * mm
    widths = [width * f for f in (0.045, 0.12, 0.14, 0.155, 0.54)]
    story = []
    for start in range(0, n, TIMELINE_CHUNK):
        rows = [[Paragraph(h, style) for h in ("#", "Time", "Who", "Kind", "What happened")]]
        for i in range(start, min(n, start + TIMELINE_CHUNK)):
            rows.append(
                [
                    Paragraph(str(i + 1), style),
                    Paragraph(f"{10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}", style),
                    Paragraph(f"person {i % 7}", style),
                    Paragraph(list(EventKind)[i % 7].value, style),
                    Paragraph(event_text(i), style),
                ]
            )
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story)
    return buffer.getvalue()


def timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sizes", default="1000,10000", help="event counts, comma-separated")
    args = parser.parse_args()

    default_fonts()  # font registration is a one-off start-up cost, not per export
    results: dict[str, tuple[float, str]] = {}
    for n in (int(s) for s in args.sizes.split(",")):
        store = Store.memory()
        did = make_debrief(store, n)
        pages: list[int | None] = []

        def export_pdf(
            store: Store = store, did: int = did, pages: list[int | None] = pages
        ) -> None:
            pages.append(render(store, did, "pdf", now=NOW)[1])

        pdf = timed(export_pdf, args.repeat)
        bare = timed(partial(bare_pdf, n), args.repeat)
        md = timed(partial(render, store, did, "markdown", now=NOW), args.repeat)
        results[f"export_pdf_{n}"] = (pdf, "s")
        results[f"bare_reportlab_{n}"] = (bare, "s")
        results[f"ratio_{n}"] = (pdf / bare, "x")
        results[f"pages_{n}"] = (float(pages[-1] or 0), "pages")
        results[f"export_markdown_{n}"] = (md, "s")
        store.close()

    if args.json:
        print(json.dumps({name: {"value": v, "unit": u} for name, (v, u) in results.items()}))
    else:
        for name, (value, unit) in results.items():
            print(f"{name} {value:.3f} {unit}")


if __name__ == "__main__":
    main()
