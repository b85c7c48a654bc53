"""Mail never waits behind audio: queues and priorities, shown with the real site and worker processes."""

import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from masthead.articles import factories as f
from masthead.core import queues
from masthead.narration.tasks import narrate_article, renarrate_terms
from masthead.newsletters.factories import create_newsletter
from masthead.newsletters.tasks import send_confirmation, send_edition, send_test_edition, send_welcome
from masthead.newsletters.tests.processes import (
    ROOT,
    LightSMTPServer,
    SharedDatabase,
    environment,
    start_gunicorn,
    start_worker,
    stop,
    wait_for,
)

PARAGRAPH = (
    "The regional council met on Tuesday to discuss the repair of the river bridge, which was damaged in the "
    "spring floods. Engineers told members that the work would take most of the summer and that traffic "
    "would be sent along the old road through the villages to the north while the crews were on site."
)


def test_mail_goes_before_edition_batches_and_edition_batches_before_narration():
    transactional = [send_confirmation, send_welcome, send_test_edition]
    assert {task.queue_name for task in [*transactional, send_edition]} == {queues.MAIL}
    assert {task.queue_name for task in (narrate_article, renarrate_terms)} == {queues.NARRATION}
    assert min(task.priority for task in transactional) > send_edition.priority > narrate_article.priority
    assert narrate_article.priority > renarrate_terms.priority


def running_narrations(database):
    sql = "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING' AND task_path LIKE %s"
    return {row[0] for row in database.rows(sql, ["%narrate_article"])}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_made_while_a_long_narration_runs_gets_its_confirmation_email_first(tmp_path, settings):
    settings.MASTHEAD_NARRATION_ENABLED = False  # publish here; the narration worker makes the audio
    section = f.make_section(f.make_site(), "Regions")
    for number in range(3):
        f.make_article(section, f"Bridge repairs, part {number + 1}", body=[PARAGRAPH] * 4)
    create_newsletter("morning", "The Morning", "Every morning.")
    database = SharedDatabase(tmp_path)
    with LightSMTPServer() as server:
        env = environment(database.url, server.port)
        # As `make run` does: one worker for mail and quick jobs, one for narration.
        mail_worker = start_worker(env, tmp_path / "mail.log", queues="default,mail")
        narration_worker = start_worker(env, tmp_path / "narration.log", queues="narration")
        web, base = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1, threads=2)
        try:
            subprocess.run(
                [sys.executable, "manage.py", "narrate", "--all", "--enqueue"], env=env, cwd=ROOT, check=True
            )
            running = wait_for(lambda: running_narrations(database), timeout=60)
            assert running, (tmp_path / "narration.log").read_text()[-3000:]

            body = urllib.parse.urlencode({"email": "reader@example.org", "next": "/"}).encode()
            with urllib.request.urlopen(f"{base}/newsletters/morning/subscribe/", data=body, timeout=30) as answer:
                assert answer.status == 200
            signed_up = time.monotonic()
            assert wait_for(lambda: server.count() >= 1, timeout=60), (tmp_path / "mail.log").read_text()[-3000:]
            waited = time.monotonic() - signed_up
            still_running = running_narrations(database)
        finally:
            for process in (web, mail_worker, narration_worker):
                stop(process)

    assert [recipient for recipient, _ in server.received] == ["reader@example.org"]
    # The email came while the narration that was running at the sign-up was still being made.
    assert running <= still_running, f"the email waited {waited:.1f} s, until the narration had finished"
