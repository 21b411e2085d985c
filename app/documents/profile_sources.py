"""What an export column can show: the source fields and the cell types each may take.

The services fill a record per line with these keys; a profile column names one of them in
`source`. The table in resources/profiles/README.md lists the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.categories import Category, MaritalStatus, Sex
from app.domain.rates import Payer, Segment

CHARGED = ("JKK", "JKM", "JHT", "JP")


class CellType(StrEnum):
    TEXT = "text"
    DATE = "date"
    INTEGER = "integer"
    MONEY = "money"


class SourceKind(StrEnum):
    TEXT = "text"
    IDENTIFIER = "identifier"  # digits whose every character matters: always a text cell
    DATE = "date"
    INTEGER = "integer"
    MONEY = "money"
    FLAG = "flag"  # yes/no
    CHOICE = "choice"  # one of a fixed set of codes


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: SourceKind
    label: str  # Indonesian, for the README table and error messages
    roster_only: bool = False
    choices: tuple[str, ...] = ()
    stored: bool = True  # False: the register does not keep it, the column is always empty


def _sources() -> dict[str, Source]:
    s = SourceKind
    items = [
        Source("line_no", s.INTEGER, "nomor urut baris (1, 2, 3...)"),
        Source("nik", s.IDENTIFIER, "NIK (16 angka)"),
        Source("no_kk", s.IDENTIFIER, "nomor Kartu Keluarga"),
        Source("kpj", s.IDENTIFIER, "nomor KPJ (kartu peserta)"),
        Source("name", s.TEXT, "nama lengkap sesuai KTP"),
        Source("birth_place", s.TEXT, "tempat lahir"),
        Source("birth_date", s.DATE, "tanggal lahir"),
        Source("sex", s.CHOICE, "jenis kelamin", choices=tuple(x.value for x in Sex)),
        Source(
            "marital_status",
            s.CHOICE,
            "status kawin",
            choices=tuple(x.value for x in MaritalStatus),
        ),
        Source("address", s.TEXT, "alamat (jalan, nomor)"),
        Source("dusun", s.TEXT, "dusun"),
        Source("rt", s.IDENTIFIER, "RT (3 angka)"),
        Source("rw", s.IDENTIFIER, "RW (3 angka)"),
        Source("address_full", s.TEXT, "alamat lengkap: alamat, dusun, RT/RW"),
        Source("phone", s.IDENTIFIER, "nomor HP"),
        Source("email", s.TEXT, "email (tidak disimpan: selalu kosong)", stored=False),
        Source("mother_name", s.TEXT, "nama ibu kandung"),
        Source("category", s.CHOICE, "kategori pekerja", choices=tuple(x.value for x in Category)),
        Source("position", s.TEXT, "jabatan"),
        Source("segment", s.CHOICE, "segmen PU/BPU", choices=tuple(x.value for x in Segment)),
        Source("payer", s.CHOICE, "sumber dana", choices=tuple(x.value for x in Payer)),
        Source("wage", s.MONEY, "upah (PU) atau penghasilan (BPU), rupiah"),
        Source("start", s.DATE, "tanggal mulai kepesertaan (TMT)"),
        Source("risk_class", s.INTEGER, "kelas risiko JKK (1-5)"),
        Source("programmes", s.TEXT, "program, misalnya JKK,JKM,JHT"),
        *(Source(f"programme.{p}", s.FLAG, f"ikut program {p}") for p in CHARGED),
        Source("village_code", s.TEXT, "kode desa Kemendagri"),
        Source("village_name", s.TEXT, "nama desa"),
        Source("npp", s.IDENTIFIER, "NPP (nomor pendaftaran perusahaan) desa"),
        Source("period", s.TEXT, "bulan iuran (YYYY-MM)", roster_only=True),
        *(
            Source(f"amount.{p}", s.MONEY, f"iuran {p} sebulan, rupiah", roster_only=True)
            for p in CHARGED
        ),
        Source("employer_total", s.MONEY, "iuran bagian pemberi kerja", roster_only=True),
        Source("worker_total", s.MONEY, "iuran bagian pekerja", roster_only=True),
        Source("total", s.MONEY, "jumlah iuran sebulan", roster_only=True),
    ]
    return {item.name: item for item in items}


SOURCES: dict[str, Source] = _sources()
FLAG_CODES = ("yes", "no")
# Which cell types each kind of source may be written as. Identifiers are text, always:
# Excel keeps 15 significant digits, so a NIK written as a number loses its last digit.
ALLOWED_TYPES: dict[SourceKind, frozenset[CellType]] = {
    SourceKind.TEXT: frozenset({CellType.TEXT}),
    SourceKind.IDENTIFIER: frozenset({CellType.TEXT}),
    SourceKind.DATE: frozenset({CellType.TEXT, CellType.DATE}),
    SourceKind.INTEGER: frozenset({CellType.INTEGER, CellType.TEXT}),
    SourceKind.MONEY: frozenset({CellType.MONEY, CellType.INTEGER}),
    SourceKind.FLAG: frozenset({CellType.TEXT, CellType.INTEGER}),
    SourceKind.CHOICE: frozenset({CellType.TEXT, CellType.INTEGER}),
}
