"""Reader pages audited by axe-core (the rules behind Lighthouse's accessibility score) in a real browser, in the
light and the dark colour scheme: no violation of WCAG 2 A and AA (contrast, labels, names, landmarks) nor of
axe's best practices."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from masthead.articles import factories as f
from masthead.articles.models import ArticleCorrection
from masthead.core.models import NewsroomSettings
from masthead.livefeed.factories import create_news_item
from masthead.newsletters.factories import create_newsletter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def audit(page):
    """What axe finds wrong on the page, one line per rule, with the first elements it names."""
    found = Axe().run(page).response["violations"]
    return [
        f"{rule['id']} ({rule['impact']}): " + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:4])
        for rule in found
    ]


@pytest.fixture
def front_page(newsroom, settings, tmp_path):
    """The small newsroom as a reader meets it: a lead image and audio, an editor's pick, the news feed, a
    newsletter."""
    settings.MASTHEAD_NARRATION_ENABLED = True  # publishing narrates the article at once (the voice, for real)
    settings.MEDIA_ROOT = tmp_path / "media"
    article = newsroom["articles"][0]
    article.lead_image = f.make_image("Parliament at night")
    article.corrections = [  # the note under the story and the date line's link to it
        ArticleCorrection(kind="correction", text="An earlier version of this story gave the wrong date for the vote.")
    ]
    article.save_revision().publish()
    f.set_editors_picks(newsroom["home"].get_site(), [newsroom["articles"][1]])
    create_news_item("Air raid alert lifted in Kyiv", "<p>The alert lasted forty minutes.</p>")
    create_newsletter("morning-briefing", "The Morning Briefing", "The five stories you need before breakfast.")
    f.make_ukrainian_edition(newsroom)
    return newsroom


def test_reader_pages_pass_an_accessibility_audit_in_light_and_dark(live_server, browser, front_page):
    article = front_page["articles"][0]
    pages = [
        "/",
        article.url,
        front_page["sections"]["politics"].url,
        front_page["contributors"]["olena"].get_absolute_url(),
        "/authors/",
        "/corrections/",
        "/news-feed/",
        "/search/?q=budget",
        "/search/?q=nothing-matches-this",
        "/newsletters/",
        "/no-such-page/",
        "/uk/",
    ]
    problems = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, color_scheme=scheme)
        tab = context.new_page()
        try:
            for url in pages:
                tab.goto(live_server.url + url)
                if url == article.url:  # the audio player is audited with the article
                    assert tab.locator("[data-narration] button").first.is_visible()
                if found := audit(tab):
                    problems[f"{scheme} {url}"] = found
            # A sign-up with a mistake: the error, the field's state and the focus are audited too.
            tab.goto(live_server.url + article.url)
            tab.fill("#signup-morning-briefing-email", "reader@")
            tab.click("#signup-morning-briefing button[type=submit]")
            tab.wait_for_function("document.querySelector('#signup-morning-briefing-email-error').textContent")
            if found := audit(tab):
                problems[f"{scheme} sign-up error"] = found
        finally:
            context.close()
    assert problems == {}


def test_a_light_accent_colour_still_gives_readable_links_and_buttons(live_server, page, front_page):
    """A newsroom may pick any accent; text in it is tinted until it reads on the page, light or dark."""
    settings = NewsroomSettings.for_site(front_page["home"].get_site())
    settings.accent_colour = "#ffd400"  # a bright yellow: unreadable as text on white
    settings.save()
    article = front_page["articles"][0]
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(live_server.url + article.url)
        assert audit(page) == [], scheme


def test_the_article_editor_passes_the_audit_and_wagtails_typed_fields_have_names(live_server, page, newsroom, client):
    from django.conf import settings as django_settings

    from masthead.core.testing import user_in

    client.force_login(user_in("Editors", "ed"))
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{newsroom['sections']['politics'].pk}/")

    # Wagtail's tag field types into an input of its own; it is named by the field's label and described by its help.
    tags = page.get_by_role("textbox", name="Tags", exact=True)
    assert tags.count() == 1
    assert "comma-separated list of tags" in tags.evaluate(
        "input => input.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )
    tags.fill("Energy")
    page.keyboard.press("Enter")
    assert page.locator("#id_tags").input_value() == "Energy"
    assert audit(page) == []

    # A rich text field outside a StreamField (the news item's text) types into Draftail's editable box.
    page.goto(f"{live_server.url}/admin/snippets/livefeed/newsitem/add/")
    text = page.get_by_role("textbox", name="Text*", exact=True)  # "*": Wagtail's mark of a required field
    assert text.count() == 1 and text.get_attribute("contenteditable") == "true"
    text.click()
    page.keyboard.type("Trams run again.")
    assert "Trams run again." in text.inner_text()
    # Wagtail's snippet editor had no first-level heading; Masthead's templates give it the editor's title.
    assert page.get_by_role("heading", level=1).inner_text().strip() == "New: News item"
    assert audit(page) == []
