"""The newsroom's tagline and "about" text per edition (issue 11): each edition shows its own, never the English."""

import html
import re

import feedparser
import pytest
from django.contrib.auth.models import User
from wagtail.models import Site

from masthead.articles.factories import make_ukrainian_edition
from masthead.core.cache import bump_generation, generation
from masthead.core.models import NewsroomEditionText, NewsroomSettings

ENGLISH_TAGLINE = "Independent reporting from Kyiv"
ENGLISH_ABOUT = "An independent, reader-funded newsroom that reports in English."
UKRAINIAN_TAGLINE = "Незалежна журналістика з Києва"
UKRAINIAN_ABOUT = "Незалежна редакція, яку утримують читачі."


@pytest.fixture
def site_settings(newsroom):
    make_ukrainian_edition(newsroom)
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.tagline = ENGLISH_TAGLINE
    settings.about = ENGLISH_ABOUT
    settings.save()
    return settings


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def title_of(page):
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def description_of(page):
    return re.search(r'<meta name="description" content="([^"]*)"', page).group(1)


READER_PAGES = ["/", "/politics/", "/authors/olena-marchenko/", "/news-feed/", "/search/?q=budget"]


@pytest.mark.django_db
def test_the_ukrainian_edition_shows_its_own_tagline_and_about_text(client, site_settings):
    NewsroomEditionText.objects.create(
        settings=site_settings, language="uk", tagline=UKRAINIAN_TAGLINE, about=UKRAINIAN_ABOUT
    )
    for url in READER_PAGES:
        ukrainian = html_of(client, "/uk" + url)
        assert f'<p class="site-header__tagline">{UKRAINIAN_TAGLINE}</p>' in ukrainian, url
        assert f"<p>{UKRAINIAN_ABOUT}</p>" in ukrainian, url
        assert ENGLISH_TAGLINE not in ukrainian and ENGLISH_ABOUT not in ukrainian, url

        english = html_of(client, url)
        assert f'<p class="site-header__tagline">{ENGLISH_TAGLINE}</p>' in english, url
        assert f"<p>{ENGLISH_ABOUT}</p>" in english, url
        assert UKRAINIAN_TAGLINE not in english and UKRAINIAN_ABOUT not in english, url

    assert title_of(html_of(client, "/uk/")).startswith(UKRAINIAN_TAGLINE)
    assert description_of(html_of(client, "/uk/")) == UKRAINIAN_TAGLINE
    assert title_of(html_of(client, "/")).startswith(ENGLISH_TAGLINE)
    assert feedparser.parse(client.get("/uk/feed/").content).feed.subtitle == UKRAINIAN_TAGLINE
    assert feedparser.parse(client.get("/feed/").content).feed.subtitle == ENGLISH_TAGLINE


@pytest.mark.django_db
def test_without_ukrainian_text_the_ukrainian_edition_shows_none_and_never_the_english(client, site_settings):
    for url in READER_PAGES:
        ukrainian = html_of(client, "/uk" + url)
        assert ENGLISH_TAGLINE not in ukrainian and ENGLISH_ABOUT not in ukrainian, url
        assert "site-header__tagline" not in ukrainian, url
    home = html_of(client, "/uk/")
    assert title_of(home) == site_settings.name
    assert ENGLISH_TAGLINE not in description_of(home)
    feed = feedparser.parse(client.get("/uk/feed/").content).feed
    assert ENGLISH_TAGLINE not in feed.subtitle

    english = html_of(client, "/")
    assert title_of(english) == f"{ENGLISH_TAGLINE} | {site_settings.name}"
    assert f'<p class="site-header__tagline">{ENGLISH_TAGLINE}</p>' in english
    assert f"<p>{ENGLISH_ABOUT}</p>" in english


@pytest.mark.django_db
def test_text_for_gives_each_edition_its_own_text(site_settings):
    NewsroomEditionText.objects.create(settings=site_settings, language="uk", tagline=UKRAINIAN_TAGLINE)
    settings = NewsroomSettings.objects.get(pk=site_settings.pk)
    assert settings.text_for("en") == (ENGLISH_TAGLINE, ENGLISH_ABOUT)
    assert settings.text_for("uk") == (UKRAINIAN_TAGLINE, "")
    assert settings.text_for("uk-UA") == (UKRAINIAN_TAGLINE, "")
    assert NewsroomSettings().text_for("uk") == ("", "")


