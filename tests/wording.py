"""What every user-facing error message must be: Indonesian, and saying what to do about it."""

from __future__ import annotations

import re

_INDONESIAN = {
    "harus", "tidak", "wajib", "periksa", "bukan", "belum", "sudah", "pilih", "isi", "tulis",
    "yang", "dan", "atau", "di", "ke", "dari", "ada", "angka", "tanggal", "berkas", "desa",
    "terlalu", "huruf", "nama", "kode", "rusak", "lebih",
}  # fmt: skip
_ENGLISH = {"the", "must", "please", "should", "invalid", "cannot", "enter", "wrong", "field"}
# Words that tell the person the fix: an instruction, the rule to meet, or an example.
_FIX = (
    "periksa", "pilih", "isi", "tulis", "ketik", "jalankan", "perbarui", "pulihkan", "ubah",
    "gunakan", "misalnya", "paling banyak", "harus", "wajib", "tidak perlu", "diawali",
)  # fmt: skip


def words(message: str) -> set[str]:
    return set(re.findall(r"[a-z]+", message.lower()))


def assert_indonesian_with_fix(message: str) -> None:
    found = words(message)
    assert found & _INDONESIAN, f"not Indonesian: {message!r}"
    assert not found & _ENGLISH, f"English words in: {message!r}"
    assert any(fix in message.lower() for fix in _FIX), f"names no fix: {message!r}"
