"""Screen choice, window placement, the pre-flight check and the screen-saver inhibitor.

Placement needs several screens, and the offscreen platform only takes a screen layout
when the QApplication is created (``offscreen:configfile=screens.json``), so those tests
run a small app in a subprocess and read back where its windows ended up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from debrief_desktop.gui.inhibit import ScreenSaverInhibitor
from debrief_desktop.gui.preflight import (
    CLICKER_KEYS,
    CONSOLE_TEXT,
    PROJECTOR_TEXT,
    PreflightDialog,
)
from debrief_desktop.gui.screens import ScreenInfo, choose_screens, mirrored_groups

ROOT = Path(__file__).resolve().parents[2]


def scr(name: str, x: int, y: int, w: int, h: int, primary: bool = False) -> ScreenInfo:
    return ScreenInfo(name, x, y, w, h, primary)


LAPTOP = scr("eDP-1", 0, 0, 1920, 1080)
HDMI = scr("HDMI-1", 1920, 0, 1280, 720, primary=True)


@pytest.mark.parametrize(
    ("screens", "preferred", "expected"),
    [
        pytest.param([LAPTOP, HDMI], None, ("eDP-1", "HDMI-1"), id="laptop+projector"),
        pytest.param([HDMI, LAPTOP], None, ("eDP-1", "HDMI-1"), id="order-does-not-matter"),
        pytest.param(
            [scr("HDMI-1", -1280, 0, 1280, 720), scr("LVDS1", 0, 0, 1366, 768)],
            None,
            ("LVDS1", "HDMI-1"),
            id="projector-left-of-laptop",
        ),
        pytest.param(
            [scr("DP-1", 0, 0, 2560, 1440), scr("DP-2", 2560, 0, 1920, 1080, primary=True)],
            None,
            ("DP-2", "DP-1"),
            id="no-built-in-panel:primary-is-console",
        ),
        pytest.param(
            [scr("DP-1", 0, 0, 2560, 1440), scr("DP-2", 2560, 0, 1920, 1080)],
            None,
            ("DP-1", "DP-2"),
            id="no-built-in-no-primary:first-is-console",
        ),
        pytest.param(
            [scr("Built-in Retina Display", 0, 0, 1512, 982), scr("LG TV", 1512, 0, 3840, 2160)],
            None,
            ("Built-in Retina Display", "LG TV"),
            id="macos-built-in",
        ),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 0, 0, 1920, 1080, primary=True)],
            None,
            ("eDP-1", None),
            id="mirrored",
        ),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 0, 0, 1920, 1080), scr("DP-2", 1920, 0, 1920, 1080)],
            None,
            ("eDP-1", "DP-2"),
            id="mirrored-plus-extended",
        ),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 1000, 0, 1920, 1080), scr("DP-2", 1920, 0, 1280, 1024)],
            None,
            ("eDP-1", "DP-2"),
            id="three-screens:least-overlap",
        ),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 1920, 0, 1280, 720), scr("DP-2", -2560, 0, 2560, 1440)],
            None,
            ("eDP-1", "DP-2"),
            id="three-screens:no-overlap-largest",
        ),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 1920, 0, 1920, 1080), scr("DP-2", 3840, 0, 1280, 720)],
            "DP-2",
            ("eDP-1", "DP-2"),
            id="preferred-name",
        ),
        pytest.param([LAPTOP, HDMI], "DP-9", ("eDP-1", "HDMI-1"), id="unknown-preferred"),
        pytest.param([LAPTOP, HDMI], "eDP-1", ("eDP-1", "HDMI-1"), id="preferred-is-console"),
        pytest.param(
            [LAPTOP, scr("HDMI-1", 0, 0, 1920, 1080)],
            "HDMI-1",
            ("eDP-1", None),
            id="preferred-mirrors-console",
        ),
        pytest.param([LAPTOP], None, ("eDP-1", None), id="one-screen"),
        pytest.param([LAPTOP], "HDMI-1", ("eDP-1", None), id="one-screen-preferred-absent"),
        pytest.param([], None, (None, None), id="no-screens"),
        pytest.param([], "HDMI-1", (None, None), id="no-screens-preferred"),
        pytest.param(
            [scr("wl-1", 0, 0, 1920, 1200), scr("wl-2", 1920, 0, 1920, 1080)],
            None,
            ("wl-1", "wl-2"),
            id="no-primary(wayland)",
        ),
    ],
)
def test_choose_screens(screens, preferred, expected):
    assert choose_screens(screens, preferred) == expected


def test_a_swapped_console_keeps_its_screen():
    screens = [LAPTOP, HDMI]
    assert choose_screens(screens, "eDP-1", preferred_console="HDMI-1") == ("HDMI-1", "eDP-1")
    # The swapped-to screen was unplugged: the rules apply again.
    assert choose_screens([LAPTOP], "eDP-1", preferred_console="HDMI-1") == ("eDP-1", None)


def test_mirrored_groups():
    mirror = scr("HDMI-1", 0, 0, 1920, 1080)
    assert mirrored_groups([LAPTOP, mirror, HDMI]) == [["eDP-1", "HDMI-1"]]
    assert mirrored_groups([LAPTOP, HDMI]) == []


# -- real windows on the offscreen platform, in a subprocess ---------------------------

APP = r"""
import json, sys
from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QPainter
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
        painter.setFont(QFont("DejaVu Sans", 72))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.windowTitle())


