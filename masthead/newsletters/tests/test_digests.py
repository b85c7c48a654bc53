"""Automatic editions with frozen time and a real SMTP server: the 07:00 digest, approval, races, empty days."""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from masthead.articles.factories import make_article, make_section, make_site, set_editors_picks
from masthead.core.queues import QUEUES
from masthead.livefeed.factories import create_news_item
from masthead.newsletters import digests
from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Edition, Newsletter, RecipeSection
from masthead.newsletters.tasks import drop_unapproved_edition

from .conftest import html_of

KYIV = ZoneInfo("Europe/Kyiv")  # the newsroom's default zone; UTC+2 in early March


def at(day, hour, minute=0, second=0):
    """A moment in March 2026, newsroom time. March 2 is a Monday."""
    return datetime(2026, 3, day, hour, minute, second, tzinfo=KYIV)


def titles_in(message):
    html = html_of(message)
    found = [(html.find(title), title) for title in TITLES if title in html]
    return [title for _, title in sorted(found)]


TITLES = ["Old news", "Council votes at noon", "Evening storm warning", "Our pick: the long read", "Tomorrow's story"]


@pytest.fixture
def clock():
    with time_machine.travel(at(1, 6, 30), tick=False) as traveller:
        yield traveller


@pytest.fixture
def newsroom_output(db, clock):
    """Articles around two 07:00 slots (March 1 and 2), one of them an Editors' Pick."""
    home = make_site()
    city = make_section(home, "City")
    culture = make_section(home, "Culture")
    published = {
        "Old news": at(1, 6),
        "Council votes at noon": at(1, 12),
        "Evening storm warning": at(1, 18),
        "Our pick: the long read": at(1, 10),
        "Tomorrow's story": at(2, 7, 30),
    }
    articles = {
        title: make_article(culture if "long read" in title else city, title, published_at=moment)
        for title, moment in published.items()
    }
    set_editors_picks(home.get_site(), [articles["Our pick: the long read"]])
    return {"home": home, "city": city, "culture": culture, "articles": articles}


@pytest.fixture
def digest(newsroom_output, clock):
    newsletter = create_newsletter(
        "morning",
        "The Morning Briefing",
        "Every morning.",
        sender_email="morning@news.example.com",
        schedule=Newsletter.Schedule.DAILY,
        schedule_time=time(7, 0),
    )
    for n in range(2):
        make_subscriber(f"reader{n}@example.com", newsletter)
    return newsletter


def run_planned(newsletter):
    newsletter.refresh_from_db()
    return digests.run_slot(newsletter.pk, newsletter.next_slot_at.isoformat())


@pytest.mark.django_db
def test_a_daily_digest_goes_out_at_seven_with_exactly_what_was_published_since_the_last_one(digest, clock, mailserver):
    digest.refresh_from_db()
    assert digest.next_slot_at == at(1, 7)  # planned when the schedule was saved

    clock.move_to(at(1, 7, 0, 5))
    assert run_planned(digest)["state"] == Edition.State.SENT
    assert [titles_in(m["message"]) for m in mailserver.messages] == [["Old news"], ["Old news"]]
    digest.refresh_from_db()
    assert digest.next_slot_at == at(2, 7)

    clock.move_to(at(2, 6, 59))
    assert digests.run_slot(digest.pk, at(2, 7).isoformat()) == {"state": "not due"}
    assert len(mailserver.messages) == 2

    clock.move_to(at(2, 7, 0, 3))
    assert run_planned(digest)["state"] == Edition.State.SENT
    today = mailserver.messages[2:]
    assert sorted(m["to"][0] for m in today) == ["reader0@example.com", "reader1@example.com"]
    for received in today:
        message = received["message"]
        assert message["Subject"] == "The Morning Briefing: Monday, March 2"
        # Editors' Pick first, then newest first; nothing from before the last edition or after 07:00.
        assert titles_in(message) == ["Our pick: the long read", "Evening storm warning", "Council votes at noon"]
    edition = Edition.objects.get(slot=at(2, 7))
    assert edition.started_at.astimezone(KYIV).strftime("%H:%M") == "07:00"
    assert edition.covers_from == at(1, 7)


