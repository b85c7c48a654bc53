import os
import re

import pytest

from masthead.core.testing import run_django


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_says_only_not_ok_when_the_database_is_down():
    """A real failure: a PostgreSQL address where nothing listens. The error text stays in the log."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "DATABASE_URL": "postgres://secret-user@127.0.0.1:9/secret-db",
    }
    code = "from django.test import Client; r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    result = run_django(code, env)
    assert result.stdout.strip() == '503 {"status": "error"}', result.stderr[-2000:]
    assert "secret" not in result.stdout


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "masthead.settings.production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "news.example",
    "MASTHEAD_BASE_URL": "https://news.example",
}


def production(code="", **changes):
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    env.update(PRODUCTION)
    for key, value in changes.items():
        if value is None:
            env.pop(key)
        else:
            env[key] = value
    return run_django(code, env)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "MASTHEAD_BASE_URL"])
def test_production_settings_refuse_to_start_without_secrets(missing):
    result = production(**{missing: None})
    assert result.returncode != 0
    # One line that says what to set, not a traceback through Django's settings loader.
    assert result.stderr == f"Masthead cannot start: The environment variable {missing} must be set in production.\n"


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000", "https://", "news.example"])
def test_production_refuses_a_base_url_that_is_not_https_in_one_line_that_says_what_to_set(address):
    plain = production(MASTHEAD_BASE_URL=address)
    assert plain.returncode != 0
    assert plain.stderr.splitlines() == [
        f"Masthead cannot start: MASTHEAD_BASE_URL is {address!r}; it must be the site's https:// address in "
        "production, such as MASTHEAD_BASE_URL=https://news.example.org (to try the site without TLS on a private "
        "machine, keep https:// and set SECURE_SSL_REDIRECT=0)."
    ]


def test_production_uses_its_https_base_url_for_links():
    good = production(
        "from masthead.newsletters import conf; from django.conf import settings as s; "
        "print(conf.base_url(), s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    )
    assert good.stdout.split() == ["https://news.example", "False", "False"], good.stderr[-2000:]
    opted = production(
        "from django.conf import settings as s; print(s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
    )
    assert opted.stdout.split() == ["True", "True"]


WSGI_RANGE_REQUEST = """
import io, sys
from masthead.wsgi import build_application
app = build_application()
def ask(path, **headers):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "news.example",
               "SERVER_PORT": "443", "HTTP_HOST": "news.example", "wsgi.url_scheme": "https",
               "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.version": (1, 0),
               "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False, **headers}
    answer = {}
    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))
    body = b"".join(app(environ, start_response))
    print(answer["status"].split()[0], answer["headers"].get("Content-Range", "-"), body[:10].decode("latin-1"))
