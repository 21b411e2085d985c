"""Render packaging/icons/payung.svg to payung.png (256 px) and a multi-size payung.ico.

Run by hand after editing the SVG (the generated files are committed, so a build needs neither
Qt's SVG module nor Pillow):

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Qt draws the SVG (QtSvg ships with PySide6-Essentials); Pillow, when present, writes the .ico,
each size resampled from the 256 px drawing.
"""

from __future__ import annotations

import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(svg: Path, png: Path, size: int = 256) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(png), "PNG"):
        raise SystemExit(f"make_icons: could not write {png}")


def write_ico(png: Path, ico: Path) -> None:
    from PIL import Image

    with Image.open(png) as image:
        image.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES])


def main() -> int:
    svg, png, ico = ICONS / "payung.svg", ICONS / "payung.png", ICONS / "payung.ico"
    render_png(svg, png)
    write_ico(png, ico)
    print(f"{png} and {ico} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