@pytest.mark.django_db
def test_a_digest_is_built_only_from_its_sections_tags_and_cap(digest, newsroom_output, clock, mailserver):
    RecipeSection.objects.create(newsletter=digest, section=newsroom_output["city"])
    digest.recipe_limit = 1
    digest.recipe_intro = "Good morning. {{ count }} story for {{ date }}."
    digest.save()
    create_news_item("Tram line reopens", "<p>Service resumes on line 5.</p>", published_at=at(2, 6), pinned=True)
    digest.recipe_news_items = 3
    digest.save()
    clock.move_to(at(2, 7, 1))
    Newsletter.objects.filter(pk=digest.pk).update(next_slot_at=at(2, 7))
    run_planned(digest)
    message = mailserver.messages[0]["message"]
    assert titles_in(message) == ["Evening storm warning"]  # city only, newest, at most one
    html = html_of(message)
    assert "Good morning. 1 story for Monday, March 2." in html
    assert "From the news feed" in html and "Tram line reopens" in html


@pytest.mark.django_db
def test_a_held_digest_waits_for_approval_and_is_dropped_after_its_deadline(client, digest, clock, mailserver):
    from django.contrib.auth.models import User

    digest.auto_send = Newsletter.AutoSend.HOLD
    digest.approval_hours = 2
    digest.save()
    clock.move_to(at(1, 7, 0, 5))
    assert run_planned(digest)["state"] == Edition.State.HELD
    monday = Edition.objects.get(slot=at(1, 7))
    assert monday.approve_by == at(1, 9)
    assert not mailserver.messages

    editor = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(editor)
    page = client.get(f"/admin/newsletters-tools/editions/{monday.pk}/send/")
    assert "Waiting for approval" in page.content.decode()
    clock.move_to(at(1, 8, 15))
    client.post(f"/admin/newsletters-tools/editions/{monday.pk}/send/", {"action": "send_now", "confirmed": "1"})
    monday.refresh_from_db()
    assert monday.state == Edition.State.SENT
    assert len(mailserver.messages) == 2

    # The next day nobody approves: at the deadline it is dropped, and a late "Send now" is refused.
    clock.move_to(at(2, 7, 0, 5))
    run_planned(digest)
    tuesday = Edition.objects.get(slot=at(2, 7))
    assert tuesday.state == Edition.State.HELD
    clock.move_to(at(2, 9, 0, 1))
    drop_unapproved_edition.call(tuesday.pk)
    tuesday.refresh_from_db()
    assert tuesday.state == Edition.State.DROPPED
    response = client.post(
        f"/admin/newsletters-tools/editions/{tuesday.pk}/send/", {"action": "send_now", "confirmed": "1"}, follow=True
    )
    assert "can no longer be" in response.content.decode()
    assert len(mailserver.messages) == 2


