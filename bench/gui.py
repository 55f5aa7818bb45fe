#!/usr/bin/env python3
"""Benchmarks of the two windows (the two-windows issue).

    .venv/bin/python bench/gui.py [--json] [--repeat N]

Runs offscreen (QT_QPA_PLATFORM=offscreen unless set). Prints ``name value unit``:
- startup_smoke / startup_bare_two_windows / startup_ratio: ``debrief-desktop
  --smoke --demo`` against a bare PySide6 program showing two empty windows
  (median wall time of N runs each, in fresh processes);
- open_10000_event_debrief: Session.open_debrief plus both windows painted;
- edit_to_projector_median / _p95: from a Session edit of the live event to the
  projector having painted it;
- peak_rss_10000_events: the process's peak memory with both windows on a
  10,000-event debrief.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENTS = 10_000


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return time.perf_counter() - start


def startup(repeat: int, folder: Path) -> list[tuple[str, float, str]]:
    env = {**os.environ, "DEBRIEF_DESKTOP_DATA_DIR": str(folder / "userdata")}
    db = folder / "startup.sqlite"
    app_cmd = [sys.executable, "-m", "debrief_desktop", "--db", str(db), "--smoke", "--demo"]
    bare_cmd = [sys.executable, str(HERE / "bare_two_windows.py")]
    wall(app_cmd, env)  # first run creates the library and warms the disk cache
    wall(bare_cmd, env)
    app = statistics.median(wall(app_cmd, env) for _ in range(repeat))
    bare = statistics.median(wall(bare_cmd, env) for _ in range(repeat))
    return [
        ("startup_smoke", app, "s"),
        ("startup_bare_two_windows", bare, "s"),
        ("startup_ratio", app / bare, "x"),
    ]


def big_library(path: Path) -> int:
    from debrief_desktop.store import Store
    from debrief_desktop.store.models import Attendee, Event, EventKind

    with Store.open(path) as s:
        did = s.create_debrief("big", incident_date="2026-11-18").id
        ids = s.add_many(
            Event,
            (
                {
                    "debrief_id": did,
                    "time_text": f"{10 + i // 3600 % 10:02d}:{i // 60 % 60:02d}",
                    "actor": f"person {i % 7}",
                    "kind": list(EventKind)[i % 7],
                    "text": f"Event {i}: something was seen and somebody acted on it.",
                    "pivot": i % 40 == 0,
                }
                for i in range(EVENTS)
            ),
        )
        people = s.add_many(Attendee, ({"debrief_id": did, "name": f"p{i}"} for i in range(7)))
        with s.atomic():
            for i, eid in enumerate(ids[::5]):
                s.set_perspective(eid, people[i % 7], f"My account of event {eid}.")
    return did


def in_process(repeat: int, folder: Path) -> list[tuple[str, float, str]]:
    from PySide6.QtWidgets import QApplication

    from debrief_desktop.gui.console import ConsoleWindow
    from debrief_desktop.gui.projector import ProjectorView, ProjectorWindow
    from debrief_desktop.gui.session import Session
    from debrief_desktop.store import Store

    path = folder / "big.sqlite"
    did = big_library(path)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = Store.open(path)

    start = time.perf_counter()
    session = Session(store)
    session.open_debrief(did)
    projector = ProjectorWindow(session)
    console = ConsoleWindow(session, ProjectorView(session))
    projector.resize(1920, 1080)
    console.resize(1400, 860)
    projector.show()
    console.show()
    projector.repaint()
    console.repaint()
    app.processEvents()
    opened = time.perf_counter() - start

    session.go_live(EVENTS // 2)
    app.processEvents()
    live_id = session.live_event.id
    samples = []
    for i in range(max(repeat * 40, 200)):
        text = f"Edited live, revision {i}"
        t0 = time.perf_counter()
        session.update_event(live_id, text=text)
        projector.repaint()  # the paint the event loop would do next; measured, not skipped
        samples.append(time.perf_counter() - t0)
        app.processEvents()
        assert text in projector.visible_texts(), "the projector did not show the edit"
    samples.sort()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    console.close()
    projector.close()
    store.close()
    return [
        ("open_10000_event_debrief", opened, "s"),
        ("edit_to_projector_median", statistics.median(samples) * 1000, "ms"),
        ("edit_to_projector_p95", samples[int(len(samples) * 0.95)] * 1000, "ms"),
        ("peak_rss_10000_events", peak_kib / 1024, "MB"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--in-process-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.in_process_only:
            print(json.dumps(in_process(args.repeat, folder)))
            return 0
        results = startup(args.repeat, folder)
        # Memory is measured in a fresh process, so the start-up runs above do not count.
        child = subprocess.run(
            [sys.executable, __file__, "--in-process-only", "--repeat", str(args.repeat)],
            check=True,
            capture_output=True,
            text=True,
        )
        results += [tuple(r) for r in json.loads(child.stdout.strip().splitlines()[-1])]
    if args.json:
        print(json.dumps({name: {"value": round(v, 4), "unit": u} for name, v, u in results}))
    else:
        for name, value, unit in results:
            print(f"{name} {value:.4f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
