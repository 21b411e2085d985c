"""Start the FROZEN build and prove it works: `make build-check` (CI runs it after `make build`).

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python packaging/check_build.py dist/payung

Every step runs the executable in dist/payung, never the source tree, offscreen:
1. the bundle holds every shipped data file, and the Linux menu entry carries this version;
2. `payung --version` prints `payung <version>` and exits 0;
3. a fresh data folder: a village set up, a worker added and a workbook imported by the frozen
   CLI (the import reads the .xlsx in a spawned child: freeze_support at work), then the window
   is shown with both workers and closed (PAYUNG_EXIT_AFTER_SHOWN=1);
4. an older database (migrated back to 0003 here, with the checkout's own migrations) is opened
   by the frozen window: it is migrated to the head after a pre-migration backup;
5. nothing was written next to the program or in the working folder.
Any failure raises and the process exits non-zero; the last line is a JSON summary of timings.
This script (not the bundle) uses the checkout's `app` to read versions and make old databases.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TIMEOUT = 300  # generous: a cold start on a busy CI machine
OLD_REVISION = "0003"
NIK_SITI = "3521014505800001"  # 1980-05-05, P (day + 40)
NIK_DEWI = "3521015407900002"  # 1990-07-14, P


class CheckFailed(Exception):
    pass


def _load_bundle_files() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_files", HERE / "bundle_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILES = _load_bundle_files()


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class Frozen:
    """Runs the bundle's executable with a clean environment in an empty working folder."""

    def __init__(self, bundle: Path, cwd: Path) -> None:
        name = "payung-cli.exe" if os.name == "nt" else "payung"  # the console one on Windows
        self.exe = bundle / name
        self.cwd = cwd
        expect(self.exe.is_file(), f"no executable {self.exe}; run `make build`")

    def env(self, data_dir: Path | None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PAYUNG_", "PYTHON", "QT_"))}  # fmt: skip
        env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", **extra)
        if data_dir is not None:
            env["PAYUNG_DATA_DIR"] = str(data_dir)
        return env

    def run(self, *args: str, data_dir: Path | None = None, **extra: str) -> tuple[str, float]:
        started = time.perf_counter()
        done = subprocess.run(
            [str(self.exe), *args], cwd=self.cwd, env=self.env(data_dir, **extra),
            capture_output=True, text=True, timeout=TIMEOUT, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        expect(
            done.returncode == 0,
            f"`payung {' '.join(args)}` exited {done.returncode}\n"
            f"stdout: {done.stdout}\nstderr: {done.stderr}",
        )
        return done.stdout, seconds

    def window(self, data_dir: Path, **extra: str) -> tuple[dict[str, Any], float]:
        """Start the window; it reports {"event": "shown", ...} and quits by itself. Its log
        must stay free of errors (a missing translation or module is logged, not shown)."""
        out, seconds = self.run(data_dir=data_dir, PAYUNG_EXIT_AFTER_SHOWN="1", **extra)
        events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        shown = [e for e in events if e.get("event") == "shown"]
        expect(len(shown) == 1, f"the window did not report being shown; stdout: {out!r}")
        log = data_dir / "logs" / "payung.log"
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        bad = [line for line in text.splitlines()
               if any(word in line for word in (" ERROR ", " CRITICAL ", "Traceback"))]  # fmt: skip
        expect(not bad, f"the window logged errors: {bad}")
        daily = list((data_dir / "backups" / "daily").glob("payung-*.sqlite3"))
        expect(len(daily) == 1, "the window did not take its daily backup")
        return shown[0], seconds


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def check_contents(bundle: Path, version: str) -> None:
    internal = bundle / "_internal"
    expect(internal.is_dir(), f"{internal} is missing: not a one-folder build")
    for source, dest in FILES.datas(ROOT):
        shipped = internal / dest / Path(source).name
        expect(shipped.is_file(), f"{shipped} is missing from the bundle")
    for server_only in ("fastapi", "uvicorn", "psycopg", "jinja2", "PIL"):
        expect(not (internal / server_only).exists(), f"{server_only} was bundled")
    entry = bundle / "share" / "applications" / "payung-desa.desktop"
    expect(entry.is_file(), f"{entry} is missing")
    text = entry.read_text(encoding="utf-8")
    expect(f"X-Payung-Version={version}\n" in text, f"{entry} does not carry version {version}")
    icon = bundle / "share" / "icons" / "hicolor" / "256x256" / "apps" / "payung-desa.png"
    expect(icon.is_file(), f"{icon} is missing")
    validator = shutil.which("desktop-file-validate")
    expect(validator is not None,
           "desktop-file-validate not found: apt-get install desktop-file-utils")  # fmt: skip
    done = subprocess.run([str(validator), str(entry)], capture_output=True, text=True, check=False)
    expect(done.returncode == 0 and not done.stdout.strip(),
           f"desktop-file-validate: {done.stdout}{done.stderr}")  # fmt: skip


def write_workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["DAFTAR PESERTA"])
    sheet.append(["No", "NIK", "Nama", "Tgl Lahir", "L/P", "Jabatan"])
    sheet.append([1, NIK_DEWI, "Dewi Lestari", "14-07-1990", "P", "Kader Posyandu"])
    book.save(path)
    return path


def set_up_village(frozen: Frozen, data_dir: Path) -> None:
    frozen.run(
        "init", "--village-code", "35.21.01.2001", "--village-name", "Sukamaju",
        "--kecamatan", "Ngawi", "--kabupaten", "Ngawi", "--province", "Jawa Timur",
        data_dir=data_dir,
    )  # fmt: skip
    frozen.run(
        "worker", "add", "--nik", NIK_SITI, "--name", "Siti Aminah", "--birth-date",
        "1980-05-05", "--sex", "P", "--category", "kader_posyandu", data_dir=data_dir,
    )  # fmt: skip


def revision_of(database: Path) -> str:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def check_fresh_village(frozen: Frozen, work: Path) -> float:
    data = work / "fresh"
    set_up_village(frozen, data)
    workbook = write_workbook(work / "daftar.xlsx")
    out, _ = frozen.run("import", str(workbook), "--json", data_dir=data)
    result = json.loads(out)
    expect(result["imported"] == 1, f"the frozen import did not import the row: {result}")
    # In English: the translation must load from the bundle (a missing .qm is logged).
    shown, seconds = frozen.window(data, PAYUNG_LANG="en")
    expect(shown["rows"] == 2, f"the window shows {shown['rows']} workers, expected 2")
    return seconds


def make_older(database: Path) -> None:
    """Migrate the database back to OLD_REVISION with the checkout's own scripts."""
    from alembic import command

    from app.models.engine import make_engine
    from app.models.migrate import alembic_config

    engine = make_engine(database)
    try:
        command.downgrade(alembic_config(engine), OLD_REVISION)
    finally:
        engine.dispose()
    expect(revision_of(database) == OLD_REVISION, "the database was not taken back")


def check_upgrade(frozen: Frozen, work: Path) -> float:
    from app.models.migrate import head_revision

    data = work / "older"
    set_up_village(frozen, data)
    database = data / "payung.sqlite3"
    make_older(database)
    shown, seconds = frozen.window(data)
    expect(shown["rows"] == 1, f"after the upgrade the window shows {shown['rows']} workers")
    expect(revision_of(database) == head_revision(),
           f"the frozen app left the database at {revision_of(database)}")  # fmt: skip
    copies = sorted((data / "backups" / "pre-migration").glob(f"payung-{OLD_REVISION}-*"))
    expect(len(copies) == 1, f"no pre-migration backup of revision {OLD_REVISION}: {copies}")
    expect(revision_of(copies[0]) == OLD_REVISION, "the pre-migration backup is not the old file")
    out, _ = frozen.run("check", "--json", data_dir=data)
    health = json.loads(out)
    expect(health["healthy"] and health["schema_revision"] == head_revision(),
           f"`payung check` after the upgrade: {health}")  # fmt: skip
    return seconds


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str]) -> int:
    bundle = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "payung").resolve()
    version = FILES.app_version(ROOT)
    check_contents(bundle, version)
    before = snapshot(bundle)
    with tempfile.TemporaryDirectory(prefix="payung-build-check-") as tmp:
        work, cwd = Path(tmp) / "work", Path(tmp) / "cwd"
        work.mkdir()
        cwd.mkdir()
        frozen = Frozen(bundle, cwd)
        out, version_s = frozen.run("--version")
        expect(out == f"payung {version}\n", f"--version printed {out!r}, expected {version}")
        window_s = check_fresh_village(frozen, work)
        upgrade_s = check_upgrade(frozen, work)
        expect(not any(cwd.iterdir()), f"the frozen app wrote into its working folder: "
               f"{sorted(p.name for p in cwd.iterdir())}")  # fmt: skip
    after = snapshot(bundle)
    changed = sorted(set(before.items()) ^ set(after.items()))
    expect(not changed, f"the frozen app changed its own folder: {changed[:10]}")
    summary = {
        "event": "build-check", "ok": True, "version": version,
        "bundle_mb": round(bundle_size(bundle) / 1e6, 1), "files": len(after),
        "version_s": round(version_s, 2), "window_shown_s": round(window_s, 2),
        "upgrade_window_s": round(upgrade_s, 2),
    }  # fmt: skip
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except CheckFailed as failed:
        print(f"build-check FAILED: {failed}", file=sys.stderr)
        sys.exit(1)
