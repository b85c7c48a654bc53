"""An unpublished article leaves Related articles and Editors' Picks at once, not minutes later."""

import pytest

from masthead.articles.models import EditorsPick, EditorsPicks, RelatedArticle


@pytest.mark.django_db
def test_an_unpublished_article_leaves_related_and_picks_at_once(client, newsroom):
    reader_page, gone = newsroom["articles"][0], newsroom["articles"][1]
    RelatedArticle.objects.create(page=reader_page, article=gone)
    picks = EditorsPicks.for_site(newsroom["home"].get_site())
    EditorsPick.objects.create(setting=picks, article=gone)
    reader_page.save_revision().publish()
    html = client.get(reader_page.url).content.decode()
    assert html.count(gone.title) >= 2  # in Related and in Editors' Picks

    gone.unpublish()
    html = client.get(reader_page.url).content.decode()
    assert gone.title not in html
