from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.search import index

from masthead.livefeed.factories import create_news_item, edit_news_item
from masthead.livefeed.models import NewsItem, NewsItemRemoval

pytestmark = pytest.mark.django_db


def test_drafts_and_scheduled_items_stay_hidden_until_due():
    now = timezone.now()
    published = create_news_item("Bridge reopens", "<p>Traffic is moving again.</p>", now - timedelta(minutes=5))
    draft = create_news_item("Not ready", "<p>Still checking.</p>", now, publish=False)
    scheduled = create_news_item("Embargoed figures", "<p>Out at noon.</p>", now + timedelta(hours=1))

    assert list(NewsItem.objects.published()) == [published]
    assert draft.live is False and scheduled.live is True

    with time_machine.travel(now + timedelta(hours=1, minutes=1)):
        assert set(NewsItem.objects.published()) == {published, scheduled}


def test_an_item_is_published_with_a_revision():
    item = create_news_item("Polls close", "<p>Counting begins.</p>", None)

    assert item.live and item.live_revision is not None
    assert item.revisions.count() == 1
    assert item.first_published_at is not None


def test_editing_a_live_item_as_a_draft_leaves_readers_text_alone():
    item = create_news_item("Storm warning", "<p>Winds up to 90 km/h.</p>", None)
    changed_at = item.changed_at

    edit_news_item(item, publish=False, headline="Storm warning (draft edit)")

    stored = NewsItem.objects.get(pk=item.pk)
    assert stored.headline == "Storm warning"
    assert stored.changed_at == changed_at
    assert stored.has_unpublished_changes
    assert stored.revisions.count() == 2


def test_the_text_is_sanitised_and_page_links_become_urls(newsroom):
    article = newsroom["articles"][0]
    item = create_news_item(
        "Budget passes",
        '<p onclick="steal()">Read <b>this</b> and <a href="javascript:alert(1)">that</a>'
        f'<script>alert(1)</script> and <a linktype="page" id="{article.pk}">the story</a>.</p>'
        '<img src="x" onerror="alert(1)"><p><a href="https://example.com/">out</a></p>',
        None,
    )

    for html in (item.body, item.body_html):
        assert "script" not in html and "onclick" not in html and "javascript:" not in html
        assert "<img" not in html and "onerror" not in html
        assert "<b>this</b>" in html
    assert f'<a href="{article.url}">the story</a>' in item.body_html
    assert '<a href="https://example.com/">out</a>' in item.body_html
    assert item.text.startswith("Read this and that and the story.")


def test_over_long_headline_and_text_are_refused():
    with pytest.raises(ValidationError) as error:
        create_news_item("H" * 201, "<p>" + "x" * 801 + "</p>", None)

    assert "at most 200 characters (it has 201)" in str(error.value.message_dict["headline"])
    assert "at most 800 characters (it has 801)" in str(error.value.message_dict["body"])
    assert not NewsItem.objects.exists()


def test_tags_do_not_count_towards_the_text_limit():
    item = create_news_item("Quote of the day", "<p><b>" + "x" * 800 + "</b></p>", None)

    assert item.live


def test_permalink_url_has_id_and_slug():
    item = create_news_item("Mayor: “We will rebuild” — in full", "<p>…</p>", None)

    assert item.get_absolute_url() == f"/news-feed/{item.pk}-mayor-we-will-rebuild-in-full/"


def test_items_are_searchable_by_headline_and_text():
    assert issubclass(NewsItem, index.Indexed)
    names = {field.field_name for field in NewsItem.search_fields if isinstance(field, index.SearchField)}
    assert {"headline", "body"} <= names

    wanted = create_news_item("Grain corridor reopens", "<p>Ships leave Odesa at dawn.</p>", None)
    create_news_item("Football result", "<p>A draw in Lviv.</p>", None)

    assert list(NewsItem.objects.published().search("corridor")) == [wanted]
    assert list(NewsItem.objects.published().search("Odesa")) == [wanted]


def test_deleting_an_item_is_remembered_for_open_pages():
    item = create_news_item("Mistaken item", "<p>Oops.</p>", None)
    pk = item.pk

    item.delete()

    assert NewsItemRemoval.objects.filter(item_id=pk).exists()
