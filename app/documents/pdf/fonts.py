"""DejaVu Sans, registered with reportlab once per process and embedded (subset) in every PDF.

The PDF base fonts know no Indonesian names with accents and print differently on every PC;
an embedded TrueType font prints the same everywhere (DESIGN.md section 8).
"""

from __future__ import annotations

import threading
from pathlib import Path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_registered: dict[str, Path] = {}


def register_fonts(folder: Path) -> None:
    """Register the fonts from `folder` (resources/fonts) unless already done; thread-safe.

    Parsing a TrueType file costs ~50 ms, so this runs once per process, whatever the number
    of documents. Raises FileNotFoundError naming the missing file (a broken installation).
    """
    with _lock:
        if _registered:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, filename in FILES.items():
            path = folder / filename
            if not path.is_file():
                raise FileNotFoundError(f"font {path} is missing; reinstall Payung Desa")
            pdfmetrics.registerFont(TTFont(name, str(path)))
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
        )
        _registered.update({name: folder / f for name, f in FILES.items()})


def prepare_reportlab() -> None:
    """Process-wide reportlab settings for our PDFs (idempotent).

    Compressed streams stay binary: ASCII85 on top of zlib only helps 7-bit mail transports,
    adds a quarter to the file and, in reportlab's pure-Python encoder, ~0.4 s to a batch of
    1,000 receipts.
    """
    from reportlab import rl_config

    rl_config.useA85 = 0


def text_width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def fitting_size(text: str, font: str, size: float, width: float, *, smallest: float = 6) -> float:
    """The largest size from `size` down to `smallest` (in 0.5 pt steps) at which `text` fits
    `width`; `smallest` when nothing fits (the caller then shortens the text)."""
    natural = text_width(text, font, size)
    if natural <= width:
        return size
    fitted = max(smallest, int(size * width / natural * 2) / 2)
    while fitted > smallest and text_width(text, font, fitted) > width:
        fitted -= 0.5
    return fitted


def shorten(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with an ellipsis when it is wider than `width` at `size`."""
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
