"""Hostile spreadsheet files, made here (no binary fixtures): zip bombs, huge declared sheets,
many-entry zips, entity expansion, and an ODS whose repeat attributes claim every cell.

Each builder writes a file to `path` and returns it. Sizes are parameters, so a long local run
can make them bigger.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""  # noqa: E501
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""  # noqa: E501
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Daftar" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WB_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""  # noqa: E501
_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "{dimension}<sheetData>"
)
_SHEET_CLOSE = "</sheetData></worksheet>"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>'
)


def _xlsx(path: Path, sheet_chunks: object, *, extra: int = 0) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in sheet_chunks:  # type: ignore[attr-defined]
                sheet.write(chunk.encode())
        for n in range(extra):
            archive.writestr(f"xl/media/leeg{n}.xml", "")
    return path


def zip_bomb_xlsx(path: Path, inflated_mb: int = 1024) -> Path:
    """A small .xlsx whose one sheet inflates to `inflated_mb` MB of rows."""
    row = '<row><c t="inlineStr"><is><t>3521011201900001</t></is></c><c><v>1</v></c></row>'
    block = row * (1024 * 1024 // len(row))

    def chunks() -> object:
        yield _SHEET_OPEN.format(doctype="", dimension="") + HEADER_ROW
        for _ in range(inflated_mb):
            yield block
        yield _SHEET_CLOSE

    return _xlsx(path, chunks())


def huge_dimension_xlsx(path: Path) -> Path:
    """Two cells, at A1 and at the last cell of a sheet (XFD1048576): 17 billion cells."""
    last = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    sheet = (
        _SHEET_OPEN.format(doctype="", dimension='<dimension ref="A1:XFD1048576"/>')
        + HEADER_ROW
        + last
        + _SHEET_CLOSE
    )
    return _xlsx(path, [sheet])


def declared_only_xlsx(path: Path) -> Path:
    """A dimension that claims every cell while the sheet holds two."""
    sheet = (
        _SHEET_OPEN.format(doctype="", dimension='<dimension ref="A1:XFD1048576"/>')
        + HEADER_ROW
        + _SHEET_CLOSE
    )
    return _xlsx(path, [sheet])


def many_entries_xlsx(path: Path, entries: int = 100_000) -> Path:
    sheet = _SHEET_OPEN.format(doctype="", dimension="") + HEADER_ROW + _SHEET_CLOSE
    return _xlsx(path, [sheet], extra=entries)


def laughs_xlsx(path: Path, levels: int = 10) -> Path:
    """The billion laughs: entities that expand to 10**levels copies of "lol"."""
    defs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)
    ]
    doctype = "<!DOCTYPE worksheet [" + "".join(defs) + "]>"
    cell = f'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol{levels - 1};</t></is></c></row>'
    sheet = _SHEET_OPEN.format(doctype=doctype, dimension="") + HEADER_ROW + cell + _SHEET_CLOSE
    return _xlsx(path, [sheet])


def repeated_ods(path: Path) -> Path:
    """An .ods of a few hundred bytes whose repeat attributes claim 1,048,576 rows of 16,384
    cells that hold text."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Daftar">'
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
        "<text:p>3521011201900001</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "mimetype",
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def long_line_csv(path: Path, megabytes: int = 64) -> Path:
    """A header line, then one line of `megabytes` MB without a line break."""
    with path.open("wb") as fh:
        fh.write(b"NIK;Nama\n")
        block = b"3521011201900001;" * (1024 * 1024 // 17)
        for _ in range(megabytes):
            fh.write(block)
    return path