def describe(window):
    g, f = window.geometry(), window.frameGeometry()
    return {
        "screen": window.screen().name() if window.screen() else None,
        "handle_screen": window.windowHandle().screen().name() if window.windowHandle() else None,
        "geometry": [g.x(), g.y(), g.width(), g.height()],
        "frame": [f.x(), f.y(), f.width(), f.height()],
        "fullscreen": window.isFullScreen(),
        "maximized": window.isMaximized(),
        "visible": window.isVisible(),
    }


def snapshot():
    QTest.qWait(30)
    return {
        "console": describe(console),
        "projector": describe(projector),
        "projector_screen": placer.projector_screen_name(),
        "console_screen": placer.console_screen_name(),
        "remembered": settings.value("projector/screen"),
        "changes": list(changes),
    }


app = QApplication(sys.argv[:1])
settings = QSettings(job["settings"], QSettings.Format.IniFormat)
for key, value in job.get("remembered", {}).items():
    settings.setValue(key, value)
console = Swatch("CONSOLE", "#1f4e9c")
console.setMinimumWidth(job.get("console_min_width", 0))
projector = Swatch("PROJECTOR", "#ffcc00")
placer = ScreenPlacer(console, projector, settings, forced_projector=job.get("forced"))
changes = []
placer.placement_changed.connect(lambda c, p: changes.append([c, p]))
placer.place()
result = {"screens": [s.name() for s in app.screens()], "placed": snapshot(), "steps": []}
for step in job.get("steps", []):
    name, *args = step
    getattr(placer, name)(*args)
    result["steps"].append(snapshot())
