"""An article scheduled to go live (or to expire) changes at its time by itself: the worker runs Wagtail's
publish_scheduled then (masthead/core/scheduled.py), with no cron job to set up."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from masthead.articles.factories import make_article
from masthead.core import queues, scheduled
from masthead.core.testing import run_due_tasks, user_in

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)  # noon in Kyiv, the day before
SEVEN_IN_KYIV = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
EIGHT_IN_KYIV = SEVEN_IN_KYIV + timedelta(hours=1)


@pytest.fixture(autouse=True)
def database_queue(settings):
    # Tasks are stored, as with `make run`'s workers, so a schedule waits for its time; run_due_tasks() plays the
    # default queue's worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}


@pytest.fixture
def editor():
    return user_in("Editors", "ed")


@pytest.fixture
def schedule(editor, django_capture_on_commit_callbacks):
    def publish(article, go_live_at=None, expire_at=None):
        """What the page editor's Publish does with a go-live or expiry time set in its schedule dialog."""
        with time_machine.travel(NOON, tick=False), django_capture_on_commit_callbacks(execute=True):
            article.go_live_at, article.expire_at = go_live_at, expire_at
            article.save_revision(user=editor).publish(user=editor)

    return publish


def planned():
    rows = DBTaskResult.objects.filter(status="READY", task_path="masthead.core.tasks.publish_scheduled")
    return sorted(rows.values_list("run_after", flat=True))


def test_an_article_scheduled_for_seven_goes_live_at_seven_with_no_cron(client, newsroom, schedule):
    article = make_article(newsroom["sections"]["politics"], "Budget vote set for Thursday", publish=False)
    schedule(article, go_live_at=SEVEN_IN_KYIV)
    address = article.get_url()

    assert planned() == [SEVEN_IN_KYIV + timedelta(seconds=1)]
    assert client.get(address).status_code == 404

    run_due_tasks(SEVEN_IN_KYIV - timedelta(seconds=1))  # the worker, a second early: nothing is due
    assert client.get(address).status_code == 404

    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=2))
    page = client.get(address)
    assert page.status_code == 200 and "Budget vote set for Thursday" in page.content.decode()
    assert "Budget vote set for Thursday" in client.get(newsroom["sections"]["politics"].get_url()).content.decode()
    assert planned() == []


def test_a_schedule_moved_to_eight_is_kept(client, newsroom, schedule):
    article = make_article(newsroom["sections"]["politics"], "Budget vote set for Thursday", publish=False)
    schedule(article, go_live_at=SEVEN_IN_KYIV)
    schedule(article, go_live_at=EIGHT_IN_KYIV)

    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=2))  # the first schedule's task finds nothing due
    assert client.get(article.get_url()).status_code == 404
    run_due_tasks(EIGHT_IN_KYIV + timedelta(seconds=2))
    assert client.get(article.get_url()).status_code == 200


def test_an_article_set_to_expire_at_seven_is_taken_down_at_seven(client, newsroom, schedule):
    article = newsroom["articles"][1]
    schedule(article, expire_at=SEVEN_IN_KYIV)
    assert client.get(article.get_url()).status_code == 200

    run_due_tasks(SEVEN_IN_KYIV - timedelta(seconds=1))
    assert client.get(article.get_url()).status_code == 200
    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=2))
    assert client.get(article.get_url()).status_code == 404
    article.refresh_from_db()
    assert article.expired and not article.live


def test_migrate_plans_the_schedules_already_in_the_database(client, newsroom, schedule):
    # A schedule made before this release, or restored from a backup: no task waits for it.
    article = make_article(newsroom["sections"]["politics"], "Budget vote set for Thursday", publish=False)
    schedule(article, go_live_at=SEVEN_IN_KYIV)
    DBTaskResult.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert planned() == [SEVEN_IN_KYIV + timedelta(seconds=1)]
    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=2))
    assert client.get(article.get_url()).status_code == 200


def test_a_run_that_finds_another_going_comes_back_a_moment_later(client, newsroom, schedule):
    article = make_article(newsroom["sections"]["politics"], "Budget vote set for Thursday", publish=False)
    schedule(article, go_live_at=SEVEN_IN_KYIV)
    cache.add(scheduled.LOCK, 1, None)  # another worker's run, still going (no expiry: the test travels in time)

    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=2))

    assert client.get(article.get_url()).status_code == 404  # left to the other run, and to the one queued again
    assert planned() == [SEVEN_IN_KYIV + timedelta(seconds=8)]
    cache.delete(scheduled.LOCK)  # the other run ended
    run_due_tasks(SEVEN_IN_KYIV + timedelta(seconds=9))
    assert client.get(article.get_url()).status_code == 200
