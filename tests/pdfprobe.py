"""Reading generated PDFs back: text (pdftotext), page sizes and fonts (pypdf), QR codes
(pdftoppm + zbarimg). Tests that need a command-line tool skip, saying which, when it is absent;
CI installs poppler-utils and zbar-tools."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
ZBARIMG = shutil.which("zbarimg")

needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed; CI installs it"
)
needs_zbar = pytest.mark.skipif(
    ZBARIMG is None or PDFTOPPM is None,
    reason="decoding QR codes needs pdftoppm (poppler-utils) and zbarimg (zbar-tools); "
    "CI installs both",
)

A4 = (595.3, 841.9)
F4 = (609.4, 935.4)  # 215 x 330 mm


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page, in reading order (pdftotext -layout)."""
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages_text(path))


def qr_codes(path: Path, page: int) -> list[str]:
    """Every QR code zbarimg finds on `page` (1-based) rendered at 200 dpi."""
    assert PDFTOPPM is not None and ZBARIMG is not None
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page"
        subprocess.run(
            [PDFTOPPM, "-r", "200", "-png", "-f", str(page), "-l", str(page), "-singlefile",
             str(path), str(image)],
            check=True, timeout=120,
        )  # fmt: skip
        done = subprocess.run(
            [ZBARIMG, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image) + ".png"],
            capture_output=True, timeout=120, check=False,
        )  # fmt: skip
    # zbarimg exits 4 when it finds nothing; stderr may carry D-Bus noise, never results.
    return [line for line in done.stdout.decode("utf-8").splitlines() if line]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [
        (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
        for p in reader.pages
    ]


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def fonts(path: Path) -> dict[str, bool]:
    """Every font the pages (and their forms) use: base name -> embedded as TrueType
    (a FontDescriptor with FontFile2)."""
    from pypdf import PdfReader

    found: dict[str, bool] = {}

    def visit(resources: Any) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font.get("/BaseFont"))] = embedded
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            visit(xobject.get("/Resources"))

    for page in PdfReader(str(path)).pages:
        visit(page.get("/Resources"))
    return found
