"""Scheduling is an editor's approval: a scheduled edition is locked for writers, an editor's later change
unschedules it, and "Send at" is read in the newsroom's zone, across a clock change."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from masthead.core.testing import user_in
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Edition


def edit_form(edition, subject):
    return {
        "newsletter": edition.newsletter_id,
        "subject": subject,
        "preheader": "",
        "body-count": "1",
        "body-0-type": "text",
        "body-0-value": json.dumps(
            {
                "blocks": [
                    {"key": "a1", "type": "unstyled", "depth": 0, "text": "Rewritten.", "inlineStyleRanges": []}
                    | {"entityRanges": []}
                ],
                "entityMap": {},
            }
        ),
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
    }


@pytest.mark.django_db
def test_a_writer_cannot_rewrite_a_scheduled_edition_and_what_goes_out_is_what_was_approved(
    client, newsletter, mailserver
):
    make_subscriber("reader@example.com", newsletter)
    edition = make_edition(newsletter, "Approved subject")
    edition.schedule(datetime.now(UTC) + timedelta(hours=1))
    client.force_login(user_in("Writers", "wr"))

    page = client.get(f"/admin/edition/edit/{edition.pk}/", follow=True)
    assert "only an editor who may send can change it" in page.content.decode()
    response = client.post(f"/admin/edition/edit/{edition.pk}/", edit_form(edition, "writer was here"), follow=True)
    assert "only an editor who may send can change it" in response.content.decode()
    edition.refresh_from_db()
    assert (edition.subject, edition.state) == ("Approved subject", "scheduled")

    Edition.objects.filter(pk=edition.pk).update(scheduled_at=datetime.now(UTC))
    start_edition(Edition.objects.get(pk=edition.pk))
    assert [m["message"]["Subject"] for m in mailserver.messages] == ["Approved subject"]


@pytest.mark.django_db
def test_an_editors_change_after_scheduling_needs_a_new_approval(client, newsletter):
    edition = make_edition(newsletter, "First draft")
    edition.schedule(datetime.now(UTC) + timedelta(hours=1))
    client.force_login(user_in("Editors", "ed"))
    response = client.post(f"/admin/edition/edit/{edition.pk}/", edit_form(edition, "Second draft"), follow=True)
    assert "it is a draft again: schedule it to approve it" in response.content.decode()
    edition.refresh_from_db()
    assert (edition.subject, edition.state, edition.scheduled_at) == ("Second draft", "draft", None)


@pytest.mark.django_db
def test_a_writer_cannot_unschedule_and_nobody_edits_a_sending_edition(client, newsletter):
    edition = make_edition(newsletter, "Going out")
    edition.schedule(datetime.now(UTC) + timedelta(hours=1))
    client.force_login(user_in("Writers", "wr"))
    client.post(f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "unschedule"})
    assert Edition.objects.get(pk=edition.pk).state == "scheduled"

    Edition.objects.filter(pk=edition.pk).update(state=Edition.State.SENDING)
    client.force_login(user_in("Editors", "ed"))
    client.post(f"/admin/edition/edit/{edition.pk}/", edit_form(edition, "Too late"))
    assert Edition.objects.get(pk=edition.pk).subject == "Going out"


@pytest.mark.django_db
def test_send_at_is_read_and_shown_in_the_newsrooms_zone_across_a_clock_change(client, newsletter):
    # Kyiv moves from UTC+2 to UTC+3 at 03:00 local time on Sunday 29 March 2026.
    client.force_login(user_in("Editors", "ed"))
    edition = make_edition(newsletter)
    url = f"/admin/newsletters-tools/editions/{edition.pk}/send/"
    with time_machine.travel(datetime(2026, 3, 28, 6, 0, tzinfo=UTC), tick=False):
        client.post(url, {"action": "schedule", "send_at": "2026-03-28T09:09"})
        edition.refresh_from_db()
        assert edition.scheduled_at == datetime(2026, 3, 28, 7, 9, tzinfo=UTC)
        assert "9:09" in client.get(url).content.decode()

        client.post(url, {"action": "schedule", "send_at": "2026-03-30T09:09"})
        edition.refresh_from_db()
        assert edition.scheduled_at == datetime(2026, 3, 30, 6, 9, tzinfo=UTC)
        page = client.get(url).content.decode()
        assert "9:09" in page and "Europe/Kyiv" in page

        # 03:30 on the 29th never happens in Kyiv: a clear message, nothing changed.
        skipped = client.post(url, {"action": "schedule", "send_at": "2026-03-29T03:30"})
        assert skipped.status_code == 200 and "it may be ambiguous or it may not exist" in skipped.content.decode()
        edition.refresh_from_db()
        assert edition.scheduled_at == datetime(2026, 3, 30, 6, 9, tzinfo=UTC)
