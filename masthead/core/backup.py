"""One-archive backups of a newsroom (database and media) and their restore, while the site keeps running.

The archive is a gzipped tar holding:

- ``database.sqlite3`` (a consistent copy made with SQLite's online backup API,
  which copies pages while other processes keep writing) or ``database.pgdump``
  (``pg_dump --format=custom``, one consistent snapshot);
- ``media/…``, every file of the local media folder (none when media live in
  object storage: back the bucket up with its own tools);
- ``manifest.json``: what the archive holds, with the size and SHA-256 of every
  file, checked before anything is restored.

Python's tarfile and hashlib do the packing; what is ours is only the manifest
and the checks around it.
"""

import errno
import hashlib
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.storage.filesystem import FileSystemStorage
from django.db import connection, connections
from django.utils import timezone

FORMAT = "masthead-backup/1"
MANIFEST = "manifest.json"
PARTIAL = ".partial"
# The database's copy is made beside the archive, not in the system's temporary folder: that is often a small
# tmpfs in memory (Debian's default since trixie), and the nightly room check then covers the copy too.
SCRATCH_PREFIX = ".masthead-backup-"


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why, for the operator."""


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def local_media_root():
    """MEDIA_ROOT when media are local files, else None (object storage)."""
    return Path(settings.MEDIA_ROOT) if isinstance(default_storage, FileSystemStorage) else None


def _pg_environment(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_arguments(db):
    arguments = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            arguments += [flag, str(db[key])]
    return arguments


def _copy_database(work):
    """Writes a consistent copy of the default database into `work`; returns (file name, vendor)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        target = work / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        return target.name, "sqlite"
    if connection.vendor == "postgresql":
        target = work / "database.pgdump"
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
        command += _pg_arguments(db) + [db["NAME"]]
        result = subprocess.run(command, env=_pg_environment(db), capture_output=True, text=True)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
        return target.name, "postgresql"
    raise BackupError(f"Backups of a {connection.vendor} database are not supported.")


STAMP = "%Y%m%d-%H%M%S"  # a dated archive's moment, in UTC
ARCHIVE_NAME = re.compile(r"masthead-(\d{8}-\d{6})\.tar\.gz")


def archive_name(moment):
    """The name of a dated archive made at `moment`: masthead-20261207-011500.tar.gz."""
    return f"masthead-{moment.astimezone(UTC).strftime(STAMP)}.tar.gz"


def _within(path, folder):
    return path == folder or folder in path.parents


def make_backup(destination):
    """Writes one archive to `destination` (a file, or a folder to put a dated file in; a name ending in "/" is a
    folder, made if need be); returns its path."""
    as_folder = str(destination).endswith(("/", os.sep))
    destination = Path(destination)
    if destination.is_dir() or as_folder:
        destination = destination / archive_name(timezone.now())
    _refuse_a_database_of_no_newsroom()
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Archives kept inside the media folder are not packed into the next one (each would hold all before it).
    own_folder = destination.parent.resolve()
    with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, dir=destination.parent) as scratch:
        work = Path(scratch)
        database_name, vendor = _copy_database(work)
        files = {
            database_name: {"size": (work / database_name).stat().st_size, "sha256": sha256_of(work / database_name)}
        }
        media_root = local_media_root()
        media = []
        if media_root and media_root.is_dir():
            skip = own_folder if _within(own_folder, media_root.resolve()) else None
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not (skip and _within(path.resolve(), skip)):
                    name = "media/" + path.relative_to(media_root).as_posix()
                    files[name] = {"size": path.stat().st_size, "sha256": sha256_of(path)}
                    media.append((path, name))
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": vendor, "file": database_name},
            "media": "local" if media_root else "object storage (not in this archive)",
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = destination.with_name(destination.name + PARTIAL)
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(work / MANIFEST, arcname=MANIFEST)
                archive.add(work / database_name, arcname=database_name)
                for path, name in media:
                    archive.add(path, arcname=name)
        except BaseException:
            partial.unlink(missing_ok=True)  # a full disk or a stop leaves no half archive behind
            raise
        partial.replace(destination)  # a half-written archive never carries the final name
    return destination, manifest


def _refuse_a_database_of_no_newsroom():
    """A database without Masthead's tables is not the site's: most likely `manage.py` ran without the site's
    environment (a cron job has none of it), so it took the development settings and an empty SQLite file."""
    from masthead.articles.models import HomePage

    if HomePage._meta.db_table in connection.introspection.table_names():
        return
    db = connection.settings_dict
    where = db["NAME"] if connection.vendor == "sqlite" else f"{db['NAME']} on {db.get('HOST') or 'localhost'}"
    raise BackupError(
        f"The {connection.vendor} database {where} has no Masthead tables, so there is nothing to back up: "
        f"manage.py ran with the settings {settings.SETTINGS_MODULE}. Run it with the site's environment "
        "(DJANGO_SETTINGS_MODULE, DATABASE_URL, …: a cron job has none of it unless its line sets it)."
    )


