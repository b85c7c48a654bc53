"""The page shell in a real browser: no console errors, no failed requests, one stylesheet, no inline code."""

import pytest

from masthead.articles import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_pages_load_cleanly_with_one_stylesheet_and_no_inline_code(live_server, page, newsroom):
    article = newsroom["articles"][0]
    article.lead_image = f.make_image("Parliament at night")
    article.save_revision().publish()
    f.set_editors_picks(newsroom["home"].get_site(), [newsroom["articles"][1]])
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda answer: answer.status >= 400 and problems.append(f"{answer.status} {answer.url}"))
    pages = [
        article.url,
        "/",
        newsroom["sections"]["politics"].url,
        newsroom["contributors"]["olena"].get_absolute_url(),
        "/news-feed/",
        "/search/?q=budget",
        "/newsletters/",
    ]
    for url in pages:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        blocking = page.locator('head link[rel="stylesheet"]:not([media="print"])')
        assert blocking.count() == 1, url
        # Styles applied: the accent colour came with the one stylesheet.
        accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
        assert accent == "#b3261e", url
        inline_scripts = page.locator('script:not([src]):not([type="application/ld+json"])')
        assert inline_scripts.count() == 0, url
        assert page.locator("style").count() == 0, url
        assert page.locator("body script").count() == 0, f"{url}: scripts belong in <head>, deferred"
    assert problems == []
    # The icon the page names, and the one browsers ask for on their own.
    assert page.request.get(live_server.url + "/favicon.ico").status == 200
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.request.get(live_server.url + icon).status == 200
