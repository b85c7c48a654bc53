import json
import re
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
import time_machine
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from masthead.core.testing import queries_of_a_warm_request
from masthead.livefeed.factories import create_news_item
from masthead.livefeed.models import NewsFeedSettings, NewsItem

from .helpers import bulk_items, item_ids, sidebar_html

pytestmark = pytest.mark.django_db

# 10:08 UTC is 12:08 PM in Kyiv, the newsroom's default zone, in November.
NOON_IN_KYIV = datetime(2025, 11, 11, 10, 8, tzinfo=UTC)


def test_sidebar_shows_pinned_items_first_then_newest(client, newsroom):
    now = timezone.now()
    old = create_news_item("Older news", "<p>Earlier.</p>", now - timedelta(hours=3))
    pinned = create_news_item("Air-raid alert in Kyiv", "<p>Go to shelters.</p>", now - timedelta(hours=5), pinned=True)
    newest = create_news_item("Newest news", "<p>Just now.</p>", now - timedelta(minutes=1))
    create_news_item("A draft", "<p>Not yet.</p>", now, publish=False)
    create_news_item("Scheduled", "<p>Later.</p>", now + timedelta(hours=2))

    html = client.get(newsroom["articles"][0].url).content.decode()

    sidebar = sidebar_html(html)
    assert item_ids(sidebar) == [pinned.pk, newest.pk, old.pk]
    assert "Go to shelters." in sidebar
    assert '<a href="/news-feed/">More news</a>' in sidebar
    assert 'aria-live="polite"' in sidebar


