"""Nightly backups made by the workers, so a newsroom needs no cron job to have them.

With MASTHEAD_BACKUP_DIR set (`make run` sets var/backups), every night at MASTHEAD_BACKUP_TIME in the newsroom's
time zone the worker of the long jobs (queues.IMPORTS) forgets the archives older than MASTHEAD_BACKUP_KEEP_DAYS,
checks that tonight's leaves MASTHEAD_BACKUP_LEAVE_FREE_MB free, and writes it with `backup.make_backup`, the same
archive `manage.py backup` writes. The next night is planned first, so a backup that fails or whose worker is
killed does not end the ones after it; a failure shows on Settings → Background work and the Admins' dashboard
like any failed task. `migrate` and each worker's start plan the first night.
"""

import logging
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from . import background
from .backup import ARCHIVE_NAME, PARTIAL, SCRATCH_PREFIX, STAMP, BackupError, local_media_root, make_backup
from .zones import newsroom_zone

logger = logging.getLogger(__name__)

TASK_PATH = "masthead.core.tasks.nightly_backup"
# A backup never takes this long: a ".partial" file older than this was left by a worker that was stopped.
LONGEST_BACKUP = timedelta(hours=6)


def folder():
    """MASTHEAD_BACKUP_DIR as a Path, or None when the workers make no backups."""
    name = settings.MASTHEAD_BACKUP_DIR.strip()
    return Path(name) if name else None


def time_of_day():
    return datetime.strptime(settings.MASTHEAD_BACKUP_TIME, "%H:%M").time()


def next_time(now=None):
    """The next MASTHEAD_BACKUP_TIME in the newsroom's zone after `now` (in UTC). On the night a clock change
    skips that hour, it is the same moment an hour later by the clock."""
    zone = newsroom_zone()
    local = (now or timezone.now()).astimezone(zone)
    moment = datetime.combine(local.date(), time_of_day(), tzinfo=zone)
    if moment <= local:
        moment = datetime.combine(local.date() + timedelta(days=1), time_of_day(), tzinfo=zone)
    return moment.astimezone(UTC)


def plan(now=None):
    """Queues the next night's backup unless it is waiting already (or backups are off); a night planned for
    another time (MASTHEAD_BACKUP_TIME changed since) is moved. Returns whether it queued one."""
    if folder() is None:
        return False
    from .tasks import nightly_backup

    now = now or timezone.now()
    at = next_time(now)
    _planned(now).exclude(run_after=at).delete()
    return background.plan_task(nightly_backup, at)


def _waiting():
    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY")


def _planned(now):
    """The backups waiting for a later time. A run queued to go at once (Back up now, a shell) has no time, which
    django-tasks-db stores as the largest date: it is not one of them."""
    return _waiting().filter(run_after__gt=now).exclude(run_after=get_date_max())


def _due(now):
    """The backups waiting to be made now."""
    return _waiting().filter(Q(run_after=get_date_max()) | Q(run_after__lte=now))


@dataclass
class Archive:
    path: Path
    made_at: datetime
    size: int


def archives(where=None):
    """The dated archives in the backup folder (or `where`), newest first. Other files are not ours to read."""
    where = where or folder()
    found = []
    if where is None or not where.is_dir():
        return found
    for path in where.iterdir():
        match = ARCHIVE_NAME.fullmatch(path.name)
        if match and path.is_file():
            made_at = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
            found.append(Archive(path, made_at, path.stat().st_size))
    return sorted(found, key=lambda archive: archive.made_at, reverse=True)


def _modified(path):
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def forget_old(where, now=None):
    """Deletes the archives made more than MASTHEAD_BACKUP_KEEP_DAYS ago (none when it is 0), never the newest,
    and the half-written archives and database copies a stopped worker left. Returns the names deleted."""
    now = now or timezone.now()
    keep = settings.MASTHEAD_BACKUP_KEEP_DAYS
    gone = []
    if keep > 0:
        for archive in archives(where)[1:]:
            if archive.made_at < now - timedelta(days=keep):
                archive.path.unlink(missing_ok=True)
                gone.append(archive.path.name)
    stale = now - LONGEST_BACKUP
    for path in where.glob("masthead-*.tar.gz" + PARTIAL):
        if ARCHIVE_NAME.fullmatch(path.name.removesuffix(PARTIAL)) and _modified(path) < stale:
            path.unlink(missing_ok=True)
            gone.append(path.name)
    for path in where.glob(SCRATCH_PREFIX + "*"):  # the database copy of a backup whose worker was killed
        if path.is_dir() and _modified(path) < stale:
            shutil.rmtree(path, ignore_errors=True)
            gone.append(path.name)
    return gone


