"""A throwaway PostgreSQL cluster that the caller owns, so it can restart it (fault tests, soak).

scripts/with-postgres.sh in Python: initdb into a temporary folder (as the `postgres` user
through runuser when running as root: initdb refuses root), `pg_ctl start` on a free loopback
port, and `stop()` by the postmaster's pid (SIGINT, a fast shutdown), then the folder goes.
Unlike the script's cluster, this one can be restarted with `pg_ctl restart -m immediate`
(a crash: no checkpoint, every backend killed, recovery from the WAL on start) while the server
under test keeps running.

    with PgCluster.start() as cluster:
        url = cluster.create_database("payung_x")   # postgresql+psycopg://...
        cluster.restart_immediate()
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

MAX_CONNECTIONS = 400  # 4 server workers x 20 connections, tests and tools on top


def pg_bin() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb, else None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.name.split(".")],
    )
    found = [p for p in found if (p / "initdb").exists()]
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PgCluster:
    def __init__(self, bin_dir: Path, folder: Path, port: int) -> None:
        self.bin = bin_dir
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.admin_url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        self._as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    @classmethod
    def start(cls) -> PgCluster:
        bin_dir = pg_bin()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin)")
        folder = Path(tempfile.mkdtemp(prefix="payung-pgc-"))
        cluster = cls(bin_dir, folder, _free_port())
        try:
            if cluster._as_pg:
                shutil.chown(folder, "postgres", "postgres")
            cluster._run(
                "initdb", "-D", str(cluster.data), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--locale=C.UTF-8",
            )  # fmt: skip
            cluster._pg_ctl("start")
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self._as_pg, str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=120,
        )

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c max_connections={MAX_CONNECTIONS}"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60",
            "-o", options, action, *extra,
        )  # fmt: skip

    def restart_immediate(self) -> None:
        """`pg_ctl restart -m immediate`: every connection dies, no shutdown checkpoint; the
        cluster replays its WAL and accepts connections again before this returns."""
        self._pg_ctl("restart", "-m", "immediate")

    def stop_immediate(self) -> None:
        """`pg_ctl stop -m immediate`: the database crashes (every backend killed, no
        checkpoint) and stays down until `start_again()`."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "-m", "immediate", "stop")

    def start_again(self) -> None:
        """Start the stopped cluster on its port (crash recovery from the WAL first)."""
        self._pg_ctl("start")

    def create_database(self, name: str) -> str:
        """A new database; its SQLAlchemy URL."""
        admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        finally:
            admin.dispose()
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def postmaster_pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        """Fast shutdown by pid (never by name), then remove the folder."""
        pid = self.postmaster_pid()
        if pid is not None:
            try:
                os.kill(pid, signal.SIGINT)
                for _ in range(100):
                    os.kill(pid, 0)
                    time.sleep(0.1)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PgCluster:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