def test_sidebar_is_on_every_reader_page(client, newsroom):
    item = create_news_item("Everywhere", "<p>On every page.</p>", None)
    pages = [
        newsroom["home"].url,
        newsroom["sections"]["politics"].url,
        newsroom["articles"][1].url,
        newsroom["contributors"]["olena"].get_absolute_url(),
        item.get_absolute_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert item_ids(sidebar_html(response.content.decode())) == [item.pk], url


def test_sidebar_shows_eight_items_unless_the_site_says_otherwise(client, newsroom):
    bulk_items(12)
    url = newsroom["articles"][0].url

    assert len(item_ids(sidebar_html(client.get(url).content.decode()))) == 8

    NewsFeedSettings.objects.create(site=Site.objects.get(is_default_site=True), sidebar_count=3)
    latest = list(NewsItem.objects.published().newest_first().values_list("pk", flat=True)[:3])
    assert item_ids(sidebar_html(client.get(url).content.decode())) == latest


def test_times_show_the_date_only_for_earlier_days(client, newsroom):
    with time_machine.travel(NOON_IN_KYIV, tick=False):
        create_news_item("Today’s item", "<p>Now.</p>", NOON_IN_KYIV)
        create_news_item("Yesterday’s item", "<p>Then.</p>", NOON_IN_KYIV - timedelta(days=1))

        sidebar = sidebar_html(client.get(newsroom["home"].url).content.decode())

    assert '<time datetime="2025-11-11T12:08:00+02:00">12:08 PM</time>' in sidebar
    assert '<time datetime="2025-11-10T12:08:00+02:00">Nov. 10, 12:08 PM</time>' in sidebar


def render_sidebar():
    request = RequestFactory().get("/")
    Site.find_for_request(request)  # the core middleware has done this for every page
    with CaptureQueriesContext(connection) as queries:
        html = Template("{% load livefeed_tags %}{% news_feed_sidebar %}").render(Context({"request": request}))
    return html, len(queries)


def test_sidebar_costs_two_queries_whatever_the_number_of_items(client, newsroom):
    articles = newsroom["articles"]
    create_news_item("Linked", "<p>See the story.</p>", None, article=articles[0])
    client.get(articles[0].url)  # warm Wagtail's site-root cache, as any earlier request would
    html, few = render_sidebar()
    assert len(item_ids(html)) == 1

    bulk_items(40)
    for article in articles:
        create_news_item(f"About {article.title}", "<p>More.</p>", None, article=article, pinned=True)
    NewsFeedSettings.objects.create(site=Site.objects.get(is_default_site=True), sidebar_count=30)
    html, many = render_sidebar()

    assert len(item_ids(html)) == 30
    assert html.count("Read the full story") == 5
    assert few == many <= 2


def test_article_page_query_count_does_not_grow_with_items(client, newsroom):
    url = newsroom["articles"][0].url
    create_news_item("One", "<p>One.</p>", None)
    few = queries_of_a_warm_request(client, url)

    bulk_items(30, author=newsroom["contributors"]["olena"])
    many = queries_of_a_warm_request(client, url)

    assert many == few


def test_feed_page_groups_days_newest_first_with_pinned_on_top(client, newsroom):
    with time_machine.travel(NOON_IN_KYIV, tick=False):
        older = create_news_item("Monday news", "<p>Monday.</p>", NOON_IN_KYIV - timedelta(days=1))
        pinned = create_news_item(
            "Live: the vote", "<p>Follow here.</p>", NOON_IN_KYIV - timedelta(days=2), pinned=True
        )
        first = create_news_item("Tuesday morning", "<p>Morning.</p>", NOON_IN_KYIV - timedelta(hours=2))
        latest = create_news_item("Tuesday noon", "<p>Noon.</p>", NOON_IN_KYIV)

        response = client.get("/news-feed/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "News Feed" in html
    assert item_ids(html) == [pinned.pk, latest.pk, first.pk, older.pk]
    headings = re.findall(r'<h2 id="(?:day-[\d-]+|pinned-title)" class="news-feed__day-title">([^<]+)</h2>', html)
    assert headings == ["Pinned", "Tuesday, November 11, 2025", "Monday, November 10, 2025"]
    assert 'rel="next"' not in html


def test_load_more_pages_through_a_large_feed_without_gaps_or_repeats(client, settings, db):
    settings.MASTHEAD_LIVEFEED_FEED_PAGE_SIZE = 10
    # Seven items share every timestamp, so a time-only cursor would skip or repeat some.
    items = bulk_items(95, same_time_every=7)
    expected = [item.pk for item in sorted(items, key=lambda item: (item.published_at, item.pk), reverse=True)]

    seen, url, pages = [], "/news-feed/", 0
    while url:
        html = client.get(url).content.decode()
        seen += item_ids(html)
        pages += 1
        match = re.search(r'href="([^"]+)" rel="next" data-load-more', html)
        url = match[1].replace("&amp;", "&") if match else None

    assert seen == expected
    assert pages == 10


def test_a_bad_load_more_cursor_is_a_400_page_not_an_error(client, db):
    for value in ("garbage", "-5_3", "999999999999999999_1", "12"):
        response = client.get("/news-feed/", {"before": value})
        assert response.status_code == 400, value
        assert "This “Load more” link is not valid." in response.content.decode()


def test_feed_page_describes_itself_as_a_live_blog(client, newsroom):
    item = create_news_item("Ceasefire talks resume", "<p>Delegations meet in Geneva.</p>", None)

    html = client.get("/news-feed/").content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert data["@type"] == "LiveBlogPosting"
    update = data["liveBlogUpdate"][0]
    assert update["headline"] == "Ceasefire talks resume"
    assert update["articleBody"] == "Delegations meet in Geneva."
    assert update["url"] == f"http://testserver{item.get_absolute_url()}"
    assert 'type="application/rss+xml"' in html


def test_permalink_page_has_its_own_title_and_description(client, newsroom):
    article = newsroom["articles"][2]
    item = create_news_item(
        "Exports rise 12%",
        "<p>Grain shipments rose for a third month, the ministry said.</p>",
        None,
        article=article,
        correction="An earlier version gave the wrong month.",
    )

    response = client.get(item.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Exports rise 12% |" in html
    assert '<meta name="description" content="Grain shipments rose for a third month, the ministry said.">' in html
    assert '<h1 id="headline" class="news-item-page__headline">Exports rise 12%</h1>' in html
    assert "An earlier version gave the wrong month." in html
    assert f'href="{article.url}"' in html


def test_permalink_with_an_old_slug_redirects_and_hidden_items_are_404(client, db):
    item = create_news_item("New headline", "<p>Text.</p>", None)
    draft = create_news_item("Draft", "<p>Text.</p>", None, publish=False)
    scheduled = create_news_item("Later", "<p>Text.</p>", timezone.now() + timedelta(hours=1))

    response = client.get(f"/news-feed/{item.pk}-old-headline/")
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_rss_feed_lists_published_items_newest_first(client, db):
    now = timezone.now()
    create_news_item("First", "<p>One.</p>", now - timedelta(hours=2))
    create_news_item("Second", "<p>Two &amp; more.</p>", now - timedelta(hours=1), pinned=True)
    create_news_item("Unpublished", "<p>No.</p>", now, publish=False)

    response = client.get("/news-feed/rss/")

    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Second", "First"]
    assert feed.entries[0].summary == "<p>Two &amp; more.</p>"
    assert feed.entries[0].link.startswith("http://testserver/news-feed/")
