"""The PDF package costs nothing at start-up: reportlab and segno load only when drawing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_pdf_package_loads_neither_reportlab_nor_segno() -> None:
    probe = (
        "import sys, app.documents.pdf, app.services.receipts, app.services.recap, app.cli_print;"
        "print(sorted(m for m in ('reportlab', 'segno') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
