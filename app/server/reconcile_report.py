"""The reconciliation report: an .xlsx with one sheet per finding, and the summary in words.

Sheets (in order): Ringkasan, KPJ Perlu Diisi, Status Berbeda, Hanya di BPJS, Hanya di Desa,
Nama-Tgl Lahir Berbeda. Identifiers are text cells, dates are dd-mm-yyyy text, and a name that
looks like a formula stays literal text (app.documents.xlsx_workbook).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.documents.export_table import CellValue, Table
from app.documents.profile_sources import CellType
from app.documents.xlsx_export import DocumentInfo
from app.documents.xlsx_workbook import PlainColumn, plain_table, save_verified_tables
from app.server.reconcile import Reconciliation

_T = CellType.TEXT
_N = CellType.INTEGER
SHEETS = (
    "Ringkasan",
    "KPJ Perlu Diisi",
    "Status Berbeda",
    "Hanya di BPJS",
    "Hanya di Desa",
    "Nama-Tgl Lahir Berbeda",
)
# Category key -> the words of the summary (stdout, page, Ringkasan sheet).
LABELS = {
    "kpj": "KPJ perlu diisi atau diganti",
    "status": "Status kepesertaan berbeda",
    "only_bpjs": "Ada di BPJS, tidak ada di desa mana pun",
    "only_villages": "Ada di desa (kepesertaan aktif), tidak ada di daftar BPJS",
    "identity": "Nama atau tanggal lahir berbeda",
}
_VILLAGE = (PlainColumn("Kode Desa", width=15), PlainColumn("Nama Desa", width=22))
_NIK = PlainColumn("NIK", width=19)


def summary_lines(result: Reconciliation, *, applied: bool) -> list[str]:
    counts = result.counts()
    lines = [
        f"Rekonsiliasi daftar BPJS: {result.people} peserta di berkas, {result.matched} cocok "
        "dengan pekerja desa (menurut NIK)."
    ]
    lines += [f"  {LABELS[key]}: {count}" for key, count in counts.items()]
    held = len(result.kpj) - len(result.to_apply)
    if applied:
        lines.append(
            f"KPJ diisi: {result.applied_workers} pekerja, {result.applied_enrollments} "
            "kepesertaan (perubahan DPMD, sampai ke desa saat sinkronisasi)."
        )
    elif result.to_apply:
        lines.append(
            f"Belum ada yang diubah: {len(result.to_apply)} pengisian KPJ siap diterapkan "
            "(--apply atau tombol Terapkan pengisian KPJ)."
        )
    else:
        lines.append("Tidak ada KPJ yang perlu diisi otomatis; tidak ada yang diubah.")
    if held:
        lines.append(f"{held} KPJ tidak diisi otomatis (lihat kolom Keterangan di laporan).")
    return lines


def _text(day: date | None) -> str | None:
    return day.strftime("%d-%m-%Y") if day else None


def report_tables(result: Reconciliation, *, source: str, applied: bool) -> list[Table]:
    summary_rows: list[list[CellValue]] = [
        ["Berkas BPJS", source],
        ["Peserta di berkas", result.people],
        ["Cocok dengan pekerja desa (NIK)", result.matched],
        *[_pair(LABELS[k], n) for k, n in result.counts().items()],
        ["KPJ diisi ke pekerja", result.applied_workers if applied else 0],
        ["KPJ diisi ke kepesertaan", result.applied_enrollments if applied else 0],
    ]
    kpj = [
        [
            f.worker.village_code,
            f.worker.village_name,
            f.person.nik,
            f.worker.name,
            f.person.kpj,
            f.worker.kpj,
            f.worker.enrollment_kpj,
            f.action,
            f.blocked or ("sudah diisi" if applied else "akan diisi"),
        ]
        for f in result.kpj
    ]
    status = [
        [
            d.worker.village_code,
            d.worker.village_name,
            d.person.nik,
            d.worker.name,
            d.person.status,
            "aktif" if d.worker.active else "tidak aktif",
            d.note,
        ]
        for d in result.status
    ]
    only_bpjs = [
        [p.row, p.nik, p.name or None, _text(p.birth_date), p.kpj, p.status]
        for p in result.only_bpjs
    ]
    only_villages = [
        [w.village_code, w.village_name, w.kecamatan, w.nik, w.name, w.kpj or w.enrollment_kpj]
        for w in result.only_villages
    ]
    identity = [
        [
            d.worker.village_code,
            d.worker.village_name,
            d.person.nik,
            d.person.name or None,
            d.worker.name,
            _text(d.person.birth_date),
            _text(d.worker.birth_date),
            d.what,
        ]
        for d in result.identity
    ]
    return [
        plain_table(
            SHEETS[0],
            (PlainColumn("Keterangan", width=58), PlainColumn("Jumlah", _N, width=30)),
            summary_rows,
            name="rekonsiliasi-bpjs",
        ),
        plain_table(
            SHEETS[1],
            (
                *_VILLAGE,
                _NIK,
                PlainColumn("Nama", width=26),
                PlainColumn("KPJ BPJS", width=13),
                PlainColumn("KPJ Pekerja", width=13),
                PlainColumn("KPJ Kepesertaan", width=15),
                PlainColumn("Tindakan", width=9),
                PlainColumn("Keterangan", width=50),
            ),
            kpj,
        ),
        plain_table(
            SHEETS[2],
            (
                *_VILLAGE,
                _NIK,
                PlainColumn("Nama", width=26),
                PlainColumn("Status BPJS", width=14),
                PlainColumn("Status Desa", width=12),
                PlainColumn("Keterangan", width=45),
            ),
            status,
        ),
        plain_table(
            SHEETS[3],
            (
                PlainColumn("Baris", _N, width=6),
                _NIK,
                PlainColumn("Nama", width=26),
                PlainColumn("Tgl Lahir", width=12),
                PlainColumn("KPJ", width=13),
                PlainColumn("Status BPJS", width=14),
            ),
            only_bpjs,
        ),
        plain_table(
            SHEETS[4],
            (
                *_VILLAGE,
                PlainColumn("Kecamatan", width=18),
                _NIK,
                PlainColumn("Nama", width=26),
                PlainColumn("KPJ", width=13),
            ),
            only_villages,
        ),
        plain_table(
            SHEETS[5],
            (
                *_VILLAGE,
                _NIK,
                PlainColumn("Nama di BPJS", width=26),
                PlainColumn("Nama di Desa", width=26),
                PlainColumn("Tgl Lahir BPJS", width=13),
                PlainColumn("Tgl Lahir Desa", width=13),
                PlainColumn("Berbeda", width=22),
            ),
            identity,
        ),
    ]


def write_report(path: Path, result: Reconciliation, *, source: str, applied: bool) -> Path:
    """Write the report atomically and verified (ExportCheckFailed / ExportWriteFailed)."""
    tables = report_tables(result, source=source, applied=applied)
    info = DocumentInfo(
        description=f"Rekonsiliasi daftar peserta BPJS ({source})",
        custom={
            "payung_profile_kind": "rekonsiliasi",
            "payung_applied": "ya" if applied else "tidak",
        },
    )
    return save_verified_tables(path, tables, info)


def _pair(label: str, count: int) -> list[CellValue]:
    return [label, count]
