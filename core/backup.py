"""Backup and restore of the whole portal: the database and the stored files (MEDIA_ROOT), with a manifest.

A backup folder holds:
  database.dump      PostgreSQL: pg_dump's custom format (restored by pg_restore), or
  database.sqlite3   SQLite: a copy made through SQLite's online backup API (consistent while the portal runs)
  media/…            every stored file (decisions' PDFs, attachments, exports…)
  manifest.json      the engine, the database file's SHA-256, the row count of every table, the SHA-256 of every file

`restore` accepts a folder only if every hash matches, loads it into a fresh, empty database (and an empty
MEDIA_ROOT), then counts again and refuses to call it done unless every count and hash equals the manifest's.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
FORMAT = 1
DUMP_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or a restore that cannot be trusted: the message says why."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> dict[str, str]:
    """{model label: table} for every table Django manages here (many-to-many tables included)."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            tables[meta.label] = meta.db_table
    return dict(sorted(tables.items()))


def _count(cursor, tables: dict[str, str], quote) -> dict[str, int]:
    counts = {}
    for label, table in tables.items():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[label] = cursor.fetchone()[0]
    return counts


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in DUMP_FILES:
        raise BackupError(f"database engine {vendor!r} is not supported (PostgreSQL or SQLite)")
    return vendor


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: from $PG_BIN, the PATH, or the newest /usr/lib/postgresql/*/bin."""
    if os.environ.get("PG_BIN"):
        return str(Path(os.environ["PG_BIN"]) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if not candidates:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return str(candidates[-1])


def _pg_args_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _sqlite_connect() -> sqlite3.Connection:
    """A second connection to the database Django uses (a file, or the tests' shared in-memory database)."""
    name = str(connection.settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _media_files(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {path.relative_to(root).as_posix(): sha256_of(path) for path in sorted(root.rglob("*")) if path.is_file()}


def _refuse_object_storage() -> None:
    """The files are copied from and to MEDIA_ROOT: with object storage (S3_BUCKET) they are not there, and a
    backup without them must not call itself complete. Back the bucket up with its own tools then."""
    if settings.STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        raise BackupError(
            "the stored files are in object storage (S3_BUCKET), not in MEDIA_ROOT: back up the bucket with its own "
            "tools (versioning, mc mirror) and the database with pg_dump"
        )


def backup(target: Path) -> dict:
    """Write a backup of the database and MEDIA_ROOT into the folder `target` (new or empty); returns the manifest."""
    target = Path(target)
    _refuse_object_storage()
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty")
    target.mkdir(parents=True, exist_ok=True)
    engine = _engine()
    tables = _tables()
    dump = target / DUMP_FILES[engine]
    if engine == "postgresql":
        # The counts and the dump see the same snapshot: one repeatable-read transaction exports it to pg_dump.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            try:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = _count(cursor, tables, connection.ops.quote_name)
                args, env = _pg_args_env()
                result = subprocess.run(
                    [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--snapshot={snapshot}",
                     "--file", str(dump), *args],
                    env=env, capture_output=True, text=True,
                )  # fmt: skip
            finally:
                cursor.execute("COMMIT")
        if result.returncode != 0:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        source = _sqlite_connect()
        copy = sqlite3.connect(dump)
        try:
            source.backup(copy)
            counts = _count(copy.cursor(), tables, connection.ops.quote_name)
        finally:
            copy.close()
            source.close()
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        shutil.copytree(media_root, target / "media", dirs_exist_ok=True)
    else:
        (target / "media").mkdir()
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database": {"file": dump.name, "sha256": sha256_of(dump)},
        "counts": counts,
        # Hashed from the copies, so the manifest describes exactly what the folder holds.
        "files": _media_files(target / "media"),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest


# Models that moved to another app since a backup was taken keep their tables (#12 moved Authority and
# Unit from clusters to units): an older manifest's counts are read under today's labels.
MOVED_MODELS = {"clusters.Unit": "units.Unit", "clusters.Authority": "units.Authority"}


def read_manifest(source: Path) -> dict:
    """The folder's manifest, once the database file and every stored file match their hashes."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"no readable {MANIFEST} in {source}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    manifest["counts"] = {MOVED_MODELS.get(label, label): count for label, count in manifest["counts"].items()}
    dump = source / manifest["database"]["file"]
    if not dump.is_file() or sha256_of(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump.name} is missing or does not match its SHA-256 in the manifest")
    actual = _media_files(source / "media")
    if actual != manifest["files"]:
        wrong = sorted(set(actual.items()) ^ set(manifest["files"].items()))
        raise BackupError(f"stored files differ from the manifest: {', '.join(sorted({name for name, _ in wrong}))}")
    return manifest


def restore(source: Path) -> dict:
    """Load a verified backup into the current, empty database and empty MEDIA_ROOT; check counts and hashes after."""
    source = Path(source)
    _refuse_object_storage()
    manifest = read_manifest(source)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(f"the backup is of {manifest['engine']}, this database is {engine}")
    existing = connection.introspection.table_names()
    if existing:
        raise BackupError(f"the database is not empty ({len(existing)} tables): restore only into a fresh database")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")):
        raise BackupError(f"MEDIA_ROOT ({media_root}) already holds files: restore only into an empty one")
    dump = source / manifest["database"]["file"]
    if engine == "postgresql":
        connection.close()
        args, env = _pg_args_env()
        result = subprocess.run(
            [_pg_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", "--single-transaction", *args,
             str(dump)],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        connection.close()
        copy = sqlite3.connect(dump)
        target = _sqlite_connect()
        try:
            copy.backup(target)
        finally:
            target.close()
            copy.close()
    shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    with connection.cursor() as cursor:
        counts = _count(cursor, {label: table for label, table in _tables().items() if label in manifest["counts"]},
                        connection.ops.quote_name)  # fmt: skip
    if counts != manifest["counts"]:
        wrong = {label: (manifest["counts"][label], counts.get(label)) for label in manifest["counts"]
                 if counts.get(label) != manifest["counts"][label]}  # fmt: skip
        raise BackupError(f"row counts differ after the restore (manifest, restored): {wrong}")
    files = _media_files(media_root)
    if {name: files.get(name) for name in manifest["files"]} != manifest["files"]:
        raise BackupError("stored files differ from the manifest after the restore")
    return manifest
