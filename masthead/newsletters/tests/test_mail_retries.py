"""An email a reader is waiting for (confirmation, new preferences link, welcome) survives a mail server that
cannot take it now: it is sent again later, and the link in it works. A refused address stops there."""

import json
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from masthead.core import queues
from masthead.core.testing import free_port, run_due_tasks, user_in
from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Subscriber, Subscription

from .conftest import link_to
from .processes import ROOT, LightSMTPServer, SharedDatabase, environment, start_worker, stop, wait_for
from .test_signup import sign_up

BUSY = "451 4.3.0 Mailbox busy, try later"


@pytest.fixture(autouse=True)
def database_queue(settings):
    # Tasks are stored, as in production, so a retry waits for its time; run_due_tasks() plays the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    settings.MASTHEAD_NEWSLETTER_RETRY_DELAYS = [60, 300]


def waiting(task_name):
    return list(DBTaskResult.objects.filter(task_path__endswith=f".{task_name}", status="READY"))


def refuse_first(mailserver, reply, times=1):
    """The server answers `reply` to the first `times` deliveries, then takes mail as usual."""
    left = {"count": times}

    def answer(address):
        if left["count"]:
            left["count"] -= 1
            return reply
        return None

    mailserver.refuse(answer)


@pytest.mark.django_db
def test_a_confirmation_the_server_could_not_take_is_sent_later_and_its_link_confirms(client, newsletter, mailserver):
    refuse_first(mailserver, BUSY, times=2)
    assert sign_up(client, newsletter, "reader@example.com", json=False).status_code == 303
    signed_up = timezone.now()
    run_due_tasks(signed_up)  # the sign-up's task and the first try of its email

    assert mailserver.messages == []
    [retry] = waiting("send_confirmation")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert signed_up + timedelta(seconds=59) <= retry.run_after <= timezone.now() + timedelta(seconds=60)
    run_due_tasks(signed_up + timedelta(seconds=30))  # not yet due: nothing is tried
    assert waiting("send_confirmation") and mailserver.messages == []

    run_due_tasks(signed_up + timedelta(seconds=61))  # second try: busy again, next in 300 s
    [retry] = waiting("send_confirmation")
    assert retry.args_kwargs["kwargs"] == {"attempt": 3} and mailserver.messages == []
    run_due_tasks(signed_up + timedelta(seconds=400))

    [received] = mailserver.messages
    assert received["to"] == ["reader@example.com"]
    assert received["message"]["Subject"] == "Please confirm your subscription to The Morning Briefing"
    assert waiting("send_confirmation") == []
    page = client.post(link_to(received["message"], "/newsletters/confirm/"))
    assert "Your subscription to <strong>The Morning Briefing</strong> is confirmed" in page.content.decode()
    assert Subscription.objects.get().state == Subscription.State.CONFIRMED


@pytest.mark.django_db
def test_after_the_last_retry_the_task_fails_and_can_be_run_again_from_background_work(client, newsletter, mailserver):
    refuse_first(mailserver, BUSY, times=10)
    sign_up(client, newsletter, "reader@example.com")
    signed_up = timezone.now()
    for seconds in (0, 61, 400):
        run_due_tasks(signed_up + timedelta(seconds=seconds))
    assert waiting("send_confirmation") == [] and mailserver.messages == []
    [failed] = DBTaskResult.objects.filter(status="FAILED")
    assert failed.task_path.endswith(".send_confirmation") and "(451, b'4.3.0 Mailbox busy" in failed.traceback
    assert not Subscriber.objects.get().is_suppressed  # a busy server says nothing about the address

    # The mail server is mended; an Admin presses Run again on Settings → Background work.
    refuse_first(mailserver, BUSY, times=0)
    client.force_login(user_in("Admins", "ada"))
    listed = client.get("/admin/background-work/").content.decode()
    assert "Confirmation email" in listed and f"/admin/background-work/{failed.pk}/run-again/" in listed
    client.post(f"/admin/background-work/{failed.pk}/run-again/")
    run_due_tasks(signed_up + timedelta(seconds=500))
    [received] = mailserver.messages
    assert received["message"]["Subject"] == "Please confirm your subscription to The Morning Briefing"


@pytest.mark.django_db
def test_an_address_the_server_refuses_gets_no_retry_and_no_more_mail(client, newsletter, mailserver):
    refuse_first(mailserver, "550 5.1.1 No such user", times=1)
    sign_up(client, newsletter, "nobody@example.com")
    run_due_tasks(timezone.now())
    assert waiting("send_confirmation") == [] and mailserver.messages == []
    subscriber = Subscriber.objects.get()
    assert subscriber.suppressed_reason == Subscriber.Suppression.BOUNCED
    assert subscriber.suppression_note == "550 5.1.1 No such user"


