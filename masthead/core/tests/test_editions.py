"""The English and Ukrainian editions of one newsroom: addresses, listings and the live feed per language."""

import pytest

from masthead.articles.factories import make_ukrainian_edition
from masthead.livefeed.models import NewsItem


@pytest.fixture
def editions(newsroom):
    return {"en": newsroom, "uk": make_ukrainian_edition(newsroom)}


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_each_edition_lives_at_its_own_address_and_lists_its_own_articles(client, editions):
    uk_budget = editions["uk"]["articles"][0]
    assert uk_budget.url == "/uk/politics/parliament-passes-the-budget/"
    assert uk_budget.byline.first().contributor.name == "Олена Марченко"

    english_home = html_of(client, "/")
    ukrainian_home = html_of(client, "/uk/")
    assert "Parliament passes the budget" in english_home and "Парламент ухвалив бюджет" not in english_home
    assert "Парламент ухвалив бюджет" in ukrainian_home and "Parliament passes the budget" not in ukrainian_home
    assert "Політика" in ukrainian_home and ">Politics<" not in ukrainian_home

    article = html_of(client, uk_budget.url)
    assert "Після довгих дебатів" in article
    assert "Олена Марченко" in article

    section = html_of(client, "/uk/business/")
    assert "Експорт зерна знову зростає" in section and "Startups find new investors" not in section


@pytest.mark.django_db
def test_an_author_page_shows_the_profile_and_articles_of_its_edition(client, editions):
    ukrainian = html_of(client, "/uk/authors/olena-marchenko/")
    english = html_of(client, "/authors/olena-marchenko/")
    assert "Кореспондентка в Києві" in ukrainian and "Парламент ухвалив бюджет" in ukrainian
    assert "Startups find new investors" not in ukrainian
    assert "Kyiv correspondent" in english and "Startups find new investors" in english
    # An untranslated profile still opens in the Ukrainian edition.
    assert client.get("/uk/authors/the-masthead-news-desk/").status_code == 200


@pytest.mark.django_db
def test_news_feed_items_show_only_in_their_own_edition(client, editions):
    uk = NewsItem.objects.create(headline="Світло повернулося в Харків", body="<p>Бригади працювали всю ніч.</p>")
    uk.locale_id = editions["uk"]["home"].locale_id
    uk.save()
    NewsItem.objects.create(headline="Power is back in Kharkiv", body="<p>Crews worked overnight.</p>")

    ukrainian_feed = html_of(client, "/uk/news-feed/")
    english_feed = html_of(client, "/news-feed/")
    assert "Світло повернулося в Харків" in ukrainian_feed and "Power is back in Kharkiv" not in ukrainian_feed
    assert "Power is back in Kharkiv" in english_feed and "Світло повернулося" not in english_feed
    assert "Світло повернулося в Харків" in html_of(client, "/uk/")
    assert "Світло повернулося" not in html_of(client, "/")

    ukrainian_updates = client.get("/uk/news-feed/updates.json?after=0").json()
    english_updates = client.get("/news-feed/updates.json?after=0").json()
    assert [item["headline"] for item in ukrainian_updates["items"]] == ["Світло повернулося в Харків"]
    assert [item["headline"] for item in english_updates["items"]] == ["Power is back in Kharkiv"]
    assert ukrainian_updates["items"][0]["url"].startswith("/uk/news-feed/")

    rss = client.get("/uk/news-feed/rss/").content.decode()
    assert "Світло повернулося в Харків" in rss and "Power is back" not in rss
