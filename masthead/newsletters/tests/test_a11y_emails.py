"""Our emails as a screen reader or a low-vision reader meets them: the language, a title, one first-level heading,
pictures with alt text, links that read at 4.5:1 whatever accent colour the newsroom picked, a plain-text part
without markup, each story linked once by its headline; and an edition's web version, a page of its own, audited by
axe-core in both editions."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import Locale, Site

from masthead.articles import factories as f
from masthead.core.assets import contrast
from masthead.core.models import NewsroomSettings
from masthead.newsletters import emails
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.emails import PreparedEdition, web_path
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Subscription

from .conftest import LinkList, html_of, links_in, path_of

YELLOW = "#ffd400"  # a bright accent: 1.5:1 as text on white, and under white text


def pick_accent(colour):
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.accent_colour = colour
    settings.save()  # the emails' cached settings are forgotten


@pytest.fixture
def editions(newsroom, newsletter):
    """An edition with a pictured story in each language."""
    article = newsroom["articles"][0]
    article.lead_image = f.make_image("Parliament at night", seed=3)
    article.lead_image_alt = "The parliament building lit up at night"
    article.save_revision().publish()
    ukrainian = f.make_ukrainian_edition(newsroom)["articles"][0]
    ranok = create_newsletter(
        "ranok", "Ранок", "П’ять новин до сніданку.", locale=Locale.objects.get(language_code="uk")
    )
    return {
        "en": make_edition(newsletter, "Budget night", body=["Good evening.", article]),
        "uk": make_edition(ranok, "Бюджетна ніч", body=["Добрий вечір.", ukrainian]),
    }


def links_and_buttons(html):
    """The colours of the inlined links' text on the white sheet, and of the buttons' fills (under white text)."""
    text, fills = [], []
    for link in re.findall(r"<a [^>]*>", html):
        if 'class="button"' in link:
            fills += re.findall(r"background: (#[0-9a-f]{6})", link)
        else:
            text += re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", link)
    return text, fills


@pytest.mark.django_db
def test_emails_are_readable_whatever_the_accent_colour(editions, newsletter):
    pick_accent(YELLOW)
    reader = make_subscriber("reader@example.com", newsletter, state=Subscription.State.PENDING)
    messages = {
        "confirmation": emails.confirmation_message(reader, [newsletter]),
        "welcome": emails.welcome_message(Subscription.objects.get(subscriber=reader)),
        "preferences link": emails.preferences_link_message(reader, "en"),
    }
    for language, edition in editions.items():
        messages[f"edition {language}"] = PreparedEdition(edition).test_message("editor@example.com")
    for name, message in messages.items():
        html = message.alternatives[0].content
        text, fills = links_and_buttons(html)
        assert text, name
        assert all(contrast(colour, "#ffffff") >= 4.5 for colour in text + fills), (name, text, fills)
        language = "uk" if name == "edition uk" else "en"
        assert f'<html lang="{language}">' in html, name
        assert f"<title>{message.subject}</title>" in html, name
        assert html.count("<h1") == 1, name
        assert all(re.search(r'alt="[^"]+"', image) for image in re.findall(r"<img [^>]*>", html)), name
        assert "<" not in message.body and "&amp;" not in message.body, name


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_editions_web_version_is_a_page_of_its_own_and_passes_the_audit(live_server, browser, editions, settings):
    settings.MASTHEAD_NEWSLETTER_BASE_URL = live_server.url
    pick_accent(YELLOW)
    problems = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    try:
        for language, edition in editions.items():
            web = web_path(edition)
            tab.goto(live_server.url + (f"/{language}" if language == "uk" else "") + web.removeprefix("/uk"))
            assert tab.evaluate("document.documentElement.lang") == language
            assert tab.title() == edition.subject
            assert tab.get_by_role("main").count() == 1
            # The email's "View this edition in your browser" would lead to this very page.
            assert tab.locator(f'a[href$="{web}"]').count() == 0
            if found := Axe().run(tab).response["violations"]:
                problems[language] = [f"{rule['id']}: {rule['nodes'][0]['target']}" for rule in found]
    finally:
        context.close()
    assert problems == {}


@pytest.mark.django_db
def test_a_readers_list_of_links_names_each_story_once(client, newsroom, editions, mailserver):
    # Each story was linked three times (picture, headline, "Read the story"): a screen reader's list of links read
    # "Read the story" once per story, the same words for a different story each time, beside each headline twice.
    ukrainian = Locale.objects.get(language_code="uk")
    budget, grain = newsroom["articles"][0], newsroom["articles"][2]
    stories = {
        "en": [budget, grain],
        "uk": [budget.get_translation(ukrainian).specific, grain.get_translation(ukrainian).specific],
    }
    expected = {
        "en": [
            "View this edition in your browser",
            "Parliament passes the budget",
            "Grain exports rise again",
            "Manage your newsletters",
            "Unsubscribe",
        ],
        "uk": [
            "Переглянути цей випуск у браузері",
            "Парламент ухвалив бюджет",
            "Експорт зерна знову зростає",
            "Керувати розсилками",
            "Відписатися",
        ],
    }
    for language, edition in editions.items():
        edition = make_edition(edition.newsletter, edition.subject, body=["<p>Good evening.</p>", *stories[language]])
        make_subscriber(f"reader-{language}@example.com", edition.newsletter)
        assert start_edition(edition)
        message = next(m["message"] for m in mailserver.messages if m["to"] == [f"reader-{language}@example.com"])
        html = html_of(message)
        links = LinkList(html).links
        assert [name for name, _href in links] == expected[language]
        hrefs = [href for _name, href in links]
        assert len(set(hrefs)) == len(hrefs)  # one link per place
        # The picture is no longer a link, so its alt text describes the picture, not where a link leads.
        if language == "en":
            assert re.search(r'<img class="lead"[^>]*alt="The parliament building lit up at night"', html)
        # Counted as before: each headline leads through the redirect to its story; the plain-text part has the
        # same links, each story's once.
        assert all("/newsletters/c/" in href for href in hrefs[:3])
        reached = [client.get(path_of(href))["Location"] for href in hrefs[1:3]]
        assert reached == ["http://testserver" + story.url for story in stories[language]]
        assert sorted(links_in(message)) == sorted(hrefs)
