"""Export profiles: which columns an upload workbook has, as data a DPMD can edit (TOML files).

A profile names its sheet, its header row and, per column, the header text, the source field
(see SOURCES), the cell type and, for dates, the pattern. Shipped profiles live in
`resources/profiles/`; a DPMD adds or overrides one by dropping a file in `<data-dir>/profiles/`
(the format is documented in `resources/profiles/README.md`). A bad file never stops the others
from loading: it is reported with the file name and what is wrong.

Pure: stdlib (tomllib) and app.domain only.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.documents.profile_sources import (
    ALLOWED_TYPES,
    FLAG_CODES,
    SOURCES,
    CellType,
    Source,
    SourceKind,
)
from app.domain.errors import DomainError, InvalidField

FORMAT = 1  # the profile file format this code reads (`format = 1` in a file)


class ProfileKind(StrEnum):
    ROSTER = "roster"  # the monthly contribution roster (`payung export`)
    REGISTRATION = "registration"  # new registrations (`payung export-new`)


_PATTERN = re.compile(r"(dd|mm|yyyy)([-/. ])(dd|mm|yyyy)\2(dd|mm|yyyy)")
_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
_SHEET_FORBIDDEN = set("[]:*?/\\")
PROFILE_KEYS = frozenset(
    {"format", "name", "version", "kind", "title", "description", "sheet", "start_row", "columns"}
)
COLUMN_KEYS = frozenset({"header", "source", "type", "date_pattern", "required", "map", "width"})
MAX_START_ROW = 100


class InvalidProfile(DomainError):
    """A profile file is wrong; `field` is the file name, `message` says where and what."""

    code = "profile_invalid"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    source: str
    type: CellType
    date_pattern: str | None = None
    required: bool = False
    map: tuple[tuple[str, str | int], ...] = ()  # source code -> written value
    width: float | None = None

    @property
    def source_kind(self) -> SourceKind:
        return SOURCES[self.source].kind


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    version: str
    kind: ProfileKind
    title: str
    description: str
    sheet: str
    start_row: int  # the header row (1-based); data starts on the row below
    columns: tuple[Column, ...]
    origin: str = "shipped"  # "shipped" (resources/profiles) or "user" (<data-dir>/profiles)
    file: str = ""


@dataclass(frozen=True, slots=True)
class ProfileProblem:
    file: str
    message: str


@dataclass(frozen=True, slots=True)
class ProfileCatalog:
    """Valid profiles by name (a user file replaces a shipped one of the same name) and the
    files that could not be read."""

    profiles: dict[str, Profile]
    invalid: list[ProfileProblem] = field(default_factory=list)

    def get(self, name: str, kind: ProfileKind) -> Profile:
        """The profile to export with. A bad file named like the profile wins over a valid
        shipped one: whoever wrote `<name>.toml` meant it to be used, and must hear why not."""
        bad = next((p for p in self.invalid if Path(p.file).stem == name), None)
        if bad is not None:
            raise InvalidField("profile", f"berkas profil {bad.file} tidak sah: {bad.message}")
        profile = self.profiles.get(name)
        if profile is None:
            names = ", ".join(sorted(p.name for p in self.profiles.values() if p.kind is kind))
            raise InvalidField("profile", f"profil '{name}' tidak ada; pilih: {names or '-'}")
        if profile.kind is not kind:
            raise InvalidField(
                "profile",
                f"profil '{name}' untuk {KIND_LABELS[profile.kind]}, bukan {KIND_LABELS[kind]}",
            )
        return profile


KIND_LABELS = {ProfileKind.ROSTER: "iuran bulanan", ProfileKind.REGISTRATION: "pendaftaran baru"}


def load_profiles(folders: Sequence[tuple[str, Path]]) -> ProfileCatalog:
    """Read every `*.toml` in the folders, in order (origin, folder); a later folder's profile
    replaces an earlier one of the same name. A missing folder is simply empty."""
    profiles: dict[str, Profile] = {}
    invalid: list[ProfileProblem] = []
    for origin, folder in folders:
        seen: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            try:
                text = path.read_text(encoding="utf-8")
                profile = parse_profile(text, file=str(path), origin=origin)
            except UnicodeDecodeError:
                message = "tidak dapat dibaca (bukan teks UTF-8); simpan ulang sebagai UTF-8"
                invalid.append(ProfileProblem(str(path), message))
                continue
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                invalid.append(ProfileProblem(str(path), f"tidak dapat dibaca ({reason})"))
                continue
            except InvalidProfile as exc:
                invalid.append(ProfileProblem(str(path), exc.message))
                continue
            if profile.name in seen:
                message = f"nama profil '{profile.name}' sudah dipakai oleh {seen[profile.name]}"
                invalid.append(ProfileProblem(str(path), message))
                continue
            seen[profile.name] = path.name
            profiles[profile.name] = profile
    return ProfileCatalog(profiles, invalid)


_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _toml_error(english: str) -> str:
    """tomllib's reason is English; the place it names is what helps: worded in Indonesian."""
    found = _AT.search(english)
    if found is None:
        return "bukan TOML yang sah; periksa tanda kutip, kurung dan tanda = di berkasnya"
    return (
        f"bukan TOML yang sah di baris {found[1]} kolom {found[2]}; periksa tanda kutip, "
        "kurung dan tanda = di sana"
    )