@pytest.mark.django_db
def test_a_confirmation_waiting_for_its_retry_is_not_sent_once_the_reader_has_confirmed(client, newsletter, mailserver):
    sign_up(client, newsletter, "reader@example.com")
    run_due_tasks(timezone.now())
    [first] = mailserver.messages
    # A second sign-up later (a second newsletter's form, say) meets a busy server …
    refuse_first(mailserver, BUSY)
    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        sign_up(client, newsletter, "reader@example.com")
    run_due_tasks(timezone.now() + timedelta(minutes=5))
    assert waiting("send_confirmation")
    # … and before its retry, the reader confirms with the first email's link: the retry sends nothing.
    client.post(link_to(first["message"], "/newsletters/confirm/"))
    run_due_tasks(timezone.now() + timedelta(minutes=10))
    assert [m["message"]["Subject"] for m in mailserver.messages] == [
        "Please confirm your subscription to The Morning Briefing",
        "Welcome to The Morning Briefing",
    ]


@pytest.mark.django_db
def test_a_welcome_email_the_server_could_not_take_is_sent_later(client, newsletter, mailserver):
    sign_up(client, newsletter, "reader@example.com")
    run_due_tasks(timezone.now())
    [confirmation] = mailserver.messages
    refuse_first(mailserver, "421 4.7.0 Too many connections, slow down")
    client.post(link_to(confirmation["message"], "/newsletters/confirm/"))
    confirmed = timezone.now()
    run_due_tasks(confirmed)
    assert len(mailserver.messages) == 1 and waiting("send_welcome")
    run_due_tasks(confirmed + timedelta(seconds=61))
    assert mailserver.messages[1]["message"]["Subject"] == "Welcome to The Morning Briefing"
    assert waiting("send_welcome") == []


def ask_for_a_new_link(client, email):
    return client.post("/newsletters/preferences/", {"email": email})


@pytest.mark.django_db
def test_a_new_preferences_link_is_retried_and_works_unless_a_newer_one_was_made(client, newsletter, mailserver):
    make_subscriber("reader@example.com", newsletter)
    refuse_first(mailserver, BUSY)
    asked = timezone.now()
    ask_for_a_new_link(client, "reader@example.com")
    run_due_tasks(asked)
    assert mailserver.messages == [] and waiting("send_preferences_link_again")
    # Asked again within the repeat gap: nothing new is made, the link on its way stays the one.
    with time_machine.travel(asked + timedelta(seconds=30), tick=False):
        ask_for_a_new_link(client, "reader@example.com")
    run_due_tasks(asked + timedelta(seconds=30))
    assert mailserver.messages == []
    run_due_tasks(asked + timedelta(seconds=61))
    [received] = mailserver.messages
    assert received["message"]["Subject"] == "Your link to manage your newsletters"
    with time_machine.travel(asked + timedelta(seconds=62), tick=False):
        page = client.get(link_to(received["message"], "/newsletters/preferences/"))
    assert page.status_code == 200 and "reader@example.com" in page.content.decode()

    # A retry that finds a newer link made since sends nothing: the newer one is the one that works.
    refuse_first(mailserver, BUSY, times=2)
    later = asked + timedelta(hours=1)
    with time_machine.travel(later, tick=False):
        ask_for_a_new_link(client, "reader@example.com")
    run_due_tasks(later)
    run_due_tasks(later + timedelta(seconds=61))  # busy twice: the next try is 300 s on
    with time_machine.travel(later + timedelta(minutes=3), tick=False):
        ask_for_a_new_link(client, "reader@example.com")  # past the repeat gap: a new link, which replaces it
    run_due_tasks(later + timedelta(minutes=3))
    assert len(mailserver.messages) == 2  # the newer link, at once
    run_due_tasks(later + timedelta(minutes=10))  # the older link's retry: nothing
    assert len(mailserver.messages) == 2 and waiting("send_preferences_link_again") == []


