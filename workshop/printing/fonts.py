"""The one font family every printed document uses: DejaVu Sans, from ``resources/fonts``.

ReportLab's built-in Helvetica covers Western European text only (``Łódź`` prints as
black boxes), so documents use DejaVu Sans, registered once, lazily, on first use.

After :func:`register_fonts` the family name :data:`FAMILY` works in a ``ParagraphStyle``
and ``<b>`` / ``<i>`` inside a Paragraph pick the bold and oblique faces.

:func:`printable` replaces every character the fonts cannot draw (most emoji, control
characters) with a visible white square, so nothing is silently dropped and ReportLab
never meets a glyph it has not got.
"""

from __future__ import annotations

import re
import threading

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
#: What a character the fonts lack prints as (U+25A1 WHITE SQUARE, present in DejaVu).
MISSING_GLYPH = "\u25a1"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()
_registered = False
_coverage: frozenset[int] = frozenset()
# Characters that are never a problem: printable ASCII plus newline and tab.
_PLAIN_ASCII = re.compile(r"[\x20-\x7e\n\t]*\Z")
# Invisible joiners and emoji variation selectors: dropping them loses nothing visible
# (a square for each would turn one emoji into several boxes).
_INVISIBLE = frozenset({"\u200d", *map(chr, range(0xFE00, 0xFE10))})


def register_fonts() -> str:
    """Register the DejaVu faces and the family (idempotent, thread-safe). Returns :data:`FAMILY`."""
    global _registered, _coverage
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        from workshop.paths import resource_path

        faces = {}
        for name, file_name in _FILES.items():
            path = resource_path("fonts", file_name)
            if not path.is_file():
                raise FileNotFoundError(f"Font file missing: {path}. The installation is incomplete.")
            faces[name] = TTFont(name, str(path))
            pdfmetrics.registerFont(faces[name])
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
        # registerFontFamily covers <b>/<i>; addMapping makes bold+italic resolve too.
        addMapping(FAMILY, 1, 1, BOLD)
        # A table cell whose style names no font is set in ReportLab's Helvetica, which a PDF never
        # embeds (a PDF/A, the Factur-X invoice, must embed every font): make ours the default.
        from reportlab.platypus.tables import CellStyle

        CellStyle.fontname = REGULAR
        # A character is printable only if every face has it: <b> must not lose what regular has.
        coverage = None
        for face in faces.values():
            cmap = set(face.face.charToGlyph)
            coverage = cmap if coverage is None else coverage & cmap
        # Outside the Basic Multilingual Plane ReportLab writes a broken ToUnicode entry (odd-length
        # hex), so copied or searched text loses the character: treat those (emoji) as missing too.
        _coverage = frozenset(cp for cp in (coverage or ()) if cp <= 0xFFFF)
        _registered = True
    return FAMILY


def printable(text: str) -> str:
    """``text`` with every character the fonts lack replaced by :data:`MISSING_GLYPH`.

    Newlines are kept (normalised to ``\\n``); tabs become spaces; other control
    characters become the square, as does anything DejaVu has no glyph for (e.g. 🦄).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _PLAIN_ASCII.match(text):
        return text.replace("\t", "    ")
    register_fonts()
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch in _INVISIBLE:
            continue
        elif ch == "\t":
            out.append("    ")
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ord(ch) not in _coverage:
            out.append(MISSING_GLYPH)
        else:
            out.append(ch)
    return "".join(out)