def parse_profile(text: str, *, file: str = "", origin: str = "shipped") -> Profile:
    """One profile from TOML text; InvalidProfile says which key or column is wrong."""
    where = Path(file).name or "profil"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidProfile(where, _toml_error(str(exc))) from None
    except ValueError:  # an integer of over 4,300 digits: found by tests/hostile
        raise InvalidProfile(where, "bukan TOML yang sah: ada angka yang terlalu panjang") from None
    except RecursionError:  # tomllib recurses per nested [ or {: found by tests/hostile
        raise InvalidProfile(
            where, "bukan TOML yang sah: kurung [ atau { bersarang terlalu dalam; periksa isinya"
        ) from None
    _no_unknown(data, PROFILE_KEYS, where, "")
    version_format = data.get("format", FORMAT)
    if version_format != FORMAT:
        raise InvalidProfile(where, f"format {version_format} tidak dikenal (versi ini: {FORMAT})")
    name = _text(data, "name", where)
    if not _NAME.fullmatch(name):
        raise InvalidProfile(
            where,
            "name: huruf kecil, angka, titik, garis bawah atau tanda hubung, misalnya bpjs-iuran",
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, str | int) or not str(version).strip():
        raise InvalidProfile(where, 'version wajib diisi (misalnya 1 atau "2026.1")')
    kind = _enum(ProfileKind, data.get("kind"), where, "kind")
    start_row = data.get("start_row", 1)
    if isinstance(start_row, bool) or not isinstance(start_row, int):
        raise InvalidProfile(where, "start_row harus angka bulat (baris judul kolom)")
    if not 1 <= start_row <= MAX_START_ROW:
        raise InvalidProfile(where, f"start_row harus 1 sampai {MAX_START_ROW}")
    return Profile(
        name=name, version=str(version).strip(), kind=kind, title=_text(data, "title", where),
        description=str(data.get("description", "")).strip(), sheet=_sheet(data, where),
        start_row=start_row, columns=_columns(data.get("columns"), kind, where), origin=origin,
        file=file,
    )  # fmt: skip


def _columns(raw_columns: object, kind: ProfileKind, where: str) -> tuple[Column, ...]:
    if not isinstance(raw_columns, list) or not raw_columns:
        raise InvalidProfile(where, "columns: profil harus punya paling sedikit satu [[columns]]")
    columns = tuple(_numbered_column(raw, kind, where, n) for n, raw in enumerate(raw_columns, 1))
    headers = [c.header for c in columns]
    duplicate = next((h for h in headers if headers.count(h) > 1), None)
    if duplicate is not None:
        raise InvalidProfile(where, f"judul kolom '{duplicate}' dipakai lebih dari sekali")
    if "nik" not in {c.source for c in columns}:
        raise InvalidProfile(where, 'profil wajib punya kolom dengan source = "nik"')
    return columns


