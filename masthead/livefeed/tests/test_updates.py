from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.actions.unpublish import UnpublishAction

from masthead.livefeed.factories import create_news_item, edit_news_item
from masthead.livefeed.updates import to_cursor

pytestmark = pytest.mark.django_db

URL = "/news-feed/updates.json"


def poll(client, after=None, **headers):
    return client.get(URL, {} if after is None else {"after": after}, headers=headers)


def test_without_a_cursor_it_gives_the_current_cursor_and_no_items(client):
    item = create_news_item("Hello", "<p>First.</p>", None)

    data = poll(client).json()

    assert data == {"cursor": str(to_cursor(item.changed_at)), "items": [], "removed": [], "more": False}


def test_it_returns_only_what_changed_after_the_cursor(client):
    create_news_item("Old news", "<p>Already seen.</p>", None)
    cursor = poll(client).json()["cursor"]
    new = create_news_item("Breaking: dam breach", "<p>Evacuations ordered downstream.</p>", None)
    create_news_item("Still a draft", "<p>Not for readers.</p>", None, publish=False)

    data = poll(client, cursor).json()

    assert [item["id"] for item in data["items"]] == [new.pk]
    assert data["removed"] == []  # the draft never reached readers, nothing to take away
    sent = data["items"][0]
    assert sent["headline"] == "Breaking: dam breach"
    assert sent["url"] == new.get_absolute_url()
    assert f'data-news-item="{new.pk}"' in sent["html"]
    assert "Evacuations ordered downstream." in sent["html"]
    assert int(data["cursor"]) > int(cursor)
    assert poll(client, data["cursor"]).json()["items"] == []


def test_corrections_are_sent_with_their_new_text(client):
    item = create_news_item("Turnout at 40%", "<p>Officials said turnout was 40%.</p>", None)
    cursor = poll(client).json()["cursor"]

    edit_news_item(
        item,
        body="<p>Officials said turnout was 48%.</p>",
        correction="An earlier version gave turnout as 40%.",
    )
    data = poll(client, cursor).json()

    assert [sent["id"] for sent in data["items"]] == [item.pk]
    html = data["items"][0]["html"]
    assert "turnout was 48%" in html
    assert "An earlier version gave turnout as 40%." in html


def test_unpublished_and_deleted_items_are_listed_as_removed(client):
    unpublished = create_news_item("Wrong item", "<p>Posted by mistake.</p>", None)
    deleted = create_news_item("Duplicate", "<p>Posted twice.</p>", None)
    kept = create_news_item("Kept", "<p>Fine.</p>", None)
    cursor = poll(client).json()["cursor"]

    UnpublishAction(unpublished).execute(skip_permission_checks=True)
    deleted_pk = deleted.pk
    deleted.delete()
    data = poll(client, cursor).json()

    assert data["removed"] == sorted([unpublished.pk, deleted_pk])
    assert data["items"] == []
    assert kept.pk not in data["removed"]


def test_a_scheduled_item_arrives_when_its_time_comes(client):
    now = timezone.now()
    scheduled = create_news_item("Results at 18:00", "<p>The commission speaks.</p>", now + timedelta(minutes=30))
    cursor = poll(client).json()["cursor"]
    assert poll(client, cursor).json()["items"] == []

    with time_machine.travel(now + timedelta(minutes=31)):
        data = poll(client, cursor).json()

    assert [item["id"] for item in data["items"]] == [scheduled.pk]


def test_it_answers_304_to_its_own_etag_until_something_changes(client):
    create_news_item("Calm day", "<p>Nothing new.</p>", None)
    cursor = poll(client).json()["cursor"]
    first = poll(client, cursor)
    etag = first["ETag"]

    again = poll(client, cursor, if_none_match=etag)
    weakened = poll(client, cursor, if_none_match=f"W/{etag}")

    assert first.status_code == 200
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, max-age=3"
    assert weakened.status_code == 304

    create_news_item("Not calm any more", "<p>News.</p>", None)
    changed = poll(client, cursor, if_none_match=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert [item["headline"] for item in changed.json()["items"]] == ["Not calm any more"]


def test_it_is_the_same_for_every_reader_and_cacheable(client, django_user_model):
    create_news_item("Same for all", "<p>Everyone sees this.</p>", None)
    anonymous = poll(client, "0")
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    logged_in = poll(client, "0")

    for response in (anonymous, logged_in):
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=3"
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
    assert anonymous.content == logged_in.content
    assert anonymous["ETag"] == logged_in["ETag"]


@pytest.mark.parametrize(
    ("after", "message"),
    [
        ("abc", "The cursor must be the number a previous answer gave as “cursor”."),
        ("12.5", "The cursor must be the number a previous answer gave as “cursor”."),
        ("", "The cursor must be the number a previous answer gave as “cursor”."),
        ("-5", "The cursor cannot be negative."),
        ("99999999999999999999999999", "The cursor is in the future."),
        ("9" * 5000, "The cursor is in the future."),  # too long for int() to read: still a polite 400
    ],
)
def test_a_bad_cursor_gets_a_400_with_a_message(client, after, message):
    response = poll(client, after)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": message}


def test_a_cursor_an_hour_ahead_is_refused(client):
    ahead = to_cursor(timezone.now() + timedelta(hours=1))

    assert poll(client, str(ahead)).json() == {"error": "The cursor is in the future."}


def test_item_times_are_in_the_newsroom_zone(client):
    noon_in_kyiv = datetime(2025, 11, 11, 10, 8, tzinfo=UTC)
    with time_machine.travel(noon_in_kyiv, tick=False):
        item = create_news_item("Curfew lifted", "<p>From 05:00.</p>", noon_in_kyiv)
    with time_machine.travel(noon_in_kyiv + timedelta(minutes=1), tick=False):
        data = poll(client, str(to_cursor(noon_in_kyiv - timedelta(minutes=1)))).json()

    assert [sent["id"] for sent in data["items"]] == [item.pk]
    assert '<time datetime="2025-11-11T12:08:00+02:00">12:08 PM</time>' in data["items"][0]["html"]
    assert data["items"][0]["day_label"] == "Tuesday, November 11, 2025"


def test_a_poll_answered_304_runs_no_query(client, settings, django_assert_num_queries):
    settings.MASTHEAD_LIVEFEED_STATE_CACHE_SECONDS = 60
    create_news_item("Quiet", "<p>Nothing new.</p>", None)
    cursor = poll(client).json()["cursor"]
    etag = poll(client, cursor)["ETag"]

    with django_assert_num_queries(0):
        response = poll(client, cursor, if_none_match=etag)
        cached = poll(client, cursor)

    assert response.status_code == 304
    assert cached.status_code == 200 and cached.json()["items"] == []