result["messages"] = messages
print("RESULT " + json.dumps(result))
"""


def run_app(tmp_path: Path, screens: list[dict[str, Any]], **job: Any) -> dict[str, Any]:
    """Run `APP` on an offscreen platform with these screens; return what it reports."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [{"logicalDpi": 96, **s} for s in screens]}))
    script = tmp_path / "app.py"
    script.write_text(APP)
    job.setdefault("settings", str(tmp_path / "settings.ini"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, str(script), json.dumps(job)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    assert result["messages"] == [], "Qt warned"
    return result


EDP = {"name": "eDP-1", "x": 0, "y": 0, "width": 1920, "height": 1080}
HDMI_1 = {"name": "HDMI-1", "x": 1920, "y": 0, "width": 1280, "height": 720}
DP_2 = {"name": "DP-2", "x": 3200, "y": 0, "width": 1600, "height": 900}
EDP_RECT = [0, 0, 1920, 1080]
HDMI_RECT = [1920, 0, 1280, 720]
DP_RECT = [3200, 0, 1600, 900]


def inside(rect: list[int], screen: list[int]) -> bool:
    x, y, w, h = rect
    sx, sy, sw, sh = screen
    return sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh


def assert_fullscreen_on(window: dict[str, Any], name: str, rect: list[int]) -> None:
    assert window["visible"]
    assert window["fullscreen"]
    assert window["screen"] == window["handle_screen"] == name
    assert window["geometry"] == rect


def test_projector_full_screen_on_the_projector_console_on_the_laptop(tmp_path):
    result = run_app(tmp_path, [EDP, HDMI_1])
    placed = result["placed"]
    assert_fullscreen_on(placed["projector"], "HDMI-1", HDMI_RECT)
    assert placed["console"]["screen"] == "eDP-1"
    assert placed["console"]["visible"] and not placed["console"]["fullscreen"]
    assert inside(placed["console"]["geometry"], EDP_RECT)
    assert placed["changes"] == [["eDP-1", "HDMI-1"]]
    assert placed["remembered"] is None  # an automatic choice is not a choice


def test_swap_exchanges_the_screens_and_remembers(tmp_path):
    result = run_app(tmp_path, [EDP, HDMI_1], steps=[["swap"], ["swap"]])
    swapped, back = result["steps"]
    assert_fullscreen_on(swapped["projector"], "eDP-1", EDP_RECT)
    assert swapped["console"]["screen"] == "HDMI-1"
    assert not swapped["console"]["fullscreen"]
    assert inside(swapped["console"]["geometry"], HDMI_RECT)
    assert swapped["remembered"] == "eDP-1"
    assert_fullscreen_on(back["projector"], "HDMI-1", HDMI_RECT)
    assert back["console"]["screen"] == "eDP-1"
    assert back["changes"] == [["eDP-1", "HDMI-1"], ["HDMI-1", "eDP-1"], ["eDP-1", "HDMI-1"]]


def test_forced_projector_screen(tmp_path):
    result = run_app(tmp_path, [EDP, HDMI_1, DP_2], forced="DP-2")
    assert_fullscreen_on(result["placed"]["projector"], "DP-2", DP_RECT)
    assert result["placed"]["console"]["screen"] == "eDP-1"


def test_unknown_forced_screen_falls_back_to_the_rules(tmp_path):
    result = run_app(tmp_path, [EDP, HDMI_1], forced="VGA-7")
    assert_fullscreen_on(result["placed"]["projector"], "HDMI-1", HDMI_RECT)


def test_remembered_projector_screen(tmp_path):
    result = run_app(tmp_path, [EDP, HDMI_1, DP_2], remembered={"projector/screen": "DP-2"})
    assert_fullscreen_on(result["placed"]["projector"], "DP-2", DP_RECT)


def test_chosen_screen_is_used_and_remembered(tmp_path):
    settings = tmp_path / "settings.ini"
    result = run_app(tmp_path, [EDP, HDMI_1, DP_2], steps=[["set_projector_screen", "DP-2"]])
    chosen = result["steps"][0]
    assert_fullscreen_on(chosen["projector"], "DP-2", DP_RECT)
    assert chosen["remembered"] == "DP-2"
    assert "DP-2" in settings.read_text()
    # The next start finds it again.
    again = run_app(tmp_path, [EDP, HDMI_1, DP_2])
    assert_fullscreen_on(again["placed"]["projector"], "DP-2", DP_RECT)


def test_one_screen_puts_both_windows_side_by_side(tmp_path):
    result = run_app(tmp_path, [EDP])
    placed = result["placed"]
    console, projector = placed["console"], placed["projector"]
    assert placed["projector_screen"] is None
    assert placed["changes"] == [["eDP-1", ""]]
    for window in (console, projector):
        assert window["visible"] and not window["fullscreen"] and not window["maximized"]
        assert window["screen"] == "eDP-1"
        assert inside(window["frame"], EDP_RECT)
    cx, _, cw, _ = console["frame"]
    px, _, pw, _ = projector["frame"]
    assert cx + cw <= px, "the console is left of the projector, not over it"
    assert cw > pw, "the console gets the larger part"
    assert pw >= 1920 * 0.4


def test_side_by_side_respects_the_console_minimum_width(tmp_path):
    small = {"name": "LVDS-1", "x": 0, "y": 0, "width": 1366, "height": 768}
    result = run_app(tmp_path, [small], console_min_width=900)
    console, projector = result["placed"]["console"], result["placed"]["projector"]
    assert console["geometry"][2] >= 900
    # The frame is not known before the first show: the frames may touch, the contents not.
    assert console["geometry"][0] + console["geometry"][2] <= projector["geometry"][0]
    assert inside(projector["frame"], [0, 0, 1366, 768])


def test_mirrored_displays_count_as_one_screen(tmp_path):
    mirror = {**HDMI_1, "x": 0, "width": 1920, "height": 1080}
    result = run_app(tmp_path, [EDP, mirror])
    assert result["placed"]["projector_screen"] is None
    assert not result["placed"]["projector"]["fullscreen"]


def test_esc_leaves_full_screen_and_keeps_the_window_on_its_screen(tmp_path):
    result = run_app(
        tmp_path,
        [EDP, HDMI_1],
        steps=[["leave_fullscreen"], ["leave_fullscreen"], ["toggle_fullscreen"]],
    )
    left, again, back = result["steps"]
    for state in (left, again):
        projector = state["projector"]
        assert projector["visible"] and not projector["fullscreen"]
        assert projector["screen"] == "HDMI-1"
        assert inside(projector["frame"], HDMI_RECT)
        assert projector["geometry"][2] >= 640  # still a sizeable window
    assert_fullscreen_on(back["projector"], "HDMI-1", HDMI_RECT)
    assert back["console"]["screen"] == "eDP-1"


def test_full_screen_on_one_screen_and_back(tmp_path):
    result = run_app(tmp_path, [EDP], steps=[["toggle_fullscreen"], ["leave_fullscreen"]])
    full, normal = result["steps"]
    assert_fullscreen_on(full["projector"], "eDP-1", EDP_RECT)
    assert normal["projector"]["visible"] and not normal["projector"]["fullscreen"]
    assert inside(normal["projector"]["frame"], EDP_RECT)
    assert (
        normal["console"]["frame"][0] + normal["console"]["frame"][2]
        <= (normal["projector"]["frame"][0])
    )


def test_no_screen_at_all_waits_instead_of_crashing(tmp_path):
    # Qt aborts when a window is created with no screen (Wayland may briefly report none).
    steps = [["toggle_fullscreen"], ["leave_fullscreen"], ["swap"]]
    result = run_app(tmp_path, [], steps=steps)
    assert result["screens"] == []
    for state in [result["placed"], *result["steps"]]:
        assert not state["console"]["visible"] and not state["projector"]["visible"]
        assert state["console_screen"] is None and state["projector_screen"] is None


def test_swap_with_one_screen_changes_nothing(tmp_path):
    result = run_app(tmp_path, [EDP], steps=[["swap"]])
    assert result["steps"][0]["console"] == result["placed"]["console"]
    assert result["steps"][0]["projector"] == result["placed"]["projector"]


# -- pre-flight check ------------------------------------------------------------------

PREFLIGHT = r"""
import json, sys
from PySide6.QtCore import Qt, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from debrief_desktop.gui.preflight import PreflightDialog

messages = []


def record(kind, context, text):
    if "propagateSizeHints" not in text:  # offscreen's noise, ignored in pyproject.toml too
        messages.append(f"{kind.name}: {text}")


qInstallMessageHandler(record)
app = QApplication(sys.argv[:1])
chosen = []
dialog = PreflightDialog(on_projector_chosen=chosen.append)
dialog.show()
QTest.qWait(30)


def labels():
    return [
        {
            "screen": w.screen().name(),
            "name": w.screen_name,
            "title": w.title.text(),
            "visible": w.isVisible(),
            "inside": w.screen().geometry().contains(w.frameGeometry()),
        }
        for w in dialog.label_windows()
    ]


opened = labels()
windows = dialog.label_windows()
target = next(w for w in windows if w.screen_name == "DP-2")
QTest.mouseClick(target, Qt.MouseButton.LeftButton)
QTest.qWait(30)
after_click = labels()
destroyed = []
for w in windows:
    w.destroyed.connect(lambda *_: destroyed.append(1))
dialog.close()
closed_visible = [w.isVisible() for w in windows]
QTest.qWait(30)
print("RESULT " + json.dumps({
    "opened": opened,
    "after_click": after_click,
    "chosen": chosen,
    "warning_visible": dialog.mirrored_warning.isVisibleTo(dialog),
    "warning": dialog.mirrored_warning.text(),
    "after_close": len(dialog.label_windows()),
    "closed_visible": closed_visible,
    "destroyed": len(destroyed),
    "messages": messages,
}))
"""


def test_preflight_labels_every_screen_and_warns_of_mirrors(tmp_path):
    mirror = {**HDMI_1, "name": "HDMI-2"}
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps({"screens": [{"logicalDpi": 96, **s} for s in (EDP, HDMI_1, mirror, DP_2)]})
    )
    script = tmp_path / "preflight.py"
    script.write_text(PREFLIGHT)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.split("RESULT ", 1)[1])
    assert result["messages"] == []

    opened = result["opened"]
    assert sorted(x["screen"] for x in opened) == ["DP-2", "HDMI-1", "HDMI-2", "eDP-1"]
    assert all(x["screen"] == x["name"] and x["visible"] and x["inside"] for x in opened)
    titles = {x["screen"]: x["title"] for x in opened}
    assert titles["eDP-1"] == CONSOLE_TEXT
    assert list(titles.values()).count(PROJECTOR_TEXT) == 1

    assert result["chosen"] == ["DP-2"]
    after = {x["screen"]: x["title"] for x in result["after_click"]}
    assert after == {
        "DP-2": PROJECTOR_TEXT,
        "eDP-1": CONSOLE_TEXT,
        "HDMI-1": CONSOLE_TEXT,
        "HDMI-2": CONSOLE_TEXT,
    }

    assert result["warning_visible"]
    assert "HDMI-1 and HDMI-2" in result["warning"]
    assert "Mirrored" in result["warning"]

    assert result["after_close"] == 0
    assert result["closed_visible"] == [False] * 4
    assert result["destroyed"] == 4


