"""Window placement on a real X server with a laptop panel and a projector (Xvfb + RandR)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QColor, QImage

pytestmark = pytest.mark.gui

# The monitors the two_monitor_display fixture defines (tests/gui/conftest.py).
CONSOLE_RECT = (0, 0, 1920, 1080)
PROJECTOR_RECT = (1920, 0, 1280, 720)
PROJECTOR_MONITOR = ("1280/338x720/190+1920+0", "none")

CONSOLE_COLOUR = QColor("#1f4e9c")
PROJECTOR_COLOUR = QColor("#ffcc00")


def inside(rect: list[int], area: tuple[int, int, int, int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def near(a: QColor, b: QColor) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) < 8


def share_of(
    image: QImage, area: tuple[int, int, int, int], colour: QColor, step: int = 8
) -> float:
    """The share of the sampled pixels in `area` that have `colour`."""
    x0, y0, w, h = area
    points = [(x, y) for x in range(x0, x0 + w, step) for y in range(y0, y0 + h, step)]
    return sum(near(image.pixelColor(x, y), colour) for x, y in points) / len(points)


def dark_share(image: QImage, area: tuple[int, int, int, int], step: int = 4) -> float:
    x0, y0, w, h = area
    points = [(x, y) for x in range(x0, x0 + w, step) for y in range(y0, y0 + h, step)]
    return sum(image.pixelColor(x, y).lightness() < 60 for x, y in points) / len(points)


def test_projector_full_screen_on_the_projector_console_on_the_laptop(run_placement, tmp_path):
    if shutil.which("import") is None:
        pytest.skip("needs ImageMagick's import for the screenshot (apt-get install imagemagick)")
    shot = tmp_path / "shot.png"
    result = run_placement(steps=[["screenshot", str(shot)], ["leave_fullscreen"]])
    assert result["messages"] == []
    placed, left = result["states"]

    assert placed["screens"] == ["CONSOLE", "PROJECTOR"]
    projector, console = placed["projector"], placed["console"]
    assert projector["visible"] and projector["fullscreen"]
    assert projector["screen"] == "PROJECTOR"
    assert projector["geometry"] == list(PROJECTOR_RECT)
    assert console["visible"] and not console["fullscreen"]
    assert console["screen"] == "CONSOLE"
    assert inside(console["frame"], CONSOLE_RECT)

    # What the room would see: the projector's colour over the whole projector monitor,
    # its title in large dark letters in the middle; the console fills the laptop panel.
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (3200, 1080)
    assert share_of(image, PROJECTOR_RECT, PROJECTOR_COLOUR) > 0.8
    middle = (1920 + 320, 240, 640, 240)
    assert 0.05 < dark_share(image, middle) < 0.6, "the projector's content is drawn"
    assert share_of(image, CONSOLE_RECT, CONSOLE_COLOUR) > 0.8
    below_projector = (1920, 730, 1280, 340)  # on the X root, but on no monitor
    assert share_of(image, below_projector, PROJECTOR_COLOUR) == 0

    # Esc: a normal window, still on the projector monitor and visible.
    projector = left["projector"]
    assert projector["visible"] and not projector["fullscreen"]
    assert projector["screen"] == "PROJECTOR"
    assert inside(projector["frame"], PROJECTOR_RECT)


def test_projector_unplugged_and_plugged_back(run_placement):
    result = run_placement(
        steps=[
            ["xrandr", "--delmonitor", "PROJECTOR"],
            ["xrandr", "--setmonitor", "PROJECTOR", *PROJECTOR_MONITOR],
        ],
        expect_projector=[None, "PROJECTOR"],
    )
    assert result["messages"] == []
    placed, unplugged, back = result["states"]
    assert placed["projector"]["fullscreen"] and placed["projector"]["screen"] == "PROJECTOR"

    # Unplugged: back as a normal window beside the console on the laptop panel.
    assert unplugged["screens"] == ["CONSOLE"]
    projector, console = unplugged["projector"], unplugged["console"]
    assert unplugged["projector_screen"] is None
    assert projector["visible"] and not projector["fullscreen"]
    assert projector["screen"] == "CONSOLE"
    assert inside(projector["frame"], CONSOLE_RECT)
    assert inside(console["frame"], CONSOLE_RECT)
    assert console["frame"][0] + console["frame"][2] <= projector["frame"][0]

    # Plugged back: full screen on it again.
    assert back["projector_screen"] == "PROJECTOR"
    assert back["projector"]["fullscreen"] and back["projector"]["screen"] == "PROJECTOR"
    assert back["projector"]["geometry"] == list(PROJECTOR_RECT)
    assert back["console"]["screen"] == "CONSOLE"
