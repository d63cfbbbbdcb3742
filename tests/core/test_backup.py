"""Backup and restore on SQLite: the manifest's counts and hashes, a restore into a fresh database, refusals."""

import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from core.backup import sha256_of
from units.models import Unit

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n% a decision\n%%EOF\n"


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "decisions").mkdir(parents=True)
    (settings.MEDIA_ROOT / "decisions" / "2026-0001-qd.pdf").write_bytes(PDF)
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database(tmp_path):
    """Call it to point Django's connection at a new, empty SQLite file until the test ends. The tests' in-memory
    database lives only while a connection to it is open: its connection is set aside, not closed, and put back."""
    original_name, set_aside = connection.settings_dict["NAME"], []

    def switch() -> Path:
        set_aside.append(connection.connection)
        connection.connection = None
        connection.settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
        return Path(connection.settings_dict["NAME"])

    yield switch
    if set_aside:
        if connection.connection is not None:
            connection.connection.close()
        connection.connection = set_aside[0]
        connection.settings_dict["NAME"] = original_name


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's pg_dump drill: the production stage")
def test_backup_writes_counts_and_hashes_and_restore_reproduces_them(tmp_path, media, settings, fresh_database):
    UnitFactory.create_batch(3)
    units, users = Unit.objects.count(), User.objects.count()
    call_command("backup", str(tmp_path / "b"), stdout=open("/dev/null", "w"))

    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["engine"] == "sqlite"
    assert manifest["counts"]["units.Unit"] == units
    assert manifest["counts"]["accounts.User"] == users
    assert manifest["files"] == {"decisions/2026-0001-qd.pdf": sha256_of(media / "decisions" / "2026-0001-qd.pdf")}
    assert manifest["database"]["sha256"] == sha256_of(tmp_path / "b" / "database.sqlite3")

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    fresh = fresh_database()
    call_command("restore", str(tmp_path / "b"), stdout=open("/dev/null", "w"))
    restored = sqlite3.connect(fresh)
    assert restored.execute(f"SELECT COUNT(*) FROM {Unit._meta.db_table}").fetchone()[0] == units
    restored.close()
    assert (settings.MEDIA_ROOT / "decisions" / "2026-0001-qd.pdf").read_bytes() == PDF


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's pg_dump drill: the production stage")
def test_a_backup_taken_before_units_moved_app_restores(tmp_path, media, settings, fresh_database):
    """Before #12 the manifest counted units and the authority as clusters.Unit and clusters.Authority."""
    UnitFactory.create_batch(2)
    call_command("backup", str(tmp_path / "b"), stdout=open("/dev/null", "w"))
    path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["counts"]["clusters.Unit"] = manifest["counts"].pop("units.Unit")
    manifest["counts"]["clusters.Authority"] = manifest["counts"].pop("units.Authority")
    path.write_text(json.dumps(manifest))

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    fresh_database()
    call_command("restore", str(tmp_path / "b"), stdout=open("/dev/null", "w"))  # counts checked: no BackupError
    assert Unit.objects.count() == 2


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media):
    call_command("backup", str(tmp_path / "b"), stdout=open("/dev/null", "w"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(tmp_path / "b"))


def test_restore_refuses_a_file_that_does_not_match_its_hash(tmp_path, media, settings):
    call_command("backup", str(tmp_path / "b"), stdout=open("/dev/null", "w"))
    (tmp_path / "b" / "media" / "decisions" / "2026-0001-qd.pdf").write_bytes(PDF + b"tampered")
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    # The manifest is checked before anything is written: the database and MEDIA_ROOT stay untouched.
    with pytest.raises(CommandError, match="stored files differ from the manifest: decisions/2026-0001-qd.pdf"):
        call_command("restore", str(tmp_path / "b"))
    assert settings.MEDIA_ROOT.exists() is False


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, media):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))
