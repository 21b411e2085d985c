"""Indonesian identity numbers: NIK, No. KK, KPJ, and the Kemendagri village code.

NIK layout (DOMAIN.md section 6): PP KK CC DDMMYY SSSS, with 40 added to the day for women.
There is no checksum; what can be checked is the province, the encoded date, and consistency
with the birth date and sex the person states.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app.domain.categories import Sex
from app.domain.errors import (
    InvalidKk,
    InvalidKpj,
    InvalidVillageCode,
    NikBirthDateMismatch,
    NikInvalidDate,
    NikNotDigits,
    NikSexMismatch,
    NikUnknownProvince,
    NikWrongLength,
)

# Province codes (kode wilayah level 1), including the Papua provinces created in 2022.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36", "51", "52", "53",
        "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76",
        "81", "82", "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-]")
_DIGITS = re.compile(r"\d+")


def normalize_number(raw: str) -> str:
    """Drop the spaces, dots and dashes people type inside identity numbers."""
    return _SEPARATORS.sub("", raw)


@dataclass(frozen=True, slots=True)
class Nik:
    """A NIK that passed the format checks. `value` is always the 16 digits."""

    value: str

    @property
    def province(self) -> str:
        return self.value[:2]

    @property
    def region(self) -> str:
        """PPKKCC: where the NIK was first issued (not where the person lives now)."""
        return self.value[:6]

    @property
    def sex(self) -> Sex:
        return Sex.P if int(self.value[6:8]) > 40 else Sex.L

    @property
    def birth_day(self) -> int:
        day = int(self.value[6:8])
        return day - 40 if day > 40 else day

    @property
    def birth_month(self) -> int:
        return int(self.value[8:10])

    @property
    def birth_yy(self) -> int:
        return int(self.value[10:12])

    def birth_date(self, *, today: date) -> date:
        """The encoded birth date in the latest century that puts it on or before `today`.

        Raises NikInvalidDate when no such date exists (29 February of year 00 before 2000).
        """
        # The latest year not after today that ends in the two encoded digits.
        year = today.year - (today.year - self.birth_yy) % 100
        for candidate in (year, year - 100):
            try:
                born = date(candidate, self.birth_month, self.birth_day)
            except ValueError:  # 29 February in a year that is not leap
                continue
            if born <= today:
                return born
        raise NikInvalidDate(
            self.value, "tanggal lahir di NIK belum terjadi; periksa NIK di KTP", "nik"
        )

    def masked(self) -> str:
        """For screens and receipts shown to others: region and serial hidden."""
        return self.value[:4] + "********" + self.value[12:]

    def __str__(self) -> str:
        return self.value


def _date_exists(day: int, month: int, yy: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    # The two-digit year is ambiguous: 29 February is fine when either century makes it leap.
    longest = max(calendar.monthrange(century + yy, month)[1] for century in (1900, 2000))
    return day <= longest


def parse_nik(
    raw: str,
    *,
    birth_date: date | None = None,
    sex: Sex | None = None,
    field: str = "nik",
) -> Nik:
    """Normalise and check a NIK; raise the specific InvalidNik subclass for the first failure."""
    digits = normalize_number(raw)
    if not digits:
        raise NikWrongLength(raw, "NIK wajib diisi; ketik 16 angka NIK dari KTP", field)
    if not digits.isascii() or not _DIGITS.fullmatch(digits):
        raise NikNotDigits(
            raw, "NIK hanya boleh berisi angka; periksa huruf atau tanda baca", field
        )
    if len(digits) != 16:
        raise NikWrongLength(
            raw, f"NIK harus 16 angka, yang diketik {len(digits)} angka; periksa KTP", field
        )
    if digits[:2] not in PROVINCE_CODES:
        raise NikUnknownProvince(
            raw,
            f"kode provinsi {digits[:2]} di awal NIK tidak dikenal; periksa 2 angka pertama",
            field,
        )
    day, month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    real_day = day - 40 if day > 40 else day
    if day > 71 or (31 < day <= 40) or not _date_exists(real_day, month, yy):
        raise NikInvalidDate(
            raw,
            "angka ke-7 sampai 12 NIK bukan tanggal lahir yang sah (DDMMYY, perempuan +40); "
            "periksa NIK di KTP",
            field,
        )
    nik = Nik(digits)
    if birth_date is not None and (nik.birth_day, nik.birth_month, nik.birth_yy) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        raise NikBirthDateMismatch(
            raw,
            f"tanggal lahir di NIK ({nik.birth_day:02d}-{nik.birth_month:02d}-"
            f"{nik.birth_yy:02d}) tidak sama dengan tanggal lahir yang diisi; "
            "periksa NIK atau tanggal lahir",
            field,
        )
    if sex is not None and nik.sex is not sex:
        stated = "laki-laki" if sex is Sex.L else "perempuan"
        encoded = "laki-laki" if nik.sex is Sex.L else "perempuan (tanggal +40)"
        raise NikSexMismatch(
            raw,
            f"NIK ini milik {encoded}, tetapi jenis kelamin diisi {stated}; "
            "periksa NIK atau jenis kelamin",
            field,
        )
    return nik


def parse_kk(raw: str, *, field: str = "no_kk") -> str:
    digits = normalize_number(raw)
    if not _DIGITS.fullmatch(digits or "x") or not digits.isascii() or len(digits) != 16:
        raise InvalidKk(field, "No. KK harus 16 angka; periksa Kartu Keluarga")
    if digits[:2] not in PROVINCE_CODES:
        raise InvalidKk(
            field,
            f"kode provinsi {digits[:2]} di awal No. KK tidak dikenal; periksa Kartu Keluarga",
        )
    return digits


def parse_kpj(raw: str, *, field: str = "kpj") -> str:
    digits = normalize_number(raw)
    if not _DIGITS.fullmatch(digits or "x") or not digits.isascii() or len(digits) != 11:
        raise InvalidKpj(field, "KPJ harus 11 angka; periksa kartu BPJS Ketenagakerjaan")
    return digits


_VILLAGE_CODE = re.compile(r"(\d{2})\.(\d{2})\.(\d{2})\.(\d{4})")


def parse_village_code(raw: str, *, field: str = "village_code") -> str:
    """Kemendagri code `PP.KK.CC.DDDD`; also accepts the 10 digits without dots."""
    text = raw.strip()
    digits = re.sub(r"[\s.]", "", text)
    if re.fullmatch(r"\d{10}", digits):
        text = f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:]}"
    match = _VILLAGE_CODE.fullmatch(text)
    if not match:
        raise InvalidVillageCode(
            field, "kode desa harus berbentuk PP.KK.CC.DDDD, misalnya 35.21.01.2001"
        )
    province, kab, kec, desa = match.groups()
    if province not in PROVINCE_CODES:
        raise InvalidVillageCode(
            field, f"kode provinsi {province} tidak dikenal; periksa 2 angka pertama kode desa"
        )
    if kab == "00" or kec == "00" or desa[0] not in "12":
        raise InvalidVillageCode(
            field,
            "kode desa tidak sah: kabupaten dan kecamatan bukan 00, "
            "4 angka terakhir diawali 2 (desa) atau 1 (kelurahan)",
        )
    return text