@pytest.mark.django_db
def test_the_dashboard_asks_those_who_may_send_to_approve_a_held_edition_before_its_deadline(
    client, chief, digest, clock
):
    from masthead.core.testing import user_in

    digest.auto_send = Newsletter.AutoSend.HOLD
    digest.save()
    clock.move_to(at(1, 7, 0, 5))
    run_planned(digest)
    edition = Edition.objects.get(slot=at(1, 7))
    client.force_login(chief)

    dashboard = client.get("/admin/").content.decode()
    assert "Waiting for your approval" in dashboard
    assert (
        f'<a href="/admin/newsletters-tools/editions/{edition.pk}/send/">The Morning Briefing — “{edition.subject}”</a>'
        in dashboard
    )
    assert "not sent unless approved by March 1, 9:00 AM" in dashboard
    assert "waiting for an editor" not in dashboard  # its note says no more than the heading

    # A writer cannot send it, so is not asked to.
    client.force_login(user_in("Writers", "wr"))
    assert "Waiting for your approval" not in client.get("/admin/").content.decode()
    # Past its deadline it will not be sent, so it is no longer asked for.
    client.force_login(chief)
    clock.move_to(at(1, 9, 0, 1))
    assert "Waiting for your approval" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_held_edition_emails_those_who_may_send_it_each_in_their_admin_language(
    chief, digest, clock, mailserver, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    from masthead.core.testing import user_in

    ukrainian = user_in("Editors", "olena")
    ukrainian.email = "olena@example.com"
    ukrainian.save()
    profile = UserProfile.get_for_user(ukrainian)
    profile.preferred_language = "uk"
    profile.save()
    writer = user_in("Writers", "wr")
    writer.email = "writer@example.com"
    writer.save()
    digest.auto_send = Newsletter.AutoSend.HOLD
    digest.save()
    clock.move_to(at(1, 7, 0, 5))

    with django_capture_on_commit_callbacks(execute=True):
        run_planned(digest)

    edition = Edition.objects.get(slot=at(1, 7))
    received = {message["to"][0]: message["message"] for message in mailserver.messages}
    assert set(received) == {"chief@example.com", "olena@example.com"}  # not the writer, not the readers
    english = received["chief@example.com"]
    assert english["Subject"] == "Waiting for your approval: The Morning Briefing: Sunday, March 1"
    assert english["From"] == "The Masthead <newsroom@masthead.localhost>"
    text = english.get_body(preferencelist=("plain",)).get_content()
    assert "It is not sent unless someone approves it by March 1, 9:00 AM." in text
    assert f"http://testserver/admin/newsletters-tools/editions/{edition.pk}/send/" in text
    assert received["olena@example.com"]["Subject"].strip().startswith("Чекає на ваше схвалення: ")
    assert "до 1 березня, 09:00" in received["olena@example.com"].get_body(preferencelist=("plain",)).get_content()

    # A task queued by the version before (one for all the editors) queues one for each of them.
    mailserver.handler.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.ask_for_approval(edition.pk) == 0
    assert sorted(message["to"][0] for message in mailserver.messages) == ["chief@example.com", "olena@example.com"]

    # Approved, or past its deadline, by the time the task runs: nobody is emailed.
    clock.move_to(at(1, 9, 0, 1))
    assert digests.ask_for_approval(edition.pk) == 0


@pytest.mark.django_db
def test_an_approval_email_the_server_refused_is_sent_again_to_that_editor_alone(
    chief, digest, clock, mailserver, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from masthead.core import background
    from masthead.core.testing import run_due_tasks, user_in

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
    second = user_in("Editors", "olena")
    second.email = "olena@example.com"
    second.save()
    digest.auto_send = Newsletter.AutoSend.HOLD
    digest.save()
    mailserver.refuse(lambda address: "451 4.3.0 Mailbox busy, try later" if address == "olena@example.com" else None)
    clock.move_to(at(1, 7, 0, 5))
    with django_capture_on_commit_callbacks(execute=True):
        run_planned(digest)
    run_due_tasks(at(1, 7, 1))

    assert [message["to"] for message in mailserver.messages] == [["chief@example.com"]]
    [failed] = DBTaskResult.objects.filter(task_path__endswith=".ask_for_approval", status="FAILED")

    mailserver.refuse(lambda address: None)
    assert background.run_again(failed.pk)[1]  # Settings → Background work → Run again
    run_due_tasks(at(1, 7, 20))
    assert sorted(message["to"][0] for message in mailserver.messages) == ["chief@example.com", "olena@example.com"]


@pytest.mark.django_db
def test_a_held_digest_cannot_be_sent_after_its_deadline_even_if_the_drop_task_has_not_run(digest, clock, mailserver):
    from masthead.newsletters.admin_views import start_edition

    digest.auto_send = Newsletter.AutoSend.HOLD
    digest.save()
    clock.move_to(at(1, 7, 0, 5))
    run_planned(digest)
    edition = Edition.objects.get(slot=at(1, 7))
    clock.move_to(at(1, 9, 30))
    assert not start_edition(edition)
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.HELD
    assert not mailserver.messages


@pytest.mark.django_db
def test_two_workers_racing_on_the_same_slot_send_one_edition(digest, clock, mailserver):
    clock.move_to(at(1, 7, 0, 5))
    slot = at(1, 7)
    # Both workers got past the "is this slot still planned?" check; the unique constraint decides.
    first, second = digests.build(digest, slot), digests.build(digest, slot)
    assert first is not None and second is None
    # A duplicated task for the slot, run after the first: it finds the slot no longer planned.
    assert digests.run_slot(digest.pk, slot.isoformat())["state"] in ("built elsewhere", "stale")
    assert digests.run_slot(digest.pk, slot.isoformat())["state"] == "stale"
    assert Edition.objects.filter(newsletter=digest).count() == 1
    assert sorted(m["to"][0] for m in mailserver.messages) == ["reader0@example.com", "reader1@example.com"]


@pytest.mark.django_db
def test_no_digest_is_sent_when_nothing_was_published(digest, clock, mailserver):
    for day in (1, 2, 3):  # March 3 carries "Tomorrow's story" (published March 2, 07:30), the last one
        clock.move_to(at(day, 7, 0, 5))
        assert run_planned(digest)["state"] == Edition.State.SENT
    assert len(mailserver.messages) == 6
    clock.move_to(at(4, 7, 0, 5))
    assert run_planned(digest)["state"] == Edition.State.DROPPED
    edition = Edition.objects.get(slot=at(4, 7))
    assert edition.note == "Nothing was published since the last edition, so none was sent."
    assert not edition.deliveries.exists()
    assert len(mailserver.messages) == 6
    digest.refresh_from_db()
    assert digest.next_slot_at == at(5, 7)  # and the chain goes on


@pytest.mark.django_db
def test_a_slot_the_worker_missed_is_not_sent_late(digest, clock, mailserver):
    clock.move_to(at(1, 10))
    assert run_planned(digest)["state"] == Edition.State.DROPPED
    assert "not sent late" in Edition.objects.get(slot=at(1, 7)).note
    assert not mailserver.messages


@pytest.mark.django_db
def test_weekday_and_weekly_schedules(digest, clock):
    digest.schedule, digest.schedule_days = Newsletter.Schedule.WEEKDAYS, "0,2,4"  # Mon, Wed, Fri
    digest.save()
    assert digests.next_slot(digest, at(2, 8)) == at(4, 7)
    assert digests.next_slot(digest, at(4, 7)) == at(6, 7)
    assert digests.next_slot(digest, at(6, 7, 1)) == at(9, 7)
    digest.schedule, digest.schedule_days = Newsletter.Schedule.WEEKLY, "6"
    assert digests.next_slot(digest, at(2, 8)) == at(8, 7)
    # Across the change to summer time (March 29 in Kyiv) the digest stays at 07:00 local time.
    digest.schedule = Newsletter.Schedule.DAILY
    assert digests.next_slot(digest, at(29, 1)) == datetime(2026, 3, 29, 7, tzinfo=KYIV)
    assert digests.next_slot(digest, at(29, 1)).utcoffset().total_seconds() == 0  # stored in UTC: 04:00
    assert digests.next_slot(digest, at(29, 1)).hour == 4


@pytest.mark.django_db
def test_the_worker_schedules_the_build_itself_with_run_after(newsroom_output, clock):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}):
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            newsletter = create_newsletter("evening", "Evening", "Every evening.", schedule="daily")
        [queued] = DBTaskResult.objects.filter(task_path__endswith="build_automatic_edition")
        assert queued.run_after == at(1, 7)
        assert queued.args_kwargs["args"] == [newsletter.pk, at(1, 7).astimezone(ZoneInfo("UTC")).isoformat()]
        # Saving again with the same schedule queues nothing more; changing it queues the new slot.
        with TestCase.captureOnCommitCallbacks(execute=True):
            newsletter.save()
            newsletter.schedule_time = time(18, 0)
            newsletter.save()
        builds = DBTaskResult.objects.filter(task_path__endswith="build_automatic_edition")
        assert sorted(builds.values_list("run_after", flat=True)) == [at(1, 7), at(1, 18)]