def read_archive(archive_path, into):
    """Unpacks and checks an archive into the folder `into`; returns its manifest or raises BackupError."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"There is no archive at {archive_path}.")
    folder = Path(into).parent
    free = shutil.disk_usage(folder).free
    try:
        with tarfile.open(archive_path, "r:*") as archive:
            archive.extractall(into, filter="data")  # refuses absolute paths, "..", links out of the folder
            # tarfile stops at the first member header it cannot read as if the archive ended there, and gzip
            # checks its CRC only at the end of the stream: damage inside a stored (incompressible) block, such as
            # a picture's, read as a shorter archive ("incomplete"). Reading the stream to its end checks it whole.
            while archive.fileobj.read(2**20):
                pass
    except (tarfile.TarError, EOFError, OSError, ValueError, zlib.error) as error:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BackupError(
                f"There is not enough room in {folder} to unpack the archive ({_unpacked_megabytes(archive_path)} MB "
                f"of files, {free // 2**20} MB free). Nothing was restored: free some space on that disk and run "
                "restore again."
            ) from error
        raise BackupError(f"The archive {archive_path} is damaged or not a Masthead backup ({error}).") from error
    try:
        manifest = json.loads((Path(into) / MANIFEST).read_text())
        files = manifest["files"]
        database = manifest["database"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(
            f"The archive {archive_path} has no readable manifest: it is not a Masthead backup."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"The archive is in format {manifest.get('format')!r}; this version reads {FORMAT!r}.")
    for name, expected in files.items():
        path = Path(into) / name
        if not path.is_file():
            raise BackupError(f"The archive is incomplete: {name} is missing.")
        if path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            raise BackupError(f"The archive is damaged: {name} does not match its checksum.")
    if database.get("file") not in files:
        raise BackupError("The archive's manifest names no database copy.")
    return manifest


def installation_is_empty():
    """True when this installation holds no newsroom yet: no users, pages of ours, subscribers or media."""
    from django.contrib.auth import get_user_model

    from masthead.articles.models import HomePage
    from masthead.newsletters.models import Subscriber

    tables = set(connection.introspection.table_names())
    for model in (get_user_model(), HomePage, Subscriber):
        if model._meta.db_table in tables and model.objects.exists():
            return False
    media_root = local_media_root()
    return not (media_root and media_root.is_dir() and any(path.is_file() for path in media_root.rglob("*")))


def _restore_sqlite(copy_path):
    target = Path(connection.settings_dict["NAME"])
    connections.close_all()
    with sqlite3.connect(copy_path) as source, sqlite3.connect(target, timeout=30) as database:
        source.backup(database)  # replaces every page of the live file, WAL included, under SQLite's locks
    source.close()
    database.close()


def _restore_postgresql(dump_path):
    db = connection.settings_dict
    connections.close_all()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
    command += _pg_arguments(db) + ["--dbname", db["NAME"], str(dump_path)]
    result = subprocess.run(command, env=_pg_environment(db), capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")


def _unpacked_megabytes(archive_path):
    with tarfile.open(archive_path, "r:*") as archive:
        return math.ceil(sum(member.size for member in archive.getmembers()) / 2**20)


def _unpacking_folder():
    """Where an archive is unpacked: beside the media folder, so its pictures and audio are moved into place, not
    copied, and a small tmpfs at /tmp (Debian's default since trixie) does not limit what can be restored. With
    media in object storage, the system's temporary folder."""
    media_root = local_media_root()
    if media_root is None:
        return None
    media_root.parent.mkdir(parents=True, exist_ok=True)
    return media_root.parent


def restore_backup(archive_path, force=False):
    """Restores an archive into this installation; refuses a non-empty one unless `force`. Returns the manifest."""
    with tempfile.TemporaryDirectory(prefix=".masthead-restore-", dir=_unpacking_folder()) as scratch:
        work = Path(scratch)
        manifest = read_archive(archive_path, work)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"The archive holds a {vendor} database; this installation uses {connection.vendor}. "
                "Restore it into an installation of the same kind."
            )
        if not force and not installation_is_empty():
            raise BackupError(
                "This installation already holds a newsroom (users, pages, subscribers or media). "
                "Restore into an empty one, or pass --force to replace what is here."
            )
        copy = work / manifest["database"]["file"]
        (_restore_sqlite if vendor == "sqlite" else _restore_postgresql)(copy)
        media_root = local_media_root()
        restored_media = work / "media"
        if media_root and restored_media.is_dir():
            if force and media_root.is_dir():
                shutil.rmtree(media_root)
            if media_root.is_dir() and not any(media_root.iterdir()):
                media_root.rmdir()
            if media_root.exists():
                shutil.copytree(restored_media, media_root, dirs_exist_ok=True)
            else:
                restored_media.rename(media_root)  # the same disk: moved at once, no second copy
    return manifest
