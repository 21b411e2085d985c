"""The fields a spreadsheet column can mean, and the header texts that name them."""

from __future__ import annotations

import re
from enum import StrEnum


class Field(StrEnum):
    """What a column holds. Stable codes (a saved mapping uses them); `label` for screens."""

    NIK = "nik"
    NAME = "name"
    BIRTH_PLACE = "birth_place"
    BIRTH_DATE = "birth_date"
    BIRTH_PLACE_DATE = "birth_place_date"  # "Tempat, Tanggal Lahir" in one cell
    SEX = "sex"
    POSITION = "position"
    CATEGORY = "category"
    ADDRESS = "address"
    DUSUN = "dusun"
    RT = "rt"
    RW = "rw"
    RT_RW = "rt_rw"  # "003/012" in one cell
    PHONE = "phone"
    MOTHER_NAME = "mother_name"
    NO_KK = "no_kk"
    MARITAL_STATUS = "marital_status"
    KPJ = "kpj"
    SEGMENT = "segment"
    PROGRAMMES = "programmes"
    WAGE = "wage"
    PAYER = "payer"
    START = "start"
    RISK_CLASS = "risk_class"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Field, str] = {
    Field.NIK: "NIK",
    Field.NAME: "Nama",
    Field.BIRTH_PLACE: "Tempat lahir",
    Field.BIRTH_DATE: "Tanggal lahir",
    Field.BIRTH_PLACE_DATE: "Tempat, tanggal lahir",
    Field.SEX: "Jenis kelamin (L/P)",
    Field.POSITION: "Jabatan / pekerjaan",
    Field.CATEGORY: "Kategori",
    Field.ADDRESS: "Alamat",
    Field.DUSUN: "Dusun",
    Field.RT: "RT",
    Field.RW: "RW",
    Field.RT_RW: "RT/RW",
    Field.PHONE: "No. HP",
    Field.MOTHER_NAME: "Nama ibu kandung",
    Field.NO_KK: "No. KK",
    Field.MARITAL_STATUS: "Status kawin",
    Field.KPJ: "KPJ",
    Field.SEGMENT: "Segmen (PU/BPU)",
    Field.PROGRAMMES: "Program",
    Field.WAGE: "Upah / penghasilan",
    Field.PAYER: "Sumber dana",
    Field.START: "TMT (tanggal mulai)",
    Field.RISK_CLASS: "Kelas risiko JKK",
}

ENROLLMENT_FIELDS = frozenset(
    {Field.SEGMENT, Field.PROGRAMMES, Field.WAGE, Field.PAYER, Field.START, Field.RISK_CLASS}
)
# Present in a row, these say "enroll this person" (a wage alone is often just the siltap).
ENROLLMENT_TRIGGERS = frozenset({Field.SEGMENT, Field.PROGRAMMES, Field.PAYER, Field.START})
# A header over two columns meaning one of these is split into its two parts, in this order.
SPLITS: dict[Field, tuple[Field, Field]] = {
    Field.BIRTH_PLACE_DATE: (Field.BIRTH_PLACE, Field.BIRTH_DATE),
    Field.RT_RW: (Field.RT, Field.RW),
}

