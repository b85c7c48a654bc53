"""The pages a reader reaches from the links in our emails (confirm, unsubscribe, preferences, an expired or broken
link), in both editions and both colour schemes, audited by axe-core; and where the focus lands once a form on
them has been sent."""

from datetime import UTC, datetime

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from wagtail.models import Locale

from masthead.newsletters import tokens
from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Subscription

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def audit(page):
    found = Axe().run(page).response["violations"]
    return [f"{rule['id']}: " + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:4]) for rule in found]


def path(url):
    return url.removeprefix(tokens.absolute(""))


@pytest.fixture
def links(newsroom, newsletter):
    """Each edition's email links for a reader: a pending sign-up's confirmation, an unsubscribe, preferences (one
    fresh, one made three days ago: no data download without a new link), and the same links expired or broken."""
    from masthead.articles.factories import make_ukrainian_edition

    make_ukrainian_edition(newsroom)
    ukrainian = Locale.objects.get(language_code="uk")
    ranok = create_newsletter("ranok", "Ранок", "П’ять новин до сніданку.", locale=ukrainian)
    found = {}
    for language, letter in (("en", newsletter), ("uk", ranok)):
        with translation.override(language):
            pending = make_subscriber(f"new-{language}@example.com", letter, state=Subscription.State.PENDING)
            reader = make_subscriber(f"reader-{language}@example.com", letter)
            with time_machine.travel(datetime(2020, 1, 1, tzinfo=UTC)):
                expired_confirm = tokens.confirm_url(pending, [letter.pk])
                expired_preferences = tokens.preferences_url(reader)
            with time_machine.travel(datetime.now(tz=UTC).replace(microsecond=0).timestamp() - 3 * 86400):
                older_preferences = tokens.preferences_url(reader)
            found[language] = {
                "confirm": path(tokens.confirm_url(pending, [letter.pk])),
                "unsubscribe": path(tokens.unsubscribe_url(reader, letter)),
                "preferences": path(tokens.preferences_url(reader)),
                "older preferences": path(older_preferences),
                "expired confirm": path(expired_confirm),
                "expired preferences": path(expired_preferences),
                "broken confirm": path(tokens.confirm_url(pending, [letter.pk]))[:-6] + "xxxxx/",
                "broken unsubscribe": path(tokens.unsubscribe_url(reader, letter))[:-6] + "xxxxx/",
                "ask for a link": "/uk/newsletters/preferences/" if language == "uk" else "/newsletters/preferences/",
            }
    return found


def test_the_pages_of_the_email_links_pass_the_audit_in_both_editions_light_and_dark(live_server, browser, links):
    problems = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, color_scheme=scheme)
        tab = context.new_page()
        try:
            for language, pages in links.items():
                for name, url in pages.items():
                    tab.goto(live_server.url + url)
                    assert tab.evaluate("document.documentElement.lang") == language, name
                    assert tab.get_by_role("heading", level=1).count() == 1, name
                    if found := audit(tab):
                        problems[f"{scheme} {language} {name}"] = found
        finally:
            context.close()
    assert problems == {}


def test_the_answer_to_a_form_on_the_preferences_page_takes_the_focus(live_server, page, links, settings):
    """The page reloads with the answer under its heading; a keyboard or screen reader user is taken to it rather
    than left at the top of a page whose title has not changed."""
    page.goto(live_server.url + links["en"]["preferences"])
    page.get_by_role("button", name="Save my choices").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    saved = page.get_by_role("status")
    assert saved.inner_text() == "Your choices have been saved."
    assert saved.evaluate("answer => answer === document.activeElement")

    # Asking for a new link once too often: the refusal is what the focus meets.
    settings.MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT = 0
    page.goto(live_server.url + links["en"]["ask for a link"])
    page.get_by_label("Email address").fill("reader-en@example.com")
    page.get_by_label("Email address").press("Enter")
    page.wait_for_load_state()
    refused = page.get_by_role("alert")
    assert "Too many requests for new links" in refused.inner_text()
    assert refused.evaluate("answer => answer === document.activeElement")