SIGN_UP = (
    "from masthead.newsletters import signup; from masthead.newsletters.models import Consent, Newsletter;"
    "signup.request_later('reader@example.com', Newsletter.objects.all(), Consent(form='test', page='/'))"
)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_while_the_mail_server_is_down_gets_its_confirmation_once_the_server_is_back(tmp_path):
    daily = create_newsletter("daily", "The Daily", "Every day.", sender_email="daily@news.example.com")
    database = SharedDatabase(tmp_path)
    port = free_port()  # nothing listens there yet: the mail server is down
    env = environment(database.url, port, MASTHEAD_NEWSLETTER_RETRY_DELAYS="2,2,2,2,2,2,2,2")
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, queues=queues.MAIL, first=SIGN_UP)  # a real worker, as `make run` starts

    def next_attempt():
        rows = database.rows(
            "SELECT args_kwargs FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s AND status = 'READY'",
            ["%.send_confirmation"],
        )
        if not rows:
            return None
        args_kwargs = rows[0][0] if isinstance(rows[0][0], dict) else json.loads(rows[0][0])  # jsonb or text
        return args_kwargs["kwargs"].get("attempt", 1)

    try:
        assert wait_for(lambda: (next_attempt() or 0) >= 3, timeout=60), log.read_text()[-3000:]  # two tries failed
        with LightSMTPServer(port) as server:  # the server is back
            assert wait_for(lambda: server.count() >= 1, timeout=30), log.read_text()[-3000:]
            assert wait_for(lambda: not next_attempt(), timeout=10)
            received = list(server.received)
    finally:
        stop(worker)

    assert [recipient for recipient, _ in received] == ["reader@example.com"]  # one email, not one per try
    assert "Connection problem" in log.read_text() and "trying again" in log.read_text()
    assert database.subscription_states(daily.pk) == {"reader@example.com": "pending"}


def sign_up_lost_to_a_killed_worker(client, newsletter, address):
    """A sign-up whose task a worker took and was killed running (SIGKILL, a machine restarted) before it finished:
    django-tasks leaves the task "running" for ever. Returns its row."""
    sign_up(client, newsletter, address)
    [lost] = waiting("record_signup")
    lost.claim("killed-worker")
    return DBTaskResult.objects.get(pk=lost.pk)


@pytest.mark.django_db
def test_a_confirmation_whose_worker_was_killed_partway_is_sent_once_it_has_been_running_ten_minutes(
    client, newsletter, mailserver, settings
):
    from masthead.narration.tasks import narrate_article

    settings.MASTHEAD_LOST_MAIL_SECONDS = 600
    lost = sign_up_lost_to_a_killed_worker(client, newsletter, "first@example.com")
    # An article's audio was being made by another such worker.
    audio = narrate_article.enqueue(1)
    DBTaskResult.objects.get(pk=audio.id).claim("killed-narration-worker")
    started = timezone.now()

    sign_up(client, newsletter, "second@example.com")
    run_due_tasks(started + timedelta(minutes=5))  # not yet: a mail server can take a while to answer
    assert [message["to"] for message in mailserver.messages] == [["second@example.com"]]
    assert DBTaskResult.objects.get(pk=lost.pk).status == "RUNNING"

    sign_up(client, newsletter, "third@example.com")
    run_due_tasks(started + timedelta(minutes=11))  # the next task a worker finishes takes the lost one up
    assert sorted(message["to"][0] for message in mailserver.messages) == [
        "first@example.com",
        "second@example.com",
        "third@example.com",
    ]
    first = next(message for message in mailserver.messages if message["to"] == ["first@example.com"])
    page = client.post(link_to(first["message"], "/newsletters/confirm/"))
    assert "Your subscription to <strong>The Morning Briefing</strong> is confirmed" in page.content.decode()
    assert not DBTaskResult.objects.filter(pk=lost.pk).exists()  # queued again as a new task, which ran
    # The audio has its own lease (narration/services.watch) and is not an email: left as it is.
    assert DBTaskResult.objects.get(pk=audio.id).status == "RUNNING"

    run_due_tasks(started + timedelta(minutes=30))
    subjects = [(message["to"][0], message["message"]["Subject"]) for message in mailserver.messages[3:]]
    assert subjects == [("first@example.com", "Welcome to The Morning Briefing")]  # and no second confirmation


def test_a_worker_started_soon_after_one_was_killed_sends_its_lost_confirmation_ten_minutes_on(
    client, newsletter, mailserver, settings
):
    from masthead.core.background import plan_lost_mail_check

    settings.MASTHEAD_LOST_MAIL_SECONDS = 600
    started = sign_up_lost_to_a_killed_worker(client, newsletter, "first@example.com").started_at

    # A minute on, the worker is started again (systemd, make run): it cannot tell yet whether that task is lost.
    with time_machine.travel(started + timedelta(minutes=1), tick=False):
        assert plan_lost_mail_check()
        assert not plan_lost_mail_check()  # a second worker starting plans nothing more
    [look] = waiting("look_for_lost_mail")
    assert look.run_after == started + timedelta(minutes=10) and look.queue_name == queues.MAIL

    run_due_tasks(started + timedelta(minutes=9))
    assert mailserver.messages == []
    run_due_tasks(started + timedelta(minutes=10, seconds=1))  # no other task finished meanwhile
    assert [message["to"] for message in mailserver.messages] == [["first@example.com"]]


