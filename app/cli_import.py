"""`payung import FILE [--sheet NAME] [--dry-run] [--report OUT.xlsx] [--json]`.

Same conventions as app.cli: exit 0 when the import ran (also when rows were refused: they
are reported), 1 for an unreadable file or bad options (one Indonesian line on stderr naming
the field), 2 usage errors. `--json` prints one JSON document on stdout:
`{"rows_read", "valid", "invalid", "imported", "problems": [{"row", "column", "severity",
"code", "message"}]}`; `imported` is 0 on a dry run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.domain.errors import InvalidField

COMMANDS = ("import",)
_SHOWN_PROBLEMS = 50  # the text output lists this many; the report and --json list all


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import", help="impor daftar pekerja dari .xlsx, .xls, .ods atau .csv")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--sheet", help="nama lembar (bawaan: lembar pertama yang berisi daftar)")
    parser.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    parser.add_argument("--report", metavar="OUT.xlsx", help="tulis laporan masalah ke berkas ini")
    parser.add_argument("--json", action="store_true")


def dispatch(args: argparse.Namespace, ctx: Any) -> int:
    from app.services.imports import Imports

    imports = Imports.of(ctx)
    report = _report_path(args.report)
    preview = imports.preview(Path(args.file), args.sheet)
    if report is not None:
        # Before writing the import: a report that cannot be written stops everything.
        try:
            imports.write_report(preview.problems, report, source=str(args.file))
        except OSError as exc:
            raise InvalidField(
                "report", f"laporan tidak dapat ditulis ke {report} ({exc.strerror}); pilih "
                "folder lain",
            ) from exc  # fmt: skip
    imported = 0 if args.dry_run else imports.apply(preview).imported
    if args.json:
        _print_json({
            "rows_read": preview.rows_read, "valid": preview.valid,
            "invalid": preview.invalid, "imported": imported,
            "problems": [p.as_json() for p in preview.problems],
        })  # fmt: skip
    else:
        _print_text(preview, imported, dry_run=args.dry_run, report=report)
    return 0


def _report_path(text: str | None) -> Path | None:
    if text is None:
        return None
    path = Path(text)
    if path.suffix.lower() != ".xlsx":
        raise InvalidField("report", "nama berkas laporan harus berakhiran .xlsx")
    return path


def _print_json(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_text(preview: Any, imported: int, *, dry_run: bool, report: Path | None) -> None:
    print(f"Lembar '{preview.sheet}', judul kolom di baris {preview.mapping.header_row}")
    for problem in preview.problems[:_SHOWN_PROBLEMS]:
        column = f" [{problem.column}]" if problem.column else ""
        print(f"  baris {problem.row}{column} {problem.severity.label.lower()} "
              f"{problem.code}: {problem.message}")  # fmt: skip
    hidden = len(preview.problems) - _SHOWN_PROBLEMS
    if hidden > 0:
        print(f"  ... dan {hidden} masalah lain (lihat --report atau --json)")
    print(f"{preview.rows_read} baris dibaca: {preview.valid} sah, {preview.invalid} ditolak")
    if dry_run:
        print("Uji coba (--dry-run): tidak ada yang disimpan")
    else:
        print(f"{imported} pekerja diimpor")
    if report is not None:
        print(f"Laporan masalah: {report}")
