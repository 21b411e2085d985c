"""Job titles and category words as village lists write them, mapped to worker categories.

An explicit category (code, label or a word like "Perangkat") is read by `category_of_text`;
a job title ("Kaur Keuangan", "Ketua RT 01", "Kamituwo Krajan", "Guru TPQ Al-Ikhlas") by
`category_of_title`. Unknown titles give None: the importer keeps the title as the position,
files the person under `lainnya` and warns.
"""

from __future__ import annotations

import functools
import re

from app.domain.categories import Category

_NOT_WORD = re.compile(r"[^0-9a-z]+")

# Checked in order: BPD before "sekretaris" and "ketua", buruh tani before petani.
_RULES: tuple[tuple[re.Pattern[str], Category], ...] = tuple(
    (re.compile(pattern), category)
    for pattern, category in (
        (r"\bbpd\b|badan permusyawaratan", Category.BPD),
        (r"^(pj |pjs |plt |penjabat )?(kades|kepala desa|petinggi|kuwu|lurah|kepala kampung|"
         r"wali nagari|geuchik|keuchik|perbekel|hukum tua|pambakal)\b", Category.KEPALA_DESA),
        (r"^(pj |pjs |plt )?(sekdes|sekretaris desa|carik|juru tulis desa)\b",
         Category.SEKRETARIS_DESA),
        (r"^(ketua )?(rt|rukun tetangga)\b", Category.KETUA_RT),
        (r"^(ketua )?(rw|rukun warga)\b", Category.KETUA_RW),
        (r"^(pj |pjs |plt )?(kaur|kasi|kasun|kadus|kadun|kawil|kamituwo|kepala dusun|"
         r"kepala urusan|kepala seksi|kepala lingkungan|kebayan|bayan|modin|jogoboyo|jagabaya|"
         r"jogotirto|ulu ulu|kepetengan|staf desa|staf|staff desa|perangkat desa|perangkat|"
         r"bendahara desa|operator desa)\b", Category.PERANGKAT_DESA),
        (r"posyandu", Category.KADER_POSYANDU),
        (r"\b(linmas|hansip|satlinmas|kasatlinmas|perlindungan masyarakat)\b", Category.LINMAS),
        (r"\b(guru ngaji|guru mengaji|guru tpq|guru tpa|guru madin|guru diniyah|ustadz|ustadzah|"
         r"ustad|ustaz|ustazah|pengajar tpq|guru al quran)\b", Category.GURU_NGAJI),
        (r"\b(marbot|marbut|merbot|takmir|ta mir)\b", Category.MARBOT),
        (r"\b(buruh tani|buruh harian lepas pertanian|buruh pertanian)\b", Category.BURUH_TANI),
        (r"\b(petani|pekebun|tani)\b", Category.PETANI),
        (r"\bnelayan\b", Category.NELAYAN),
        (r"\b(tukang|kuli bangunan|buruh bangunan|pekerja konstruksi|pekerja bangunan|kuli|"
         r"mandor bangunan)\b", Category.PEKERJA_KONSTRUKSI),
        (r"\b(pedagang|umkm|usaha mikro|penjual|warung|pengusaha kecil)\b", Category.UMKM),
        (r"^lain lain$|^lainnya$", Category.LAINNYA),
    )
)  # fmt: skip

_BY_NAME: dict[str, Category] = {
    **{_NOT_WORD.sub(" ", c.value).strip(): c for c in Category},
    **{_NOT_WORD.sub(" ", c.label.lower()).strip(): c for c in Category},
    "bpd": Category.BPD,
    "rt": Category.KETUA_RT,
    "rw": Category.KETUA_RW,
    "kader": Category.KADER_POSYANDU,
    "umkm": Category.UMKM,
    "konstruksi": Category.PEKERJA_KONSTRUKSI,
}


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", text.lower()).strip()


@functools.lru_cache(maxsize=4096, typed=True)  # a list repeats its titles
def category_of_title(title: str) -> Category | None:
    words = _words(title)
    if not words:
        return None
    for pattern, category in _RULES:
        if pattern.search(words):
            return category
    return None


@functools.lru_cache(maxsize=1024, typed=True)
def category_of_text(text: str) -> Category | None:
    """An explicit Kategori cell: a code (`perangkat_desa`), a label (`Anggota BPD`), or a
    title the rules know."""
    words = _words(text)
    if not words:
        return None
    return _BY_NAME.get(words) or category_of_title(text)