# Header texts, written as they appear; compared after normalize_header().
_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.NIK: ("NIK", "No. KTP", "No KTP", "Nomor KTP", "No. NIK", "Nomor NIK", "KTP",
                "Nomor Induk Kependudukan", "No. Induk Kependudukan", "NIK KTP"),
    Field.NAME: ("Nama", "Nama Lengkap", "Nama Peserta", "Nama Pekerja", "Nama Anggota",
                 "Nama Sesuai KTP", "Nama Tenaga Kerja", "Nama Perangkat"),
    Field.BIRTH_PLACE: ("Tempat Lahir", "Tmp. Lahir", "Tmpt Lahir", "Tempat Lhr"),
    Field.BIRTH_DATE: ("Tgl. Lahir", "Tgl Lahir", "Tanggal Lahir", "Tgl. Lhr", "Tanggal Lhr"),
    Field.BIRTH_PLACE_DATE: ("TTL", "Tempat, Tanggal Lahir", "Tempat/Tgl Lahir",
                             "Tempat/Tgl. Lahir", "Tempat Tgl Lahir", "Tmp/Tgl Lahir",
                             "Tempat dan Tanggal Lahir", "Tempat/Tanggal Lahir", "Tmp. Tgl. Lhr"),
    Field.SEX: ("L/P", "Jenis Kelamin", "JK", "Sex", "Kelamin", "Gender", "L/PR", "LK/PR"),
    Field.POSITION: ("Jabatan", "Posisi", "Pekerjaan", "Jabatan/Pekerjaan", "Nama Jabatan"),
    Field.CATEGORY: ("Kategori", "Kategori Peserta", "Kelompok", "Jenis Pekerja"),
    Field.ADDRESS: ("Alamat", "Alamat Lengkap", "Alamat Rumah", "Alamat Domisili"),
    Field.DUSUN: ("Dusun", "Dukuh", "Dsn", "Nama Dusun"),
    Field.RT: ("RT",),
    Field.RW: ("RW",),
    Field.RT_RW: ("RT/RW", "RT RW"),
    Field.PHONE: ("No. HP", "No HP", "HP", "Nomor HP", "Telepon", "No. Telp", "No Telp", "Telp",
                  "No. Telepon", "Nomor Telepon", "No. WA", "WhatsApp", "No. HP/WA"),
    Field.MOTHER_NAME: ("Nama Ibu", "Nama Ibu Kandung", "Ibu Kandung"),
    Field.NO_KK: ("No. KK", "No KK", "Nomor KK", "KK", "Nomor Kartu Keluarga",
                  "No. Kartu Keluarga"),
    Field.MARITAL_STATUS: ("Status Kawin", "Status Perkawinan", "Status Pernikahan"),
    Field.KPJ: ("KPJ", "No. KPJ", "Nomor KPJ", "No KPJ", "Nomor Kepesertaan",
                "No. Kartu BPJS", "No. Peserta BPJS"),
    Field.SEGMENT: ("Segmen", "Segmen Kepesertaan", "Jenis Kepesertaan"),
    Field.PROGRAMMES: ("Program", "Program BPJS", "Jenis Program", "Program Jaminan"),
    Field.WAGE: ("Upah", "Gaji", "Siltap", "Penghasilan", "Upah Sebulan", "Penghasilan Tetap",
                 "Besaran Upah", "Upah Dilaporkan", "Penghasilan Sebulan"),
    Field.PAYER: ("Sumber Dana", "Pembiayaan", "Sumber Pembiayaan", "Sumber Anggaran",
                  "Pembayar", "Dibiayai Oleh", "Sumber Iuran"),
    Field.START: ("TMT", "Tanggal Mulai", "Tgl Mulai", "Tgl. Mulai", "TMT Kepesertaan",
                  "Mulai Kepesertaan"),
    Field.RISK_CLASS: ("Kelas Risiko", "Tingkat Risiko", "Kelas Risiko JKK"),
}  # fmt: skip

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


_SPACED_LETTERS = re.compile(r"\b[a-z](?: [a-z]\b)+")


def normalize_header(text: str) -> str:
    """Lower case, words only, letters typed apart joined again: `Tgl. Lahir (dd-mm-yyyy)` ->
    `tgl lahir`, `N I K` and `N.I.K.` -> `nik`."""
    without = _PARENTHESES.sub(" ", text.lower())
    words = _NOT_WORD.sub(" ", without).strip()
    return _SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), words)


_BY_TEXT: dict[str, Field] = {
    normalize_header(text): field for field, texts in _SYNONYMS.items() for text in texts
}
# Longest first, so "nama ibu kandung" wins over "nama" for a header that starts with both.
_PREFIXES = sorted(_BY_TEXT, key=len, reverse=True)
_LONGEST_HEADER = 60


def field_of_header(text: str, *, exact: bool = False) -> Field | None:
    """The field a header text names: an exact synonym, or (unless `exact`) a synonym followed
    by more words without digits ("Nama Lengkap sesuai KTP", not "RT 01"); None for anything
    else (No., Keterangan...)."""
    key = normalize_header(text)
    if not key or len(key) > _LONGEST_HEADER:
        return None
    found = _BY_TEXT.get(key)
    if found is not None or exact or any(ch.isdigit() for ch in key):
        return found
    for prefix in _PREFIXES:
        if key.startswith(prefix + " "):
            return _BY_TEXT[prefix]
    return None
