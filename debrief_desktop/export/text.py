"""User text into reportlab: the ONE place that escapes it and picks its fonts.

A reportlab :class:`~reportlab.platypus.Paragraph` reads its text as markup:
raw user text crashes on ``a<b`` (an unclosed tag), silently drops
``<script>`` and turns ``R&D`` into something else. Every piece of text a
person typed reaches a Paragraph through :meth:`TextFormatter.markup` or
:meth:`TextFormatter.paragraph`, which

- escape ``&``, ``<`` and ``>``;
- split the text into runs by the font that has the characters (DejaVu Sans,
  then the system CJK font: reportlab does no fallback of its own);
- replace a character no font covers with a visible :data:`REPLACEMENT` and
  record it in :attr:`TextFormatter.missing`, so the export can report it;
- turn line breaks into ``<br/>``;
- shape Arabic, Hebrew and combining marks with harfbuzz (``shaping=1``), and
  put right-to-left words into visual order line by line (:func:`visual_lines`),
  which reportlab does not do without its optional bidi package.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from debrief_desktop.export.fonts import FontSet

REPLACEMENT = "\ufffd"  # what a character no font covers is drawn as

# A run of text: its characters and whether it is bold.
Segment = tuple[str, bool]

_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Characters that belong to the emoji before them (joiner, variation selectors,
# skin tones, tags, keycap): swallowed when that emoji was already replaced.
_CLUSTER = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_MAYBE_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff]")
_MAYBE_MARK = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f]")


def escape(text: str) -> str:
    """Escape the three characters that reportlab's paragraph markup gives meaning to."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_rtl(ch: str) -> bool:
    """True for a strong right-to-left character (Hebrew, Arabic, …)."""
    return unicodedata.bidirectional(ch) in ("R", "AL")


def needs_shaping(text: str) -> bool:
    """True when harfbuzz should shape the text: right-to-left scripts or combining marks."""
    if text.isascii():
        return False
    return bool(_MAYBE_RTL.search(text) or _MAYBE_MARK.search(text)) or any(
        unicodedata.combining(ch) for ch in text
    )


def has_rtl(text: str) -> bool:
    """True when the text holds right-to-left characters."""
    return not text.isascii() and any(is_rtl(ch) for ch in text)


def _direction(word: str) -> str:
    """``R``, ``L`` or ``N`` (neutral): the direction of a word's first strong character."""
    for ch in word:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "N"


def base_direction(text: str) -> str:
    """``RTL`` when the first strong character of the text is right-to-left, else ``LTR``."""
    return "RTL" if _direction(text) == "R" else "LTR"


def _reorder(words: Sequence[Any], dirs: Sequence[str], base: str) -> list[Any]:
    """One line's words (logical order) in visual order, left to right.

    A simplified Unicode bidi algorithm at word level: neutral words take the
    direction of their neighbours when both agree, else the paragraph's; the
    glyphs inside each word are put right-to-left by harfbuzz.
    """
    n = len(words)
    resolved = list(dirs)
    for i, d in enumerate(dirs):
        if d == "N":
            before = next((dirs[j] for j in range(i - 1, -1, -1) if dirs[j] != "N"), None)
            after = next((dirs[j] for j in range(i + 1, n) if dirs[j] != "N"), None)
            resolved[i] = before if before is not None and before == after else base[0]
    runs: list[list[Any]] = []
    run_dirs: list[str] = []
    for word, d in zip(words, resolved, strict=True):
        if run_dirs and run_dirs[-1] == d:
            runs[-1].append(word)
        else:
            runs.append([word])
            run_dirs.append(d)
    ordered = [list(reversed(r)) if d == "R" else r for r, d in zip(runs, run_dirs, strict=True)]
    if base == "RTL":
        ordered.reverse()
    return [w for run in ordered for w in run]


# A word as a list of (character, bold) pairs.
_Word = list[tuple[str, bool]]


def visual_lines(
    segments: Sequence[Segment], width: float, measure: Callable[[str, bool], float]
) -> tuple[list[Segment], str]:
    """Break text into lines that fit ``width`` and put each line in visual order.

    Args:
        segments: the text as runs of (text, bold).
        width: the line width in points.
        measure: the width of a string (bold or not) in points.

    Returns:
        The lines as segments, with ``"\\n"`` between lines, and the base
        direction (``RTL`` or ``LTR``) of the text.
    """
    chars = [(ch, bold) for text, bold in segments for ch in text]
    base = base_direction("".join(ch for ch, _ in chars))
    paragraphs: list[list[_Word]] = [[]]
    word: _Word = []
    for ch, bold in chars:
        if ch == "\n" or ch.isspace():
            if word:
                paragraphs[-1].append(word)
                word = []
            if ch == "\n":
                paragraphs.append([])
        else:
            word.append((ch, bold))
    if word:
        paragraphs[-1].append(word)

    space = measure(" ", False)
    limit = width * 0.97  # leave room for the difference between measured and shaped widths
    out: list[Segment] = []
    for p_index, words in enumerate(paragraphs):
        if p_index:
            out.append(("\n", False))
        lines: list[list[_Word]] = [[]]
        used = 0.0
        for w in words:
            w_width = sum(
                measure("".join(c for c, b in w if b == bold), bold) for bold in (False, True)
            )
            if lines[-1] and used + space + w_width > limit:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + w_width
            lines[-1].append(w)
        for l_index, line in enumerate(lines):
            if l_index:
                out.append(("\n", False))
            dirs = [_direction("".join(c for c, _ in w)) for w in line]
            for i, w in enumerate(_reorder(line, dirs, base)):
                if i:
                    out.append((" ", False))
                out.extend((c, b) for c, b in w)
    # Merge neighbouring characters of the same weight back into runs.
    merged: list[Segment] = []
    for text, bold in out:
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        else:
            merged.append((text, bold))
    return merged, base


