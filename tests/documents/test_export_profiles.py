"""Export profiles as data: the shipped ones, a DPMD's own files, and clear words for bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_kit import REGISTRATION_TOML, ROSTER_TOML

from app.documents.profile_sources import SOURCES, CellType
from app.documents.profiles import (
    InvalidProfile,
    ProfileKind,
    load_profiles,
    parse_profile,
)
from app.domain.errors import InvalidField
from app.resources import resource_dir

SHIPPED = resource_dir() / "profiles"
# DOMAIN.md section 7: the fields every upload variant uses.
DOMAIN_FIELDS = {
    "nik", "name", "birth_place", "birth_date", "sex", "marital_status", "address_full",
    "phone", "email", "mother_name", "start", "wage", "programme.JKK", "programme.JKM",
    "programme.JHT", "programme.JP", "kpj",
}  # fmt: skip


def shipped() -> dict[str, object]:
    catalog = load_profiles([("shipped", SHIPPED)])
    assert catalog.invalid == []
    return dict(catalog.profiles)


def test_shipped_profiles_load_without_problems() -> None:
    catalog = load_profiles([("shipped", SHIPPED)])
    assert catalog.invalid == []
    kinds = {p.name: p.kind for p in catalog.profiles.values()}
    assert kinds == {
        "bpjs-pendaftaran": ProfileKind.REGISTRATION,
        "bpjs-iuran": ProfileKind.ROSTER,
    }


def test_the_generic_registration_profile_has_every_field_of_domain_section_7() -> None:
    profile = load_profiles([("shipped", SHIPPED)]).get(
        "bpjs-pendaftaran", ProfileKind.REGISTRATION
    )
    assert {c.source for c in profile.columns} >= DOMAIN_FIELDS
    email = next(c for c in profile.columns if c.source == "email")
    assert not email.required and not SOURCES["email"].stored


def test_the_roster_profile_has_amounts_per_programme_and_total() -> None:
    profile = load_profiles([("shipped", SHIPPED)]).get("bpjs-iuran", ProfileKind.ROSTER)
    sources = [c.source for c in profile.columns]
    for needed in ("nik", "name", "segment", "payer", "wage", "amount.JKK", "amount.JKM",
                   "amount.JHT", "amount.JP", "total"):  # fmt: skip
        assert needed in sources
    assert all(c.type is CellType.MONEY for c in profile.columns if c.source.startswith("amount"))


def test_every_identifier_in_the_shipped_profiles_is_a_text_column() -> None:
    catalog = load_profiles([("shipped", SHIPPED)])
    for profile in catalog.profiles.values():
        for column in profile.columns:
            if column.source in ("nik", "no_kk", "kpj", "npp", "phone"):
                assert column.type is CellType.TEXT, (profile.name, column.header)


def test_a_profile_file_parses_into_columns() -> None:
    profile = parse_profile(REGISTRATION_TOML, file="x/uji-daftar.toml", origin="user")
    assert (profile.name, profile.version, profile.kind) == (
        "uji-daftar",
        "2026.2",
        ProfileKind.REGISTRATION,
    )
    assert (profile.sheet, profile.start_row, profile.origin) == ("Daftar", 3, "user")
    birth = profile.columns[3]
    assert (birth.source, birth.type, birth.date_pattern, birth.required) == (
        "birth_date",
        CellType.TEXT,
        "dd-mm-yyyy",
        True,
    )


def test_an_integer_version_is_kept_as_text() -> None:
    profile = parse_profile(ROSTER_TOML.replace('version = "3"', "version = 3"))
    assert profile.version == "3"


BAD = [
    ("name = ", "bukan TOML yang sah"),
    (ROSTER_TOML.replace('source = "address"', 'source = "address", requried = true'),
     "kunci 'requried' tidak dikenal"),
    (ROSTER_TOML.replace('source = "address"', 'source = "alamat"'), "source 'alamat'"),
    (ROSTER_TOML.replace('source = "nik", required = true',
                         'source = "nik", type = "integer"'), "angka identitas selalu teks"),
    (ROSTER_TOML.replace('source = "phone"', 'source = "phone", type = "money"'),
     "angka identitas selalu teks"),
    (REGISTRATION_TOML.replace('source = "kpj"', 'source = "amount.JKK", type = "money"'),
     "hanya ada pada profil iuran"),
    (REGISTRATION_TOML.replace(', date_pattern = "dd/mm/yyyy"', ""), "date_pattern wajib"),
    (REGISTRATION_TOML.replace('"dd/mm/yyyy"', '"dd/mm/yy"'), "date_pattern wajib"),
    (REGISTRATION_TOML.replace('"dd/mm/yyyy"', '"dd/dd/yyyy"'), "masing-masing sekali"),
    (REGISTRATION_TOML.replace("{ L = \"L\", P = \"P\" }", "{ L = \"L\" }"),
     "map harus memuat tepat kode"),
    (REGISTRATION_TOML.replace("{ L = \"L\", P = \"P\" }", "{ L = \"L\", P = \"P\", X = \"X\" }"),
     "tidak dikenal: X"),
    (REGISTRATION_TOML.replace("{ yes = 1, no = 0 }", "{ yes = \"Y\", no = \"T\" }"),
     "harus angka bulat"),
    (REGISTRATION_TOML.replace('source = "email"', 'source = "email", required = true'),
     "tidak disimpan"),
    (ROSTER_TOML.replace('{ header = "NIK", source = "nik", required = true },', ""),
     'source = "nik"'),
    (ROSTER_TOML.replace('header = "Nama"', 'header = "NIK"'), "dipakai lebih dari sekali"),
    (ROSTER_TOML.replace('sheet = "Iuran"', 'sheet = "Iuran/2026"'), "sheet:"),
    (ROSTER_TOML.replace("start_row = 1", "start_row = 0"), "start_row harus 1 sampai"),
    ("format = 2\n" + ROSTER_TOML, "format 2 tidak dikenal"),
    (ROSTER_TOML.replace('name = "uji-iuran"', 'name = "Uji Iuran"'), "name:"),
    (ROSTER_TOML.replace('version = "3"', 'version = ""'), "version wajib"),
    (ROSTER_TOML.replace('kind = "roster"', 'kind = "bulanan"'), "kind 'bulanan' tidak dikenal"),
    (ROSTER_TOML.replace('type = "money", required', 'type = "currency", required'),
     "type 'currency' tidak dikenal"),
    (ROSTER_TOML.split("columns")[0] + "columns = []", "paling sedikit satu"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "says"), BAD, ids=[says for _, says in BAD])
def test_a_bad_profile_is_refused_with_words_naming_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(InvalidProfile) as caught:
        parse_profile(text, file="/data/profiles/contoh.toml")
    assert says in caught.value.message
    assert caught.value.field == "contoh.toml"


def test_a_column_error_names_the_column_number() -> None:
    text = ROSTER_TOML.replace('source = "address"', 'source = "alamat"')
    with pytest.raises(InvalidProfile) as caught:
        parse_profile(text, file="contoh.toml")
    assert "kolom ke-4" in caught.value.message


def test_a_toml_syntax_error_names_the_line() -> None:
    with pytest.raises(InvalidProfile) as caught:
        parse_profile('name = "a"\nversion = \n', file="contoh.toml")
    assert "baris 2" in caught.value.message


def write_profile(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_user_file_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    user = tmp_path / "profiles"
    write_profile(user, "uji-iuran.toml", ROSTER_TOML)
    bad = write_profile(user, "rusak.toml", ROSTER_TOML.replace('source = "nik"', 'source = "x"'))
    catalog = load_profiles([("shipped", SHIPPED), ("user", user)])
    assert set(catalog.profiles) == {"bpjs-pendaftaran", "bpjs-iuran", "uji-iuran"}
    assert [(p.file, "source 'x'" in p.message) for p in catalog.invalid] == [(str(bad), True)]


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "profiles"
    user.mkdir()
    (user / "latin.toml").write_bytes(b'name = "caf\xe9"\n')
    catalog = load_profiles([("user", user)])
    assert catalog.profiles == {}
    assert "tidak dapat dibaca" in catalog.invalid[0].message


def test_a_user_profile_replaces_the_shipped_one_of_the_same_name(tmp_path: Path) -> None:
    text = ROSTER_TOML.replace('"uji-iuran"', '"bpjs-iuran"').replace('"3"', '"99"')
    write_profile(tmp_path / "profiles", "iuran-kabupaten.toml", text)
    catalog = load_profiles([("shipped", SHIPPED), ("user", tmp_path / "profiles")])
    chosen = catalog.get("bpjs-iuran", ProfileKind.ROSTER)
    assert (chosen.version, chosen.origin) == ("99", "user")


def test_two_files_of_one_folder_with_the_same_name_keep_the_first(tmp_path: Path) -> None:
    user = tmp_path / "profiles"
    write_profile(user, "a.toml", ROSTER_TOML)
    write_profile(user, "b.toml", ROSTER_TOML.replace('"3"', '"4"'))
    catalog = load_profiles([("user", user)])
    assert catalog.profiles["uji-iuran"].version == "3"
    assert "sudah dipakai oleh a.toml" in catalog.invalid[0].message


def test_a_missing_user_folder_is_simply_empty(tmp_path: Path) -> None:
    catalog = load_profiles([("shipped", SHIPPED), ("user", tmp_path / "tidak-ada")])
    assert catalog.invalid == [] and len(catalog.profiles) == 2


def test_asking_for_an_unknown_profile_lists_the_ones_of_that_kind() -> None:
    catalog = load_profiles([("shipped", SHIPPED)])
    with pytest.raises(InvalidField) as caught:
        catalog.get("sipp-2019", ProfileKind.ROSTER)
    assert caught.value.field == "profile"
    assert "profil 'sipp-2019' tidak ada; pilih: bpjs-iuran" in caught.value.message


def test_asking_for_a_profile_of_the_other_kind_is_refused() -> None:
    catalog = load_profiles([("shipped", SHIPPED)])
    with pytest.raises(InvalidField, match="untuk pendaftaran baru, bukan iuran bulanan"):
        catalog.get("bpjs-pendaftaran", ProfileKind.ROSTER)


def test_asking_for_a_profile_whose_file_is_bad_says_why(tmp_path: Path) -> None:
    user = tmp_path / "profiles"
    write_profile(user, "bpjs-iuran.toml", ROSTER_TOML.replace('"roster"', '"bulanan"'))
    catalog = load_profiles([("shipped", SHIPPED), ("user", user)])
    with pytest.raises(InvalidField) as caught:
        catalog.get("bpjs-iuran", ProfileKind.ROSTER)
    assert "bpjs-iuran.toml tidak sah" in caught.value.message
