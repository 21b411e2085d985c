"""Power loss while the app migrates an older database (0001 -> head, after its backup).

The template is a village database made by this version and taken back to revision 0001 with
the shipped downgrades (the workers stay). Each trial copies it, starts the app on the copy in
a forked child (pre-migration backup, then the migrations) and kills the child at a random
moment - sometimes twice in a row, the second time while it resumes. Afterwards the file
passes integrity_check, the app opens it at the head revision with every worker, and every
pre-migration backup under a final name is a complete copy of the old database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from faultsites import (
    assert_sound_and_reopens,
    copy_site,
    final_files,
    integrity,
    open_ctx,
    rows,
    trials,
    village_with_roster,
)
from forkserver import ForkServer, Report

from app.config import Paths
from app.models.engine import make_engine, stored_revision
from app.models.migrate import REVISIONS, alembic_config, head_revision

OLD = "0001"
STEPS = REVISIONS[:-1]  # where a killed migration may have stopped (each step commits)


@pytest.fixture(scope="module")
def old_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """A closed data folder at revision 0001 with 40 workers, and their ids."""
    paths = village_with_roster(tmp_path_factory.mktemp("old") / "data", workers=40)
    engine = make_engine(paths.database)
    command.downgrade(alembic_config(engine), OLD)
    engine.dispose()
    assert stored_revision(paths.database) == OLD
    ids = {str(r[0]) for r in rows(paths.database, "SELECT id FROM worker")}
    return paths.data_dir, ids


def start_app(paths: Paths) -> object:
    def run(report: Report) -> None:
        ctx = open_ctx(paths)
        report.ack(f"migrated {ctx.database.migrated_from}")
        ctx.close()

    return run


def check(paths: Paths, ids: set[str], where: str) -> None:
    assert_sound_and_reopens(paths, where)
    assert stored_revision(paths.database) == head_revision(), where
    found = {str(r[0]) for r in rows(paths.database, "SELECT id FROM worker")}
    assert found == ids, f"{where}: workers changed by the migration"
    for copy in final_files(paths.backups / "pre-migration", "*"):
        assert integrity(copy) == "ok", f"{where}: damaged backup {copy.name}"
        # The database as that start found it: 0001, or a step a killed start had committed.
        assert stored_revision(copy) in STEPS, f"{where}: {copy.name} is not an older database"


def test_a_killed_migration_resumes_and_loses_nothing(
    old_site: tuple[Path, set[str]], tmp_path: Path, forks: ForkServer
) -> None:
    template, ids = old_site
    runs = [copy_site(template, tmp_path / f"measure-{n}") for n in range(2)]
    timing = forks.measure(*(start_app(paths) for paths in runs))
    count = trials(24)
    killed = 0
    for number in range(count):
        paths = copy_site(template, tmp_path / "trial")
        trial = forks.kill_randomly(start_app(paths), timing, f"migration {number}")
        trial.raise_if_failed()
        killed += trial.killed
        if number % 2:  # killed again while it resumes
            again = forks.kill_randomly(start_app(paths), timing, f"migration {number}b")
            again.raise_if_failed()
            killed += again.killed
        check(paths, ids, trial.where())
    print(f"migration: {killed} kills in {count} trials over {timing} each")
    assert killed >= count // 2


def test_a_migration_killed_before_its_backup_is_renamed_resumes(
    old_site: tuple[Path, set[str]], tmp_path: Path, forks: ForkServer
) -> None:
    template, ids = old_site
    paths = copy_site(template, tmp_path / "data")
    trial = forks.at_checkpoint(start_app(paths), "backup.before_rename", tmp_path / "stopped")
    trial.raise_if_failed()
    assert trial.killed and not trial.acks, trial.where()
    assert final_files(paths.backups / "pre-migration", "*") == [], "only a .part file"
    assert stored_revision(paths.database) == OLD, trial.where()
    check(paths, ids, trial.where())


@pytest.mark.parametrize("step", [0, 1, 2])
def test_each_migration_step_is_all_or_nothing(
    step: int, old_site: tuple[Path, set[str]], tmp_path: Path, forks: ForkServer
) -> None:
    """Killed inside step `step` (its revision stamped, not committed): the file stays at the
    step before, and the next start runs the rest."""
    template, ids = old_site
    paths = copy_site(template, tmp_path / "data")
    marker = tmp_path / "stopped"
    trial = forks.at_checkpoint(start_app(paths), "migrate.step", marker, skip=step)
    trial.raise_if_failed()
    assert trial.killed and not trial.acks, trial.where()
    assert stored_revision(paths.database) == STEPS[step], trial.where()
    check(paths, ids, trial.where())
