"""The admin reads and shows times in the newsroom's zone (Europe/Kyiv here), unless a user chose another."""

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from masthead.core.testing import user_in
from masthead.livefeed.models import NewsItem
from masthead.newsletters.factories import create_newsletter, make_edition

pytestmark = pytest.mark.django_db

# 07:00 in Kyiv on 10 December is 05:00 UTC (UTC+2 in winter).
SEVEN_IN_KYIV = datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
A_SECOND_BEFORE = SEVEN_IN_KYIV - timedelta(seconds=1)
A_SECOND_AFTER = SEVEN_IN_KYIV + timedelta(seconds=1)


def run(command):
    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue()


@pytest.fixture
def editor(client):
    user = user_in("Editors", "ed")
    client.force_login(user)
    with time_machine.travel(datetime(2026, 12, 9, 12, 0, tzinfo=UTC), tick=False):
        yield user


def feed_item_form(published_at):
    return {
        "headline": "Metro reopens at seven",
        "body": rich_text("<p>All lines run again.</p>"),
        "published_at": published_at,
        "correction": "",
        "source_name": "",
        "source_url": "",
        "action-publish": "action-publish",
    }


def test_a_feed_item_scheduled_for_seven_goes_live_at_seven_newsroom_time(client, editor):
    response = client.post("/admin/snippets/livefeed/newsitem/add/", feed_item_form("2026-12-10 07:00"))

    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.published_at == SEVEN_IN_KYIV and not item.is_published
    edit_page = client.get(f"/admin/snippets/livefeed/newsitem/edit/{item.pk}/").content.decode()
    assert 'value="2026-12-10 07:00"' in edit_page
    with time_machine.travel(A_SECOND_BEFORE, tick=False):
        assert not NewsItem.objects.get().is_published
    with time_machine.travel(A_SECOND_AFTER, tick=False):
        assert NewsItem.objects.get().is_published


def test_a_page_scheduled_for_seven_goes_live_at_seven_newsroom_time(client, editor, newsroom):
    section = newsroom["sections"]["politics"]
    data = nested_form_data(
        {
            "title": section.title,
            "slug": section.slug,
            "description": "",
            "go_live_at": "2026-12-10 07:00",
            "expire_at": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = client.post(f"/admin/pages/{section.pk}/edit/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    revision = Revision.page_revisions.filter(object_id=str(section.pk)).latest("created_at")
    assert revision.approved_go_live_at == SEVEN_IN_KYIV
    status = client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert "7:00" in status and "5:00" not in status
    with time_machine.travel(A_SECOND_BEFORE, tick=False):
        run("publish_scheduled")
        assert Revision.page_revisions.filter(object_id=str(section.pk), approved_go_live_at__isnull=False).exists()
    with time_machine.travel(A_SECOND_AFTER, tick=False):
        printed = run("publish_scheduled")
    section.refresh_from_db()
    assert not Revision.page_revisions.filter(object_id=str(section.pk), approved_go_live_at__isnull=False).exists()
    assert section.live_revision_id == revision.pk, printed


def test_a_send_scheduled_for_seven_goes_at_seven_newsroom_time(client, editor, settings):
    settings.MASTHEAD_NEWSLETTER_REQUIRE_POSTAL_ADDRESS = False  # its own rule, tested with the edition emails
    edition = make_edition(create_newsletter("briefing", "The Briefing", "Every morning."))

    client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "schedule", "send_at": "2026-12-10T07:00"}
    )

    edition.refresh_from_db()
    assert edition.scheduled_at == SEVEN_IN_KYIV
    with time_machine.travel(A_SECOND_BEFORE, tick=False):
        assert "Queued 0 edition(s)." in run("send_scheduled_editions")
    with time_machine.travel(A_SECOND_AFTER, tick=False):
        assert "Queued 1 edition(s)." in run("send_scheduled_editions")


def test_a_user_who_picked_another_zone_keeps_it(client, editor):
    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(current_time_zone="UTC")

    client.post("/admin/snippets/livefeed/newsitem/add/", feed_item_form("2026-12-10 07:00"))

    assert NewsItem.objects.get().published_at == datetime(2026, 12, 10, 7, 0, tzinfo=UTC)
    preferences = client.get("/admin/account/").content.decode()
    assert "The newsroom&#x27;s time zone" in preferences or "The newsroom's time zone" in preferences


def test_compare_names_the_two_versions_with_their_times_in_the_newsroom_zone(client, editor, newsroom):
    article = newsroom["articles"][0]
    with time_machine.travel(SEVEN_IN_KYIV, tick=False):
        first = article.save_revision()
    with time_machine.travel(SEVEN_IN_KYIV + timedelta(hours=2, minutes=30), tick=False):
        article.title = "Metro reopens at seven, and the trams at nine"
        second = article.save_revision()

    url = reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, first.pk, second.pk))
    page = client.get(url).content.decode()

    # Wagtail named neither version; its unused headings were the stored UTC time, "2026-12-10 05:00:00+00:00".
    assert "Changes from the version of Dec. 10, 2026, 7 a.m. to the version of Dec. 10, 2026, 9:30 a.m." in page
    live = client.get(reverse("wagtailadmin_pages:revisions_compare", args=(article.pk, "live", second.pk)))
    assert "Changes from the live version to the version of Dec. 10, 2026, 9:30 a.m." in live.content.decode()
