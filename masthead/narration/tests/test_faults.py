"""Narration survives faults: a worker killed mid-narration, media storage that cannot be written."""

import json
import os
import signal
import subprocess
import sys

import pytest
from django.core.files.storage import default_storage

from masthead.articles import factories as f
from masthead.core import queues
from masthead.narration import services
from masthead.narration.models import Narration
from masthead.newsletters.tests.processes import ROOT, SharedDatabase, environment, start_worker, stop, wait_for

from .test_queues import PARAGRAPH


def narration_row(database, article_id):
    rows = database.rows(
        "SELECT state, heartbeat_at, audio, error FROM narration_narration WHERE article_id = %s", [article_id]
    )
    return dict(zip(("state", "heartbeat", "audio", "error"), rows[0], strict=True)) if rows else {}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_narration_whose_worker_was_killed_is_taken_up_again_by_another_worker(tmp_path, settings):
    settings.MASTHEAD_NARRATION_ENABLED = False  # the worker processes make the audio
    section = f.make_section(f.make_site(), "Regions")
    article = f.make_article(section, "Bridge repairs", body=[PARAGRAPH] * 6)
    database = SharedDatabase(tmp_path)
    media = tmp_path / "media"
    env = environment(
        database.url,
        DJANGO_SETTINGS_MODULE="masthead.narration.tests.worker_settings",
        MASTHEAD_TEST_MEDIA_ROOT=media,
        MASTHEAD_NARRATION_LEASE_SECONDS=4,
    )
    subprocess.run(
        [sys.executable, "manage.py", "narrate", str(article.pk), "--enqueue"], env=env, cwd=ROOT, check=True
    )
    first = start_worker(env, tmp_path / "first.log", queues="narration")
    try:
        # The worker has started speaking the article (its heartbeat is set) when it is killed: no clean-up at all.
        assert wait_for(lambda: narration_row(database, article.pk).get("heartbeat"), timeout=90)
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        assert narration_row(database, article.pk)["state"] == "pending"
    finally:
        stop(first)

    second = start_worker(env, tmp_path / "second.log", queues="narration")
    try:
        done = wait_for(lambda: narration_row(database, article.pk).get("state") == "ready", timeout=120)
    finally:
        stop(second)
    tasks = database.rows(
        "SELECT task_path, status, run_after, exception_class_path FROM django_tasks_database_dbtaskresult"
    )
    assert done, (tasks, narration_row(database, article.pk), (tmp_path / "second.log").read_text()[-3000:])
    row = narration_row(database, article.pk)
    # One complete file, the one the row points at; nothing half-written left by the killed worker.
    assert sorted(path.name for path in (media / "narration").iterdir()) == [row["audio"].split("/")[-1]]
    running = database.rows(
        "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' AND task_path LIKE %s",
        ["%narrate_article"],
    )
    assert running == [(0,)]  # the killed worker's task no longer shows as running


def test_a_storage_error_is_retried_with_back_off_then_shown_as_failed_with_its_reason(
    desk, settings, media_root, tmp_path, client
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    settings.MASTHEAD_NARRATION_RETRY_DELAYS = [30, 300]
    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])
    # The audio folder cannot be written: a file stands where the folder should be (this holds even for root).
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "narration").write_text("not a folder")

    assert services.narrate(article.pk, attempt=1) == "retrying"
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.PENDING
    assert "trying again in 30 s" in narration.failure_said() and "could not be stored" in narration.failure_said()
    retry = DBTaskResult.objects.filter(task_path__endswith="narrate_article").latest("enqueued_at")
    assert retry.args_kwargs["kwargs"]["attempt"] == 2 and retry.run_after is not None

    assert services.narrate(article.pk, attempt=2) == "retrying"
    assert "trying again in 300 s" in Narration.objects.get(article=article).failure_said()
    assert services.narrate(article.pk, attempt=3) == "failed"
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.FAILED
    assert narration.failure_said().startswith("The audio could not be stored (")
    assert [path.name for path in media_root.iterdir()] == ["narration"]  # no audio anywhere else
    assert not default_storage.exists(f"narration/{article.slug}.mp3")

    # The worker wrote no sentence: each editor reads the reason in the language of their admin.
    from django.urls import reverse
    from wagtail.users.models import UserProfile

    from masthead.core.testing import user_in

    editor = user_in("Editors", "oksana")
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "uk"})
    client.force_login(editor)
    page = client.get(reverse("narration_admin:detail", args=[article.pk])).content.decode()
    assert "Не вдалося зберегти аудіо (FileExistsError: " in page and "could not be stored" not in page


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_retries_a_storage_error_then_shows_it_failed_and_leaves_no_file(tmp_path, settings):
    settings.MASTHEAD_NARRATION_ENABLED = False  # the worker process makes the audio
    section = f.make_section(f.make_site(), "Regions")
    article = f.make_article(section, "Ferry timetable", body=["The ferry leaves at nine and returns at noon."])
    database = SharedDatabase(tmp_path)
    media = tmp_path / "media"
    media.mkdir()
    # The audio folder cannot be written: a file stands where the folder should be (this holds even for root).
    (media / "narration").write_text("not a folder")
    env = environment(
        database.url,
        DJANGO_SETTINGS_MODULE="masthead.narration.tests.worker_settings",
        MASTHEAD_TEST_MEDIA_ROOT=media,
        MASTHEAD_NARRATION_RETRY_DELAYS="1,2",
    )
    subprocess.run(
        [sys.executable, "manage.py", "narrate", str(article.pk), "--enqueue"], env=env, cwd=ROOT, check=True
    )
    worker = start_worker(env, tmp_path / "worker.log", queues="narration")
    try:
        failed = wait_for(lambda: narration_row(database, article.pk).get("state") == "failed", timeout=120)
    finally:
        stop(worker)
    row = narration_row(database, article.pk)
    assert failed, (row, (tmp_path / "worker.log").read_text()[-3000:])
    said = Narration(error=json.loads(row["error"])).failure_said()  # what the editors' pages show
    assert said.startswith("The audio could not be stored (FileExistsError: "), row
    assert not row["audio"]
    attempts = database.rows(
        "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s", ["%narrate_article"]
    )
    assert attempts == [(3,)]  # the first try and two retries, then no more
    assert sorted(path.name for path in media.iterdir()) == ["narration"]  # nothing half-written anywhere
