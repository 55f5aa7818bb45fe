#!/usr/bin/env python3
"""Benchmarks of the store and the importer.

    .venv/bin/python bench/run.py [--json] [--repeat N]

Prints one line per figure, ``name value unit`` (the median of N runs), or a JSON
object with ``--json``. Targets on a 2-core machine are in the last column of
the README's benchmark table; this script measures, it does not judge.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from debrief_desktop.facilitation.timeline_import import import_file
from debrief_desktop.store import Store
from debrief_desktop.store.models import Attendee, Event, EventKind, Note, Precision, PrivateNote

EVENTS = 10_000


def event_rows(debrief_id: int, n: int) -> list[dict[str, object]]:
    return [
        {
            "debrief_id": debrief_id,
            "time_text": f"{10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
            "instant": f"2026-11-18T{10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}:{i % 60:02d}Z",
            "precision": Precision.EXACT,
            "timezone": "UTC",
            "actor": f"person {i % 7}",
            "kind": list(EventKind)[i % 7],
            "text": f"Event number {i}: something was observed and somebody acted on it.",
            "pivot": i % 50 == 0,
        }
        for i in range(n)
    ]


def timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench_insert(folder: Path, repeat: int) -> float:
    def once() -> None:
        path = folder / f"insert-{time.perf_counter_ns()}.sqlite"
        with Store.open(path) as s:
            did = s.create_debrief("bench").id
            rows = event_rows(did, EVENTS)
            start = time.perf_counter()
            s.add_many(Event, rows)
            once.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]

    samples = []
    for _ in range(repeat):
        once()
        samples.append(once.elapsed)  # type: ignore[attr-defined]
    return statistics.median(samples)


def make_big_library(path: Path) -> int:
    with Store.open(path) as s:
        did = s.create_debrief("big").id
        ids = s.add_many(Event, event_rows(did, EVENTS))
        people = s.add_many(Attendee, ({"debrief_id": did, "name": f"p{i}"} for i in range(7)))
        with s.atomic():
            for i, eid in enumerate(ids[::5]):
                s.set_perspective(eid, people[i % 7], f"My account of event {eid}.")
        s.add_many(
            Note,
            ({"debrief_id": did, "event_id": e, "text": "n", "created_at": "t"} for e in ids[::10]),
        )
        s.add_many(
            PrivateNote,
            ({"debrief_id": did, "event_id": e, "text": "p", "created_at": "t"} for e in ids[::10]),
        )
    return did


def bench_open_read(path: Path, did: int, repeat: int) -> float:
    def once() -> None:
        with Store.open(path) as s:
            s.get_debrief(did)
            events = s.events(did)
            s.perspectives(did)
            s.rows(Note, debrief_id=did)
            s.rows(PrivateNote, debrief_id=did)
            s.rows(Attendee, debrief_id=did)
            assert len(events) == EVENTS

    return timed(once, repeat)


def bench_single_action(path: Path, did: int, repeat: int) -> float:
    with Store.open(path) as s:
        return timed(lambda: s.add(Event, debrief_id=did, text="one more", position=5000), repeat)


def bench_import_csv(folder: Path, repeat: int) -> float:
    source = folder / "timeline.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["time", "actor", "text"])
        for i in range(EVENTS):
            # Mixed styles, as real postmortems write them; dates roll over midnight.
            style = i % 4
            hh, mm = (i // 60) % 24, i % 60
            when = [
                f"{hh:02d}:{mm:02d}",
                f"~{hh:02d}:{mm:02d}",
                f"2026-11-{18 + i // 1440:02d}T{hh:02d}:{mm:02d}:00Z",
                f"{(hh % 12) or 12}:{mm:02d} {'AM' if hh < 12 else 'PM'}",
            ][style]
            writer.writerow([when, f"person {i % 7}", f'Row {i}, with a comma and "quotes"'])
    library = folder / "import.sqlite"

    def once() -> None:
        with Store.open(library) as s:
            result = import_file(s, source, title="bench import")
            assert result.event_count == EVENTS

    return timed(once, repeat)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args()
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results.append(("insert_10000_events", bench_insert(folder, args.repeat), "s"))
        big = folder / "big.sqlite"
        did = make_big_library(big)
        results.append(
            ("open_and_read_10000_event_debrief", bench_open_read(big, did, args.repeat), "s")
        )
        results.append(
            (
                "one_edit_committed_in_10000_event_debrief",
                bench_single_action(big, did, max(args.repeat, 20)) * 1000,
                "ms",
            )
        )
        results.append(("import_10000_row_csv", bench_import_csv(folder, args.repeat), "s"))
    if args.json:
        print(json.dumps({name: {"value": round(v, 4), "unit": u} for name, v, u in results}))
    else:
        for name, value, unit in results:
            print(f"{name} {value:.4f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