def test_a_sign_up_that_failed_on_a_full_disk_is_stored_and_confirmed_once_there_is_room(
    client, newsletter, mailserver, settings, monkeypatch
):
    from django.db.utils import OperationalError

    from masthead.newsletters import signup

    settings.MASTHEAD_LOST_MAIL_SECONDS = 600
    sign_up(client, newsletter, "first@example.com")
    sign_up(client, newsletter, "second@example.com")
    started = timezone.now()

    # The disk fills up before the worker stores the sign-ups: the database's own error for the first (as Django
    # raises SQLite's), another error for the second, which is not a full disk and is left to an Admin.
    def store(email, *args, **kwargs):
        if email == "first@example.com":
            raise OperationalError("database or disk is full")
        raise ValueError("something else went wrong")

    with monkeypatch.context() as patched:
        patched.setattr(signup, "request_subscriptions", store)
        run_due_tasks(started)
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    [look] = waiting("look_for_lost_mail")
    assert look.run_after == started + timedelta(minutes=10, seconds=1)

    run_due_tasks(started + timedelta(minutes=5))  # room was made meanwhile; the look is not due yet
    assert mailserver.messages == []
    run_due_tasks(started + timedelta(minutes=10, seconds=2))
    assert [message["to"] for message in mailserver.messages] == [["first@example.com"]]
    page = client.post(link_to(mailserver.messages[0]["message"], "/newsletters/confirm/"))
    assert "Your subscription to <strong>The Morning Briefing</strong> is confirmed" in page.content.decode()
    [other] = DBTaskResult.objects.filter(status="FAILED")
    assert "something else went wrong" in other.traceback


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_killed_while_sending_a_confirmation_the_next_worker_sends_it(tmp_path):
    """The new worker gets no other task: it looks for lost mail because it started (core/commands/db_worker.py),
    and the one sign-up after it only checks that nothing is sent twice."""
    import socket

    create_newsletter("daily", "The Daily", "Every day.", sender_email="daily@news.example.com")
    database = SharedDatabase(tmp_path)
    log = tmp_path / "worker.log"

    def mail_tasks(status):
        sql = "SELECT task_path FROM django_tasks_database_dbtaskresult WHERE status = %s AND task_path LIKE %s"
        return [path for (path,) in database.rows(sql, [status, "masthead.newsletters.tasks.%"])]

    with socket.socket() as silent:  # a mail server that takes the connection and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        env = environment(database.url, silent.getsockname()[1], MASTHEAD_LOST_MAIL_SECONDS="2")
        worker = start_worker(env, log, queues=queues.MAIL, first=SIGN_UP)
        try:
            assert wait_for(lambda: mail_tasks("RUNNING"), timeout=60), log.read_text()[-3000:]
        finally:
            worker.kill()  # SIGKILL mid-send, as the kernel's out-of-memory killer or a power cut would
            worker.wait()
    killed_at = time.monotonic()
    assert mail_tasks("RUNNING")  # django-tasks leaves it "running" for ever

    with LightSMTPServer() as server:  # the mail server answers again; a new worker starts
        env = environment(database.url, server.port, MASTHEAD_LOST_MAIL_SECONDS="2")
        time.sleep(max(0.0, killed_at + 2.5 - time.monotonic()))
        worker = start_worker(env, log, queues=queues.MAIL)
        try:
            assert wait_for(lambda: server.count() >= 1, timeout=60), log.read_text()[-3000:]
            another = SIGN_UP.replace("reader@example.com", "another@example.com")
            subprocess.run([sys.executable, "-c", f"import django; django.setup(); {another}"], env=env, cwd=ROOT)
            assert wait_for(lambda: server.count() >= 2, timeout=60), log.read_text()[-3000:]
            assert wait_for(lambda: not mail_tasks("RUNNING") and not mail_tasks("READY"), timeout=10)
            time.sleep(1)  # nothing more arrives
            received = sorted(recipient for recipient, _ in server.received)
        finally:
            stop(worker)

    assert received == ["another@example.com", "reader@example.com"]  # one confirmation each
    assert "lost its worker" in log.read_text()
