"""Import figures: a village list of N realistic people imported into a fresh village.

    python -m bench.import_bench [--scales 5000,100000] [--workdir DIR] [--seed 7]

The workbook is made here (openpyxl write-only; title rows, a header, NIKs as text, birth dates
as date cells, job titles, enrollment columns for everyone) from bench.synth's people, and is
kept in the work folder for the next run. Each scale is imported through `Imports` exactly as
the CLI and the window do: preview (read, check, duplicates against the register), then apply
(backup, one transaction with workers, coverage periods, outbox and audit). DESIGN.md
section 10: 5,000 rows <= 2 s, 100,000 rows <= 25 s, preview and apply together.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.categories import Category
from bench import report, synth
from bench.cache import OUT, generator_version

if TYPE_CHECKING:
    from app.services.context import AppContext

IMPORT_FIGURE = "import spreadsheet (preview + apply)"
PREVIEW_FIGURE = "import preview (read + check)"
APPLY_FIGURE = "import apply (backup + write)"
BUDGETS = {5_000: report.Budget(2.0, "DESIGN.md"), 100_000: report.Budget(25.0, "DESIGN.md")}
HEADER = (
    "No", "NIK", "Nama Lengkap", "Tempat Lahir", "Tanggal Lahir", "L/P", "Jabatan", "Dusun",
    "RT", "RW", "No. HP", "Nama Ibu Kandung", "No. KK", "Segmen", "Program", "Upah",
    "Sumber Dana", "TMT", "KPJ",
)  # fmt: skip
_WAGE_EARNERS = frozenset(
    {Category.KEPALA_DESA, Category.SEKRETARIS_DESA, Category.PERANGKAT_DESA, Category.BPD}
)


def _line(number: int, person: synth.SynthWorker) -> list[object]:
    d = person.data
    pu = d.category in _WAGE_EARNERS
    return [
        number, d.nik, d.name, d.birth_place, d.birth_date, d.sex.value,
        d.position or d.category.label, d.dusun, d.rt, d.rw, d.phone, d.mother_name, d.no_kk,
        "PU" if pu else "BPU", "JKK, JKM, JHT" if pu else "JKK, JKM",
        2_022_200 if pu else 1_000_000, "APBDes" if pu else "APBD", "01-01-2026", d.kpj,
    ]  # fmt: skip


def make_workbook(path: Path, rows: int, seed: int) -> Path:
    """The village list, as a secretary's workbook (write-only openpyxl with lxml)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append(["DAFTAR PESERTA BPJS KETENAGAKERJAAN DESA SUKAMAJU TAHUN 2026"])
    sheet.append(["Kecamatan Paron, Kabupaten Ngawi"])
    sheet.append([])
    sheet.append(list(HEADER))
    for number, person in enumerate(synth.generate(rows, seed), 1):
        sheet.append(_line(number, person))
    part = path.with_name(f".{path.name}.part")
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(part)
    part.replace(path)
    return path


def _workbook(workdir: Path, rows: int, seed: int) -> Path:
    path = workdir / f"daftar-{rows}-s{seed}-g{generator_version()}.xlsx"
    if not path.exists():
        _log(f"{rows:,}: writing {path.name}")
        make_workbook(path, rows, seed)
    return path


def _village(folder: Path) -> AppContext:
    from app.config import resolve_paths
    from app.domain.village import validate_village
    from app.services.context import AppContext

    shutil.rmtree(folder, ignore_errors=True)
    ctx = AppContext.open(resolve_paths(folder))
    ctx.village.set_up(validate_village(**synth.VILLAGE))
    return ctx


def measure(workbook: Path, rows: int, folder: Path) -> list[report.Figure]:
    """Import `workbook` into a fresh village in `folder`; the three figures."""
    from app.services.imports import Imports

    ctx = _village(folder)
    try:
        imports = Imports.of(ctx)
        started = time.perf_counter()
        preview = imports.preview(workbook)
        previewed = time.perf_counter()
        result = imports.apply(preview)
        done = time.perf_counter()
    finally:
        ctx.close()
    if result.imported != rows:
        raise RuntimeError(f"{result.imported} of {rows} rows imported: {result.problems[:3]}")
    total, read, write = done - started, previewed - started, done - previewed
    detail = (
        f"{rows / total:,.0f} rows/s; {result.imported:,} workers + {result.enrolled:,} "
        f"periods, {len(result.problems)} problems"
    )
    extra = {"preview_s": read, "apply_s": write, "enrolled": result.enrolled}
    return [
        report.Figure(IMPORT_FIGURE, rows, total, "s", BUDGETS.get(rows), detail, extra=extra),
        report.Figure(PREVIEW_FIGURE, rows, read, "s", None, f"{rows / read:,.0f} rows/s"),
        report.Figure(APPLY_FIGURE, rows, write, "s", None, f"{rows / write:,.0f} rows/s"),
    ]


def figures(scales: tuple[int, ...], workdir: Path, *, seed: int = 7) -> list[report.Figure]:
    """Import each scale into its own fresh village under `workdir`."""
    found: list[report.Figure] = []
    for rows in scales:
        workbook = _workbook(workdir, rows, seed)
        _log(f"{rows:,}: importing into a fresh village")
        found += measure(workbook, rows, workdir / f"village-import-{rows}")
    return found


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.import_bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--scales", default="5000,100000", help="rows, comma-separated")
    parser.add_argument("--workdir", type=Path, default=OUT / "import")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        scales = tuple(int(part.replace("_", "")) for part in args.scales.split(","))
    except ValueError:
        parser.error(f"--scales: numbers separated by commas, not {args.scales!r}")
    measured = figures(scales, args.workdir, seed=args.seed)
    print(report.table(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