def newsletter_form(newsletter, **changes):
    """What the admin's newsletter form posts (no sections in the recipe unless given)."""
    data = {
        "name": newsletter.name,
        "slug": newsletter.slug,
        "description": newsletter.description,
        "cadence": newsletter.cadence,
        "schedule": newsletter.schedule,
        "schedule_time": newsletter.schedule_time.strftime("%H:%M"),
        "auto_send": newsletter.auto_send,
        "approval_hours": newsletter.approval_hours,
        "recipe_limit": newsletter.recipe_limit,
        "recipe_news_items": newsletter.recipe_news_items,
        "recipe_intro": newsletter.recipe_intro,
        "track_clicks": "on",
        "active": "on",
        "sort_order": 0,
        "recipe_sections-TOTAL_FORMS": "0",
        "recipe_sections-INITIAL_FORMS": "0",
        "recipe_sections-MIN_NUM_FORMS": "0",
        "recipe_sections-MAX_NUM_FORMS": "1000",
        "welcome_steps-TOTAL_FORMS": "0",
        "welcome_steps-INITIAL_FORMS": "0",
        "welcome_steps-MIN_NUM_FORMS": "0",
        "welcome_steps-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def chief(db):
    from django.contrib.auth.models import User

    return User.objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.mark.django_db
def test_an_intro_with_a_template_error_is_refused_with_a_clear_message(client, chief, digest):
    client.force_login(chief)
    broken = "{% if count %}Hello {{ date|shout }}"
    response = client.post(f"/admin/newsletter/edit/{digest.pk}/", newsletter_form(digest, recipe_intro=broken))
    assert response.status_code == 200
    assert "The intro has a template error" in response.content.decode()
    digest.refresh_from_db()
    assert digest.recipe_intro == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("intro", "unclosed"),
    [
        ("Hello {{ date ", "“{{” is not closed by “}}” on the same line"),
        ("Hello {% if count", "“{%” is not closed by “%}” on the same line"),
        ("Today is {{ date\n}}.", "“{{” is not closed by “}}” on the same line"),
    ],
)
def test_an_intro_with_an_unclosed_tag_is_refused_not_mailed_as_braces(client, chief, digest, intro, unclosed):
    client.force_login(chief)
    response = client.post(f"/admin/newsletter/edit/{digest.pk}/", newsletter_form(digest, recipe_intro=intro))
    assert f"The intro has a template error: {unclosed}. Use {{{{ date }}}}" in response.content.decode()
    digest.refresh_from_db()
    assert digest.recipe_intro == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("intro", "tag"),
    [
        ("Hello {% debug %}", "debug"),  # it would print the worker's modules into every subscriber's email
        ("Hello {% url 'nowhere' %}", "url"),  # these failed only when rendered: a server error on Save
        ("{% include 'newsletters/archive.html' %}", "include"),
        ("{% extends 'base.html' %}", "extends"),
    ],
)
def test_an_intro_with_a_tag_an_intro_cannot_use_is_refused_in_words(client, chief, digest, intro, tag):
    client.force_login(chief)
    response = client.post(f"/admin/newsletter/edit/{digest.pk}/", newsletter_form(digest, recipe_intro=intro))
    assert response.status_code == 200
    assert f"The intro has a template error: “{{% {tag} %}}” cannot be used in an intro." in response.content.decode()
    digest.refresh_from_db()
    assert digest.recipe_intro == ""


