"""An open page learns of new, corrected and removed items without a reload (Chromium via Playwright)."""

import pytest
from playwright.sync_api import expect
from wagtail.actions.unpublish import UnpublishAction

from masthead.livefeed.factories import create_news_item, edit_news_item

pytestmark = pytest.mark.browser

WAIT_MS = 20_000  # the promise: within 20 s


@pytest.fixture
def fast_polling(settings):
    # The default is 15 s; the behaviour is the same, the test is quicker.
    settings.MASTHEAD_LIVEFEED_POLL_INTERVAL = 1


def top_of(locator):
    return locator.bounding_box()["y"]


def overlaps(a, b):
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def set_hidden(page, hidden):
    """What the browser does when the reader switches tabs (headless Chromium has no other tabs to switch to)."""
    page.evaluate(
        """hidden => {
            Object.defineProperty(document, "hidden", { value: hidden, configurable: true });
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


def test_a_published_item_reaches_an_open_article_page(live_server, page, newsroom, fast_polling, artifacts_dir):
    earlier = create_news_item("Earlier: markets open higher", "<p>Stocks rose at the open.</p>", None)
    page.goto(live_server.url + newsroom["articles"][0].url)
    sidebar = page.locator("[data-news-feed=sidebar]")
    first_item = sidebar.locator("[data-news-item]").first
    expect(first_item).to_contain_text("Earlier: markets open higher")
    page.mouse.wheel(0, 120)
    page.wait_for_function("window.scrollY > 0")
    scroll = page.evaluate("window.scrollY")
    headline_top, item_top = top_of(page.locator("#headline")), top_of(first_item)

    create_news_item("Breaking: parliament approves the budget", "<p>The vote was 260 to 70.</p>", None)

    # The reader is looking at the feed: the item waits behind a button instead of pushing the list down.
    button = sidebar.get_by_role("button", name="1 new item")
    expect(button).to_be_visible(timeout=WAIT_MS)
    expect(sidebar.locator("[aria-live=polite]")).to_contain_text("1 new item")
    assert page.evaluate("window.scrollY") == scroll
    assert top_of(first_item) == item_top
    # It has a place of its own: it covers no item.
    assert not overlaps(button.bounding_box(), first_item.bounding_box())
    page.screenshot(path=artifacts_dir / "livefeed-new-item-button.png")
    # Polls that bring nothing new leave the live region alone: a screen reader may read out every change there,
    # and said "1 new item" again at each poll.
    page.evaluate(
        """() => {
            window.noticeChanges = 0;
            new MutationObserver(records => { window.noticeChanges += records.length; }).observe(
                document.querySelector("[data-news-feed=sidebar] [aria-live=polite]"),
                { subtree: true, childList: true, characterData: true }
            );
        }"""
    )
    for _poll in range(3):
        with page.expect_response(lambda response: "/news-feed/updates.json" in response.url, timeout=WAIT_MS):
            pass
    assert page.evaluate("window.noticeChanges") == 0

    button.click()

    expect(first_item).to_contain_text("Breaking: parliament approves the budget")
    expect(first_item).to_contain_text("The vote was 260 to 70.")
    expect(first_item).to_be_focused()
    assert page.evaluate("window.scrollY") == scroll
    assert top_of(page.locator("#headline")) == headline_top
    page.screenshot(path=artifacts_dir / "livefeed-new-item-shown.png")

    # A correction replaces the text in place; an unpublished item disappears.
    edit_news_item(earlier, body="<p>Stocks rose 2% at the open.</p>", correction="We had the wrong figure.")
    earlier_in_page = sidebar.locator(f"[data-news-item='{earlier.pk}']")
    expect(earlier_in_page).to_contain_text("We had the wrong figure.", timeout=WAIT_MS)
    expect(earlier_in_page).to_contain_text("Stocks rose 2% at the open.")
    UnpublishAction(earlier).execute(skip_permission_checks=True)
    expect(earlier_in_page).to_have_count(0, timeout=WAIT_MS)
    assert page.evaluate("window.scrollY") == scroll


def test_on_a_phone_a_new_item_goes_straight_in_below_the_reader(live_server, browser, newsroom, fast_polling):
    context = browser.new_context(viewport={"width": 390, "height": 500}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + newsroom["articles"][1].url)
        sidebar = page.locator("[data-news-feed=sidebar]")
        expect(sidebar).to_contain_text("No news yet.")
        # On a phone the sidebar follows the article: the reader at the top does not see it
        # (the window is made shorter than the article, however long the article page is).
        page.set_viewport_size({"width": 390, "height": min(500, int(top_of(sidebar)) - 60)})
        assert top_of(sidebar) > page.viewport_size["height"]
        headline_top = top_of(page.locator("#headline"))

        create_news_item("Bridge closed for repairs", "<p>Detours are signposted.</p>", None)

        expect(sidebar.locator("[data-news-item]")).to_contain_text("Bridge closed for repairs", timeout=WAIT_MS)
        expect(sidebar.get_by_role("button")).to_have_count(0)
        expect(sidebar).not_to_contain_text("No news yet.")
        assert page.evaluate("window.scrollY") == 0
        assert top_of(page.locator("#headline")) == headline_top

        # Scrolled past the feed: what the reader is looking at stays where it is.
        page.locator(".site-footer").scroll_into_view_if_needed()
        footer = page.locator(".site-footer__small")
        footer_top = top_of(footer)
        create_news_item("Second update on the bridge", "<p>Reopens Friday.</p>", None)
        expect(sidebar.locator("[data-news-item]").first).to_contain_text("Second update", timeout=WAIT_MS)
        assert abs(top_of(footer) - footer_top) <= 1

        # A hidden tab stops polling, and asks at once when the reader comes back.
        polls = []
        page.on("request", lambda request: "updates.json" in request.url and polls.append(request.url))
        set_hidden(page, True)
        page.wait_for_timeout(3000)
        assert polls == []
        set_hidden(page, False)
        page.wait_for_timeout(500)
        assert len(polls) == 1
    finally:
        context.close()
