"""Domain errors. Each carries the field it is about and an Indonesian message saying what to fix.

The UI and the CLI word errors from these attributes; nothing else parses the text.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken by input. `field` names the input (an option or form field name)."""

    code = "invalid"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InvalidField(DomainError):
    """A plain field value is wrong (empty name, impossible date, bad phone number...)."""


class InvalidNik(DomainError):
    """Base class of every NIK failure; subclasses say which rule failed."""

    code = "nik_invalid"

    def __init__(self, raw: str, message: str, field: str = "nik") -> None:
        super().__init__(field, message)
        self.raw = raw


class NikWrongLength(InvalidNik):
    code = "nik_length"


class NikNotDigits(InvalidNik):
    code = "nik_not_digits"


class NikUnknownProvince(InvalidNik):
    code = "nik_province"


class NikInvalidDate(InvalidNik):
    code = "nik_date"


class NikBirthDateMismatch(InvalidNik):
    code = "nik_birth_date_mismatch"


class NikSexMismatch(InvalidNik):
    code = "nik_sex_mismatch"


class InvalidKk(DomainError):
    code = "kk_invalid"


class InvalidKpj(DomainError):
    code = "kpj_invalid"


class InvalidVillageCode(DomainError):
    code = "village_code_invalid"


class InvalidPeriod(DomainError):
    code = "period_invalid"


class DuplicateNik(DomainError):
    """The NIK is already on the register; `existing_name` says whose it is."""

    code = "nik_duplicate"

    def __init__(self, nik: str, existing_name: str, existing_id: str) -> None:
        super().__init__(
            "nik",
            f"NIK {nik} sudah terdaftar atas nama {existing_name}; "
            "periksa KTP atau ubah data orang tersebut",
        )
        self.nik = nik
        self.existing_name = existing_name
        self.existing_id = existing_id


class NotFound(DomainError):
    code = "not_found"


class VillageNotSetUp(DomainError):
    code = "village_not_set_up"

    def __init__(self) -> None:
        super().__init__(
            "village", "desa belum disiapkan; jalankan `payung init` atau buka aplikasi dulu"
        )


class WorkerAlreadyEnded(DomainError):
    code = "worker_ended"