@pytest.fixture
def preflight(qtbot):
    chosen: list[str] = []
    dialog = PreflightDialog(on_projector_chosen=chosen.append)
    dialog.chosen = chosen  # type: ignore[attr-defined]
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    yield dialog
    dialog.close()


def test_preflight_ticks_the_clicker_keys(qtbot, preflight):
    assert preflight.pressed_keys() == set()
    for name, key, _ in CLICKER_KEYS:
        qtbot.keyClick(preflight, key)
        assert name in preflight.pressed_keys()
    assert preflight.pressed_keys() == {name for name, _, _ in CLICKER_KEYS}
    assert preflight.isVisible(), "Esc is a clicker key here; it does not close the check"
    assert "All clicker keys recognised" in preflight.key_status.text()


def test_preflight_keys_do_not_fire_the_app_shortcuts(qtbot, preflight):
    other = QWidget()
    qtbot.addWidget(other)
    with qtbot.waitExposed(other):
        other.show()
    fired: list[bool] = []
    action = QAction("next event", other)
    action.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda: fired.append(True))
    other.addAction(action)
    qtbot.keyClick(preflight, Qt.Key.Key_PageDown)
    assert "PageDown" in preflight.pressed_keys()
    assert fired == []
    preflight.close()
    with qtbot.waitActive(other):
        other.activateWindow()
    qtbot.keyClick(other, Qt.Key.Key_PageDown)
    assert fired == [True], "the shortcut works again once the check is closed"


