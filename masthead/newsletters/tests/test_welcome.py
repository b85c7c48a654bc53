"""The welcome series with frozen time and a real SMTP server: steps at their delays, leaving stops them,
editing sends no duplicates; preview and test send in the admin."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from masthead.core.queues import QUEUES
from masthead.newsletters import signup, welcome
from masthead.newsletters.factories import make_subscriber
from masthead.newsletters.models import Subscription, WelcomeSend, WelcomeStep

from .conftest import html_of, link_to

START = datetime(2026, 4, 6, 9, 30, tzinfo=ZoneInfo("Europe/Kyiv"))


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def series(newsletter, clock):
    steps = [
        (0, "Welcome to the Morning Briefing", "<p>Here is how the briefing works.</p>"),
        (2, "Meet the newsroom", "<p>The people who write it.</p>"),
        (7, "Your first week with us", "<p>What readers like you read most.</p>"),
    ]
    for order, (days, subject, body) in enumerate(steps):
        WelcomeStep.objects.create(newsletter=newsletter, delay_days=days, subject=subject, body=body, sort_order=order)
    return newsletter


def confirm(newsletter, email):
    """A reader signs up and confirms, as the sign-up flow does it (pending, then the confirmation)."""
    subscriber = make_subscriber(email, newsletter, Subscription.State.PENDING)
    signup.confirm(subscriber, [newsletter.pk])
    return Subscription.objects.get(subscriber=subscriber, newsletter=newsletter)


def subjects_to(mailserver, address):
    return [m["message"]["Subject"] for m in mailserver.messages if m["to"] == [address]]


@pytest.mark.django_db
def test_the_steps_arrive_at_their_delays(series, clock, mailserver):
    confirm(series, "reader@example.com")
    assert subjects_to(mailserver, "reader@example.com") == ["Welcome to the Morning Briefing"]
    message = mailserver.messages[0]["message"]
    assert "Here is how the briefing works." in html_of(message)
    assert "/newsletters/unsubscribe/" in link_to(message, "/newsletters/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    clock.move_to(START + timedelta(days=1, hours=23))
    welcome.send_due(series)
    assert len(subjects_to(mailserver, "reader@example.com")) == 1  # not before two days
    clock.move_to(START + timedelta(days=2, minutes=1))
    welcome.send_due(series)
    welcome.send_due(series)  # a second run (or worker) sends nothing more
    assert subjects_to(mailserver, "reader@example.com")[-1] == "Meet the newsroom"
    clock.move_to(START + timedelta(days=7, minutes=1))
    welcome.send_due(series)
    assert subjects_to(mailserver, "reader@example.com") == [
        "Welcome to the Morning Briefing",
        "Meet the newsroom",
        "Your first week with us",
    ]
    assert WelcomeSend.objects.filter(sent_at__isnull=False).count() == 3


@pytest.mark.django_db
def test_unsubscribing_stops_the_series(client, series, clock, mailserver):
    confirm(series, "leaver@example.com")
    confirm(series, "stayer@example.com")
    first = next(m["message"] for m in mailserver.messages if m["to"] == ["leaver@example.com"])
    client.post(link_to(first, "/newsletters/unsubscribe/"), {"List-Unsubscribe": "One-Click"})
    assert Subscription.objects.get(subscriber__email="leaver@example.com").state == Subscription.State.UNSUBSCRIBED

    clock.move_to(START + timedelta(days=8))
    welcome.send_due(series)
    assert subjects_to(mailserver, "leaver@example.com") == ["Welcome to the Morning Briefing"]
    assert len(subjects_to(mailserver, "stayer@example.com")) == 3


@pytest.mark.django_db
def test_editing_the_series_sends_no_duplicates(series, clock, mailserver):
    confirm(series, "reader@example.com")
    clock.move_to(START + timedelta(days=3))
    welcome.send_due(series)
    assert len(subjects_to(mailserver, "reader@example.com")) == 2

    # The editor rewrites and reorders the steps already sent, and adds two more.
    meet = WelcomeStep.objects.get(subject="Meet the newsroom")
    meet.subject, meet.delay_days, meet.sort_order = "Meet our reporters", 1, 0
    meet.save()
    WelcomeStep.objects.filter(delay_days=0).update(subject="Hello again", sort_order=5)
    WelcomeStep.objects.create(newsletter=series, delay_days=1, subject="A step they have passed", body="<p>x</p>")
    WelcomeStep.objects.create(newsletter=series, delay_days=5, subject="Our podcast", body="<p>Listen.</p>")
    clock.move_to(START + timedelta(days=3, minutes=5))
    welcome.send_due(series)
    assert len(subjects_to(mailserver, "reader@example.com")) == 2

    clock.move_to(START + timedelta(days=7, minutes=5))
    welcome.send_due(series)
    assert subjects_to(mailserver, "reader@example.com") == [
        "Welcome to the Morning Briefing",
        "Meet the newsroom",
        "Our podcast",
        "Your first week with us",
    ]


@pytest.mark.django_db
def test_without_a_series_the_single_welcome_email_is_sent(newsletter, clock, mailserver):
    confirm(newsletter, "reader@example.com")
    assert subjects_to(mailserver, "reader@example.com") == ["Welcome to The Morning Briefing"]


@pytest.mark.django_db
def test_the_admin_previews_each_step_and_sends_a_test(admin_client, series, clock):
    from django.core import mail

    page = admin_client.get(f"/admin/newsletters-tools/newsletters/{series.pk}/welcome-series/").content.decode()
    assert "At once: Welcome to the Morning Briefing" in page
    assert "2 days after confirming: Meet the newsroom" in page
    assert "The people who write it." in page  # the preview (srcdoc)
    step = WelcomeStep.objects.get(delay_days=7)
    response = admin_client.post(
        f"/admin/newsletters-tools/newsletters/{series.pk}/welcome-series/",
        {"step": step.pk, "address": "editor@example.com"},
    )
    assert response.status_code == 302
    [test] = mail.outbox
    assert test.to == ["editor@example.com"] and test.subject == "[Test] Your first week with us"
    assert not WelcomeSend.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["removed", "", "abc", "١٢", "99999999999999999999", "other newsletter's"])
def test_a_test_send_of_a_step_no_longer_in_the_series_says_so(admin_client, series, clock, step):
    from django.core import mail

    from masthead.newsletters.factories import create_newsletter

    url = f"/admin/newsletters-tools/newsletters/{series.pk}/welcome-series/"
    if step == "removed":  # deleted in the newsletter's editor while this page was open
        removed = WelcomeStep.objects.get(delay_days=7)
        step = removed.pk
        removed.delete()
    elif step == "other newsletter's":
        other = create_newsletter("evening-digest", "Evening Digest", "The day in brief.")
        step = WelcomeStep.objects.create(newsletter=other, delay_days=0, subject="Hello", body="<p>Hi.</p>").pk

    response = admin_client.post(url, {"step": step, "address": "editor@example.com"})

    assert response.status_code == 302 and response["Location"] == url
    page = admin_client.get(url).content.decode()
    assert "That welcome email is no longer in the series, so no test was sent." in page
    assert not mail.outbox


@pytest.mark.django_db
def test_the_worker_queues_the_next_step_itself(series, clock, mailserver):
    from django.test import TestCase, override_settings
    from django_tasks_db.models import DBTaskResult

    confirm(series, "reader@example.com")  # the first step, inline
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}):
        with TestCase.captureOnCommitCallbacks(execute=True):
            welcome.send_due(series)
            welcome.send_due(series)  # planning twice queues one run
        [queued] = DBTaskResult.objects.filter(task_path__endswith="send_welcome_series")
    assert queued.run_after == START + timedelta(days=2)
    assert queued.args_kwargs["args"] == [series.pk]
