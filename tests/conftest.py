"""Fixtures shared by every test folder: real stores, a fixed clock, a demo library."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from debrief_desktop.facilitation.demo import install_demo
from debrief_desktop.store import Store


class FakeClock:
    """A wall clock that only moves when a test moves it."""

    def __init__(self, start: datetime = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> Iterator[Store]:
    """An empty in-memory library."""
    s = Store.memory(now=clock)
    yield s
    s.close()


@pytest.fixture
def demo_store(store: Store) -> tuple[Store, int]:
    """An in-memory library holding the demo debrief; returns (store, debrief id)."""
    return store, install_demo(store)


@pytest.fixture
def library_file(tmp_path: Path, clock: FakeClock) -> Path:
    """A closed library file on disk holding the demo debrief."""
    path = tmp_path / "library.sqlite"
    with Store.open(path, now=clock) as s:
        install_demo(s)
    return path


@pytest.fixture(autouse=True)
def _private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never let a test touch the real user-data folder."""
    monkeypatch.setenv("DEBRIEF_DESKTOP_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
