"""The export bench's floor is honest: the raw loop writes the very cells the export writes."""

from __future__ import annotations

from pathlib import Path

from app.documents.export_table import Lines, build_table
from app.documents.profiles import parse_profile
from app.documents.xlsx_check import check_file
from app.documents.xlsx_export import expected_grid
from bench.export_bench import raw_write

PROFILE = """
name = "uji"
version = "1"
kind = "roster"
title = "Uji"
sheet = "Iuran"
columns = [ { header = "No", source = "line_no", type = "integer" },
            { header = "NIK", source = "nik" }, { header = "Nama", source = "name" },
            { header = "Jumlah", source = "total", type = "money" } ]
"""


def test_the_raw_loop_writes_the_same_cells_as_the_export(tmp_path: Path) -> None:
    records = [
        {"nik": f"352101450580{n:04d}", "name": f"Siti {chr(65 + n % 26)}", "total": 16_800 + n}
        for n in range(1, 200)
    ]
    table = build_table(parse_profile(PROFILE), Lines.of(records))
    raw = tmp_path / "raw.xlsx"
    raw_write(raw, table)
    found = check_file(raw, sheet="Iuran", expected=expected_grid(table), properties={})
    assert found == []
