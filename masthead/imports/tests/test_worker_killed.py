"""A worker killed partway through an import: the Import screen says the import stalled, "Start the import again"
finishes it with a new worker, and nothing is imported twice. Real processes: db_worker, gunicorn, SQLite or
PostgreSQL, as on a server."""

import os
import re
import signal

import pytest
from django.core.files.base import ContentFile

from bench.wxr_generator import write as write_wxr
from masthead.articles.factories import make_site
from masthead.core.testing import CookieClient, user_in
from masthead.imports.models import ImportRun
from masthead.imports.tasks import Superseded, finish, record_progress
from masthead.newsletters.tests.processes import (
    SharedDatabase,
    environment,
    start_gunicorn,
    start_worker,
    stop,
    wait_for,
)

POSTS = 30
STALLED = "This import has made no progress since"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_worker_was_killed_is_started_again_and_nothing_is_made_twice(tmp_path):
    make_site()
    user_in("Admins", "chief")
    write_wxr(POSTS, tmp_path / "export.xml", tmp_path / "uploads")
    run = ImportRun(source="wordpress")
    run.export_file.save("export.xml", ContentFile((tmp_path / "export.xml").read_bytes()))
    database = SharedDatabase(tmp_path)
    env = environment(database.url, MASTHEAD_IMPORT_STALLED_SECONDS=3)

    def state():
        [(value, done)] = database.rows("SELECT state, done FROM imports_importrun WHERE id = %s", [run.pk])
        return value, done

    # The upload queues the run, as the Import screen does; the worker's own process queues it here.
    queue_the_run = f"from masthead.imports.tasks import run_import; run_import.enqueue({run.pk})"
    worker = start_worker(env, tmp_path / "worker.log", queues="imports", first=queue_the_run)
    web = None
    try:
        assert wait_for(lambda: state()[1] >= 3, timeout=120), (tmp_path / "worker.log").read_text()[-3000:]
        os.kill(worker.pid, signal.SIGKILL)  # no clean-up of any kind, as when a machine restarts
        worker.wait()
        halfway = state()
        assert halfway[0] == "running" and 3 <= halfway[1] < POSTS

        web, base = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1, threads=2)
        admin = CookieClient(base)
        login = {"username": "chief", "password": "pw", "csrfmiddlewaretoken": admin.form_token("/admin/login/")}
        assert admin.request("/admin/login/", login)[0] == 302
        page = f"/admin/imports/{run.pk}/"

        # Once nothing has moved for MASTHEAD_IMPORT_STALLED_SECONDS, the screen says so and offers a way on.
        assert wait_for(lambda: STALLED in admin.request(page)[1], timeout=30)
        _status, html, _headers = admin.request(page)
        assert "the worker running it may have stopped" in html and "Start the import again" in html
        assert '"stalled": true' in admin.request(page + "progress/")[1]

        token = admin.form_token(page)
        assert admin.request(page + "start-again/", {"csrfmiddlewaretoken": token})[0] == 302
        _status, html, _headers = admin.request(page)
        assert "The import starts again; what was already imported is kept." in html and STALLED not in html
        # A second click finds it started again: no second task.
        assert admin.request(page + "start-again/", {"csrfmiddlewaretoken": token})[0] == 302
        assert "The import is not stalled" in admin.request(page)[1]
        [(queued,)] = database.rows(
            "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s", ["%run_import"]
        )
        assert queued == 2  # the first attempt's, and one for starting again

        worker = start_worker(env, tmp_path / "worker.log", queues="imports")
        assert wait_for(lambda: state()[0] == "done", timeout=180), (tmp_path / "worker.log").read_text()[-3000:]
        _status, html, _headers = admin.request(page)
    finally:
        stop(worker)
        if web is not None:
            stop(web)

    assert state() == ("done", POSTS)
    [(articles,)] = database.rows("SELECT COUNT(*) FROM articles_articlepage")
    [(records,)] = database.rows("SELECT COUNT(*) FROM imports_importrecord WHERE kind = %s", ["post"])
    assert articles == records == POSTS  # every post once: those of the killed attempt were found again
    # The posts the killed worker had finished were found again; the one it had just committed may not have
    # been counted in its progress yet.
    created, unchanged = (int(re.search(rf"(\d+) {word}", html).group(1)) for word in ("created", "unchanged"))
    assert created + unchanged == POSTS and unchanged in (halfway[1], halfway[1] + 1)


@pytest.mark.django_db
def test_an_attempt_started_again_stops_at_its_next_item_and_leaves_the_uploads_to_the_newer_one(tmp_path):
    run = ImportRun(source="wordpress", state=ImportRun.State.RUNNING)
    run.export_file.save("export.xml", ContentFile(b"<rss/>"))
    old = ImportRun.objects.get(pk=run.pk)
    ImportRun.objects.filter(pk=run.pk).update(attempt=1)  # "Start the import again"
    with pytest.raises(Superseded):
        record_progress(old, 5, 30)
    finish(old, ImportRun.State.FAILED, error="the old attempt's end")
    run.refresh_from_db()
    assert run.state == ImportRun.State.RUNNING and not run.error
    assert run.export_file.storage.exists(run.export_file.name)
