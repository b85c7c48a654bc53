"""A password-protected page (Wagtail's page privacy "password") as a reader meets it, in both editions: the form
in the site's page shell (skip link, landmarks, the edition's language, a way home), a head that tells nothing of
the page behind the password, the error tied to the field and focused, and the limit on guesses in each edition."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import PageViewRestriction

from masthead.articles import factories as f


def protect(page, password="letmein"):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
    )


@pytest.fixture
def protected(newsroom):
    """The budget story behind a password in each edition (a restriction belongs to one page, not its translations)."""
    english = newsroom["articles"][0]
    ukrainian = f.make_ukrainian_edition(newsroom)["articles"][0]
    english.standfirst = "A secret standfirst nobody may read without the password."
    english.save_revision().publish()
    protect(english)
    protect(ukrainian)
    return {"en": english, "uk": ukrainian}


def form_action(html):
    return re.search(r'<form[^>]* action="([^"]+)"', html).group(1)


@pytest.mark.django_db
def test_the_password_form_stands_in_the_site_shell_and_its_head_keeps_the_page_secret(client, protected):
    for language, skip in (("en", "Skip to content"), ("uk", "Перейти до змісту")):
        with translation.override(language):
            title = gettext("Password required")
        html = client.get(protected[language].url).content.decode()
        assert f'<html lang="{language}">' in html
        assert f'class="skip-link" href="#main">{skip}</a>' in html
        assert '<main id="main"' in html and '<header class="site-header">' in html and "<footer" in html
        assert f"<title>{title} | " in html, language
        assert 'name="robots" content="noindex' in html
        # Nothing of the story itself: not its headline, standfirst, picture or structured data.
        assert protected[language].title not in html
        assert "secret standfirst" not in html and "og:title" not in html and "application/ld+json" not in html
        # The field has its label; the button says what it does.
        assert re.search(r'<label for="id_password">[^<]+</label>', html)


@pytest.mark.django_db
@override_settings(MASTHEAD_PAGE_PASSWORD_ATTEMPTS=3)
def test_guesses_are_limited_in_the_ukrainian_edition_too_and_answered_in_ukrainian(client, protected):
    page = protected["uk"]
    action = form_action(client.get(page.url).content.decode())
    wrong = client.post(action, {"password": "guess", "return_url": page.url})
    assert wrong.status_code == 200
    assert 'lang="uk"' in wrong.content.decode()
    answers = [client.post(action, {"password": "guess", "return_url": page.url}).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    # Wagtail's own view, which the /uk/ form had reached, let a form with a return address that is not a path
    # end in a server error; the site's view leads back to the page.
    other_reader = {"REMOTE_ADDR": "203.0.113.9"}
    right = client.post(action, {"password": "letmein", "return_url": "list"}, **other_reader)
    assert right.status_code == 302 and right["Location"] == page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_is_said_at_the_field_which_takes_the_focus_and_the_page_passes_the_audit(
    live_server, browser, protected
):
    problems = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, color_scheme=scheme)
        tab = context.new_page()
        try:
            for language, wrong in (("en", "not correct"), ("uk", "Будь ласка, спробуйте ще")):
                tab.goto(live_server.url + protected[language].url)
                # The keyboard: the skip link first, then the field is reached and the form sent with Enter.
                tab.keyboard.press("Tab")
                assert tab.evaluate("document.activeElement.className") == "skip-link"
                if found := audit(tab):
                    problems[f"{scheme} {language} form"] = found
                field = tab.get_by_label({"en": "Password", "uk": "Пароль"}[language], exact=True)
                field.fill("guess")
                field.press("Enter")
                tab.wait_for_load_state()
                field = tab.get_by_label({"en": "Password", "uk": "Пароль"}[language], exact=True)
                assert field.evaluate("input => input === document.activeElement")
                assert field.get_attribute("aria-invalid") == "true"
                description = field.evaluate(
                    "input => document.getElementById(input.getAttribute('aria-describedby')).textContent"
                )
                assert wrong in description
                if found := audit(tab):
                    problems[f"{scheme} {language} wrong password"] = found
                # A way out: the front page of the edition.
                home = tab.get_by_role("link", name={"en": "Go to the front page", "uk": "На головну"}[language])
                assert home.get_attribute("href") == {"en": "/", "uk": "/uk/"}[language]
        finally:
            context.close()
    assert problems == {}


def audit(page):
    found = Axe().run(page).response["violations"]
    return [f"{rule['id']}: " + "; ".join(" ".join(node["target"]) for node in rule["nodes"][:4]) for rule in found]


@pytest.mark.django_db
def test_a_private_collections_document_asks_for_its_password_in_the_site_shell(client, newsroom, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    settings.MEDIA_ROOT = tmp_path
    private = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="letmein"
    )
    document = Document.objects.create(
        title="Minutes", collection=private, file=ContentFile(b"Minutes of the board.", name="minutes.txt")
    )
    html = client.get(document.url).content.decode()
    assert 'class="skip-link" href="#main">Skip to content</a>' in html and '<main id="main"' in html
    assert "You need a password to access this document." in html
    assert 'name="robots" content="noindex' in html
    assert re.search(r'<label for="id_password">Password</label>', html)
