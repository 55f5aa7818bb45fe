#!/usr/bin/env python3
"""Benchmarks of the library: the listing and full-text search over 500 debriefs.

    .venv/bin/python bench/library.py [--json] [--repeat N] [--debriefs N] [--events N]

Builds a library file of 500 debriefs with 100 events each (50,000 events), with
accounts, notes, private notes, learnings, action items, survey answers and an
agenda in every debrief, in a temporary folder; then measures (the median of N
runs, the library open):

- library_rows: every row of the library view (``library_rows``);
- library_rows_first_call: the same, once, right after opening the file;
- library_view_all: what the library view asks for when it opens (the rows, the
  recent list, the open action items across debriefs);
- search_common_word: a word in about half of all events and accounts;
- search_rare_word: a word in five events of the whole library;
- search_two_words: two words that occur together in a few hundred texts;
- search_no_hit: a word that is nowhere.

Prints one line per figure, ``name value unit``, or one JSON object with
``--json``. The target in the issue is under 100 ms each for the listing and a
search; this script measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from debrief_desktop.store import Store
from debrief_desktop.store.library import (
    library_rows,
    mark_opened,
    move_to_trash,
    open_action_items,
    recent,
)
from debrief_desktop.store.models import (
    ActionItem,
    AgendaStep,
    Attendee,
    Event,
    EventKind,
    Learning,
    Note,
    PrivateNote,
    SurveyResponse,
)
from debrief_desktop.store.search import search

VOCABULARY = (
    "alert latency rollout config database pool connection timeout retry payment checkout"
    " dashboard runbook canary pipeline deploy rollback queue cache disk memory node cluster"
    " region replica primary failover certificate expiry dns resolver load balancer proxy"
    " gateway token session login api client server request response error warning page"
    " escalation bridge incident commander support customer ticket chat banner email refund"
    " finance metric graph threshold capacity scaling autoscaler quota limit throttle backlog"
    " consumer producer topic partition lag index query migration schema lock deadlock vacuum"
    " backup restore snapshot volume mount kernel patch upgrade version flag feature toggle"
    " experiment traffic shift weight health check probe restart crash loop oom eviction"
)
WORDS = tuple(VOCABULARY.split())
COMMON = "service"  # put into every other event and account
RARE = "zeppelin"  # put into five events of the whole library
PAIR = ("orange", "kettle")  # together in about one text in two hundred


def sentence(rng: random.Random, words: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(words)]


def build_library(path: Path, debriefs: int, events: int, seed: int = 7) -> None:
    """A library of ``debriefs`` debriefs with ``events`` events each, and the rest."""
    rng = random.Random(seed)
    rare_at = set(rng.sample(range(debriefs * events), 5))
    n = 0
    with Store.open(path) as s, s.atomic():
        for d in range(debriefs):
            did = s.create_debrief(
                f"Incident {d}: {' '.join(sentence(rng, 4))}",
                incident_date=f"20{20 + d // 120}-{1 + d // 10 % 12:02d}-{1 + d % 28:02d}",
                meeting_date=f"20{20 + d // 120}-{1 + d // 10 % 12:02d}-{1 + d % 28:02d}",
            ).id
            people = s.add_many(
                Attendee, ({"debrief_id": did, "name": f"Person {i}"} for i in range(6))
            )
            rows: list[dict[str, Any]] = []
            for i in range(events):
                words = sentence(rng, rng.randint(10, 25))
                if n % 2 == 0:
                    words.insert(rng.randrange(len(words)), COMMON)
                if n in rare_at:
                    words.append(RARE)
                if rng.random() < 0.005:
                    words += PAIR
                rows.append(
                    {
                        "debrief_id": did,
                        "time_text": f"{10 + i // 60:02d}:{i % 60:02d}",
                        "actor": f"Person {i % 6}",
                        "kind": list(EventKind)[i % 7],
                        "text": " ".join(words).capitalize() + ".",
                    }
                )
                n += 1
            ids = s.add_many(Event, rows)
            for j, eid in enumerate(ids[::3]):
                words = sentence(rng, rng.randint(20, 60))
                if j % 2 == 0:
                    words.insert(3, COMMON)
                s.set_perspective(eid, people[j % 6], "I saw " + " ".join(words) + ".")
            s.add_many(
                Note,
                (
                    {
                        "debrief_id": did,
                        "event_id": eid,
                        "text": " ".join(sentence(rng, 15)),
                        "created_at": "2026-01-01T10:00:00+00:00",
                    }
                    for eid in ids[::20]
                ),
            )
            s.add_many(
                PrivateNote,
                (
                    {
                        "debrief_id": did,
                        "event_id": eid,
                        "text": " ".join(sentence(rng, 15)),
                        "created_at": "2026-01-01T10:00:00+00:00",
                    }
                    for eid in ids[::33]
                ),
            )
            s.add_many(
                Learning,
                ({"debrief_id": did, "text": " ".join(sentence(rng, 20))} for _ in range(5)),
            )
            s.add_many(
                ActionItem,
                (
                    {
                        "debrief_id": did,
                        "text": " ".join(sentence(rng, 12)),
                        "owner": f"Person {k}",
                        "priority": ("high", "medium", "low", "")[k],
                        "due": f"2026-{1 + k:02d}-15" if k % 2 else "",
                        "status": "open" if k < 3 else "done",
                    }
                    for k in range(4)
                ),
            )
            s.add_many(
                SurveyResponse,
                (
                    {
                        "debrief_id": did,
                        "attendee_id": people[k],
                        "respondent": f"Person {k}",
                        "learned": rng.random() < 0.5,
                        "attend_again": rng.random() < 0.7,
                    }
                    for k in range(4)
                ),
            )
            s.add_many(
                AgendaStep,
                (
                    {"debrief_id": did, "title": f"Step {k}", "timebox_seconds": 600}
                    for k in range(6)
                ),
            )
        for d in range(1, debriefs + 1, 50):
            mark_opened(s, d)
        move_to_trash(s, debriefs)


def timed(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--repeat", type=int, default=21, help="runs per figure (median)")
    parser.add_argument("--debriefs", type=int, default=500)
    parser.add_argument("--events", type=int, default=100, help="events per debrief")
    args = parser.parse_args()
    results: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.sqlite"
        start = time.perf_counter()
        build_library(path, args.debriefs, args.events)
        results.append(("build_library", time.perf_counter() - start, "s"))
        results.append(("library_file_size", path.stat().st_size / 2**20, "MiB"))
        with Store.open(path) as s:
            start = time.perf_counter()
            rows = library_rows(s)
            results.append(("library_rows_first_call", (time.perf_counter() - start) * 1000, "ms"))
            assert len(rows) == args.debriefs - 1, len(rows)
            figure = timed(lambda: library_rows(s), args.repeat) * 1000
            results.append(("library_rows", figure, "ms"))

            def view() -> None:
                library_rows(s)
                recent(s)
                open_action_items(s)

            results.append(("library_view_all", timed(view, args.repeat) * 1000, "ms"))
            checks = {
                "search_common_word": (COMMON, 100),
                "search_rare_word": (RARE, 1),
                "search_two_words": (" ".join(PAIR), 1),
                "search_no_hit": ("xylophone", 0),
            }
            for name, (query, at_least) in checks.items():
                found = search(s, query)
                assert len(found) >= at_least, (query, len(found))
                figure = timed(partial(search, s, query), args.repeat) * 1000
                results.append((name, figure, "ms"))
            results.append(("search_common_word_hits_shown", len(search(s, COMMON)), "hits"))
    if args.json:
        print(json.dumps({name: {"value": round(v, 3), "unit": u} for name, v, u in results}))
    else:
        for name, value, unit in results:
            print(f"{name} {value:.3f} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