@pytest.mark.django_db
def test_braces_kept_on_purpose_with_verbatim_are_accepted_in_the_intro(client, chief, digest, clock):
    client.force_login(chief)
    intro = "{% verbatim %}{{ braces }}{% endverbatim %} for {{ date }}"
    client.post(f"/admin/newsletter/edit/{digest.pk}/", newsletter_form(digest, recipe_intro=intro))
    digest.refresh_from_db()
    assert digest.recipe_intro == intro
    assert digests.render_intro(digest, count=1, date=at(1, 7)) == "<p>{{ braces }} for Sunday, March 1</p>"


@pytest.mark.django_db
def test_holding_editions_for_approval_needs_at_least_an_hour_to_approve_them(client, chief, digest):
    client.force_login(chief)
    url = f"/admin/newsletter/edit/{digest.pk}/"
    refused = client.post(url, newsletter_form(digest, auto_send="hold", approval_hours="0")).content.decode()
    assert (
        "Please allow at least 1 hour: with less, no editor could approve an edition in time, "
        "and every one would be dropped."
    ) in refused
    digest.refresh_from_db()
    assert (digest.auto_send, digest.approval_hours) == (Newsletter.AutoSend.SEND, 2)
    client.post(url, newsletter_form(digest, auto_send="hold", approval_hours="1"))
    digest.refresh_from_db()
    assert (digest.auto_send, digest.approval_hours) == (Newsletter.AutoSend.HOLD, 1)
    # Sent at once, an edition waits for nobody: the hours do not matter then.
    client.post(url, newsletter_form(digest, auto_send="send", approval_hours="0"))
    digest.refresh_from_db()
    assert (digest.auto_send, digest.approval_hours) == (Newsletter.AutoSend.SEND, 0)