def _megabytes(size):
    return f"{size / 2**20:,.0f} MB"


def database_size():
    """How big the database's copy is while an archive is written (a pg_dump is smaller than this)."""
    if connection.vendor == "sqlite":
        return Path(connection.settings_dict["NAME"]).stat().st_size
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return 0


def expected_size(where):
    """About how big tonight's archive will be: the newest one and a tenth more, or, before the first, the database
    and the media files as they are (the archive is compressed, so no smaller)."""
    found = archives(where)
    if found:
        return int(found[0].size * 1.1)
    media_root = local_media_root()
    media = 0
    if media_root and media_root.is_dir():
        media = sum(path.stat().st_size for path in media_root.rglob("*") if path.is_file())
    return media + database_size()


def check_room(where):
    """Refuses to start an archive that would leave less than MASTHEAD_BACKUP_LEAVE_FREE_MB free where it is
    written: backups kept on the database's disk must not be what fills it and stops the site. The database's
    copy is made in the same folder while the archive is written, so it counts too."""
    needed, free = expected_size(where) + database_size(), shutil.disk_usage(where).free
    keep_free = settings.MASTHEAD_BACKUP_LEAVE_FREE_MB * 2**20
    if free - needed < keep_free:
        raise BackupError(
            f"Not enough room for tonight's backup in {where}: it needs about {_megabytes(needed)} (the archive, and "
            f"a copy of the database while it is written), {_megabytes(free)} is free, and {_megabytes(keep_free)} "
            "is kept free (MASTHEAD_BACKUP_LEAVE_FREE_MB). No backup was made. Keep fewer days "
            "(MASTHEAD_BACKUP_KEEP_DAYS), delete old archives, or give the backups a disk of their own."
        )


def run(now=None):
    """The nightly task's work: plans the next night, forgets the old archives, checks there is room, writes
    tonight's. Returns what it did, for the task's result; None when backups were turned off after this run was
    planned."""
    where = folder()
    if where is None:
        return None
    plan(now)
    if where.exists() and not where.is_dir():
        raise BackupError(f"MASTHEAD_BACKUP_DIR is {where}, which is a file, not a folder: no backup was made.")
    where.mkdir(parents=True, exist_ok=True)
    gone = forget_old(where, now)  # first: tonight's archive may need their room (the newest is never deleted)
    check_room(where)
    path, manifest = make_backup(where)
    size = path.stat().st_size
    logger.info("Nightly backup written to %s (%d bytes); %d old archives deleted", path, size, len(gone))
    return {"archive": str(path), "bytes": size, "files": len(manifest["files"]), "deleted": gone}


def being_made(now):
    """A backup a worker is making now (one "running" for longer than any task takes lost its worker)."""
    running = DBTaskResult.objects.filter(task_path=TASK_PATH, status="RUNNING")
    return running.filter(started_at__gte=now - background.LONGEST_TASK).exists()


def back_up_now():
    """Queues a backup to be made as soon as the worker of the long jobs is free (Background work's button, before
    an upgrade, say). Returns "queued", or, queuing nothing, "off" when backups are off, "waiting" when one is
    already waiting to be made now and "running" while one is being made (a double click, a second press a moment
    later: the archive being written will hold the same)."""
    now = timezone.now()
    if folder() is None:
        return "off"
    if _due(now).exists():
        return "waiting"
    if being_made(now):
        return "running"
    from .tasks import nightly_backup

    nightly_backup.enqueue()
    return "queued"


@dataclass
class Status:
    """What Settings → Background work says of the nightly backups."""

    folder: Path | None
    newest: Archive | None = None
    count: int = 0
    next_at: datetime | None = None
    last_failure: background.TaskRow | None = None  # when the last backup failed
    free: int | None = None  # bytes free on the folder's disk


def _free_space(where):
    """Bytes free on the disk the folder is (or will be, before the first backup makes it) on."""
    for place in (where, *where.parents):
        if place.is_dir():
            return shutil.disk_usage(place).free
    return None


def status():
    where = folder()
    if where is None:
        return Status(folder=None)
    found = archives(where)
    now = timezone.now()
    planned = _planned(now).order_by("run_after").values_list("run_after", flat=True).first()
    finished = DBTaskResult.objects.filter(task_path=TASK_PATH, finished_at__isnull=False)
    last = finished.order_by("-finished_at").first()
    failed = last and last.status == "FAILED"
    return Status(
        folder=where,
        newest=found[0] if found else None,
        count=len(found),
        next_at=now if _due(now).exists() else planned,
        last_failure=background.task_rows(finished.filter(pk=last.pk), "pk", "finished_at")[0] if failed else None,
        free=_free_space(where),
    )
