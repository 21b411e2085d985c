"""A fast .xlsx serialiser for large export tables (the kabupaten's consolidated roster:
135,000 lines x 12 columns), cell-for-cell the same workbook content as
`xlsx_export.write_table` / `xlsx_workbook.write_tables` write through openpyxl.

openpyxl spends 10-40 microseconds per cell in Python, which puts 1.6 million cells far over
the server's 10-second budget. Here every row becomes one string of SpreadsheetML: text as
inline strings (`t="inlineStr"`, as XlsxWriter's constant-memory mode writes them, never a
formula), whole numbers as numbers, dates as serial numbers with the profile's number format,
and text that looks like a formula with the quotePrefix style. Whatever writes the file, the
caller reads it back and compares every cell (xlsx_check) before the file gets its name.

Pure: stdlib only.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from app.documents.export_table import Table, looks_like_formula
from app.documents.profiles import Profile
from app.documents.xlsx_export import DocumentInfo, _custom, _number_format

EXCEL_EPOCH = date(1899, 12, 30)
_ROWS_PER_CHUNK = 2000
_NEEDS_ESCAPE = re.compile(r"[&<>\r]")
# An XML parser turns a raw CR into LF; as a character reference it survives.
_ENTITIES = {"\r": "&#13;"}
_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_tables_fast(fh: IO[bytes], tables: Sequence[Table], info: DocumentInfo) -> None:
    """The same sheets as xlsx_workbook.write_tables, written without openpyxl."""
    names = [t.profile.sheet for t in tables]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names must differ: {names}")
    formats = sorted({_number_format(c) for t in tables for c in t.profile.columns})
    date_style = {fmt: 2 + i for i, fmt in enumerate(formats)}
    with zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(tables)))
        archive.writestr("_rels/.rels", _root_rels())
        archive.writestr("docProps/core.xml", _core(tables[0].profile, info))
        archive.writestr("docProps/app.xml", _app())
        archive.writestr("docProps/custom.xml", _custom_xml(_custom(tables[0].profile, info)))
        archive.writestr("xl/workbook.xml", _workbook(names))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(tables)))
        archive.writestr("xl/styles.xml", _styles(formats))
        for index, table in enumerate(tables, 1):
            columns = [date_style[_number_format(c)] for c in table.profile.columns]
            with archive.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True) as out:
                for chunk in _sheet(table, columns):
                    out.write(chunk.encode("utf-8"))


def _letters(count: int) -> list[str]:
    found = []
    for column in range(1, count + 1):
        letters, n = "", column
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        found.append(letters)
    return found


def _sheet(table: Table, date_styles: list[int]) -> Iterator[str]:
    profile = table.profile
    yield f'{_HEAD}<worksheet xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
    widths = [(i, c.width) for i, c in enumerate(profile.columns, 1) if c.width]
    if widths:
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in widths)
        yield f"<cols>{cols}</cols>"
    yield "<sheetData>"
    letters = _letters(len(profile.columns))
    header_row = profile.start_row
    header_styled = tuple(
        i for i, h in enumerate(table.header) if isinstance(h, str) and looks_like_formula(h)
    )
    rows = [(header_row, table.header, header_styled)]
    first = header_row + 1
    lines: list[str] = [_row(n, row, styled, letters, date_styles) for n, row, styled in rows]
    for offset, (row, styled) in enumerate(zip(table.rows, table.styled, strict=True)):
        lines.append(_row(first + offset, row, styled, letters, date_styles))
        if len(lines) >= _ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)
    yield "</sheetData></worksheet>"


def _row(
    n: int, row: Sequence[object], styled: tuple[int, ...], letters: list[str], dates: list[int]
) -> str:
    parts = [f'<row r="{n}">']
    append = parts.append
    for i, value in enumerate(row):
        if value is None or value == "":  # openpyxl writes no cell for "" either
            continue
        kind = type(value)
        if kind is str:
            text: str = value  # type: ignore[assignment]
            if _NEEDS_ESCAPE.search(text):
                text = escape(text, _ENTITIES)
            style = ' s="1"' if i in styled else ""
            append(
                f'<c r="{letters[i]}{n}"{style} t="inlineStr"><is><t xml:space="preserve">'
                f"{text}</t></is></c>"
            )
        elif kind is int:
            append(f'<c r="{letters[i]}{n}"><v>{value}</v></c>')
        elif isinstance(value, date):
            serial = (value - EXCEL_EPOCH).days
            append(f'<c r="{letters[i]}{n}" s="{dates[i]}"><v>{serial}</v></c>')
        else:
            raise TypeError(f"unexpected cell value {value!r}")
    append("</row>")
    return "".join(parts)


def _content_types(sheets: int) -> str:
    sheet_parts = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, sheets + 1)
    )
    return (
        f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.extended-properties+xml"/>'
        '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
        f'officedocument.custom-properties+xml"/>{sheet_parts}</Types>'
    )


def _root_rels() -> str:
    return (
        f'{_HEAD}<Relationships xmlns="{_NS_PKG}">'
        f'<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_DOC_REL}/extended-properties" '
        'Target="docProps/app.xml"/>'
        f'<Relationship Id="rId4" Type="{_DOC_REL}/custom-properties" '
        'Target="docProps/custom.xml"/></Relationships>'
    )


def _core(profile: Profile, info: DocumentInfo) -> str:
    description = info.description or profile.description
    fields = [
        ("dc:title", profile.title),
        ("dc:subject", f"Profil ekspor {profile.name} versi {profile.version}"),
        ("dc:creator", "Payung Desa"),
        ("cp:keywords", f"payung-profile={profile.name}; payung-profile-version={profile.version}"),
        ("dc:description", description),
    ]
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value)
    return (
        f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{body}</cp:coreProperties>'
    )


def _app() -> str:
    return (
        f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>Payung Desa</Application></Properties>'
    )


def _custom_xml(properties: dict[str, str]) -> str:
    items = "".join(
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
        f"pid={quoteattr(str(pid))} name={quoteattr(name)}><vt:lpwstr>{escape(value)}"
        "</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), 2)
    )
    return (
        f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{items}</Properties>'
    )


def _workbook(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, 1)
    )
    return (
        f'{_HEAD}<workbook xmlns="{_NS_MAIN}" xmlns:r="{_NS_REL}">'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(sheets: int) -> str:
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, sheets + 1)
    )
    styles = f'<Relationship Id="rId{sheets + 1}" Type="{_DOC_REL}/styles" Target="styles.xml"/>'
    return f'{_HEAD}<Relationships xmlns="{_NS_PKG}">{items}{styles}</Relationships>'


def _styles(formats: list[str]) -> str:
    """xf 0: default; 1: quotePrefix (literal text); 2...: one per date number format."""
    numfmts = "".join(
        f'<numFmt numFmtId="{164 + i}" formatCode={quoteattr(fmt)}/>'
        for i, fmt in enumerate(formats)
    )
    date_xfs = "".join(
        f'<xf numFmtId="{164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        for i in range(len(formats))
    )
    return (
        f'{_HEAD}<styleSheet xmlns="{_NS_MAIN}">'
        f'<numFmts count="{len(formats)}">{numfmts}</numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{2 + len(formats)}">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
        f"{date_xfs}</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
