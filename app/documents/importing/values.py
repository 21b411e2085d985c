"""Cell values to the text the domain validators read, with the spreadsheet pitfalls of
DOMAIN.md section 7 handled on the way: numeric NIKs, Excel serial dates, phone numbers that
lost their leading 0, RT/RW turned into dates, "Ngawi, 12 Mei 1980" in one cell.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.documents.importing.table import Cell

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 with Excel's phantom 29 Feb 1900
_LAST_SERIAL = 2_958_465  # 9999-12-31
_EXACT_FLOAT = 2**53  # above this a float cannot hold every integer

_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_NUMBER_TEXT = re.compile(r"(\d{12,17})[.,]0+")
_TRAILING_TIME = re.compile(r"[ T]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?$")
_DATE_AT_END = re.compile(
    r"(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s+[A-Za-z]+\.?\s+\d{4})\s*$"
)
_NUMBERS = re.compile(r"\d+")


def is_number(value: Cell) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def text_of(value: Cell) -> str:
    """The cell as a person would read it: numbers without a trailing .0, dates ISO."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else str(value)
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat()
    elif isinstance(value, date | time):
        text = value.isoformat()
    else:
        text = str(value)
    return text


def date_text(value: Cell) -> str:
    """A date cell, an Excel serial, or text (given to parse_date, which reads dd-mm-yyyy,
    dd/mm/yyyy, yyyy-mm-dd and `12 Mei 1980`). Never raises: validation reports bad text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if math.isfinite(number) and 1 <= number <= _LAST_SERIAL:
            return (EXCEL_EPOCH + timedelta(days=int(number))).isoformat()
        return text_of(value)
    text = text_of(value)
    return _TRAILING_TIME.sub("", text) if len(text) > 10 else text


# -- NIK ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class NikCell:
    """A NIK cell read. `text` goes to parse_nik; `numeric` says it arrived as a number;
    `error` (a message) says the digits are already lost and must be typed again."""

    text: str
    numeric: bool = False
    error: str | None = None


_RETYPE = "ketik ulang 16 angka NIK dari KTP sebagai teks (awali dengan tanda ')"


def read_nik(value: Cell) -> NikCell:
    """DOMAIN.md section 7: Excel keeps 15 significant digits, so a NIK typed as a number
    loses its last digit (shown 3.52101E+15). Such a value is never taken silently."""
    if is_number(value):
        return _numeric_nik(value)  # type: ignore[arg-type]
    text = text_of(value).lstrip("'").strip()
    if _SCIENTIFIC.fullmatch(text):
        return NikCell(
            "", True, f"NIK tertulis '{text}' (bentuk angka ilmiah Excel) dan angkanya sudah "
            f"hilang; {_RETYPE}",
        )  # fmt: skip
    if match := _NUMBER_TEXT.fullmatch(text):
        return _digits_nik(match[1])
    return NikCell(text)


def _numeric_nik(value: float) -> NikCell:
    if not math.isfinite(value) or not float(value).is_integer() or value < 0:
        return NikCell("", True, f"NIK tersimpan sebagai angka {value} di Excel; {_RETYPE}")
    number = int(value)
    if isinstance(value, float) and number > _EXACT_FLOAT:
        return NikCell(
            "", True, f"NIK tersimpan sebagai angka di Excel ({number}); angka sebesar ini tidak "
            f"tersimpan utuh; {_RETYPE}",
        )  # fmt: skip
    return _digits_nik(str(number))


def _digits_nik(digits: str) -> NikCell:
    if len(digits) != 16:
        return NikCell(
            "", True, f"NIK tersimpan sebagai angka di Excel dan tinggal {len(digits)} angka "
            f"({digits}); {_RETYPE}",
        )  # fmt: skip
    if digits.endswith("0"):
        return NikCell(
            "", True, f"NIK tersimpan sebagai angka di Excel ({digits}); Excel hanya menyimpan 15 "
            f"angka, angka terakhir bisa hilang menjadi 0; {_RETYPE}",
        )  # fmt: skip
    return NikCell(digits, True)


def looks_like_nik(value: Cell) -> bool:
    """A value that is probably somebody's NIK (right or wrong): 15-17 digits, as a number or
    text, or Excel's 3.52101E+15."""
    if is_number(value):
        return 1e14 <= abs(value) < 1e17  # type: ignore[arg-type, operator]
    if not isinstance(value, str) or not value or len(value) > 40:
        return False
    text = value.strip().lstrip("'")
    digits = text.replace(" ", "").replace(".", "").replace("-", "")
    if digits.isdigit():
        return 15 <= len(digits) <= 17
    return bool(_SCIENTIFIC.fullmatch(text)) and text[-2:].isdigit() and int(text[-2:]) >= 14


# -- other identity numbers -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Fixed:
    """A value and, when it was changed or doubted on the way, why (code, message)."""

    text: str
    warning: tuple[str, str] | None = None


def read_kk(value: Cell) -> Fixed:
    """No. KK typed as a number: dropped when digits are lost (it is optional), kept with a
    warning when it can still be whole."""
    if not is_number(value) and not (isinstance(value, str) and _SCIENTIFIC.fullmatch(value)):
        return Fixed(text_of(value).lstrip("'").strip())
    cell = read_nik(value)  # the same 15-digit trap
    if cell.error is not None:
        return Fixed(
            "", ("kk_numeric", "No. KK tersimpan sebagai angka di Excel dan angkanya tidak utuh; "
                 "No. KK tidak diimpor, isi kembali dari Kartu Keluarga"),
        )  # fmt: skip
    return Fixed(
        cell.text, ("kk_numeric_suspect", "No. KK tersimpan sebagai angka di Excel; periksa "
                    "kembali dengan Kartu Keluarga"),
    )  # fmt: skip


