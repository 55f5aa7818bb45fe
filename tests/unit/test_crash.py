"""A library survives a kill at any moment: no committed edit is lost, the file stays sound."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from debrief_desktop.store import Store
from debrief_desktop.store.models import Event, Note

KILLS = 30

# The child makes small edits, each one user action in its own transaction, and
# reports an edit only after the store call that commits it has returned.
CHILD = """
import itertools, sys
from debrief_desktop.store import Store
from debrief_desktop.store.models import Attendee, Event, Note
store = Store.open(sys.argv[1])
debrief_id = int(sys.argv[2])
attendee = store.rows(Attendee, debrief_id=debrief_id)[0].id
for n in itertools.count(int(sys.argv[3])):
    kind = n % 3
    if kind == 0:
        store.add(Event, debrief_id=debrief_id, text=f"edit {n}", position=n % 7)
    elif kind == 1:
        with store.atomic():
            event = store.add(Event, debrief_id=debrief_id, text=f"edit {n}")
            store.set_perspective(event.id, attendee, f"account {n}")
    else:
        store.add(Note, debrief_id=debrief_id, text=f"edit {n}", created_at=store.now())
    print(n, flush=True)
"""


def run_child_until_killed(
    path: Path, debrief_id: int, start: int, rng: random.Random
) -> list[int]:
    """Start the child, kill it with SIGKILL after a random time, return the edits it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(debrief_id), str(start)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    reported: list[int] = []
    reader = threading.Thread(target=lambda: reported.extend(int(x) for x in child.stdout))
    reader.start()
    # Wait until it has started editing, then kill it somewhere in the middle of the work.
    deadline = time.monotonic() + 20
    while not reported and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.005)
    time.sleep(rng.uniform(0.0, 0.15))
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    return reported


@pytest.mark.slow
def test_no_committed_edit_is_lost_when_the_app_is_killed(tmp_path):
    path = tmp_path / "library.sqlite"
    with Store.open(path) as s:
        debrief_id = s.create_debrief("kill test").id
        s.db.execute(
            "INSERT INTO attendee (debrief_id, name, position) VALUES (?, 'Ana', 0)", [debrief_id]
        )
    rng = random.Random(20261125)
    committed: list[int] = []
    for _ in range(KILLS):
        committed += run_child_until_killed(path, debrief_id, len(committed) + 1000, rng)

        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
        with Store.open(path) as s:
            texts = {e.text for e in s.rows(Event, debrief_id=debrief_id)}
            texts |= {n.text for n in s.rows(Note, debrief_id=debrief_id)}
            accounts = {p.account for p in s.perspectives(debrief_id)}
            positions = [e.position for e in s.events(debrief_id)]
        missing = [n for n in committed if f"edit {n}" not in texts]
        assert missing == [], f"committed edits lost after a kill: {missing[:10]}"
        assert all(f"account {n}" in accounts for n in committed if n % 3 == 1)
        assert positions == list(range(len(positions)))
    assert len(committed) > KILLS * 5, "the child made too few edits for the test to mean much"