ask("/media/narration/story.mp3", HTTP_RANGE="bytes=10-19")
ask("/media/documents/private.pdf")
"""


def test_production_serves_public_media_with_byte_ranges_and_keeps_documents_private(tmp_path):
    # A one-machine install with local media: the audio player must be able to seek (206), while Wagtail's
    # documents (served by their own permission-checked view) are never handed out as plain files.
    (tmp_path / "media" / "narration").mkdir(parents=True)
    (tmp_path / "media" / "narration" / "story.mp3").write_bytes(b"0123456789ABCDEFGHIJ" * 10)
    (tmp_path / "media" / "documents").mkdir()
    (tmp_path / "media" / "documents" / "private.pdf").write_bytes(b"%PDF-secret")
    result = production(WSGI_RANGE_REQUEST, MASTHEAD_VAR_DIR=str(tmp_path))
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "206 bytes 10-19/200 ABCDEFGHIJ", result.stderr[-2000:]
    # Not a file answer: Django's own 404 (here without a database behind it, so its error page).
    status, _range, start = lines[1].split(" ", 2)
    assert status != "200" and "%PDF" not in start, lines


@pytest.mark.parametrize("accent", ["#b3261e", "#ffd400", "#0b1f4b", "#ff0000", "#777777", "#fff"])
def test_the_accent_is_made_readable_on_light_and_dark_paper(accent):
    from masthead.core.assets import DARK_PAPERS, LIGHT_PAPERS, accent_rules, contrast

    rules = accent_rules(accent)
    fill, light = re.search(r"--accent:(#\w+);--accent-text:(#\w+)", rules).groups()
    dark = re.search(r"prefers-color-scheme: dark\)\{:root\{--accent-text:(#\w+)", rules).group(1)
    assert contrast(fill, "#ffffff") >= 4.5  # white button text on the fill
    assert all(contrast(light, paper) >= 4.5 for paper in LIGHT_PAPERS)
    assert all(contrast(dark, paper) >= 4.5 for paper in DARK_PAPERS)
    if accent == "#b3261e":  # a colour that already reads on white is left as the newsroom chose it
        assert fill == light == "#b3261e"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, language", [("/newsletters/preferences/", "en"), ("/uk/newsletters/preferences/", "uk")]
)
def test_a_form_sent_without_its_cookie_gets_a_page_that_says_what_to_do(newsroom, path, language):
    # Cookies blocked, or cleared while the form was open: Django's answer was "CSRF verification failed.
    # Request aborted." on a bare technical page, in English in both editions.
    from django.test import Client

    answer = Client(enforce_csrf_checks=True).post(path, {"email": "reader@example.com"})
    assert answer.status_code == 403
    html = answer.content.decode()
    assert f'<html lang="{language}"' in html and 'class="skip-link"' in html  # the edition's own page
    assert "CSRF" not in html and "Request aborted" not in html
    assert 'name="robots" content="noindex' in html
    if language == "en":
        assert "We couldn’t send your form" in html
        assert "Please go back, reload the page and send the form again." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, language", [("/newsletters/preferences/", "en"), ("/uk/newsletters/preferences/", "uk")]
)
def test_a_form_sent_from_another_address_than_the_sites_says_so_and_where_to_open_it(newsroom, path, language):
    # The page opened at another name or port than the site's (its cookie and token were fine): the browser's
    # Origin names that address, and the page blamed cookies.
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    form = reader.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {"email": "reader@example.com", "csrfmiddlewaretoken": token}
    assert reader.post(path, data, HTTP_ORIGIN="http://testserver").status_code == 200  # the site's own address
    answer = reader.post(path, data, HTTP_ORIGIN="http://localhost:8201")
    assert answer.status_code == 403
    html = answer.content.decode()
    assert f'<html lang="{language}"' in html and 'class="skip-link"' in html
    assert "CSRF" not in html and "Origin checking failed" not in html
    assert "cookie" not in html.split('class="message-page"', 1)[1].split("</div>", 1)[0]
    front = "/uk/" if language == "uk" else "/"
    assert f'href="http://testserver{front}"' in html  # the front page at the site's usual address
    if language == "en":
        assert "Your form was sent from a page at another address than this site’s" in html
        assert "opened under another name or port than the site’s usual address" in html
        assert "Please open the site at its usual address, http://testserver, and send the form again." in html


def test_check_warns_while_the_ukrainian_catalogue_is_not_compiled(tmp_path, settings):
    # git holds only the .po files; a production install that never ran compilemessages showed the Ukrainian
    # edition's menus and forms in English, with no error anywhere.
    import time as _time

    from django.core import checks

    po = tmp_path / "uk" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n')
    settings.LOCALE_PATHS = [tmp_path]

    def warnings():
        return [message for message in checks.run_checks() if message.id == "masthead.W001"]

    found = warnings()
    assert len(found) == 1 and "compilemessages" in found[0].hint and str(po) in found[0].msg
    po.with_suffix(".mo").write_bytes(b"")
    assert warnings() == []
    # A pull that brings a newer .po without compiling it again is the same mistake.
    later = _time.time() + 60
    os.utime(po, (later, later))
    assert len(warnings()) == 1
