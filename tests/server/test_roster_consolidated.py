"""The consolidated monthly roster: locked villages only, the desktop's profiles, read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from rostertools import PERIOD, PU_AMOUNTS, add_village, person, run_cli

from app.documents.export_table import ExportRefused
from app.documents.profiles import ProfileKind
from app.domain.period import Period
from app.domain.rates import Payer
from app.server import roster
from app.server.db import ServerDatabase

NOV = Period(2026, 11)


def _three_villages(db: ServerDatabase) -> dict[str, list[roster.Any]]:
    """A (2001): two locked apbd lines (one PU with JHT, one named like a formula), plus an
    apbdes line and a void line that must not appear; B (2002): one paid, one locked line;
    C (2003): a draft line (missing); D (2004): no line at all (missing)."""
    with db.sessions.begin() as s:
        a = add_village(s, "35.21.01.2001", "Sukamaju", "Ngawi", npp="NPP-001")
        b = add_village(s, "35.21.01.2002", "Karanganyar", "Paron")
        c = add_village(s, "35.21.02.2003", "Jogorogo", "Jogorogo")
        add_village(s, "35.21.02.2004", "Kendal", "Kendal")
        people = {
            "a": [
                person(s, a, 1, name="Budi Santoso", kpj="12345678901"),
                person(
                    s,
                    a,
                    2,
                    name="=SUM(A1:A9)",
                    enrollment={"kpj": "10987654321"},
                    contribution={"segment": "PU", "wage": 2_500_000, "amounts": PU_AMOUNTS},
                ),
                person(s, a, 3, name="Bukan APBD", contribution={"payer": "apbdes"}),
                person(s, a, 4, name="Batal", contribution={"status": "void"}),
            ],
            "b": [
                person(s, b, 5, name="Ani Lestari", contribution={"status": "paid"}),
                person(s, b, 6, name="adi nugroho"),
            ],
            "c": [person(s, c, 7, name="Draf Saja", contribution={"status": "draft"})],
        }
    return people


def _export(
    db: ServerDatabase, out: Path, data_dir: Path | None = None, name: str = roster.ROSTER_PROFILE
) -> roster.ConsolidatedRoster:
    profile = roster.roster_profiles(data_dir).get(name, ProfileKind.ROSTER)
    with db.read_sessions() as session:
        return roster.export_consolidated(
            session, period=NOV, payer=Payer.APBD, out=out, profile=profile
        )


def _rows(sheet: object) -> list[list[object]]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_rows_totals_and_summary_of_locked_villages(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    people = _three_villages(server_db)
    done = _export(server_db, tmp_path / "rekap.xlsx")
    assert done.rows == 4
    book = openpyxl.load_workbook(done.path)
    assert book.sheetnames == ["Iuran", "Ringkasan Desa"]
    a, b = people["a"], people["b"]
    assert _rows(book["Iuran"]) == [
        [
            "No",
            "NIK",
            "Nama",
            "KPJ",
            "Segmen",
            "Sumber Dana",
            "Upah/Penghasilan",
            "Iuran JKK",
            "Iuran JKM",
            "Iuran JHT",
            "Iuran JP",
            "Jumlah Iuran",
        ],
        # Village by village (code), then by name within a village, like the desktop.
        [
            1,
            a[1].nik,
            "=SUM(A1:A9)",
            "10987654321",
            "PU",
            "APBD",
            2_500_000,
            5000,
            6000,
            114000,
            0,
            125000,
        ],
        [
            2,
            a[0].nik,
            "Budi Santoso",
            "12345678901",
            "BPU",
            "APBD",
            1_000_000,
            10000,
            6800,
            0,
            0,
            16800,
        ],
        [3, b[1].nik, "adi nugroho", None, "BPU", "APBD", 1_000_000, 10000, 6800, 0, 0, 16800],
        [4, b[0].nik, "Ani Lestari", None, "BPU", "APBD", 1_000_000, 10000, 6800, 0, 0, 16800],
    ]
    assert _rows(book["Ringkasan Desa"]) == [
        ["Kode Desa", "Nama Desa", "Kecamatan", "Peserta", "Jumlah Iuran", "Status Daftar"],
        ["35.21.01.2001", "Sukamaju", "Ngawi", 2, 141800, "terkunci"],
        ["35.21.01.2002", "Karanganyar", "Paron", 2, 33600, "terkunci"],
        ["35.21.02.2003", "Jogorogo", "Jogorogo", 0, 0, "belum dikunci (masih draf)"],
        ["35.21.02.2004", "Kendal", "Kendal", 0, 0, "belum ada daftar iuran"],
        ["JUMLAH", "2 desa terkunci", "2 desa belum", 4, 175400, None],
    ]
    assert [v.code for v in done.summary.missing] == ["35.21.02.2003", "35.21.02.2004"]


def test_identifiers_and_formula_names_are_text(server_db: ServerDatabase, tmp_path: Path) -> None:
    _three_villages(server_db)
    sheet = openpyxl.load_workbook(_export(server_db, tmp_path / "rekap.xlsx").path)["Iuran"]
    assert all(sheet.cell(r, 2).data_type == "s" for r in range(2, 6))  # NIK
    assert sheet.cell(2, 4).data_type == "s"  # KPJ
    name = sheet.cell(2, 3)
    assert name.value == "=SUM(A1:A9)" and name.data_type == "s" and name.quotePrefix
    assert isinstance(sheet.cell(2, 12).value, int)


def test_a_dpmd_profile_with_village_columns(server_db: ServerDatabase, tmp_path: Path) -> None:
    people = _three_villages(server_db)
    folder = tmp_path / "data" / "profiles"
    folder.mkdir(parents=True)
    (folder / "dpmd.toml").write_text(
        'name = "dpmd-rekap"\nversion = "2"\nkind = "roster"\ntitle = "Rekap DPMD"\n'
        'sheet = "Data"\nstart_row = 2\n'
        "columns = [\n"
        ' { header = "Kode Desa", source = "village_code" },\n'
        ' { header = "Desa", source = "village_name" },\n'
        ' { header = "NPP", source = "npp" },\n'
        ' { header = "Bulan", source = "period" },\n'
        ' { header = "NIK", source = "nik" },\n'
        ' { header = "JHT", source = "programme.JHT", type = "integer" },\n'
        ' { header = "Alamat", source = "address_full" },\n'
        ' { header = "Jumlah", source = "total", type = "money" },\n]\n',
        encoding="utf-8",
    )
    done = _export(server_db, tmp_path / "dpmd.xlsx", tmp_path / "data", "dpmd-rekap")
    rows = _rows(openpyxl.load_workbook(done.path)["Data"])
    address = "Jl. Raya 5, Dusun Krajan, RT 003/RW 012"
    assert rows[0] == [None] * 8
    assert rows[1] == ["Kode Desa", "Desa", "NPP", "Bulan", "NIK", "JHT", "Alamat", "Jumlah"]
    assert rows[2] == [
        "35.21.01.2001",
        "Sukamaju",
        "NPP-001",
        PERIOD,
        people["a"][1].nik,
        1,
        address,
        125000,
    ]
    assert rows[4] == [
        "35.21.01.2002",
        "Karanganyar",
        None,
        PERIOD,
        people["b"][1].nik,
        0,
        address,
        16800,
    ]
    assert done.profile == "dpmd-rekap" and done.version == "2"


def test_nothing_locked_is_refused_and_nothing_written(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    _three_villages(server_db)
    profile = roster.roster_profiles(None).get(roster.ROSTER_PROFILE, ProfileKind.ROSTER)
    out = tmp_path / "out" / "rekap.xlsx"
    with server_db.read_sessions() as session, pytest.raises(roster.NothingLocked) as raised:
        roster.export_consolidated(
            session, period=Period(2026, 12), payer=Payer.APBD, out=out, profile=profile
        )
    assert "belum ada desa yang mengunci daftar iuran 2026-12" in raised.value.message
    assert not out.parent.exists()


def test_a_bad_line_refuses_the_whole_roster(server_db: ServerDatabase, tmp_path: Path) -> None:
    _three_villages(server_db)
    with server_db.sessions.begin() as s:
        vid = add_village(s, "35.21.03.2005", "Rusak", "Kedunggalar")
        person(s, vid, 9, nik="1234")
    out = tmp_path / "out" / "rekap.xlsx"
    with pytest.raises(ExportRefused) as raised:
        _export(server_db, out)
    assert "NIK '1234' tidak sah" in raised.value.message
    assert not out.parent.exists()


def test_cli_writes_the_roster_and_lists_missing_villages(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    _three_villages(server_db)
    out = tmp_path / "rekap.xlsx"
    result = run_cli(
        server_db,
        "roster",
        "2026-11",
        "--payer",
        "APBD",
        "--out",
        str(out),
        data_dir=tmp_path / "data",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Rekap iuran 2026-11 sumber dana APBD: 2 desa terkunci, 4 peserta, jumlah Rp175.400.",
        f"Berkas: {out} (profil bpjs-iuran versi 1)",
        "Belum terkunci, tidak ikut dalam rekap (2 desa):",
        "  35.21.02.2003  Jogorogo (Kec. Jogorogo): belum dikunci (masih draf)",
        "  35.21.02.2004  Kendal (Kec. Kendal): belum ada daftar iuran",
    ]
    assert openpyxl.load_workbook(out).sheetnames == ["Iuran", "Ringkasan Desa"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2026-12", "--payer", "apbd"],
            "period: belum ada desa yang mengunci daftar iuran 2026-12",
        ),
        (
            ["2026-11", "--payer", "pemkab"],
            "payer: sumber dana 'pemkab' tidak dikenal; pilih: apbdes",
        ),
        (["2026-13", "--payer", "apbd"], "period: bulan 13 tidak ada"),
        (
            ["2026-11", "--payer", "apbd", "--profile", "bpjs-pendaftaran"],
            "profile: profil 'bpjs-pendaftaran' untuk pendaftaran baru, bukan iuran bulanan",
        ),
    ],
)
def test_cli_refusals_exit_1_with_one_indonesian_line(
    server_db: ServerDatabase, tmp_path: Path, args: list[str], message: str
) -> None:
    _three_villages(server_db)
    out = tmp_path / "rekap.xlsx"
    result = run_cli(server_db, "roster", *args, "--out", str(out), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"payung-server: {message}"), result.stderr
    assert not out.exists()


def test_the_fast_writer_writes_what_openpyxl_writes(tmp_path: Path) -> None:
    """xlsx_stream (used for the big roster) and the openpyxl loop, cell for cell."""
    from datetime import date

    from app.documents.export_table import Lines, build_table
    from app.documents.profiles import parse_profile
    from app.documents.xlsx_export import DocumentInfo
    from app.documents.xlsx_workbook import save_verified_tables, write_tables

    profile = parse_profile(
        'name = "uji"\nversion = "1"\nkind = "roster"\ntitle = "Uji & <coba>"\nsheet = "D a"\n'
        'start_row = 3\ncolumns = [\n { header = "NIK", source = "nik", width = 19 },\n'
        ' { header = "=Nama", source = "name" },\n'
        ' { header = "Lahir", source = "birth_date", type = "date",'
        ' date_pattern = "dd/mm/yyyy" },\n'
        ' { header = "Upah", source = "wage", type = "money" },\n]\n'
    )
    lines = Lines.of([
        {"nik": "3521011201800001", "name": "=1+1", "birth_date": date(1980, 1, 12), "wage": 5},
        {"nik": "3521011201800002", "name": "A & B <c>\r\n  x ", "birth_date": None, "wage": 0},
        {"nik": "3521011201800003", "name": "#N/A", "birth_date": date(2000, 2, 29), "wage": 7},
    ])  # fmt: skip
    table = build_table(profile, lines)
    info = DocumentInfo(description="uji", custom={"payung_x": "ya & tidak"})
    fast = save_verified_tables(tmp_path / "fast.xlsx", [table], info)
    slow = save_verified_tables(tmp_path / "slow.xlsx", [table], info, write=write_tables)

    def cells(path: Path) -> list[tuple[object, ...]]:
        sheet = openpyxl.load_workbook(path)["D a"]
        return [
            (c.coordinate, c.value, c.data_type, c.quotePrefix, c.number_format)
            for row in sheet.iter_rows()
            for c in row
            if c.value is not None
        ]

    assert cells(fast) == cells(slow)
    fast_props = openpyxl.load_workbook(fast).properties
    assert (fast_props.title, fast_props.subject, fast_props.keywords) == (
        "Uji & <coba>", "Profil ekspor uji versi 1", "payung-profile=uji; payung-profile-version=1"
    )  # fmt: skip