def test_preflight_one_screen_has_no_mirror_warning(qtbot, preflight):
    assert len(preflight.label_windows()) == len(preflight.screen().virtualSiblings())
    assert preflight.mirrored_warning.isHidden()
    label = preflight.label_windows()[0]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert preflight.chosen == [label.screen_name]  # type: ignore[attr-defined]
    assert label.title.text() == PROJECTOR_TEXT
    preflight.close()
    assert preflight.label_windows() == []


# -- screen saver ----------------------------------------------------------------------

FAKE_SCREENSAVER = r"""
import json, sys
from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

log = open(sys.argv[2], "a", buffering=1)


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    cookie = 7

    @Slot(str, str, result="uint")
    def Inhibit(self, app_name, reason):
        ScreenSaver.cookie += 1
        log.write(json.dumps(["Inhibit", app_name, reason, ScreenSaver.cookie]) + "\n")
        return ScreenSaver.cookie

    @Slot("uint")
    def UnInhibit(self, cookie):
        log.write(json.dumps(["UnInhibit", cookie]) + "\n")


app = QCoreApplication([])
bus = QDBusConnection.connectToBus(sys.argv[1], "fake")
saver = ScreenSaver()
bus.registerObject(sys.argv[3], saver, QDBusConnection.RegisterOption.ExportAllSlots)
bus.registerService("org.freedesktop.ScreenSaver")
log.write(json.dumps(["ready"]) + "\n")
app.exec()
"""


