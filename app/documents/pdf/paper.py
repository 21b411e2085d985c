"""Paper sizes the village printers take: A4 and F4 (folio, 215 x 330 mm)."""

from __future__ import annotations

from enum import StrEnum

from app.domain.errors import InvalidField

MM = 72 / 25.4  # points per millimetre


class Paper(StrEnum):
    A4 = "A4"
    F4 = "F4"

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) in PDF points, portrait."""
        millimetres = {Paper.A4: (210, 297), Paper.F4: (215, 330)}[self]
        return millimetres[0] * MM, millimetres[1] * MM

    @classmethod
    def parse(cls, text: str, *, field: str = "paper") -> Paper:
        try:
            return cls(text.strip().upper())
        except ValueError:
            raise InvalidField(
                field, f"ukuran kertas '{text}' tidak dikenal; pilih A4 atau F4"
            ) from None