def settings_form(settings, editions):
    data = {
        "name": settings.name,
        "tagline": settings.tagline,
        "logo": "",
        "accent_colour": settings.accent_colour,
        "time_zone": settings.time_zone,
        "language": settings.language,
        "about": settings.about,
        "contact_email": "",
        "postal_address": "",
        **{f"{name}_url": "" for name in ("x", "mastodon", "bluesky", "facebook", "instagram", "youtube")},
        "edition_texts-TOTAL_FORMS": str(len(editions)),
        "edition_texts-INITIAL_FORMS": str(sum(1 for edition in editions if edition.get("id"))),
        "edition_texts-MIN_NUM_FORMS": "0",
        "edition_texts-MAX_NUM_FORMS": "1000",
    }
    for number, edition in enumerate(editions):
        for key, value in edition.items():
            data[f"edition_texts-{number}-{key}"] = value
    return data


@pytest.mark.django_db
def test_an_admin_gives_the_ukrainian_text_in_the_settings_and_readers_see_it_at_once(client, site_settings):
    before = html_of(client, "/uk/")  # caches the settings
    assert "site-header__tagline" not in before

    admin = User.objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(admin)
    url = f"/admin/settings/core/newsroomsettings/{site_settings.site_id}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "In other editions" in page.content.decode()
    # One row per other edition: the editor offers no second row for Ukrainian.
    assert 'name="edition_texts-MAX_NUM_FORMS" value="1"' in page.content.decode()

    old_generation = generation()
    edition = {"id": "", "language": "uk", "tagline": UKRAINIAN_TAGLINE, "about": UKRAINIAN_ABOUT, "DELETE": ""}
    response = client.post(url, settings_form(site_settings, [edition]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert generation() != old_generation
    text = NewsroomEditionText.objects.get()
    assert (text.language, text.tagline, text.about) == ("uk", UKRAINIAN_TAGLINE, UKRAINIAN_ABOUT)

    # Twice the same edition (a form sent by hand) is refused, not a server error.
    twice = settings_form(site_settings, [{**edition, "id": str(text.pk)}, {**edition, "tagline": "Інше"}])
    response = client.post(url, twice)
    assert response.status_code == 200
    assert "Please submit at most 1 form." in response.content.decode()
    assert NewsroomEditionText.objects.count() == 1

    client.logout()
    after = html_of(client, "/uk/")
    assert f'<p class="site-header__tagline">{UKRAINIAN_TAGLINE}</p>' in after
    assert ENGLISH_TAGLINE not in after

    # Removing it takes it off the pages again.
    client.force_login(admin)
    response = client.post(url, settings_form(site_settings, [{**edition, "id": str(text.pk), "DELETE": "on"}]))
    assert response.status_code == 302
    assert not NewsroomEditionText.objects.exists()
    client.logout()
    gone = html_of(client, "/uk/")
    assert UKRAINIAN_TAGLINE not in gone and ENGLISH_TAGLINE not in gone


@pytest.mark.django_db
def test_the_front_page_title_is_its_own_search_title_its_tagline_or_the_name_alone(client, site_settings):
    site_settings.name = "Harbour & Hill"
    site_settings.tagline = ""
    site_settings.save()
    bump_generation()
    raw = client.get("/").content.decode()
    assert "<title>Harbour &amp; Hill</title>" in raw  # escaped once, and no "Home |" before it

    site_settings.tagline = "News from the port"
    site_settings.save()
    bump_generation()
    assert "<title>News from the port | Harbour &amp; Hill</title>" in client.get("/").content.decode()

    home = Site.objects.get(is_default_site=True).root_page.specific
    home.seo_title = "Port & city news"
    home.save_revision().publish()
    bump_generation()
    assert "<title>Port &amp; city news | Harbour &amp; Hill</title>" in client.get("/").content.decode()
