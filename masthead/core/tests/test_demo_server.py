"""The demo as `make run` serves it: DEBUG off unless asked, the designed error pages, public media
with byte ranges (audio seeks), and Django's own admin only when switched on."""

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from masthead.articles import factories as f
from masthead.narration.models import Narration


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.parametrize(("environment", "debug"), [({}, "False"), ({"MASTHEAD_DEBUG": "1"}, "True")])
def test_make_run_serves_with_debug_off_unless_asked(environment, debug):
    env = {key: value for key, value in os.environ.items() if key != "MASTHEAD_DEBUG"} | environment
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == debug


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for folder, name in (("narration", "story.mp3"), ("documents", "payroll.pdf"), ("imports", "members.csv")):
        (settings.MEDIA_ROOT / folder).mkdir(parents=True)
        (settings.MEDIA_ROOT / folder / name).write_bytes(bytes(range(256)) * 40)
    return settings.MEDIA_ROOT


def test_media_answer_ranges_with_206_and_private_folders_are_not_served(media_root, site_server):
    status, headers, body = fetch(site_server.url + "/media/narration/story.mp3", {"Range": "bytes=1000-1099"})
    assert status == 206
    assert headers["Content-Range"] == "bytes 1000-1099/10240"
    assert body == (bytes(range(256)) * 40)[1000:1100]
    assert headers["Content-Type"] == "audio/mpeg"

    status, headers, body = fetch(site_server.url + "/media/narration/story.mp3")
    assert status == 200 and len(body) == 10240

    for private in ("/media/documents/payroll.pdf", "/media/imports/members.csv", "/media/../db.sqlite3"):
        assert fetch(site_server.url + private)[0] == 404


def test_the_designed_404_page_and_no_django_admin(site_server, newsroom):
    status, _headers, body = fetch(site_server.url + "/no-such-story/")
    assert status == 404
    html = body.decode()
    assert "Skip to content" in html and "URLconf" not in html
    assert fetch(site_server.url + "/django-admin/")[0] == 404


def test_django_admin_only_when_switched_on(client, db, django_admin_on):
    response = client.get("/django-admin/")
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]


PARAGRAPHS = [
    "Ships left the port at dawn, loaded with grain for the winter markets of the south.",
    "The harbour master counted twelve of them before the fog came down over the water.",
    "More are expected next week, if the weather holds and the insurers agree to the route.",
]


@pytest.fixture
def narration_on(settings, tmp_path):
    settings.MASTHEAD_NARRATION_ENABLED = True
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.browser
def test_a_reader_seeks_to_a_paragraph_on_the_make_run_server(narration_on, site_server, page, artifacts_dir):
    home = f.make_site()
    section = f.make_section(home, "Business")
    article = f.make_article(section, "Ships leave the port", [f.make_contributor("Olena Marchenko")], body=PARAGRAPHS)
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.READY
    third = next(t for t in narration.timings if t["block"] == 2)

    statuses = []

    def record(response):
        if "/media/narration/" in response.url:
            statuses.append(response.status)

    page.on("response", record)
    page.goto(site_server.url + article.url)
    page.get_by_role("button", name="Listen from “More are expected next week…”").click()
    page.wait_for_function("document.querySelector('.narration__audio').readyState >= 2")
    page.wait_for_function("document.querySelector('[data-block-index=\"2\"]').classList.contains('narration-current')")
    position = page.evaluate("document.querySelector('.narration__audio').currentTime")

    print(f"\nSought to paragraph 3: currentTime {position:.1f} s (paragraph starts at {third['start']:.1f} s)")
    assert third["start"] - 0.1 <= position < third["start"] + 2
    assert 206 in statuses
    page.screenshot(path=str(artifacts_dir / "narration-seek-make-run-server.png"))


@pytest.mark.django_db
def test_before_any_site_exists_a_missing_page_is_the_designed_404_not_a_server_error(client):
    """A fresh database without Wagtail's site row (a flushed test database, an install part-way through): the
    page shell has no newsroom to name, and says so by naming none rather than failing."""
    from wagtail.models import Site

    Site.objects.all().delete()
    response = client.get("/media/documents/payroll.pdf")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Skip to content" in html and "<title>Page not found" in html
