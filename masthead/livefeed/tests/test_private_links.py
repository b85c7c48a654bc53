"""A news item linked to a private article shows no headline or address of it."""

import pytest
from wagtail.models import PageViewRestriction

from masthead.livefeed.factories import create_news_item


@pytest.mark.django_db
def test_a_news_item_linked_to_a_private_article_shows_nothing_of_it(client, newsroom):
    article = newsroom["articles"][0]
    item = create_news_item("Budget vote tonight", "Lawmakers meet at eight.", article=article)
    assert article.url in client.get("/news-feed/").content.decode()

    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for url in ("/news-feed/", item.get_absolute_url(), "/"):
        html = client.get(url).content.decode()
        assert "Budget vote tonight" in html or url == "/"
        assert article.url not in html, url
        assert f": {article.title}</span>" not in html, url
