"""The projector's two high-contrast themes and the WCAG contrast arithmetic behind them.

People read the projector from up to ~8 m away, often on a washed-out beamer,
so every text colour is held to WCAG's enhanced ratio (7:1, "AAA") against every
background it is drawn on. :meth:`Theme.text_pairs` lists those pairs so a test
can check all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

#: The enhanced-contrast threshold (WCAG 2.x success criterion 1.4.6).
MIN_CONTRAST = 7.0

Colour = str | QColor


@dataclass(frozen=True)
class Theme:
    """The colours of one projector theme, as ``#rrggbb`` strings.

    Attributes:
        name: ``"dark"`` or ``"light"`` (the values of ``Session.theme``).
        background: The screen behind everything.
        card: The background of a person's account card.
        card_border: The outline of a card and the timeline rule (decoration, not text).
        text: The main text: the event in focus, accounts, headings.
        secondary: Text that supports the main text: neighbouring events, labels, the clock.
        pivot: The pivot-point mark and anything else that asks for attention.
    """

    name: str
    background: str
    card: str
    card_border: str
    text: str
    secondary: str
    pivot: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """Every (foreground, background, description) pair the projector draws text with."""
        pairs = []
        for fg_name in ("text", "secondary", "pivot"):
            for bg_name in ("background", "card"):
                fg, bg = getattr(self, fg_name), getattr(self, bg_name)
                pairs.append((fg, bg, f"{self.name}: {fg_name} on {bg_name}"))
        return pairs


DARK = Theme(
    name="dark",
    background="#0b0c0e",
    card="#1a1d22",
    card_border="#4a515c",
    text="#ffffff",
    secondary="#c9ced6",
    pivot="#ffb31a",
)

LIGHT = Theme(
    name="light",
    background="#ffffff",
    card="#eef0f3",
    card_border="#8d95a1",
    text="#0f1113",
    secondary="#363b43",
    pivot="#8a2300",
)

THEMES: dict[str, Theme] = {t.name: t for t in (DARK, LIGHT)}


def theme_named(name: str) -> Theme:
    """The theme called ``name``; the dark theme for anything unknown."""
    return THEMES.get(name, DARK)


def _channels(colour: Colour) -> tuple[float, float, float]:
    c = colour if isinstance(colour, QColor) else QColor(colour)
    if not c.isValid():
        raise ValueError(f"not a colour: {colour!r}")
    return c.redF(), c.greenF(), c.blueF()


def relative_luminance(colour: Colour) -> float:
    """WCAG relative luminance of an sRGB colour (0 for black, 1 for white)."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return float(((channel + 0.055) / 1.055) ** 2.4)

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: Colour, bg: Colour) -> float:
    """WCAG contrast ratio of two colours, from 1.0 (same) to 21.0 (black on white).

    The order of the arguments does not matter; they are named for readability.
    """
    a, b = relative_luminance(fg), relative_luminance(bg)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)
