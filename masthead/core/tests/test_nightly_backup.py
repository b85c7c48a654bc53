"""Nightly backups by the workers: with MASTHEAD_BACKUP_DIR set, an archive every night at MASTHEAD_BACKUP_TIME in the
newsroom's zone, the old ones forgotten, and Settings → Background work saying what was made and what failed, with
no cron job to set up (masthead/core/nightly_backup.py)."""

import errno
import io
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from masthead.core import nightly_backup, queues
from masthead.core.backup import archive_name, read_archive
from masthead.core.testing import run_due_tasks, user_in

PAGE = "/admin/background-work/"
NOON = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # noon in Kyiv
TONIGHT = datetime(2026, 12, 10, 1, 15, tzinfo=UTC)  # 03:15 in Kyiv
TASK = nightly_backup.TASK_PATH
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def database_queue(settings):
    # Tasks are stored, as with `make run`'s workers; run_due_tasks() plays the worker of the long jobs.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}


@pytest.fixture
def newsroom_files(settings, tmp_path):
    """A newsroom whose media folder holds one picture, backed up into a folder of its own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "front-page.jpg").write_bytes(b"\xff\xd8 a picture \xff\xd9")
    settings.MASTHEAD_BACKUP_DIR = str(tmp_path / "backups")
    settings.MASTHEAD_BACKUP_TIME = "03:15"
    settings.MASTHEAD_BACKUP_KEEP_DAYS = 14
    return tmp_path


@pytest.fixture
def admin_client(client, newsroom):
    client.force_login(user_in("Admins", "ada"))
    return client


def planned():
    return list(DBTaskResult.objects.filter(task_path=TASK, status="READY").values_list("run_after", flat=True))


def page_at(client, at):
    with time_machine.travel(at, tick=False):
        response = client.get(PAGE)
    assert response.status_code == 200
    return response.content.decode()


# The worker makes the copy outside any transaction; so do these tests (SQLite cannot copy a database from the
# connection of a test's open transaction).
backs_up = pytest.mark.django_db(transaction=True)


@backs_up
def test_the_newsroom_is_backed_up_at_a_quarter_past_three_every_night_with_no_cron(
    newsroom_files, admin_client, tmp_path
):
    backups = tmp_path / "backups"
    backups.mkdir()
    # What earlier nights left: one archive past the fortnight, one within it, a half-written one and the copy of
    # the database from a worker that was stopped, and a file that is not ours.
    (backups / archive_name(TONIGHT - timedelta(days=15))).write_bytes(b"old")
    (backups / archive_name(TONIGHT - timedelta(days=13))).write_bytes(b"recent")
    stale = backups / (archive_name(TONIGHT - timedelta(days=2)) + ".partial")
    stale.write_bytes(b"half")
    os.utime(stale, (TONIGHT.timestamp() - 2 * 86400,) * 2)
    copy = backups / ".masthead-backup-k1ll3d"
    copy.mkdir()
    (copy / "database.sqlite3").write_bytes(b"copy")
    os.utime(copy, (TONIGHT.timestamp() - 2 * 86400,) * 2)
    (backups / "notes.txt").write_text("the operator's own file")

    with time_machine.travel(NOON, tick=False):
        call_command("migrate", verbosity=0)  # every deployment runs it, and so does `make run`
    assert planned() == [TONIGHT]
    assert "Next backup: Dec. 10, 2026, 3:15 a.m." in page_at(admin_client, NOON)

    run_due_tasks(TONIGHT - timedelta(seconds=1))  # a second early: nothing
    assert not (backups / archive_name(TONIGHT)).exists()

    run_due_tasks(TONIGHT)

    tonight = backups / archive_name(TONIGHT)
    assert tonight.name == "masthead-20261210-011500.tar.gz"
    manifest = read_archive(tonight, tmp_path / "unpacked")  # checked against its manifest, as `restore` does
    assert "media/images/front-page.jpg" in manifest["files"]
    assert (tmp_path / "unpacked" / manifest["database"]["file"]).stat().st_size > 0
    assert sorted(path.name for path in backups.iterdir()) == [
        "masthead-20261127-011500.tar.gz",  # 13 days: kept
        tonight.name,
        "notes.txt",
    ]
    assert planned() == [TONIGHT + timedelta(days=1)]  # tomorrow night, once

    html = page_at(admin_client, TONIGHT + timedelta(hours=1))
    assert f"Newest archive: <code>{tonight.name}</code>" in html and "Archives in the folder: 2" in html
    assert "Archives older than 14 days are deleted." in html
    assert "failed" not in html.split("Nightly backups")[1].split("Failed in the last week")[0]


@backs_up
def test_a_failed_backup_is_said_on_the_page_and_the_next_night_is_still_planned(
    newsroom_files, admin_client, settings, tmp_path
):
    taken = tmp_path / "taken"
    taken.write_text("a file where the folder should be")
    settings.MASTHEAD_BACKUP_DIR = str(taken)
    with time_machine.travel(NOON, tick=False):
        nightly_backup.plan()
    run_due_tasks(TONIGHT)

    [failed] = DBTaskResult.objects.filter(task_path=TASK, status="FAILED")
    assert planned() == [TONIGHT + timedelta(days=1)]  # one failure does not end the nights after it
    html = page_at(admin_client, TONIGHT + timedelta(hours=1))
    assert "The last backup, at" in html and "failed." in html
    assert f"MASTHEAD_BACKUP_DIR is {taken}, which is a file, not a folder: no backup was made." in html
    out = io.StringIO()
    with time_machine.travel(TONIGHT + timedelta(hours=1), tick=False):
        call_command("background_status", stdout=out)
    assert "THE LAST ONE FAILED at 2026-12-10 01:15 UTC" in out.getvalue()

    # The operator mends the setting and presses Run again: a backup at once, and the warning goes.
    settings.MASTHEAD_BACKUP_DIR = str(tmp_path / "backups")
    with time_machine.travel(TONIGHT + timedelta(hours=2), tick=False):
        assert admin_client.post(f"/admin/background-work/{failed.pk}/run-again/").status_code == 302
        nightly_backup.plan()  # what a worker does as it starts: the run queued to go now is not "moved"
    run_due_tasks(TONIGHT + timedelta(hours=2))
    assert [path.name for path in (tmp_path / "backups").iterdir()] == ["masthead-20261210-031500.tar.gz"]
    html = page_at(admin_client, TONIGHT + timedelta(hours=3))
    assert "The last backup, at" not in html and "Archives in the folder: 1" in html
    assert planned() == [TONIGHT + timedelta(days=1)]  # still one night planned, not two


def test_with_no_backup_folder_nothing_is_planned_and_the_page_says_how_to_have_backups(
    db, newsroom_files, admin_client, settings
):
    with time_machine.travel(NOON, tick=False):
        nightly_backup.plan()  # planned while backups were on …
    settings.MASTHEAD_BACKUP_DIR = ""  # … and turned off before the night
    call_command("migrate", verbosity=0)
    run_due_tasks(TONIGHT)

    assert planned() == []
    assert DBTaskResult.objects.get(task_path=TASK).return_value is None  # it made nothing
    html = page_at(admin_client, TONIGHT)
    assert "The workers make no backups, because <code>MASTHEAD_BACKUP_DIR</code> is not set." in html
    out = io.StringIO()
    call_command("background_status", stdout=out)
    assert "nightly backups: off (MASTHEAD_BACKUP_DIR is not set)" in out.getvalue()


@backs_up
def test_archives_kept_in_the_media_folder_are_not_packed_into_the_next(newsroom_files, settings, tmp_path):
    settings.MASTHEAD_BACKUP_DIR = str(tmp_path / "media" / "backups")
    with time_machine.travel(TONIGHT, tick=False):
        nightly_backup.run()
    with time_machine.travel(TONIGHT + timedelta(days=1), tick=False):
        second = nightly_backup.run()

    with tarfile.open(second["archive"]) as archive:
        names = archive.getnames()
    assert "media/images/front-page.jpg" in names
    assert not [name for name in names if name.startswith("media/backups")]


@backs_up
def test_the_database_is_copied_beside_the_archive_not_in_the_systems_temporary_folder(
    newsroom_files, monkeypatch, tmp_path
):
    # /tmp is often a small tmpfs in memory: one that is missing (or full) must not stop the backup, and the copy
    # must be on the disk whose room was checked.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-temporary-folder"))
    with time_machine.travel(TONIGHT, tick=False):
        made = nightly_backup.run()
    assert Path(made["archive"]).parent == tmp_path / "backups"
    assert sorted(path.name for path in (tmp_path / "backups").iterdir()) == [archive_name(TONIGHT)]  # copy gone


@backs_up
def test_a_backup_that_runs_out_of_room_leaves_no_half_archive(newsroom_files, monkeypatch, tmp_path):
    def disk_full(self, *args, **kwargs):  # the disk fills while the archive is written
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tarfile.TarFile, "add", disk_full)
    with time_machine.travel(TONIGHT, tick=False), pytest.raises(OSError):
        nightly_backup.run()
    assert list((tmp_path / "backups").iterdir()) == []


@pytest.mark.parametrize(
    "now, expected",
    [
        (NOON, TONIGHT),  # noon: tonight
        (TONIGHT, TONIGHT + timedelta(days=1)),  # at the time itself: the next night
        (TONIGHT - timedelta(minutes=1), TONIGHT),
        # 28 March 2027: Kyiv's clocks go from 03:00 to 04:00, so 03:15 is not on the clock that night; the backup
        # runs at 01:15 UTC as on other nights (04:15 by the new time).
        (datetime(2027, 3, 27, 12, 0, tzinfo=UTC), datetime(2027, 3, 28, 1, 15, tzinfo=UTC)),
        (datetime(2027, 3, 28, 12, 0, tzinfo=UTC), datetime(2027, 3, 29, 0, 15, tzinfo=UTC)),  # summer time
    ],
)
def test_the_time_is_the_newsrooms_wall_clock(db, settings, now, expected):
    settings.MASTHEAD_BACKUP_TIME = "03:15"
    assert nightly_backup.next_time(now) == expected


@backs_up
def test_a_worker_started_after_backups_were_turned_on_plans_the_first(newsroom_files):
    assert planned() == []  # turned on after the last migrate
    with time_machine.travel(NOON, tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "narration,imports")
    assert planned() == [TONIGHT]


def test_the_section_in_ukrainian(db, newsroom_files, client, settings):
    from wagtail.users.models import UserProfile

    ada = user_in("Admins", "ada")
    UserProfile.objects.update_or_create(user=ada, defaults={"preferred_language": "uk"})
    client.force_login(ada)
    html = page_at(client, NOON)
    assert "Щоночі о 03:15 (Europe/Kyiv) обробник записує архів" in html
    assert "Архіви, старші за 14 днів, видаляються." in html and "Жодної резервної копії ще не зроблено." in html
    assert "Архівів у теці: 0" in html and "Вільно на її диску:" in html and "Зробити резервну копію зараз" in html
    settings.MASTHEAD_BACKUP_DIR = ""
    assert "Обробники не роблять резервних копій" in page_at(client, NOON)


@backs_up
def test_a_backup_queued_to_run_at_once_is_not_moved_by_a_worker_start(newsroom_files, tmp_path):
    from django_tasks_db.models import get_date_max

    from masthead.core.tasks import nightly_backup as backup_task

    with time_machine.travel(NOON, tick=False):
        backup_task.enqueue()  # "one now", from a shell: no time of its own
        nightly_backup.plan()  # a worker starts
    assert planned() == [get_date_max()]  # still there, to run at once

    run_due_tasks(NOON)
    assert [path.name for path in (tmp_path / "backups").iterdir()] == ["masthead-20261209-100000.tar.gz"]
    assert planned() == [TONIGHT]  # and it planned the night


def test_a_new_time_moves_the_night_already_planned(db, newsroom_files, settings):
    with time_machine.travel(NOON, tick=False):
        call_command("migrate", verbosity=0)
        assert planned() == [TONIGHT]
        settings.MASTHEAD_BACKUP_TIME = "01:30"  # the operator moves it, and deploys
        call_command("migrate", verbosity=0)
    assert planned() == [datetime(2026, 12, 9, 23, 30, tzinfo=UTC)]  # 01:30 in Kyiv, once


def test_make_runs_newsroom_is_backed_up_into_its_var_folder_unless_turned_off(tmp_path):
    show = "from django.conf import settings; print(repr(settings.MASTHEAD_BACKUP_DIR))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.dev", "MASTHEAD_VAR_DIR": str(tmp_path)}
    env.pop("MASTHEAD_BACKUP_DIR", None)
    shown = subprocess.run([sys.executable, "-c", show], env=env, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == repr(str(tmp_path / "backups"))
    off = subprocess.run(
        [sys.executable, "-c", show], env={**env, "MASTHEAD_BACKUP_DIR": ""}, capture_output=True, text=True, check=True
    )
    assert off.stdout.strip() == "''"


ON_A_SMALL_DISK = """
import datetime, json, os, django, time_machine
django.setup()
from masthead.core import nightly_backup
from masthead.core.backup import BackupError
night = datetime.datetime(2026, 12, 10, 1, 15, tzinfo=datetime.UTC)
for n in (0, 1):
    with time_machine.travel(night + datetime.timedelta(days=n), tick=False):
        try:
            print(json.dumps(["made", os.path.basename(nightly_backup.run()["archive"])]))
        except BackupError as error:
            print(json.dumps(["refused", str(error)]))
