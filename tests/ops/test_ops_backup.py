"""`vanort backup` / `vanort restore`: every row, file and timestamp round-trips; a damaged,
wrong or truncated file, another schema or a database with data is refused and changes nothing."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.ops.helpers_ops import snapshot, wipe_and_setup
from vanort.ops.backup import SETUP_MODELS, SKIPPED_MODELS, BackupError, backed_up_models, backup_write, restore_read


def _rewrite(path: Path, edit: Any, *, fix_sums: bool = True) -> None:
    """Apply `edit(lines) -> lines` to the decompressed lines; recompute table and file sums."""
    lines = [json.loads(raw) for raw in gzip.decompress(path.read_bytes()).splitlines()]
    lines = edit(lines)
    out, whole, table = [], hashlib.sha256(), None
    for obj in lines:
        if fix_sums and isinstance(obj, dict) and "table_end" in obj and table is not None:
            obj["sha256"] = table.hexdigest()
        if fix_sums and isinstance(obj, dict) and obj.get("end") is True:
            obj["sha256"] = whole.hexdigest()
        raw = (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()
        out.append(raw)
        if isinstance(obj, dict) and "table" in obj:
            table = hashlib.sha256()
        if table is not None and not (isinstance(obj, dict) and "table_end" in obj):
            table.update(raw)
        if not (isinstance(obj, dict) and obj.get("end") is True):
            whole.update(raw)
    path.write_bytes(gzip.compress(b"".join(out)))


@pytest.fixture
def backup_file(populated: None, tmp_path: Path) -> Path:
    path = tmp_path / "vanort.backup"
    backup_write(path=path)
    return path


@pytest.fixture
def fresh(backup_file: Path, media: Path) -> dict[str, Any]:
    """The populated database's snapshot; the database itself emptied and set up again."""
    before = snapshot()
    wipe_and_setup(media)
    return before


@pytest.mark.django_db
def test_round_trip_restores_every_row_file_and_timestamp(fresh: dict[str, Any], backup_file: Path) -> None:
    summary = restore_read(path=backup_file)
    after = snapshot()
    assert after == fresh
    assert summary.files == 1
    assert after["files"]["agreements/avtal.pdf"].startswith(b"%PDF")
    assert sum(1 for rows in after["rows"].values() if rows) >= 20


@pytest.mark.django_db
def test_round_trip_in_batches_bounded_by_size(fresh: dict[str, Any], backup_file: Path, monkeypatch: Any) -> None:
    """Large rows (documents) are written a few at a time; batch boundaries lose nothing."""
    from vanort.ops import backup

    monkeypatch.setattr(backup, "_BATCH_BYTES", 3000)
    restore_read(path=backup_file)
    assert snapshot() == fresh


@pytest.mark.django_db
def test_round_trip_keeps_microseconds_and_bytes(fresh: dict[str, Any], backup_file: Path) -> None:
    from vanort.documents.models import SourceDocument
    from vanort.registry.models import Place

    restore_read(path=backup_file)
    assert Place.objects.filter(updated_at__year=2001).get().updated_at.microsecond == 123456
    assert bytes(SourceDocument.objects.get(filename="bytes.pdf").content) == bytes(range(256)) * 40


@pytest.mark.django_db
def test_new_rows_after_restore_get_fresh_ids(fresh: dict[str, Any], backup_file: Path) -> None:
    from vanort.registry import services
    from vanort.registry.models import Place

    restore_read(path=backup_file)
    highest = Place.objects.order_by("-pk").values_list("pk", flat=True).first()
    place = services.place_upsert(kind="city", country_code="FI", name="Efter återställning")
    assert place.pk > highest


@pytest.mark.django_db
def test_backup_of_restored_database_has_the_same_table_checksums(
    fresh: dict[str, Any], backup_file: Path, tmp_path: Path
) -> None:
    restore_read(path=backup_file)
    again = tmp_path / "again.backup"
    backup_write(path=again)

    def sums(path: Path) -> list[str]:
        return [line for line in gzip.decompress(path.read_bytes()).decode().splitlines() if '"table_end"' in line]

    assert sums(again) == sums(backup_file)


