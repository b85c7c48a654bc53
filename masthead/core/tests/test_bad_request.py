"""A request Django refuses as malformed (400) gets a page in the site's shell, in the edition's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

TITLE = "We couldn’t handle that request"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, language, skip",
    [
        ("/newsletters/preferences/", "en", "Skip to content"),
        ("/uk/newsletters/preferences/", "uk", "Перейти до змісту"),
    ],
)
def test_a_form_with_too_many_fields_gets_a_polite_page_in_the_editions_language(
    client, newsroom, settings, path, language, skip
):
    # Django refuses a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields with a 400; its own page was a bare
    # "Bad Request (400)" in English, in both editions.
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    fields = {f"field{number}": "x" for number in range(10)} | {"email": "reader@example.com"}
    answer = client.post(path, fields)
    assert answer.status_code == 400
    html = answer.content.decode()
    with translation.override(language):
        title, home = gettext(TITLE), gettext("Go to the front page")
    assert f'<html lang="{language}"' in html and f'class="skip-link" href="#main">{skip}</a>' in html
    assert f"<title>{title} | " in html and f"<h1>{title}</h1>" in html
    assert f'href="{"/" if language == "en" else "/uk/"}">{home}</a>' in html
    assert 'name="robots" content="noindex' in html
    assert "Bad Request (400)" not in html
    if language == "en":
        assert "Please go back and try again, or start from the front page." in html


@pytest.mark.django_db
def test_an_address_for_another_host_is_still_refused_plainly(client, newsroom):
    # DisallowedHost is a 400 too: the site's shell would look the site up by the refused host (a server error).
    answer = client.get("/", HTTP_HOST="elsewhere.example")
    assert answer.status_code == 400
    assert answer.content.decode() == "Bad Request (400)"