print(json.dumps(["left", sorted(os.listdir(os.environ["MASTHEAD_BACKUP_DIR"]))]))
"""


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="sized for the SQLite copy (the check is the same)")
@backs_up
def test_a_backup_that_would_fill_its_disk_is_not_made_and_says_why(tmp_path):
    from masthead.core.tests.test_storage_full import mount_namespaces_work
    from masthead.newsletters.tests.processes import SharedDatabase

    if not mount_namespaces_work(tmp_path):
        pytest.skip("this machine lets no process mount a small tmpfs of its own (unshare --mount)")
    media = tmp_path / "var" / "test-media" / "images"
    media.mkdir(parents=True)
    (media / "big.jpg").write_bytes(os.urandom(6 * 2**20))  # pictures do not compress
    database = SharedDatabase(tmp_path)
    # A disk with room for one night's archive, the database's copy made beside it and the 1 MB kept free, not for
    # two nights' archives.
    size_mb = 1 + 6 + 2 * math.ceil(database.path.stat().st_size / 2**20) + 1
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "DATABASE_URL": database.url,
        "MASTHEAD_VAR_DIR": str(tmp_path / "var"),
        "MASTHEAD_BACKUP_DIR": str(disk),
        "MASTHEAD_BACKUP_LEAVE_FREE_MB": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    script = f'mount -t tmpfs -o size={size_mb}m tmpfs "{disk}" && exec "$0" -c "$1"'
    run = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, sys.executable, ON_A_SMALL_DISK],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    first, second, left = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("[")]
    assert first == ["made", "masthead-20261210-011500.tar.gz"]
    assert second[0] == "refused"
    assert re.match(
        rf"Not enough room for tonight's backup in {re.escape(str(disk))}: it needs about \d+ MB "
        r"\(the archive, and a copy of the database while it is written\), ",
        second[1],
    )
    assert "No backup was made." in second[1]
    assert left == ["left", ["masthead-20261210-011500.tar.gz"]]  # last night's is kept, nothing half-written


@backs_up
def test_back_up_now_makes_one_backup_however_often_it_is_pressed(newsroom_files, admin_client, tmp_path):
    page = page_at(admin_client, NOON)
    assert 'action="/admin/background-work/back-up-now/"' in page and "Back up now" in page
    assert "Free on its disk:" in page
    with time_machine.travel(NOON, tick=False):
        first = admin_client.post("/admin/background-work/back-up-now/", follow=True).content.decode()
        second = admin_client.post(
            "/admin/background-work/back-up-now/", follow=True
        ).content.decode()  # a double click
    assert "A backup is queued. The worker of the long jobs makes it as soon as it is free" in first
    assert "A backup is already queued to be made now." in second
    assert "Next backup: Dec. 9, 2026, noon" in page_at(admin_client, NOON)  # now, not the year 9999

    # A press a moment later, while the worker is making it, queues no second archive of the same.
    queued = DBTaskResult.objects.filter(task_path=nightly_backup.TASK_PATH, status="READY")
    queued.update(status="RUNNING", started_at=NOON)
    with time_machine.travel(NOON + timedelta(seconds=1), tick=False):
        third = admin_client.post("/admin/background-work/back-up-now/", follow=True).content.decode()
    assert "A backup is being made right now; it shows here when it is done." in third
    assert not DBTaskResult.objects.filter(task_path=nightly_backup.TASK_PATH, status="READY").exists()
    DBTaskResult.objects.filter(task_path=nightly_backup.TASK_PATH, status="RUNNING").update(status="READY")

    run_due_tasks(NOON + timedelta(minutes=1))
    assert [path.name for path in (tmp_path / "backups").iterdir()] == ["masthead-20261209-100100.tar.gz"]
    assert "Newest archive: <code>masthead-20261209-100100.tar.gz</code>" in page_at(admin_client, NOON)


def test_back_up_now_is_for_admins_and_says_when_backups_are_off(db, newsroom_files, client, settings):
    client.force_login(user_in("Editors", "ed"))
    refused = client.post("/admin/background-work/back-up-now/", follow=True).content.decode()
    assert "Sorry, you do not have permission to access this area." in refused and planned() == []
    client.force_login(user_in("Admins", "ada"))
    settings.MASTHEAD_BACKUP_DIR = ""
    answer = client.post("/admin/background-work/back-up-now/", follow=True).content.decode()
    assert "The workers make no backups until MASTHEAD_BACKUP_DIR is set." in answer
    assert planned() == []


def test_restore_given_the_backups_folder_takes_its_newest_archive(db, tmp_path):
    from django.core.management.base import CommandError

    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(CommandError, match="There is no dated Masthead archive"):
        call_command("restore", str(folder), stdout=io.StringIO())
    for night in (TONIGHT, TONIGHT + timedelta(days=1)):  # not real archives: restore must check, and refuse
        (folder / archive_name(night)).write_bytes(b"not a backup")
    out = io.StringIO()
    with pytest.raises(CommandError, match="masthead-20261211-011500.tar.gz is damaged or not a Masthead backup"):
        call_command("restore", str(folder), stdout=out)
    assert "Restoring the newest archive in that folder, masthead-20261211-011500.tar.gz." in out.getvalue()