def _no_unknown(data: Mapping[str, object], allowed: frozenset[str], where: str, what: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise InvalidProfile(
            where, f"{what}kunci '{unknown[0]}' tidak dikenal; yang dikenal: {known}"
        )


def _text(data: Mapping[str, object], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InvalidProfile(where, f"{key} wajib diisi (teks)")
    return value.strip()


def _enum(enum: type[ProfileKind] | type[CellType], value: object, where: str, key: str) -> Any:
    try:
        if not isinstance(value, str):
            raise ValueError(value)
        return enum(value)
    except ValueError:
        codes = ", ".join(m.value for m in enum)
        raise InvalidProfile(where, f"{key} '{value}' tidak dikenal; pilih: {codes}") from None


def _sheet(data: Mapping[str, object], where: str) -> str:
    sheet = _text(data, "sheet", where)
    if (
        len(sheet) > 31
        or _SHEET_FORBIDDEN & set(sheet)
        or sheet.startswith("'")
        or sheet.endswith("'")
    ):
        raise InvalidProfile(
            where,
            "sheet: nama lembar paling banyak 31 huruf, tanpa [ ] : * ? / \\ dan tanpa ' di tepi",
        )
    return sheet


def _numbered_column(raw: object, kind: ProfileKind, where: str, n: int) -> Column:
    try:
        return _column(raw, kind, where)
    except InvalidProfile as exc:
        header = raw.get("header") if isinstance(raw, dict) else None
        named = f" ('{header}')" if isinstance(header, str) and header.strip() else ""
        raise InvalidProfile(where, f"kolom ke-{n}{named}: {exc.message}") from None


def _column(raw: object, kind: ProfileKind, where: str) -> Column:
    if not isinstance(raw, dict):
        raise InvalidProfile(where, "setiap [[columns]] harus berisi header, source dan type")
    _no_unknown(raw, COLUMN_KEYS, where, "")
    header = _text(raw, "header", where)
    source_name = _text(raw, "source", where)
    source = SOURCES.get(source_name)
    if source is None:
        raise InvalidProfile(
            where,
            f"source '{source_name}' tidak dikenal; lihat daftar di resources/profiles/README.md",
        )
    if source.roster_only and kind is not ProfileKind.ROSTER:
        raise InvalidProfile(where, f"source '{source_name}' hanya ada pada profil iuran (roster)")
    cell_type: CellType = _enum(CellType, raw.get("type", "text"), where, "type")
    if cell_type not in ALLOWED_TYPES[source.kind]:
        allowed = ", ".join(sorted(t.value for t in ALLOWED_TYPES[source.kind]))
        reason = " (angka identitas selalu teks)" if source.kind is SourceKind.IDENTIFIER else ""
        raise InvalidProfile(
            where,
            f"source '{source_name}' tidak dapat bertipe {cell_type.value}{reason}; "
            f"pilih: {allowed}",
        )
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise InvalidProfile(where, "required harus true atau false")
    if required and not source.stored:
        raise InvalidProfile(
            where, f"{source_name} tidak disimpan aplikasi, jadi tidak dapat wajib"
        )
    return Column(
        header=header, source=source_name, type=cell_type,
        date_pattern=_date_pattern(raw.get("date_pattern"), source, where), required=required,
        map=_map(raw.get("map"), source, cell_type, where), width=_width(raw.get("width"), where),
    )  # fmt: skip


def _date_pattern(value: object, source: Source, where: str) -> str | None:
    if source.kind is not SourceKind.DATE:
        if value is not None:
            raise InvalidProfile(where, "date_pattern hanya untuk source tanggal")
        return None
    if not isinstance(value, str) or not _PATTERN.fullmatch(value):
        raise InvalidProfile(
            where,
            "date_pattern wajib untuk tanggal: dd, mm, yyyy masing-masing sekali, "
            "misalnya dd-mm-yyyy",
        )
    match = _PATTERN.fullmatch(value)
    assert match is not None
    if {match[1], match[3], match[4]} != {"dd", "mm", "yyyy"}:
        raise InvalidProfile(
            where, "date_pattern harus memuat dd, mm dan yyyy masing-masing sekali"
        )
    return value


def _map(
    value: object, source: Source, cell_type: CellType, where: str
) -> tuple[tuple[str, str | int], ...]:
    codes = FLAG_CODES if source.kind is SourceKind.FLAG else source.choices
    if value is None:
        if cell_type is CellType.INTEGER and source.kind is SourceKind.CHOICE:
            raise InvalidProfile(
                where, "kode pilihan sebagai angka butuh map, misalnya { L = 1, P = 2 }"
            )
        return ()
    if not codes:
        raise InvalidProfile(where, "map hanya untuk source pilihan (sex, segment...) atau program")
    if not isinstance(value, dict):
        raise InvalidProfile(where, 'map harus tabel, misalnya { yes = "Y", no = "T" }')
    unknown = sorted(set(value) - set(codes))
    missing = [code for code in codes if code not in value]
    if unknown or missing:
        raise InvalidProfile(
            where,
            f"map harus memuat tepat kode berikut: {', '.join(codes)}"
            + (f" (tidak dikenal: {', '.join(unknown)})" if unknown else ""),
        )
    pairs: list[tuple[str, str | int]] = []
    for code in codes:
        written = value[code]
        wants_int = cell_type is CellType.INTEGER
        if isinstance(written, bool) or not isinstance(written, int if wants_int else str):
            what = "angka bulat" if wants_int else "teks"
            raise InvalidProfile(
                where, f"map: nilai untuk '{code}' harus {what} (type = {cell_type.value})"
            )
        pairs.append((code, written))
    return tuple(pairs)


def _width(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 255:
        raise InvalidProfile(where, "width harus angka 1 sampai 255 (lebar kolom dalam huruf)")
    return float(value)
