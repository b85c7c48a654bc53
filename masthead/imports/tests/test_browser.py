"""Imported articles as a reader's browser shows them: headings, lists, quotes, captions and tables intact."""

import pytest

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage

from .helpers import GHOST_IMAGES, GHOST_JSON, SUBSTACK_DIR, UPLOADS, WXR, run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOURCES = {
    "wordpress": (("import_wordpress", WXR, "--uploads", UPLOADS), "Kyiv’s metro after midnight"),
    "ghost": (("import_ghost", GHOST_JSON, "--images", GHOST_IMAGES), "Kyiv’s metro after midnight"),
    "substack": (("import_substack", SUBSTACK_DIR / "kyiv-notes-export"), "The night trains"),
}
TABLES = {"wordpress": "What a basket costs", "ghost": "What a basket costs", "substack": "What the market costs"}


@pytest.mark.parametrize("source", SOURCES)
def test_an_imported_article_reads_as_it_did(live_server, page, artifacts_dir, source):
    make_site()
    command, title = SOURCES[source]
    run(*command)
    article = ArticlePage.objects.get(title=title)
    page.goto(live_server.url + article.url)
    body = page.locator(".article__body")
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert body.get_by_role("heading", level=2).first.is_visible()
    assert body.locator("ul li").first.is_visible()
    assert body.locator("strong").first.inner_text() == "Teatralna"
    assert body.locator("a[href='https://example.org/metro']").is_visible()
    assert body.locator("blockquote").is_visible()
    if source != "substack":  # Substack's images stay on its CDN; the import reports them missing
        figure = body.locator("figure.inline-image").first
        assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
        assert figure.locator("figcaption").inner_text().strip() != ""
        lead = page.locator(".article__lead-image figcaption").text_content()
        assert "The platform at Zoloti Vorota after closing" in lead and "Marcus O’Neill" in lead
    page.screenshot(path=str(artifacts_dir / f"import-{source}-article.png"), full_page=True)

    table_article = ArticlePage.objects.get(title__startswith=TABLES[source])
    page.goto(live_server.url + table_article.url)
    table = page.locator(".article__body table")
    assert table.locator("thead th").all_inner_texts() == ["Item", "Price (UAH)"]
    assert table.locator("tbody tr").first.locator("td").all_inner_texts() == ["Potatoes, 1 kg", "18"]
    page.screenshot(path=str(artifacts_dir / f"import-{source}-table.png"), full_page=True)
