"""Settings → Background work and the Admins' dashboard say, in words, when a queue's worker seems to be stopped
and which tasks failed, naming the command that serves the queue."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.core import queues
from masthead.core.testing import run_due_tasks, user_in
from masthead.narration.tasks import narrate_article
from masthead.newsletters.factories import create_newsletter
from masthead.newsletters.tasks import send_confirmation, send_welcome_test

PAGE = "/admin/background-work/"
MAIL_WORKER = "manage.py db_worker --queue-name default,mail"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    settings.MASTHEAD_QUEUE_STALLED_SECONDS = 300


@pytest.fixture
def admin_client(client, db):
    client.force_login(user_in("Admins", "ada"))
    return client


def page_at(client, at, path=PAGE):
    with time_machine.travel(at, tick=False):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_a_mail_queue_no_worker_takes_is_called_stalled_with_the_command_until_a_worker_runs(admin_client):
    queued = timezone.now()
    send_confirmation.enqueue(12345, [1])
    send_confirmation.enqueue(12346, [1])

    soon = page_at(admin_client, queued + timedelta(minutes=2))
    assert "No task has waited more than 5 minutes for a worker." in soon
    assert "background-trouble" not in page_at(admin_client, queued + timedelta(minutes=2), "/admin/")

    later = page_at(admin_client, queued + timedelta(minutes=10))
    assert "Email: 2 tasks have been waiting since" in later
    assert f"no worker has taken any of them. Is <code>{MAIL_WORKER}</code> running?" in later
    assert "<strong>stalled</strong>" in later.split('data-queue="mail"')[1].split("</tr>")[0]
    dashboard = page_at(admin_client, queued + timedelta(minutes=10), "/admin/")
    assert "Email: 2 tasks are waiting and no worker has taken any of them." in dashboard

    run_due_tasks(queued + timedelta(minutes=11), queues.MAIL)  # the worker is started: it takes them at once
    after = page_at(admin_client, queued + timedelta(minutes=12))
    assert "have been waiting since" not in after and "No task has waited more than 5 minutes" in after
    assert "background-trouble" not in page_at(admin_client, queued + timedelta(minutes=12), "/admin/")


def test_a_queue_busy_with_a_long_task_is_not_stalled(admin_client):
    started = timezone.now()
    narrate_article.enqueue(1)
    narrate_article.enqueue(2)
    first = DBTaskResult.objects.order_by("enqueued_at").first()
    with time_machine.travel(started, tick=False):
        first.claim("narrator")  # the narration worker is on the first article for twenty minutes
    page = page_at(admin_client, started + timedelta(minutes=20))
    row = page.split('data-queue="narration"')[1].split("</tr>")[0]
    assert "stalled" not in row and "<td>1</td>" in row  # one waiting, one running
    # An hour on, a task still "running" is no sign of a live worker: the second article has waited too long.
    assert "Audio: 1 task has been waiting since" in page_at(admin_client, started + timedelta(minutes=70))


def test_a_failed_task_is_listed_with_its_error_and_counted_on_the_dashboard(admin_client):
    newsletter = create_newsletter("daily", "The Daily", "Every day.")
    send_welcome_test.enqueue(987654, "editor@example.com")  # a welcome step deleted before the worker ran
    now = timezone.now()
    run_due_tasks(now)
    page = page_at(admin_client, now + timedelta(minutes=1))
    failures = page.split("Failed in the last week")[1]
    assert "Test of a welcome email" in failures and "Email" in failures
    assert "DoesNotExist: WelcomeStep matching query does not exist." in failures
    dashboard = page_at(admin_client, now + timedelta(minutes=1), "/admin/")
    assert "1 background task failed in the last day." in dashboard
    assert newsletter.pk  # the queue had a newsletter to speak of; the step was what was missing
    assert "background-trouble" not in page_at(admin_client, now + timedelta(days=2), "/admin/")


def test_only_those_who_run_the_newsroom_see_it(client, db):
    client.force_login(user_in("Editors", "eddie"))
    assert client.get(PAGE).status_code in (302, 403)
    send_confirmation.enqueue(1, [1])
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        assert "background-trouble" not in client.get("/admin/").content.decode()
        assert "Background work" not in client.get("/admin/").content.decode()


def test_the_page_and_the_warning_in_ukrainian(admin_client):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(
        user_id=admin_client.session["_auth_user_id"], defaults={"preferred_language": "uk"}
    )
    send_confirmation.enqueue(12345, [1])
    page = page_at(admin_client, timezone.now() + timedelta(minutes=10))
    assert "Фонова робота" in page and f"<code>{MAIL_WORKER}</code>" in page
    assert "Листи: 1 завдання чекає з" in page


def test_the_command_says_the_same_and_fails_while_a_queue_is_stalled(db):
    from django.core.management import CommandError, call_command

    send_confirmation.enqueue(12345, [1])
    queued = timezone.now()
    with time_machine.travel(queued + timedelta(minutes=1), tick=False):
        out = io.StringIO()
        call_command("background_status", stdout=out)
    assert "mail: 1 waiting, the oldest for 60 s, 0 running" in out.getvalue()
    with time_machine.travel(queued + timedelta(minutes=10), tick=False), pytest.raises(CommandError) as stalled:
        call_command("background_status", stdout=io.StringIO())
    assert str(stalled.value) == "No worker is taking tasks from: mail" and stalled.value.returncode == 1


def test_a_failed_test_copy_is_run_again_once_the_mail_server_takes_it(admin_client, smtp_server):
    from django.test import override_settings

    from masthead.newsletters.factories import make_edition
    from masthead.newsletters.tasks import send_test_edition

    newsletter = create_newsletter("daily", "The Daily", "Every day.", sender_email="daily@news.example.com")
    edition = make_edition(newsletter, "Today")
    with override_settings(**smtp_server.settings()):
        smtp_server.refuse(lambda address: "550 5.7.1 Relaying denied")  # the relay's credentials were wrong
        send_test_edition.enqueue(edition.pk, "editor@example.com")
        run_due_tasks(timezone.now())
        page = page_at(admin_client, timezone.now())
        assert (
            "Test copy of a newsletter issue" in page
            and "SMTPRecipientsRefused" in page
            and "5.7.1 Relaying denied" in page
        )
        [failed] = DBTaskResult.objects.filter(status="FAILED")

        smtp_server.refuse(lambda address: None)  # mended
        url = f"/admin/background-work/{failed.pk}/run-again/"
        answer = admin_client.post(url, follow=True).content.decode()
        assert "“Test copy of a newsletter issue” is queued again." in answer
        assert "No task failed in the last week." in answer
        again = admin_client.post(url, follow=True).content.decode()  # a double click
        assert "That task was already queued again, has finished since, or is no longer kept." in again
        [queued] = DBTaskResult.objects.filter(status="READY", task_path__endswith="send_test_edition")
        assert queued.args_kwargs == {"args": [edition.pk, "editor@example.com"], "kwargs": {}}
        run_due_tasks(timezone.now())

    [received] = smtp_server.messages
    assert received["to"] == ["editor@example.com"] and received["message"]["Subject"].startswith("[Test]")


def test_an_editor_cannot_run_a_task_again(client, db):
    from masthead.newsletters.tasks import send_welcome_test

    send_welcome_test.enqueue(987654, "editor@example.com")
    run_due_tasks(timezone.now())
    [failed] = DBTaskResult.objects.filter(status="FAILED")
    client.force_login(user_in("Editors", "eddie"))
    assert client.post(f"/admin/background-work/{failed.pk}/run-again/").status_code in (302, 403)
    assert DBTaskResult.objects.get(pk=failed.pk).status == "FAILED"
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_task_whose_worker_died_is_listed_after_an_hour_and_run_again_once(admin_client):
    started = timezone.now()
    send_confirmation.enqueue(12345, [1])
    row = DBTaskResult.objects.get()
    with time_machine.travel(started, tick=False):
        row.claim("killed-worker")  # taken, then the worker was SIGKILLed: django-tasks leaves it "running"
    assert "Running for over an hour" not in page_at(admin_client, started + timedelta(minutes=50))

    later = started + timedelta(minutes=70)
    page = page_at(admin_client, later)
    stuck = page.split("Running for over an hour")[1].split("Failed in the last week")[0]
    assert "Confirmation email" in stuck and f"/admin/background-work/{row.pk}/run-again/" in stuck
    assert "is queued again by itself once it has been running for 10 minutes (its worker was stopped)" in stuck
    with time_machine.travel(later, tick=False):
        answer = admin_client.post(f"/admin/background-work/{row.pk}/run-again/", follow=True).content.decode()
        assert "“Confirmation email” is queued again." in answer and "Running for over an hour" not in answer
        admin_client.post(f"/admin/background-work/{row.pk}/run-again/")
    [queued] = DBTaskResult.objects.all()
    assert queued.status == "READY" and queued.args_kwargs == {"args": [12345, [1]], "kwargs": {}}
    assert queued.priority == queues.TRANSACTIONAL_MAIL and queued.queue_name == queues.MAIL


def test_old_finished_tasks_are_forgotten_daily_and_the_next_day_is_planned_once(db, settings):
    from masthead.core.tasks import prune_task_results

    settings.MASTHEAD_TASK_RESULTS_DAYS = 14
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_confirmation.enqueue(1, [1])  # succeeds (nobody to send to)
        send_welcome_test.enqueue(987654, "editor@example.com")  # fails
        run_due_tasks(start)
        send_confirmation.enqueue(2, [1])  # still waiting, whatever its age
    assert dict(DBTaskResult.objects.values_list("status").annotate(n=Count("pk"))) == {
        "SUCCESSFUL": 1,
        "FAILED": 1,
        "READY": 1,
    }

    # Fifteen days on: the success is forgotten, the failure is kept for twice as long, the waiting task stays.
    with time_machine.travel(start + timedelta(days=15), tick=False):
        assert prune_task_results.call() == 1
    with time_machine.travel(start + timedelta(days=29), tick=False):
        assert prune_task_results.call() == 1
    assert list(DBTaskResult.objects.values_list("status", "task_path")) == [
        ("READY", "masthead.newsletters.tasks.send_confirmation")
    ] + [("READY", prune_task_results.module_path)]  # the next run, planned a day on: once, not once per run
    planned = DBTaskResult.objects.get(task_path=prune_task_results.module_path)
    assert planned.run_after == start + timedelta(days=16)  # planned by the first run; the second found it waiting


def test_the_daily_run_forgets_expired_sessions_and_keeps_a_signed_in_editor(admin_client, db):
    from django.contrib.sessions.models import Session

    from masthead.core.tasks import prune_task_results

    assert admin_client.get("/admin/").status_code == 200
    with time_machine.travel(timezone.now() - timedelta(days=30)):  # a login a month ago, long expired
        SessionStore().create()
    assert Session.objects.count() == 2

    prune_task_results.call()

    assert Session.objects.count() == 1
    assert admin_client.get("/admin/").status_code == 200  # still signed in


def test_the_daily_run_forgets_old_revisions_only_when_asked_and_keeps_the_live_and_latest(
    admin_client, newsroom, settings
):
    from wagtail.models import Revision

    from masthead.core.tasks import prune_task_results

    article = newsroom["articles"][0]
    today = set(Revision.objects.filter(object_id=str(article.pk)).values_list("pk", flat=True))  # made today
    with time_machine.travel(timezone.now() - timedelta(days=120)):
        for n in range(3):  # three old drafts of a new headline
            article.title = f"Draft headline {n}"
            article.save_revision()
    with time_machine.travel(timezone.now() - timedelta(days=100)):
        article.title = "The headline readers see"
        article.save_revision().publish()  # live, and old
    article.title = "Tomorrow's headline"
    article.save_revision()  # the latest draft
    kept = Revision.objects.filter(object_id=str(article.pk))
    assert kept.count() == 6  # with the first revision the article was made with

    prune_task_results.call()  # MASTHEAD_REVISIONS_KEEP_DAYS is 0: the whole history stays
    assert kept.count() == 6

    settings.MASTHEAD_REVISIONS_KEEP_DAYS = 90
    prune_task_results.call()
    article.refresh_from_db()
    # The three old drafts go; the live revision stays although it is old, and so do the latest and today's.
    assert set(kept.values_list("pk", flat=True)) == today | {article.live_revision_id, article.latest_revision_id}
    assert kept.count() == 3 and article.live_revision.created_at < timezone.now() - timedelta(days=90)
    assert "The headline readers see" in admin_client.get(article.url).content.decode()
    history = admin_client.get(f"/admin/pages/{article.pk}/history/")
    assert history.status_code == 200  # the page's history (its log) is kept, and still shows


def test_migrate_plans_the_pruning_and_flush_does_not(db, settings):
    from django.core.management import call_command

    from masthead.core.tasks import prune_task_results

    call_command("migrate", verbosity=0)
    assert DBTaskResult.objects.filter(task_path=prune_task_results.module_path, status="READY").count() == 1
    call_command("migrate", verbosity=0)  # a second deployment
    assert DBTaskResult.objects.filter(task_path=prune_task_results.module_path).count() == 1


def test_the_screens_that_wait_on_a_stalled_queue_say_so(client, db):
    from django.urls import reverse

    from masthead.articles import factories as f
    from masthead.narration.models import Narration
    from masthead.newsletters.factories import make_edition

    newsletter = create_newsletter("daily", "The Daily", "Every day.", sender_email="daily@news.example.com")
    edition = make_edition(newsletter, "Today")
    article = f.make_article(f.make_section(f.make_site(), "Politics"), "Ships leave the port", body=["Ships left."])
    Narration.objects.update_or_create(article=article, defaults={"state": Narration.State.PENDING})
    send_url = reverse("newsletters_admin:edition_send", args=[edition.pk])
    narration_url = reverse("narration_admin:detail", args=[article.pk])
    queued = timezone.now()
    send_confirmation.enqueue(1, [newsletter.pk])
    narrate_article.enqueue(article.pk)

    client.force_login(user_in("Editors", "eddie"))
    assert "Nothing is moving" not in page_at(client, queued + timedelta(minutes=2), send_url)
    later = queued + timedelta(minutes=10)
    sending = page_at(client, later, send_url)
    assert "Nothing is moving: tasks of the Email queue have been waiting since" in sending
    assert "Please tell whoever runs the site." in sending and "db_worker" not in sending  # an editor runs no server
    audio = page_at(client, later, narration_url)
    assert "Nothing is moving: tasks of the Audio queue have been waiting since" in audio

    client.force_login(user_in("Admins", "ada"))
    sending = page_at(client, later, send_url)
    assert f"Is <code>{MAIL_WORKER}</code> running?" in sending and 'href="/admin/background-work/"' in sending


def test_the_workers_health_check_answers_503_while_a_queue_is_stalled(client, db):
    from django.core.cache import cache

    send_confirmation.enqueue(1, [1])
    queued = timezone.now()
    assert client.get("/healthz/workers").json() == {"status": "ok"}
    cache.clear()  # the answer is kept for 30 s
    with time_machine.travel(queued + timedelta(minutes=10), tick=False):
        stalled = client.get("/healthz/workers")
        assert (stalled.status_code, stalled.json()) == (503, {"status": "stalled"})
        assert client.get("/healthz").status_code == 200  # the site itself is fine: a load balancer keeps it
    run_due_tasks(queued + timedelta(minutes=10))
    cache.clear()
    with time_machine.travel(queued + timedelta(minutes=11), tick=False):
        assert client.get("/healthz/workers").json() == {"status": "ok"}


def test_every_task_an_installed_app_has_is_named_in_words():
    import importlib
    import importlib.util

    from django.apps import apps
    from django_tasks.base import Task

    from masthead.core.background import TASK_LABELS

    names = set()
    for app in apps.get_app_configs():
        try:
            found = importlib.util.find_spec(f"{app.name}.tasks")
        except ModuleNotFoundError:
            found = None
        if found:
            module = importlib.import_module(f"{app.name}.tasks")
            names |= {name for name, value in vars(module).items() if isinstance(value, Task)}
    assert {"send_confirmation", "narrate_article", "run_import", "update_reference_index_task"} <= names
    assert sorted(names - set(TASK_LABELS)) == []


def test_make_run_starts_the_workers_the_page_names():
    import re
    from pathlib import Path

    script = (Path(__file__).resolve().parents[3] / "scripts" / "run.sh").read_text()
    started = re.findall(r"manage\.py db_worker --queue-name (\S+)", script)
    assert started == [",".join(group) for group in queues.WORKERS]
    assert sorted(name for group in queues.WORKERS for name in group) == sorted(queues.QUEUES)  # every queue served
