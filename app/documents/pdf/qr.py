"""QR codes drawn as vector paths (segno makes the matrix, the canvas gets one filled path).

reportlab's own QR widget builds one drawing object per module and costs ~10 ms a symbol;
this costs ~0.6 ms, which matters for a batch of 1,000 receipts (DESIGN.md section 10).
"""

from __future__ import annotations

from typing import Any

# segno tries all 8 masks and keeps the best by the standard's penalty score: ~2.2 ms of pure
# Python per symbol. Any mask is a valid QR code that every reader decodes (the tests decode
# them back with zbar); a fixed one makes a symbol 4x cheaper.
MASK = 0
QUIET_ZONE = 4  # modules of white around the symbol that nothing may be drawn on


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The module rows, top first; 1 is dark. Error correction M (15 % of the symbol)."""
    import segno

    matrix: tuple[bytearray, ...] = segno.make_qr(text, error="m", mask=MASK).matrix
    return matrix


def qr_path_ops(matrix: tuple[bytearray, ...]) -> str:
    """PDF path operators for the dark modules in module units (origin bottom-left): one
    rectangle per horizontal run. One path, one fill: no hairline seams between modules."""
    size = len(matrix)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        y = size - 1 - r
        c = 0
        while c < size:
            if row[c]:
                start = c
                while c < size and row[c]:
                    c += 1
                ops.append(f"{start} {y} {c - start} 1 re")
            else:
                c += 1
    ops.append("f")
    return "\n".join(ops)


def draw_qr(canvas: Any, text: str, *, x: float, y: float, size: float) -> None:
    """Draw `text` as a QR code whose symbol (without quiet zone) has its lower-left corner at
    (x, y) and is `size` points wide. Keep QUIET_ZONE modules around it free of ink."""
    matrix = qr_matrix(text)
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(module, 0, 0, module, x, y)
    canvas.addLiteral(qr_path_ops(matrix))
    canvas.restoreState()