@pytest.mark.django_db
def test_the_schedule_time_is_the_browsers_time_field_and_a_time_it_cannot_read_is_refused(client, chief, digest):
    client.force_login(chief)
    url = f"/admin/newsletter/edit/{digest.pk}/"

    def time_input():
        return re.search(r'<input[^>]*name="schedule_time"[^>]*>', client.get(url).content.decode()).group()

    # Not Wagtail's picker, which turns a time it cannot read into the current time when the field loses focus.
    assert 'type="time"' in time_input() and 'value="07:00"' in time_input()
    for typed in ("25:00", "abc"):
        refused = client.post(url, newsletter_form(digest, schedule_time=typed)).content.decode()
        assert "Enter a valid time." in refused
        digest.refresh_from_db()
        assert digest.schedule_time == time(7, 0)
    client.post(url, newsletter_form(digest, schedule_time="06:45"))
    digest.refresh_from_db()
    assert digest.schedule_time == time(6, 45) and 'value="06:45"' in time_input()


@pytest.mark.django_db
def test_a_time_already_past_today_means_tomorrow_and_nothing_is_sent_now(client, chief, digest, clock, mailserver):
    client.force_login(chief)
    clock.move_to(at(1, 9))
    response = client.post(
        f"/admin/newsletter/edit/{digest.pk}/", newsletter_form(digest, schedule_time="08:00"), follow=True
    )
    assert "The next automatic edition will be built on March 2, 2026, 8 a.m." in response.content.decode()
    digest.refresh_from_db()
    assert digest.next_slot_at == at(2, 8)
    assert not Edition.objects.exists() and not mailserver.messages


@pytest.mark.django_db
def test_weekly_needs_one_day(client, chief, digest):
    client.force_login(chief)
    response = client.post(
        f"/admin/newsletter/edit/{digest.pk}/",
        newsletter_form(digest, schedule="weekly", schedule_days=["0", "3"]),
    )
    assert "Choose exactly one day for a weekly edition." in response.content.decode()


