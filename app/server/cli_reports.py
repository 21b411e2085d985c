"""`payung-server coverage [--json] [--tanggal YYYY-MM-DD]`: coverage against formasi.

`--json` prints one document (keys are a contract, documented in the README):
{"date": "YYYY-MM-DD",
 "kabupaten": [{"category", "label", "active", "formasi", "percent"}, ...],
 "kecamatan": [{"name", "categories": [<same lines>]}, ...],
 "villages": [{"code", "name", "kecamatan", "active", "formasi", "percent", "last_sync"}, ...]}
`percent` is a number with one decimal, or null with nothing to divide by; `last_sync` is ISO
8601 UTC (e.g. "2026-11-20T08:15:00+00:00") or null. No personal data is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.formatting import format_date, format_datetime
from app.server.db import ServerDatabase
from app.server.reports import CoverageFigure, CoverageReport, coverage

COMMANDS = ("coverage",)


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    cmd = sub.add_parser("coverage", help="cakupan kepesertaan per kategori terhadap formasi")
    cmd.add_argument("--json", action="store_true", help="cetak sebagai JSON")
    cmd.add_argument(
        "--tanggal", metavar="YYYY-MM-DD", help="hitung per tanggal ini (bawaan: hari ini)"
    )


def dispatch(args: argparse.Namespace, db: ServerDatabase) -> int:
    from app.server.cli import CliError

    day = date.today()
    if args.tanggal:
        try:
            day = date.fromisoformat(args.tanggal)
        except ValueError:
            raise CliError(
                "tanggal", "tanggal harus berbentuk YYYY-MM-DD, misalnya 2026-11-21"
            ) from None
    with db.read_sessions() as session:
        report = coverage(session, day)
    if args.json:
        json.dump(report_json(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report_text(report))
    return 0


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _line(line: CoverageFigure) -> dict[str, Any]:
    return {
        "category": line.category.value,
        "label": line.label,
        "active": line.active,
        "formasi": line.formasi,
        "percent": _number(line.percent),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.replace(tzinfo=UTC).isoformat(timespec="seconds")


def report_json(report: CoverageReport) -> dict[str, Any]:
    return {
        "date": report.date.isoformat(),
        "kabupaten": [_line(x) for x in report.kabupaten],
        "kecamatan": [
            {"name": k.name, "categories": [_line(x) for x in k.lines]} for k in report.kecamatan
        ],
        "villages": [
            {
                "code": v.code,
                "name": v.name,
                "kecamatan": v.kecamatan,
                "active": v.totals.active,
                "formasi": v.totals.formasi,
                "percent": _number(v.totals.percent),
                "last_sync": _iso(v.last_sync),
            }
            for v in report.villages
        ],
    }


def _pct(value: Decimal | None) -> str:
    return "-" if value is None else f"{value} %".replace(".", ",")


def _rows(lines: list[CoverageFigure]) -> list[str]:
    out = [f"  {'Kategori':<22}{'Aktif':>8}{'Formasi':>9}{'Cakupan':>10}"]
    for x in lines:
        mark = "" if x.formasi_set else " *"
        out.append(f"  {x.label:<22}{x.active:>8}{x.formasi:>9}{_pct(x.percent):>10}{mark}")
    return out


def report_text(report: CoverageReport) -> str:
    totals = report.totals
    out = [
        f"Cakupan kepesertaan BPJS Ketenagakerjaan per {format_date(report.date)}",
        "",
        f"Kabupaten: {totals.active} peserta aktif dari {totals.formasi} formasi "
        f"({_pct(totals.percent)})",
        *_rows(report.kabupaten),
    ]
    for k in report.kecamatan:
        t = k.totals
        out += ["", f"Kecamatan {k.name} ({k.villages} desa): {_pct(t.percent)}", *_rows(k.lines)]
    out += [
        "",
        f"  {'Kode':<15}{'Desa':<24}{'Aktif':>7}{'Formasi':>9}{'Cakupan':>10}  Sinkron terakhir",
    ]
    for v in report.villages:
        t = v.totals
        seen = format_datetime(v.last_sync) + " UTC" if v.last_sync else "belum pernah"
        figures = f"{t.active:>7}{t.formasi:>9}{_pct(t.percent):>10}"
        out.append(f"  {v.code:<15}{v.name[:23]:<24}{figures}  {seen}")
    if not report.villages:
        out.append("  Belum ada desa terdaftar.")
    out += [
        "",
        "* formasi belum diisi di sebagian desa: jumlah pekerja terdaftar dipakai sebagai pembagi.",
    ]
    return "\n".join(out) + "\n"
