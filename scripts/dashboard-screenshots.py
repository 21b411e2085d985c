#!/usr/bin/env python3
"""Screenshots of the DPMD dashboard for the docs: docs/screenshots/dashboard-overview.png and
docs/screenshots/dashboard-village.png.

Seeds a throw-away SQLite server database with a few villages (bench/dashboard_bench.py: real
names, formasi, a half year of contributions paid by the usual calendar, so some arrears
show), starts the real `payung-server serve` on 127.0.0.1, logs in with headless Debian
chromium (Playwright, /usr/bin/chromium; never a downloaded browser) at 1366x768 and saves
both pages (whole page height).

    PYTHONPATH=. .venv/bin/python scripts/dashboard-screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 1366, "height": 768}
USERNAME = "operator.dpmd"
PASSWORD = "sandi-tangkapan-layar-1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--villages", type=int, default=12)
    parser.add_argument("--workers", type=int, default=60)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: bash scripts/ensure-system.sh test", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    from app.domain.period import Period
    from app.models import utcnow
    from app.server.web.security import add_operator
    from bench.dashboard_bench import seed_kabupaten
    from bench.sync_server import Server, server_database

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="payung-shots-") as folder:
        data_dir = Path(folder)
        with server_database("sqlite", data_dir) as db:
            kab = seed_kabupaten(
                db, villages=args.villages, workers_per_village=args.workers, months=6,
                last_month=Period.of(utcnow().date()) - 1,
            )  # fmt: skip
            with db.sessions.begin() as session:
                add_operator(
                    session, username=USERNAME, password=PASSWORD, role="operator", now=utcnow()
                )
            # the village page: the one with the most categories, so the table is full
            village = max(kab.villages, key=lambda v: (len(v.formasi), v.code))
            with Server(db, data_dir) as server, sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                context = browser.new_context(viewport=VIEWPORT, locale="id-ID")
                page = context.new_page()
                page.goto(f"{server.url}/login")
                page.fill("#username", USERNAME)
                page.fill("#password", PASSWORD)
                with page.expect_navigation():
                    page.click("form[action='/login'] button[type=submit]")
                if not page.url.endswith("/ringkasan"):
                    print(f"login failed: at {page.url}", file=sys.stderr)
                    return 1
                shots = {
                    "dashboard-overview.png": "/ringkasan",
                    "dashboard-village.png": f"/desa/{village.code}",
                }
                for name, path in shots.items():
                    page.goto(f"{server.url}{path}")
                    page.wait_for_load_state("networkidle")
                    page.screenshot(path=str(args.out / name), full_page=True)
                    print(args.out / name)
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
