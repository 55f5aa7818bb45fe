"""Real windows on a virtual X server with two monitors (marker ``gui``).

One Xvfb root of 3200x1080 is cut into two RandR monitors, the way a laptop with a
projector looks to an X11 application: CONSOLE (1920x1080 at 0,0) and PROJECTOR
(1280x720 at 1920,0). Without ``-noreset`` the server resets when its last client leaves
and the monitors silently vanish. Apps run in a subprocess with ``QT_QPA_PLATFORM=xcb``
on that display, so the pytest process's own QApplication (if any) is not involved.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROOT_SIZE = "3200x1080x24"
MONITORS = {
    "CONSOLE": ("1920/508x1080/286+0+0", "screen"),
    "PROJECTOR": ("1280/338x720/190+1920+0", "none"),
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a real-window test."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


def xrandr(display: str, *args: str) -> str:
    """Run xrandr on `display`; its output."""
    done = subprocess.run(
        ["xrandr", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def set_monitor(display: str, name: str) -> None:
    """Define monitor `name` (CONSOLE or PROJECTOR) on `display`."""
    geometry, output = MONITORS[name]
    xrandr(display, "--setmonitor", name, geometry, output)


def monitors(display: str) -> list[str]:
    """Names of the RandR monitors defined on `display`."""
    lines = xrandr(display, "--listmonitors").splitlines()[1:]
    return [line.split()[1].lstrip("+*") for line in lines if line.strip()]


@pytest.fixture(scope="session")
def two_monitor_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Xvfb with CONSOLE and PROJECTOR monitors: its DISPLAY (":N")."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None or shutil.which("xrandr") is None:
        pytest.skip("needs Xvfb and xrandr (Debian: apt-get install xvfb x11-xserver-utils)")
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    read_end, write_end = os.pipe()
    with log.open("wb") as log_file:
        # -displayfd: the server picks a free display number and writes it to us.
        command = [xvfb, "-displayfd", str(write_end), "-screen", "0", ROOT_SIZE]
        server = subprocess.Popen(
            [*command, "-noreset", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        number = os.read(read_end, 32).decode().strip() if ready else ""
        if not number:
            pytest.fail(f"Xvfb did not start: {log.read_text(errors='replace')}")
        display = f":{number}"
        for name in MONITORS:
            set_monitor(display, name)
        assert monitors(display) == ["CONSOLE", "PROJECTOR"]
        yield display
    finally:
        os.close(read_end)
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


#: The app side: two painted windows, a ScreenPlacer, then the steps of the job, each
#: followed by a snapshot of where the windows are. It prints one "RESULT {json}" line.
APP = r"""
import json, subprocess, sys
from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from debrief_desktop.gui.screens import ScreenPlacer

messages = []
qInstallMessageHandler(lambda kind, context, text: messages.append(f"{kind.name}: {text}"))
job = json.loads(sys.argv[1])


class Swatch(QWidget):
    def __init__(self, title, colour):
        super().__init__()
        self.setWindowTitle(title)
        self.colour = QColor(colour)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.colour)
        font = QFont("DejaVu Sans")
        font.setPixelSize(max(self.height() // 6, 12))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.windowTitle())


def describe(window):
    g, f = window.geometry(), window.frameGeometry()
    return {
        "screen": window.screen().name() if window.screen() else None,
        "geometry": [g.x(), g.y(), g.width(), g.height()],
        "frame": [f.x(), f.y(), f.width(), f.height()],
        "fullscreen": window.isFullScreen(),
        "visible": window.isVisible(),
    }


def settle(until=None, timeout=5000):
    waited = 0
    while waited < timeout and until is not None and not until():
        QTest.qWait(50)
        waited += 50
    QTest.qWait(300)  # let the X server map, move and paint


def snapshot(label):
    return {
        "label": label,
        "screens": [s.name() for s in QGuiApplication.screens()],
        "console": describe(console),
        "projector": describe(projector),
        "projector_screen": placer.projector_screen_name(),
        "console_screen": placer.console_screen_name(),
    }


app = QApplication(sys.argv[:1])
settings = QSettings(job["settings"], QSettings.Format.IniFormat)
console = Swatch("CONSOLE", job["console_colour"])
projector = Swatch("PROJECTOR", job["projector_colour"])
placer = ScreenPlacer(console, projector, settings)
placer.place()
QTest.qWaitForWindowExposed(projector)
QTest.qWaitForWindowExposed(console)
settle()
states = [snapshot("placed")]
for step in job.get("steps", []):
    kind, *args = step
    if kind == "screenshot":
        subprocess.run(["import", "-display", job["display"], "-window", "root", args[0]],
                       check=True, timeout=60)
        continue
    if kind == "xrandr":
        subprocess.run(["xrandr", *args], check=True, timeout=30)
        want = job["expect_projector"][len(states) - 1]
        settle(lambda: placer.projector_screen_name() == want)
    else:
        getattr(placer, kind)(*args)
        settle()
    states.append(snapshot(" ".join(step)))
print("RESULT " + json.dumps({"states": states, "messages": messages}))
"""


@pytest.fixture
def run_placement(
    two_monitor_display: str, tmp_path: Path
) -> Iterator[Callable[..., dict[str, Any]]]:
    """Run `APP` on the two-monitor display; returns its report.

    The app may unplug a monitor (an ``xrandr`` step); it is plugged back afterwards.
    """

    def run(**job: Any) -> dict[str, Any]:
        script = tmp_path / "app.py"
        script.write_text(APP)
        job = {
            "display": two_monitor_display,
            "settings": str(tmp_path / "settings.ini"),
            "console_colour": "#1f4e9c",
            "projector_colour": "#ffcc00",
            **job,
        }
        env = {
            **os.environ,
            "DISPLAY": two_monitor_display,
            "QT_QPA_PLATFORM": "xcb",
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run(
            [sys.executable, str(script), json.dumps(job)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
        return result

    yield run
    present = monitors(two_monitor_display)
    for name in MONITORS:
        if name not in present:
            set_monitor(two_monitor_display, name)