@pytest.mark.django_db
def test_a_deleted_section_holds_the_digest_with_a_message(
    client, chief, digest, newsroom_output, clock, mailserver, django_capture_on_commit_callbacks
):
    RecipeSection.objects.create(newsletter=digest, section=newsroom_output["culture"])
    newsroom_output["culture"].delete()
    client.force_login(chief)
    preview = client.get(f"/admin/newsletters-tools/newsletters/{digest.pk}/next-edition/").content.decode()
    assert "A section in this newsletter&#x27;s recipe was deleted" in preview
    clock.move_to(at(1, 7, 0, 5))
    with django_capture_on_commit_callbacks(execute=True):
        assert run_planned(digest)["state"] == Edition.State.HELD
    assert "was deleted" in Edition.objects.get(slot=at(1, 7)).note
    # Held for that, whatever the newsletter's setting: the dashboard and the editor's email say why.
    assert "A section in this newsletter&#x27;s recipe was deleted" in client.get("/admin/").content.decode()
    [asked] = mailserver.messages  # the editor; no reader
    assert asked["to"] == ["chief@example.com"]
    text = asked["message"].get_body(preferencelist=("plain",)).get_content()
    assert "A section in this newsletter's recipe was deleted. Choose its sections again." in text


@pytest.mark.django_db
def test_a_recipe_that_matches_nothing_says_so_and_sends_nothing(client, chief, digest, clock, mailserver):
    digest.recipe_tags = "no-such-tag"
    digest.save()
    client.force_login(chief)
    preview = client.get(f"/admin/newsletters-tools/newsletters/{digest.pk}/next-edition/").content.decode()
    assert "Nothing matches this newsletter" in preview
    clock.move_to(at(1, 7, 0, 5))
    assert run_planned(digest)["state"] == Edition.State.DROPPED
    assert not mailserver.messages


@pytest.mark.django_db
def test_preview_of_tomorrows_edition(client, chief, digest, clock):
    clock.move_to(at(1, 7, 0, 5))
    run_planned(digest)
    clock.move_to(at(1, 20))
    client.force_login(chief)
    page = client.get(f"/admin/newsletters-tools/newsletters/{digest.pk}/next-edition/").content.decode()
    assert "It will be built at March 2, 2026, 7 a.m." in page
    assert "3 articles so far" in page
    assert "Our pick: the long read" in page and "Old news" not in page.split("srcdoc")[1]
    assert not Edition.objects.filter(slot=at(2, 7)).exists()  # a preview saves nothing


@pytest.mark.django_db
def test_a_ukrainian_digest_built_by_the_worker_speaks_ukrainian(newsroom_output, clock, mailserver):
    from django.utils import translation

    from masthead.articles.factories import edition_locale

    newsletter = create_newsletter(
        "ranok",
        "Ранок у Києві",
        "Щоранку.",
        locale=edition_locale("uk"),
        sender_email="ranok@news.example.com",
        schedule=Newsletter.Schedule.DAILY,
        schedule_time=time(7, 0),
        recipe_news_items=3,
        recipe_intro="Доброго ранку! Сьогодні {{ date }}.",
    )
    make_subscriber("chytach@example.com", newsletter)
    create_news_item(
        "Трамваї знову ходять",
        "<p>Усі маршрути відновлено.</p>",
        published_at=at(1, 6, 45),
        locale=edition_locale("uk"),
    )

    clock.move_to(at(1, 7, 0, 5))
    with translation.override("en"):  # what the worker has: no reader, no editor, the site's default language
        assert run_planned(newsletter)["state"] == Edition.State.SENT
    [received] = mailserver.messages
    # On the wire the subject is folded before its first encoded word; the parsed header keeps that space.
    assert received["message"]["Subject"].strip() == "Ранок у Києві: неділя, 1 березня"
    html = html_of(received["message"])
    assert "Доброго ранку! Сьогодні неділя, 1 березня." in html
    assert "Ранок у Києві · 1 березня 2026" in received["message"].get_body(preferencelist=("plain",)).get_content()
    assert "Зі стрічки новин" in html and "<b>06:45</b> Трамваї знову ходять" in html
    # A 12-hour time ("6:45 AM") is English; looked for after a digit, since the links' tokens hold any letters.
    assert "From the news feed" not in html and not re.search(r"\d\s[AP]M\b", html)
    assert Edition.objects.get(newsletter=newsletter).note == "Складено автоматично."  # the edition list's note