class TextFormatter:
    """Turns user text into safe paragraph markup in the right fonts, for one export.

    Args:
        fonts: the registered fonts.

    Attributes:
        missing: characters no font covers, in the order first met (shown as
            :data:`REPLACEMENT`).
    """

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.missing: dict[str, None] = {}
        self._styles: dict[tuple[str, bool, bool], ParagraphStyle] = {}

    def markup(self, text: str, bold: bool = False) -> str:
        """Paragraph markup that shows ``text`` exactly, in fonts that have its characters."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        if text.isascii() and not _PLAIN.search(text):
            body = escape(text).replace("\n", "<br/>")
            return f'<font name="{self.fonts.bold}">{body}</font>' if bold and body else body
        base = self.fonts.bold if bold else self.fonts.regular
        parts: list[str] = []
        run: list[str] = []
        run_font = base
        replaced_last = False

        def flush() -> None:
            if not run:
                return
            body = escape("".join(run))
            if run_font == self.fonts.regular and not bold:
                parts.append(body)
            else:
                parts.append(f'<font name="{run_font}">{body}</font>')
            run.clear()

        for ch in text:
            if ch == "\n":
                flush()
                parts.append("<br/>")
                replaced_last = False
                continue
            code = ord(ch)
            font = (
                None
                if unicodedata.category(ch) in ("Cc", "Cs")
                else self.fonts.font_for(code, bold)
            )
            if font is None:
                if replaced_last and _CLUSTER.match(ch):
                    continue  # part of an emoji already shown as one replacement
                if unicodedata.category(ch) == "Cf":
                    continue  # invisible formatting (bidi marks, soft joiners): nothing to see
                self.missing.setdefault(ch, None)
                ch, font, replaced_last = REPLACEMENT, base, True
            else:
                replaced_last = False
            if font != run_font:
                flush()
                run_font = font
            run.append(ch)
        flush()
        return "".join(parts)

    def markup_segments(self, segments: Iterable[Segment]) -> str:
        """Markup for several runs of text, some bold."""
        return "".join(self.markup(text, bold) for text, bold in segments)

    def style(self, style: ParagraphStyle, shaped: bool, rtl: bool = False) -> ParagraphStyle:
        """``style`` with harfbuzz shaping on, and right-aligned for right-to-left text."""
        if not shaped and not rtl:
            return style
        key = (style.name, shaped, rtl)
        if key not in self._styles:
            changes: dict[str, Any] = {"shaping": 1 if shaped else 0}
            if rtl and style.alignment == TA_LEFT:
                changes["alignment"] = TA_RIGHT
            self._styles[key] = ParagraphStyle(
                f"{style.name}-{int(shaped)}{int(rtl)}", parent=style, **changes
            )
        return self._styles[key]

    def paragraph(self, text: str | Sequence[Segment], style: ParagraphStyle) -> Paragraph:
        """A Paragraph showing user text (or runs of it, some bold) safely.

        Text that holds right-to-left characters becomes a paragraph that
        orders its words for display once it knows its width.
        """
        segments: Sequence[Segment] = [(text, False)] if isinstance(text, str) else text
        plain = "".join(t for t, _ in segments)
        if not needs_shaping(plain):
            return Paragraph(self.markup_segments(segments), style)
        if not has_rtl(plain):
            return Paragraph(self.markup_segments(segments), self.style(style, shaped=True))
        para = BidiParagraph(self.markup_segments(segments), self.style(style, shaped=True))
        para.bidi_source = (tuple(segments), self, style)
        return para


class BidiParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A Paragraph with right-to-left text, laid out in visual order for its width.

    reportlab draws words left to right in the order given. Knowing the width,
    :meth:`wrap` breaks the text into lines itself, puts each line's words in
    visual order (:func:`visual_lines`) and lets harfbuzz order the glyphs
    inside each word. The pieces of a split paragraph are plain Paragraphs of
    the lines already laid out.
    """

    bidi_source: tuple[tuple[Segment, ...], TextFormatter, ParagraphStyle] | None = None
    _bidi_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Lay the text out for ``availWidth`` (again only when the width changes)."""
        source = self.bidi_source
        if source is not None and availWidth != self._bidi_width:
            segments, fmt, style = source
            self._bidi_width = availWidth
            size = style.fontSize
            width = availWidth - style.leftIndent - style.rightIndent
            lines, base = visual_lines(
                segments, width, lambda s, bold: fmt.fonts.width(s, size, bold)
            )
            # Re-initialising a Paragraph resets its bullet: keep a list item's bullet.
            Paragraph.__init__(
                self,
                fmt.markup_segments(lines),
                fmt.style(style, shaped=True, rtl=base == "RTL"),
                bulletText=self.bulletText,
            )
        result: tuple[float, float] = super().wrap(availWidth, availHeight)
        return result