@pytest.fixture
def private_bus(tmp_path):
    """A private D-Bus session bus: its address. Skips when dbus-daemon is missing."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed (Debian: apt-get install dbus)")
    process = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    yield address
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


def wait_for_lines(path: Path, count: int, timeout: float = 10.0) -> list[list[Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            lines = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
            if len(lines) >= count:
                return lines
        time.sleep(0.02)
    raise AssertionError(f"only {path.read_text() if path.exists() else 'nothing'}")


def connect(address: str, name: str):
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.connectToBus(address, name)


@pytest.mark.parametrize("object_path", ["/org/freedesktop/ScreenSaver", "/ScreenSaver"])
def test_inhibit_and_release_through_a_screensaver_service(
    qapp, tmp_path, private_bus, object_path
):
    from PySide6.QtDBus import QDBusConnection

    log = tmp_path / "saver.log"
    script = tmp_path / "saver.py"
    script.write_text(FAKE_SCREENSAVER)
    service = subprocess.Popen(
        [sys.executable, str(script), private_bus, str(log), object_path],
        stderr=subprocess.DEVNULL,
    )
    name = f"inhibit-test-{object_path.count('/')}"
    try:
        wait_for_lines(log, 1)
        inhibitor = ScreenSaverInhibitor(connect(private_bus, name))
        assert inhibitor.inhibit("Debrief in progress")
        assert inhibitor.active
        assert inhibitor.inhibit("again"), "a second call keeps the one inhibition"
        inhibitor.release()
        inhibitor.release()
        lines = wait_for_lines(log, 3)
        assert lines[1] == ["Inhibit", "Debrief Desktop", "Debrief in progress", 8]
        assert lines[2] == ["UnInhibit", 8]
        time.sleep(0.1)
        assert len(wait_for_lines(log, 3)) == 3, "release is idempotent"
        assert not inhibitor.active
    finally:
        QDBusConnection.disconnectFromBus(name)
        service.terminate()
        service.wait(timeout=10)


def test_inhibit_without_a_screensaver_service(qapp, private_bus):
    from PySide6.QtDBus import QDBusConnection

    try:
        inhibitor = ScreenSaverInhibitor(connect(private_bus, "inhibit-test-empty"))
        assert inhibitor.inhibit("Debrief in progress") is False
        inhibitor.release()
    finally:
        QDBusConnection.disconnectFromBus("inhibit-test-empty")


def test_inhibit_without_a_bus(qapp, monkeypatch):
    from PySide6.QtDBus import QDBusConnection

    try:
        broken = connect("unix:path=/nonexistent/debrief-bus", "inhibit-test-nobus")
        inhibitor = ScreenSaverInhibitor(broken)
        assert inhibitor.inhibit("Debrief in progress") is False
        inhibitor.release()
        inhibitor.release()
    finally:
        QDBusConnection.disconnectFromBus("inhibit-test-nobus")
    # No session bus configured: it does not try to start one.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    quiet = ScreenSaverInhibitor()
    assert quiet.inhibit("Debrief in progress") is False
    quiet.release()
