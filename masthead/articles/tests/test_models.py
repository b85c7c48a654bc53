from datetime import timedelta

import pytest
from wagtail.models import Locale, Page

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage, HomePage, SectionPage, reading_time_minutes


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (238, 1), (239, 2), (476, 2), (477, 3), (1000, 5)],
)
def test_reading_time_rounds_up_at_238_words_a_minute_and_is_never_zero(words, minutes):
    assert reading_time_minutes(words) == minutes


def test_reading_time_is_computed_from_the_saved_body(newsroom):
    section = newsroom["sections"]["politics"]
    long_body = [" ".join(["word"] * 100)] * 6  # 600 words
    article = f.make_article(section, "A long read", [newsroom["contributors"]["olena"]], body=long_body)
    assert article.word_count >= 600
    assert article.reading_time == 3


def test_updated_time_only_when_changed_well_after_publication(newsroom):
    article = newsroom["articles"][0]
    assert article.updated_at is None
    ArticlePage.objects.filter(pk=article.pk).update(last_published_at=article.first_published_at + timedelta(hours=2))
    article.refresh_from_db()
    assert article.updated_at == article.first_published_at + timedelta(hours=2)


def test_page_tree_is_locked(newsroom):
    home, section, article = newsroom["home"], newsroom["sections"]["politics"], newsroom["articles"][0]
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root), "the Ukrainian edition's front page may still be made"
    home.copy_for_translation(Locale.objects.get(language_code="uk"))
    assert not HomePage.can_create_at(root), "one home page per edition"
    assert SectionPage.can_create_at(home)
    assert not SectionPage.can_create_at(section)
    assert ArticlePage.can_create_at(section)
    assert not ArticlePage.can_create_at(home)
    assert not ArticlePage.can_create_at(article)


def test_published_excludes_drafts_and_private_pages(newsroom):
    from wagtail.models import PageViewRestriction

    section = newsroom["sections"]["politics"]
    draft = f.make_article(section, "Still a draft", [newsroom["contributors"]["olena"]], publish=False)
    private = f.make_article(section, "Members only", [newsroom["contributors"]["olena"]])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    published = set(ArticlePage.objects.published().values_list("pk", flat=True))
    assert draft.pk not in published
    assert private.pk not in published
    assert {article.pk for article in newsroom["articles"]} <= published
