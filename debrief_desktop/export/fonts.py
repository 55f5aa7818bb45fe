"""The fonts of the PDF: bundled DejaVu Sans, and a CJK font found on the system.

reportlab's built-in fonts cover Latin-1 only, and reportlab does no font
fallback: a character the current font lacks is drawn as an empty box. So the
export registers DejaVu Sans (shipped in ``resources/fonts``, wide coverage:
Latin, Greek, Cyrillic, Arabic, Hebrew, many symbols) and, the first time a
character needs it, a CJK font from the system. :mod:`.text` picks a font for
every run of characters from :meth:`FontSet.font_for`.

Colour emoji fonts (Noto Color Emoji is CBDT bitmaps without outlines) cannot
be embedded by reportlab, so emoji are not covered: :mod:`.text` shows them as
a visible replacement and reports them.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from debrief_desktop.resources import resource_path

REGULAR = "DebriefSans"
BOLD = "DebriefSans-Bold"
CJK = "DebriefCJK"

# TrueType-outline CJK fonts in the places distributions and systems put them.
# (OpenType/CFF fonts such as the Noto Sans CJK .ttc cannot be embedded by
# reportlab; they are tried and skipped.)
CJK_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/malgun.ttf",
    "C:/Windows/Fonts/msgothic.ttc",
)
# A character that any CJK candidate must have (中).
_CJK_PROBE = 0x4E2D


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written as UTF-16.

    reportlab 5.1 writes them as five hex digits (``<1F600>``), which PDF
    readers reject, so text extraction and copy-paste of such characters fail
    even though they are drawn correctly (DejaVu Sans has the emoticons).
    """

    def utf16(code: int) -> str:
        return (
            code.to_bytes(4, "big").hex().upper()[4:]
            if code <= 0xFFFF
            else (chr(code).encode("utf-16-be").hex().upper())
        )

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def _no_discretionary_ligatures() -> None:
    """Turn off the discretionary ligatures reportlab asks harfbuzz for by default.

    They are meant to be opt-in: with them "Hostile" is drawn with the
    historical "st" ligature in any paragraph that is shaped.
    """
    shape = getattr(ttfonts, "shapeFragWord", None)
    defaults = getattr(shape, "__defaults__", None)
    if shape is not None and defaults and isinstance(defaults[0], dict):
        shape.__defaults__ = ({**defaults[0], "dlig": False}, *defaults[1:])


_no_discretionary_ligatures()


class FontSet:
    """The registered fonts and which characters each covers.

    Args:
        cjk_candidates: font files to try, in order, for CJK text.
        use_fontconfig: also try the fonts ``fc-list`` knows for Chinese (after the candidates).
    """

    def __init__(
        self, cjk_candidates: Sequence[str] = CJK_CANDIDATES, use_fontconfig: bool = True
    ) -> None:
        self.regular = REGULAR
        self.bold = BOLD
        self._cjk_candidates = tuple(cjk_candidates)
        self._use_fontconfig = use_fontconfig
        self._cmaps: dict[str, Mapping[int, int]] = {}
        for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
            self._cmaps[name] = _register(name, str(resource_path("fonts", file)), 0)
        self._cjk: str | None = None
        self._cjk_tried = False
        self._lock = threading.Lock()
        self._chains = {
            False: (REGULAR,),
            True: (BOLD, REGULAR),
        }

    @property
    def cjk(self) -> str | None:
        """The name of the registered CJK font, loading it on first use (None: none found)."""
        if not self._cjk_tried:
            with self._lock:
                if not self._cjk_tried:
                    self._cjk = self._load_cjk()
                    self._cjk_tried = True
        return self._cjk

    def _load_cjk(self) -> str | None:
        listed = _fc_list_cjk() if self._use_fontconfig else []
        for path in (*self._cjk_candidates, *listed):
            if not Path(path).is_file():
                continue
            for index in (0, 1, 2):
                try:
                    cmap = _register(CJK, path, index)
                except Exception:  # not TrueType outlines, damaged, no such subfont
                    break
                if _CJK_PROBE in cmap:
                    self._cmaps[CJK] = cmap
                    return CJK
        return None

    def font_for(self, code: int, bold: bool = False) -> str | None:
        """The font that draws character ``code`` (bold when possible), or None."""
        for name in self._chains[bold]:
            if code in self._cmaps[name]:
                return name
        cjk = self.cjk
        if cjk is not None and code in self._cmaps[cjk]:
            return cjk
        return None

    def covers(self, name: str, code: int) -> bool:
        """True when the registered font ``name`` has a glyph for ``code``."""
        return code in self._cmaps.get(name, {})

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """The width of ``text`` in points, each character measured in the font that draws it."""
        base = self.bold if bold else self.regular
        total = 0.0
        for ch in text:
            name = self.font_for(ord(ch), bold) or base
            total += pdfmetrics.stringWidth(ch, name, size)
        return total


_registered: dict[str, tuple[str, int]] = {}


def _register(name: str, path: str, index: int) -> Mapping[int, int]:
    """Register a TrueType font with reportlab under ``name`` (again only if the file changed)."""
    if _registered.get(name) == (path, index):
        font = pdfmetrics.getFont(name)
    else:
        font = TTFont(name, path, subfontIndex=index)
        pdfmetrics.registerFont(font)
        _registered[name] = (path, index)
    cmap: Mapping[int, int] = font.face.charToGlyph
    return cmap


def _fc_list_cjk() -> list[str]:
    """TrueType fonts fontconfig lists for Chinese, when fontconfig is there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = sorted({line.split(":")[0].strip() for line in out.splitlines() if line.strip()})
    return [f for f in files if f.lower().endswith((".ttf", ".ttc"))]


@cache
def default_fonts() -> FontSet:
    """The process-wide font set (fonts are registered with reportlab once)."""
    return FontSet()