@pytest.mark.django_db
def test_restore_refuses_a_database_with_data(backup_file: Path) -> None:
    before = snapshot()
    with pytest.raises(BackupError) as error:
        restore_read(path=backup_file)
    assert error.value.code == "target_not_empty"
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_changed_row(fresh: dict[str, Any], backup_file: Path) -> None:
    def edit(lines: list[Any]) -> list[Any]:
        row = next(i for i, obj in enumerate(lines) if isinstance(obj, list))
        lines[row][-1] = "ändrad"
        return lines

    _rewrite(backup_file, edit, fix_sums=False)
    before = snapshot()
    with pytest.raises(BackupError, match="kontrollsumma"):
        restore_read(path=backup_file)
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_changed_row_even_with_a_new_file_checksum(fresh: dict[str, Any], backup_file: Path) -> None:
    def edit(lines: list[Any]) -> list[Any]:
        row = next(i for i, obj in enumerate(lines) if isinstance(obj, list))
        lines[row][-1] = "ändrad"
        return lines

    # the whole-file sum is recomputed, the table's is not: the table's checksum catches it
    lines = [json.loads(raw) for raw in gzip.decompress(backup_file.read_bytes()).splitlines()]
    edited = edit(lines)
    whole = hashlib.sha256()
    out = []
    for obj in edited:
        if isinstance(obj, dict) and obj.get("end") is True:
            obj["sha256"] = whole.hexdigest()
        raw = (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n").encode()
        if not (isinstance(obj, dict) and obj.get("end") is True):
            whole.update(raw)
        out.append(raw)
    backup_file.write_bytes(gzip.compress(b"".join(out)))
    with pytest.raises(BackupError, match="kontrollsumman för"):
        restore_read(path=backup_file)


@pytest.mark.django_db
def test_restore_refuses_a_truncated_file(fresh: dict[str, Any], backup_file: Path) -> None:
    data = backup_file.read_bytes()
    backup_file.write_bytes(data[: len(data) // 2])
    before = snapshot()
    with pytest.raises(BackupError, match="skadad"):
        restore_read(path=backup_file)
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_file_cut_at_a_line_end(fresh: dict[str, Any], backup_file: Path) -> None:
    lines = gzip.decompress(backup_file.read_bytes()).splitlines(keepends=True)
    backup_file.write_bytes(gzip.compress(b"".join(lines[: len(lines) // 2])))
    with pytest.raises(BackupError, match=r"avkortad|för tidigt"):
        restore_read(path=backup_file)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"", b"id,name\n1,Vanda\n", gzip.compress(b'{"format": "annat"}\n'), gzip.compress(b"\x00\x01 not json\n")],
    ids=["empty", "csv", "other-json", "binary"],
)
def test_restore_refuses_a_wrong_file(fresh: dict[str, Any], tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "wrong.backup"
    path.write_bytes(content)
    before = snapshot()
    with pytest.raises(BackupError):
        restore_read(path=path)
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_newer_format(fresh: dict[str, Any], backup_file: Path) -> None:
    def edit(lines: list[Any]) -> list[Any]:
        lines[0]["format_version"] = 99
        return lines

    _rewrite(backup_file, edit)
    with pytest.raises(BackupError) as error:
        restore_read(path=backup_file)
    assert error.value.code == "backup_version"


@pytest.mark.django_db
def test_restore_refuses_another_schema(fresh: dict[str, Any], backup_file: Path) -> None:
    def edit(lines: list[Any]) -> list[Any]:
        lines[0]["migrations"]["registry"] += ",9999_from_the_future"
        return lines

    _rewrite(backup_file, edit)
    before = snapshot()
    with pytest.raises(BackupError) as error:
        restore_read(path=backup_file)
    assert error.value.code == "backup_schema"
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_failing_halfway_writes_no_row_and_no_file(
    fresh: dict[str, Any], backup_file: Path, media: Path
) -> None:
    """Checksums right, but an activity points at a place that is not in the file."""

    def edit(lines: list[Any]) -> list[Any]:
        header = next(i for i, o in enumerate(lines) if isinstance(o, dict) and o.get("table") == "registry.activity")
        column = lines[header]["fields"].index("municipality_id")
        lines[header + 1][column] = 10**9
        return lines

    _rewrite(backup_file, edit)
    before = snapshot()
    with pytest.raises(BackupError, match=r"hänger inte ihop|passar inte"):
        restore_read(path=backup_file)
    assert snapshot() == before
    assert not (media / "agreements" / "avtal.pdf").exists()


@pytest.mark.django_db
def test_setup_models_are_exactly_the_tables_setup_fills(db: Any) -> None:
    from vanort.legal.services import status_table_seed
    from vanort.registry.reference import reference_load

    reference_load()
    status_table_seed()
    filled = {m._meta.label_lower for m in backed_up_models() if m._base_manager.exists()}
    assert filled == SETUP_MODELS


@pytest.mark.django_db
def test_every_app_model_is_backed_up() -> None:
    from django.apps import apps

    labels = {m._meta.label_lower for m in backed_up_models()}
    for config in apps.get_app_configs():
        if config.name.startswith("vanort."):
            mine = {m._meta.label_lower for m in config.get_models(include_auto_created=True)}
            assert mine - SKIPPED_MODELS <= labels
    assert "registry.partnership_areas" in labels
    assert "auth.user" in labels
    assert "accounts.apitoken" in labels


# --- the command line ----------------------------------------------------------------------


@pytest.mark.django_db
def test_cli_backup_and_restore(fresh: dict[str, Any], backup_file: Path, capsys: Any) -> None:
    from vanort.cli import main

    assert main(["restore", str(backup_file)]) == 0
    assert "restore:" in capsys.readouterr().out
    assert snapshot() == fresh


@pytest.mark.django_db
def test_cli_restore_into_a_database_with_data_is_one_line_and_exit_2(backup_file: Path, capsys: Any) -> None:
    from vanort.cli import main

    assert main(["restore", str(backup_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(backup_file) in err
    assert "accounts." in err


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["missing.backup", "damaged.backup"])
def test_cli_restore_errors_are_one_line(fresh: dict[str, Any], tmp_path: Path, capsys: Any, name: str) -> None:
    from vanort.cli import main

    path = tmp_path / name
    if name == "damaged.backup":
        path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert main(["restore", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"restore: {path}:")


@pytest.mark.django_db
def test_cli_backup_into_a_missing_directory_is_one_line(db: Any, tmp_path: Path, capsys: Any) -> None:
    from vanort.cli import main

    assert main(["backup", str(tmp_path / "no" / "such" / "dir.backup")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("backup:")
    assert not list(tmp_path.iterdir())


# --- across databases --------------------------------------------------------------------------


def _postgres_url(name: str) -> str | None:
    """A scratch PostgreSQL database of this test run, or None when no server answers."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return None
    try:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None
    return f"postgres://postgres@127.0.0.1:5432/{name}"


@pytest.mark.slow
@pytest.mark.django_db
def test_backup_from_sqlite_restores_into_postgresql(populated: None, tmp_path: Path) -> None:
    """This run's SQLite test database (the populated one of the round trips) backed up, restored by
    `vanort` into a set-up PostgreSQL database and backed up again: every table's checksum the same."""
    import os

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the source is the SQLite test database; on PostgreSQL the round trips above cover it")
    name = f"backup_cross_{os.getpid()}"
    target = _postgres_url(name)
    if target is None:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    try:
        _restores_into(target, tmp_path)
    finally:
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _restores_into(target: str, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    def vanort(*args: str) -> str:
        env = {**os.environ, "DATABASE_URL": target, "VANORT_LOCAL": "1", "VANORT_VAR_DIR": str(tmp_path / "var")}
        done = subprocess.run(
            [sys.executable, "-m", "vanort", *args], env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    backup_write(path=tmp_path / "a.backup")
    vanort("setup")
    vanort("restore", str(tmp_path / "a.backup"))
    vanort("backup", str(tmp_path / "b.backup"))

    def tables(path: Path) -> list[str]:
        return [line for line in gzip.decompress(path.read_bytes()).decode().splitlines() if '"table_end"' in line]

    assert tables(tmp_path / "b.backup") == tables(tmp_path / "a.backup")
