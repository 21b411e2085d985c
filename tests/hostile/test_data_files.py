"""Profile TOML and rate CSV files, mutated: every variant either loads or is refused with the
loader's own error (InvalidProfile / InvalidRateRow) in Indonesian naming the file - never
another exception. `load_profiles` on a user folder never raises: a bad file is listed with
its problem and the good profiles still load.

Mutations start from the shipped files: characters replaced, inserted or deleted, lines cut,
duplicated or swapped, plus hand-made hostile texts (deep nesting, huge cells, NULs, bytes
that are not UTF-8).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents.profiles import InvalidProfile, load_profiles, parse_profile
from app.domain.rates import InvalidRateRow, parse_rate_csv
from app.resources import resource_dir
from tests.hostile.conftest import fuzz_examples
from tests.wording import words

PROFILES = sorted((resource_dir() / "profiles").glob("*.toml"))
RATES = sorted((resource_dir() / "rates").glob("*.csv"))
_ENGLISH = {"the", "invalid", "cannot", "expected", "codec", "decode", "line", "column", "at"}
_INDONESIAN = {
    "tidak",
    "harus",
    "bukan",
    "wajib",
    "kolom",
    "baris",
    "periksa",
    "sah",
    "nilai",
    "terlalu",
    "berkas",
    "isi",
    "dikenal",
    "sudah",
    "boleh",
    "profil",
    "atau",
    "misalnya",
    "huruf",
    "dan",
    "yang",
    "di",
    "ada",
}
_FUZZ = settings(max_examples=fuzz_examples(80), deadline=None, database=None)


@st.composite
def mutated(draw: st.DrawFn, texts: list[str]) -> str:
    text = draw(st.sampled_from(texts))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.splitlines(keepends=True) or [""]
        at = draw(st.integers(0, max(0, len(text) - 1)))
        kind = draw(st.sampled_from(["replace", "insert", "delete", "cut", "dup", "swap"]))
        piece = draw(
            st.text(max_size=8)
            | st.sampled_from(
                [
                    '"',
                    "'",
                    "[",
                    "]",
                    "{",
                    "}",
                    "=",
                    ",",
                    "\n",
                    "\x00",
                    "#",
                    "\\",
                    "1e999",
                    "-1",
                    "9" * 400,
                    "[[columns]]",
                    '"""',
                    "\r\n",
                    "\ufeff",
                ]
            )
        )
        if kind == "replace":
            text = text[:at] + piece + text[at + len(piece) :]
        elif kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "cut":
            text = text[:at]
        else:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "dup":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


def assert_worded(message: str) -> None:
    found = words(re.sub(r"'[^']*'", "", message))  # the file's own text, quoted, may be anything
    assert found & _INDONESIAN and not found & _ENGLISH, message


def profile_outcome(text: str) -> None:
    try:
        parse_profile(text, file="/tmp/desa.toml", origin="user")
    except InvalidProfile as error:
        assert error.field == "desa.toml", error
        assert_worded(error.message)


def rate_outcome(text: str) -> None:
    try:
        parse_rate_csv(text, source="tarif.csv")
    except InvalidRateRow as error:
        assert error.field.startswith("tarif.csv"), error
        assert error.message


@_FUZZ
@given(text=mutated([p.read_text(encoding="utf-8") for p in PROFILES]))
def test_mutated_profiles_load_or_are_refused_in_indonesian(text: str) -> None:
    profile_outcome(text)


@_FUZZ
@given(text=mutated([p.read_text(encoding="utf-8") for p in RATES]))
def test_mutated_rate_files_load_or_are_refused(text: str) -> None:
    rate_outcome(text)


HOSTILE_TOML = {
    "deep arrays": "name = " + "[" * 50_000,
    "deep tables": "name = " + "{a=" * 20_000,
    "NUL": 'name = "a\x00b"',
    "huge string": 'name = "' + "x" * 2_000_000 + '"',
    "huge integer": "start_row = " + "9" * 5000,
    "many keys": "\n".join(f"k{i} = {i}" for i in range(50_000)),
}
HOSTILE_CSV = {
    "huge cell": "code," + "x" * 200_000,
    "unclosed quote": 'code,"' + "y" * 200_000,
    "NUL": "\x00" * 100,
    "only header": "",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TOML))
def test_hostile_profile_text(case: str) -> None:
    profile_outcome(HOSTILE_TOML[case])


@pytest.mark.parametrize("case", sorted(HOSTILE_CSV))
def test_hostile_rate_text(case: str) -> None:
    header = RATES[0].read_text(encoding="utf-8").splitlines()[0]
    rate_outcome(HOSTILE_CSV[case])
    rate_outcome(header + "\n" + HOSTILE_CSV[case])


@settings(max_examples=fuzz_examples(20), deadline=None, database=None)
@given(raw=st.binary(max_size=300) | mutated([PROFILES[0].read_text("utf-8")]).map(str.encode))
def test_a_user_folder_with_a_bad_file_still_loads_the_rest(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        user = Path(folder)
        (user / "aa-rusak.toml").write_bytes(raw)
        (user / "deep.toml").write_text(HOSTILE_TOML["deep arrays"], encoding="utf-8")
        catalog = load_profiles([("shipped", resource_dir() / "profiles"), ("user", user)])
        assert {p.stem for p in PROFILES} <= set(catalog.profiles) | {"x"}
        problems = {Path(p.file).name: p.message for p in catalog.invalid}
        assert "deep.toml" in problems
        for message in problems.values():
            assert_worded(message)
