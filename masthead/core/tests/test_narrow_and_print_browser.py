"""Every reader's page fits a 320 px phone, and an article prints without its audio player (Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from masthead.articles.factories import make_ukrainian_edition
from masthead.articles.models import ArticleCorrection
from masthead.livefeed.factories import create_news_item
from masthead.narration.factories import narrated_article

pytestmark = pytest.mark.browser

PARAGRAPHS = [
    "Ships left the port at dawn, the first convoy since the corridor closed in the summer.",
    "The harbour master counted twelve of them, each loaded with grain for North Africa.",
    "More are expected next week if the weather holds.",
]


@pytest.fixture
def narrated(newsroom, settings):
    """An article whose narration is ready: the player and a marker on each paragraph are shown."""
    article = narrated_article(newsroom["sections"]["politics"], PARAGRAPHS, [newsroom["contributors"]["olena"]])
    settings.MASTHEAD_NARRATION_ENABLED = True
    return article


def test_no_reader_page_is_wider_than_a_320_px_phone(live_server, browser, newsroom, narrated, artifacts_dir):
    create_news_item("Air raid alert lifted in Kharkiv", "<p>“All clear,” the regional governor said.</p>", None)
    make_ukrainian_edition(newsroom)
    corrected = newsroom["articles"][0]
    corrected.corrections = [  # a long address in a note broke nothing on the story but widened /corrections/
        ArticleCorrection(text="The figures are at https://example.com/reports/2026/annual-procurement-oversight.pdf")
    ]
    corrected.save_revision().publish()
    pages = {
        "home": "/",
        "section": newsroom["sections"]["politics"].url,
        "article with the player": narrated.url,
        "author": "/authors/olena-marchenko/",
        "search results": "/search/?q=budget",
        "search with no results": "/search/?q=Kharkov",
        "news feed": "/news-feed/",
        "newsletters": "/newsletters/",
        "corrected story": corrected.url,
        "corrections": "/corrections/",
        # Ukrainian words are longer: the results' sort links ran 25 px past the screen's edge.
        "Ukrainian search results": "/uk/search/?q=Парламент",
        "Ukrainian front page": "/uk/",
    }
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    try:
        too_wide = {}
        for name, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, response.status)
            if name == "article with the player":
                # The script has replaced the native controls with ours (the speed selector among them).
                expect(page.get_by_label("Speed")).to_be_visible()
                markers = page.locator(".article__body").get_by_role("button", name=re.compile("^Listen from “"))
                expect(markers).to_have_count(len(PARAGRAPHS))
                page.screenshot(path=artifacts_dir / "article-320px.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320 or width > page.evaluate("window.innerWidth"):
                too_wide[name] = width
        assert too_wide == {}
    finally:
        context.close()


def test_paragraph_markers_and_the_player_are_not_printed(live_server, page, narrated, artifacts_dir):
    page.goto(live_server.url + narrated.url)
    markers = page.locator(".narration-marker")
    expect(markers).to_have_count(len(PARAGRAPHS))
    expect(markers.first).to_be_visible()
    expect(page.locator("[data-narration]")).to_be_visible()

    page.emulate_media(media="print")

    for index in range(len(PARAGRAPHS)):
        expect(markers.nth(index)).to_be_hidden()
    expect(page.locator("[data-narration]")).to_be_hidden()
    expect(page.get_by_text(PARAGRAPHS[1])).to_be_visible()
    page.pdf(path=artifacts_dir / "article-printed.pdf")
