"""Signing up from an article page in a real browser (Chromium), with JavaScript on and off."""

import pytest

from masthead.newsletters.models import Subscription

INVALID = "Please enter a valid email address."
THANKS = "Thank you for signing up for this newsletter. We've sent you a confirmation email."
FIELD, ERROR, ANSWER = (
    "#signup-morning-briefing-email",
    "#signup-morning-briefing-email-error",
    "#signup-morning-briefing-answer",
)


def assert_error_beside_field(tab):
    field, error = tab.locator(FIELD), tab.locator(ERROR)
    assert error.inner_text() == INVALID
    assert field.get_attribute("aria-invalid") == "true"
    assert "signup-morning-briefing-email-error" in field.get_attribute("aria-describedby")
    field_box, error_box = field.bounding_box(), error.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 24  # right under the field
    assert abs(error_box["x"] - field_box["x"]) < 4


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_on_an_article_page_with_javascript(page, live_server, newsroom, newsletter, artifacts_dir):
    article_url = live_server.url + newsroom["articles"][0].url
    page.goto(article_url)
    page.fill(FIELD, "not-an-email")
    page.click("#signup-morning-briefing button[type=submit]")
    page.wait_for_function(f"document.querySelector('{ERROR}').textContent.length > 0")
    assert page.url == article_url  # no page load: the answer comes in place
    assert_error_beside_field(page)
    assert page.evaluate("document.activeElement.id") == "signup-morning-briefing-email"
    page.screenshot(path=artifacts_dir / "newsletter-signup-error-js.png")

    page.fill(FIELD, "reader@example.com")
    page.click("#signup-morning-briefing button[type=submit]")
    page.wait_for_function(f"document.querySelector('{ANSWER}').textContent.length > 0")
    assert page.locator(ANSWER).inner_text() == THANKS
    assert page.evaluate("document.activeElement.id") == "signup-morning-briefing-answer"  # focus moved to the answer
    assert page.locator("#signup-morning-briefing form").is_hidden()
    assert page.url == article_url
    page.screenshot(path=artifacts_dir / "newsletter-signup-thanks-js.png")
    assert Subscription.objects.get(subscriber__email="reader@example.com").state == "pending"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_on_an_article_page_without_javascript(browser, live_server, newsroom, newsletter, artifacts_dir):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        article_path = newsroom["articles"][0].url
        tab.goto(live_server.url + article_path)
        tab.fill(FIELD, "reader@")
        tab.click("#signup-morning-briefing button[type=submit]")
        tab.wait_for_load_state()
        assert tab.url.endswith("/newsletters/morning-briefing/subscribe/")
        assert_error_beside_field(tab)
        assert tab.input_value(FIELD) == "reader@"  # what they typed is kept, to correct it
        # The page loads with the focus on the field, so a screen reader reads its label and its error at once.
        assert tab.evaluate("document.activeElement.id") == "signup-morning-briefing-email"
        tab.screenshot(path=artifacts_dir / "newsletter-signup-error-nojs.png")

        tab.fill(FIELD, "reader@example.com")
        tab.click("#signup-morning-briefing button[type=submit]")
        tab.wait_for_load_state()
        # Post/redirect/get back to the article, where the answer takes the form's place.
        assert tab.url == f"{live_server.url}{article_path}?subscribed=morning-briefing#signup-morning-briefing"
        assert tab.locator(ANSWER).inner_text() == THANKS
        assert tab.locator(f"{FIELD}").count() == 0
        tab.screenshot(path=artifacts_dir / "newsletter-signup-thanks-nojs.png")
    finally:
        context.close()
    assert Subscription.objects.get(subscriber__email="reader@example.com").consent_page == article_path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_error_is_announced_when_the_reader_submits_from_the_field(page, live_server, newsroom, newsletter):
    """Pressing Enter in the field leaves the focus where it is, so moving it to the field says nothing: the
    error is read out by a polite live region, in the page (not display: none) before the error is written."""
    page.goto(live_server.url + newsroom["articles"][0].url)
    error = page.locator(ERROR)
    assert error.get_attribute("aria-live") == "polite"
    assert error.evaluate("element => getComputedStyle(element).display") != "none"
    page.locator(FIELD).fill("reader@")
    page.locator(FIELD).press("Enter")
    page.wait_for_function(f"document.querySelector('{ERROR}').textContent.length > 0")
    assert error.inner_text() == INVALID
    assert page.evaluate("document.activeElement.id") == "signup-morning-briefing-email"

    # With two mistakes on /newsletters/, the focus goes to the first one on the page: the choice of newsletters.
    page.goto(live_server.url + "/newsletters/")
    page.locator("#signup-all-email").press("Enter")
    page.wait_for_function("document.querySelector('#signup-newsletters-error').textContent.length > 0")
    assert page.locator("#signup-all-email-error").inner_text() == "Please enter your email address."
    assert page.evaluate("document.activeElement.id") == "choose-morning-briefing"
    for error_id in ("signup-newsletters-error", "signup-all-email-error"):
        assert page.locator(f"#{error_id}").get_attribute("aria-live") == "polite"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_page_with_mistakes_opens_on_the_first_one(browser, live_server, newsletter):
    """The page that answers a form with mistakes has the same title as the form's: with the focus at its top a
    screen reader user could not tell it from the page they sent. It opens on the first field to correct."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(live_server.url + "/newsletters/")
        tab.locator("#signup-all-email").press("Enter")
        tab.wait_for_load_state()
        assert tab.locator("#signup-newsletters-error").inner_text() == "Please choose at least one newsletter."
        assert tab.evaluate("document.activeElement.id") == "choose-morning-briefing"

        tab.locator("#choose-morning-briefing").check()
        tab.locator("#signup-all-email").fill("reader@")
        tab.locator("#signup-all-email").press("Enter")
        tab.wait_for_load_state()
        assert tab.evaluate("document.activeElement.id") == "signup-all-email"

        tab.goto(live_server.url + "/newsletters/preferences/")
        tab.locator("#link-email").press("Enter")
        tab.wait_for_load_state()
        assert tab.locator("#link-email-error").inner_text() == "Please enter your email address."
        assert tab.evaluate("document.activeElement.id") == "link-email"
    finally:
        context.close()
