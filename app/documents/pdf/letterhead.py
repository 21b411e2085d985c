"""The village letterhead and the titles of its officials, shared by receipts and recaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.documents.pdf.fonts import BOLD, REGULAR
from app.documents.pdf.text import PageText


@dataclass(frozen=True, slots=True)
class Letterhead:
    """Who issues the paper: the village profile, as the services hand it over."""

    code: str  # PP.KK.CC.DDDD
    name: str
    kecamatan: str
    kabupaten: str
    province: str
    address: str | None = None
    head_name: str | None = None
    secretary_name: str | None = None

    @property
    def is_kelurahan(self) -> bool:
        """A kelurahan's 4-digit part starts with 1 (DOMAIN.md glossary); it has a lurah."""
        return self.code.replace(".", "")[6:7] == "1"

    @property
    def unit(self) -> str:
        return "Kelurahan" if self.is_kelurahan else "Desa"

    @property
    def head_title(self) -> str:
        return "Lurah" if self.is_kelurahan else "Kepala Desa"

    @property
    def secretary_title(self) -> str:
        return f"Sekretaris {self.unit}"

    def lines(self) -> list[tuple[str, str]]:
        """(style, text) from top to bottom; style is `upper`, `name` or `small`."""
        small = " · ".join(part for part in (self.address, f"Kode wilayah {self.code}") if part)
        return [
            ("upper", f"PEMERINTAH {_kabupaten(self.kabupaten)}"),
            ("upper", f"KECAMATAN {_drop_prefix(self.kecamatan, 'kecamatan', 'kec.').upper()}"),
            ("name", f"{self.unit.upper()} {_drop_prefix(self.name, 'desa', 'kelurahan').upper()}"),
            ("small", small),
        ]


def _drop_prefix(text: str, *prefixes: str) -> str:
    """`Kecamatan Paron` and `Paron` both give `Paron` (profiles are typed either way)."""
    lowered = text.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix + " "):
            return text[len(prefix) + 1 :].strip()
    return text.strip()


def _kabupaten(text: str) -> str:
    """`KABUPATEN NGAWI` from `Ngawi` or `Kabupaten Ngawi`; a city stays `KOTA BATU`."""
    if text.lower().startswith("kota "):
        return text.upper()
    return f"KABUPATEN {_drop_prefix(text, 'kabupaten', 'kab.').upper()}"


def draw_letterhead(
    c: Any, text: PageText, letterhead: Letterhead, *, left: float, right: float, top: float
) -> float:
    """The kop surat centred between left and right below `top`, closed by a double rule.
    Returns the y of the lower rule (about 78 points below `top`)."""
    centre = (left + right) / 2
    y = top - 12
    sizes = {"upper": (BOLD, 12.5, 15.5), "name": (BOLD, 16, 15.5), "small": (REGULAR, 9, 10)}
    for style, line in letterhead.lines():
        font, size, advance = sizes[style]
        text.fitted_centre(centre, y, line, font=font, size=size, width=right - left)
        y -= advance
    c.setLineWidth(1.8)
    c.line(left, y, right, y)
    c.setLineWidth(0.6)
    c.line(left, y - 3, right, y - 3)
    return y - 3
