"""Password guessing is stopped on every login form: Wagtail's admin, Django's admin and page passwords."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import PageViewRestriction

WRONG_TRIES = 30


def log_in(client, url, username, password, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(db):
    return User.objects.create_superuser("chief", "chief@example.com", "the-right-one")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/"])
def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(client, staff, url, django_admin_on):
    for _ in range(WRONG_TRIES):
        log_in(client, url, "chief", "guess")
    answer = log_in(client, url, "chief", "the-right-one")
    assert answer.status_code == 429
    assert "Too many sign-in attempts" in answer.content.decode()
    assert not logged_in(client)


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_stopped_too(client, staff):
    for n in range(WRONG_TRIES):
        log_in(client, "/admin/login/", f"user{n}", "guess", REMOTE_ADDR="198.51.100.7")
    locked = log_in(client, "/admin/login/", "chief", "the-right-one", REMOTE_ADDR="198.51.100.7")
    assert locked.status_code == 429 and not logged_in(client)


@pytest.mark.django_db
def test_an_admin_can_unlock_and_a_good_login_resets_the_count(client, staff, django_admin_on):
    for _ in range(WRONG_TRIES):
        log_in(client, "/admin/login/", "chief", "guess")
    call_command("axes_reset")
    assert log_in(client, "/admin/login/", "chief", "the-right-one").status_code == 302
    assert logged_in(client)
    # Admins see the attempts in Django's admin.
    assert "Access attempts" in client.get("/django-admin/").content.decode()


@pytest.mark.django_db
@override_settings(MASTHEAD_PAGE_PASSWORD_ATTEMPTS=5)
def test_guessing_a_page_password_is_limited(client, newsroom):
    article = newsroom["articles"][0]
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    answers = [client.post(url, {"password": "guess", "return_url": article.url}).status_code for _ in range(8)]
    assert answers == [200] * 5 + [429] * 3
    locked = client.post(url, {"password": "letmein", "return_url": article.url})
    assert locked.status_code == 429
    assert "Too many wrong passwords" in locked.content.decode()
    assert client.get(article.url).status_code == 200
    assert "password" in client.get(article.url).content.decode().lower()  # still the password form
    # Someone elsewhere with the right password gets in.
    other = client.post(url, {"password": "letmein", "return_url": article.url}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


@pytest.mark.django_db
def test_logins_made_in_code_still_work(client, staff):
    assert client.login(username="chief", password="the-right-one")


@pytest.mark.django_db
@pytest.mark.parametrize("return_url", ["list", "%ff", "https://elsewhere.example/", "//elsewhere.example/", None])
def test_the_right_page_password_leads_back_to_the_page_whatever_the_forms_return_address(client, newsroom, return_url):
    # The form's hidden return_url, edited or dropped: Wagtail took "list" for a view's name (a 500) and sent
    # another site's address to LOGIN_REDIRECT_URL (a 404).
    article = newsroom["articles"][0]
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="letmein"
    )
    form = {"password": "letmein"} if return_url is None else {"password": "letmein", "return_url": return_url}
    answer = client.post(f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/", form)
    assert answer.status_code == 302
    assert answer["Location"] == article.url
    page = client.get(answer["Location"])
    assert page.status_code == 200 and article.title in page.content.decode()
    assert 'name="password"' not in page.content.decode()


@pytest.mark.django_db
def test_the_daily_run_forgets_old_sign_ins_and_passed_locks_but_not_a_lock_in_force(client, staff):
    from datetime import timedelta

    import time_machine
    from axes.models import AccessAttempt, AccessLog
    from django.test import Client
    from django.utils import timezone

    from masthead.core.tasks import prune_task_results

    now = timezone.now()
    with time_machine.travel(now - timedelta(days=91)):  # a sign-in a quarter of a year ago
        assert log_in(Client(), "/admin/login/", "chief", "the-right-one").status_code == 302
    assert log_in(Client(), "/admin/login/", "chief", "the-right-one").status_code == 302  # and one today
    for _ in range(WRONG_TRIES):
        log_in(client, "/admin/login/", "chief", "guess", REMOTE_ADDR="198.51.100.7")
    assert AccessLog.objects.count() == 2 and AccessAttempt.objects.exists()

    with time_machine.travel(now + timedelta(minutes=1)):
        prune_task_results.call()
        # Today's sign-in is kept; the one from 91 days ago, with its address and browser, is not.
        assert [log.attempt_time.date() for log in AccessLog.objects.all()] == [now.date()]
        locked = log_in(client, "/admin/login/", "chief", "the-right-one", REMOTE_ADDR="198.51.100.7")
        assert locked.status_code == 429  # the lock still holds

    with time_machine.travel(now + timedelta(minutes=17)):  # 15 minutes after the last try: the cool-off passed
        prune_task_results.call()
        assert not AccessAttempt.objects.exists()
        answer = log_in(client, "/admin/login/", "chief", "the-right-one", REMOTE_ADDR="198.51.100.7")
        assert answer.status_code == 302 and logged_in(client)