def read_phone(value: Cell) -> Fixed:
    """A phone typed as a number (or saved so in CSV) lost its leading 0: 81234567890."""
    text = text_of(value).lstrip("'").strip()
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.isdigit() and digits.startswith("8") and 8 <= len(digits) <= 13:
        return Fixed(
            "0" + digits, ("phone_numeric", f"nomor HP {text} tanpa angka 0 di depan (tersimpan "
                           "sebagai angka); angka 0 ditambahkan, periksa kembali"),
        )  # fmt: skip
    return Fixed(text)


def read_rt_rw(value: Cell) -> tuple[str, str, tuple[str, str] | None]:
    """One "RT/RW" cell: `003/012`, `3-12`, `RT 3 RW 12`; a date made by Excel from `3/12`."""
    if isinstance(value, date | datetime):
        day, month = value.day, value.month
        return (
            str(day), str(month), ("rt_rw_date", f"RT/RW terbaca sebagai tanggal oleh Excel; "
                                   f"diartikan RT {day:03d} RW {month:03d}, periksa kembali"),
        )  # fmt: skip
    text = text_of(value)
    numbers = _NUMBERS.findall(text)
    if len(numbers) == 2:
        return numbers[0], numbers[1], None
    return text, "", None  # the RT check words what is wrong


def split_place_date(value: Cell) -> tuple[str, str]:
    """ "Ngadirejo, 12 Mei 1980" -> ("Ngadirejo", "12 Mei 1980"); a date cell has no place."""
    if not isinstance(value, str):
        return "", date_text(value)
    text = " ".join(value.split())
    match = _DATE_AT_END.search(text)
    if match is None:
        return text.strip(" ,/-"), ""
    return text[: match.start()].strip(" ,/-"), match[1]


# -- choices --------------------------------------------------------------------------------
_SEX = {
    **dict.fromkeys(("l", "lk", "laki", "lakilaki", "pria", "lelaki", "male"), "L"),
    **dict.fromkeys(("p", "pr", "prp", "perempuan", "wanita", "female"), "P"),
}
_MARITAL = {
    **dict.fromkeys(("belum kawin", "bk", "belum menikah", "lajang", "tk", "tidak kawin"),
                    "belum_kawin"),
    **dict.fromkeys(("kawin", "k", "menikah", "sudah menikah", "sudah kawin", "nikah"), "kawin"),
    **dict.fromkeys(("cerai hidup", "ch", "cerai"), "cerai_hidup"),
    **dict.fromkeys(("cerai mati", "cm", "janda mati", "duda mati"), "cerai_mati"),
}  # fmt: skip
_SEGMENT = {
    **dict.fromkeys(("pu", "penerima upah", "ppu", "pekerja penerima upah"), "PU"),
    **dict.fromkeys(("bpu", "bukan penerima upah", "pbpu", "pekerja bukan penerima upah",
                     "pekerja rentan", "informal", "rentan"), "BPU"),
}  # fmt: skip
_PAYER = {
    **dict.fromkeys(("apbdes", "apbdesa", "apb desa", "add", "dana desa", "dd", "desa",
                     "alokasi dana desa", "pemdes", "pemerintah desa"), "apbdes"),
    **dict.fromkeys(("apbd", "apbd kabupaten", "apbd kab", "pemkab", "pemerintah kabupaten",
                     "kabupaten", "pemda"), "apbd"),
    **dict.fromkeys(("dbhcht", "dbh cht", "cukai", "dbh cukai"), "dbhcht"),
    **dict.fromkeys(("self", "mandiri", "sendiri", "pribadi", "peserta"), "self"),
    **dict.fromkeys(("donor", "donatur", "csr", "baznas", "sponsor"), "donor"),
    **dict.fromkeys(("other", "lainnya", "lain lain"), "other"),
}  # fmt: skip
_WORDS = re.compile(r"[^0-9a-z]+")
_PROGRAMME_SEPARATORS = re.compile(r"\s*(?:[,;/+&]|\bdan\b|\s)\s*", re.IGNORECASE)


def _words(text: str) -> str:
    return _WORDS.sub(" ", text.lower()).strip()


@functools.lru_cache(maxsize=1024, typed=True)  # a column holds few distinct values
def sex_text(value: Cell) -> str:
    text = text_of(value)
    return _SEX.get(re.sub(r"[^a-z]", "", text.lower()), text)


@functools.lru_cache(maxsize=1024, typed=True)  # a column holds few distinct values
def marital_text(value: Cell) -> str:
    text = text_of(value)
    return _MARITAL.get(_words(text), text)


@functools.lru_cache(maxsize=1024, typed=True)  # a column holds few distinct values
def segment_text(value: Cell) -> str:
    text = text_of(value)
    return _SEGMENT.get(_words(text), text)


@functools.lru_cache(maxsize=1024, typed=True)  # a column holds few distinct values
def payer_text(value: Cell) -> str:
    text = text_of(value)
    return _PAYER.get(_words(text), text)


@functools.lru_cache(maxsize=1024, typed=True)  # a column holds few distinct values
def programmes_text(value: Cell) -> str:
    """`JKK, JKM`, `JKK+JKM+JHT`, `JKK/JKM`, `JKK dan JKM` -> `JKK,JKM,...`."""
    parts = [p for p in _PROGRAMME_SEPARATORS.split(text_of(value)) if p]
    return ",".join(parts)


def money_text(value: Cell) -> str:
    """Rupiah as parse_rupiah reads it; a float with a fraction stays visible (and is refused)."""
    return text_of(value)
