"""Editions worth opening: lead pictures (resized, with alt text), the date in the newsroom's zone, the sender's
postal address (required before sending), a web version; screenshots in Chromium at 375 and 600 px."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from wagtail.models import Site

from masthead.articles import factories as f
from masthead.core.models import NewsroomSettings
from masthead.newsletters.emails import PreparedEdition
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Edition

ADDRESS = "12 Khreshchatyk Street\nKyiv 01001, Ukraine"


def set_postal_address(address):
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.postal_address = address
    settings.save()  # the emails' cached settings are forgotten


@pytest.fixture
def pictured_edition(newsroom, newsletter):
    article = newsroom["articles"][0]
    article.lead_image = f.make_image("Parliament at night", seed=3)
    article.lead_image_alt = "The parliament building lit up at night"
    article.save_revision().publish()
    set_postal_address(ADDRESS)
    edition = make_edition(newsletter, "Budget night", body=["Good evening.", article])
    # 23:30 UTC on 1 December is already 2 December in Kyiv.
    Edition.objects.filter(pk=edition.pk).update(started_at=datetime(2026, 12, 1, 23, 30, tzinfo=UTC))
    edition.refresh_from_db()
    return edition


@pytest.mark.django_db
def test_an_edition_has_its_picture_date_address_and_web_version(client, pictured_edition):
    prepared = PreparedEdition(pictured_edition)
    html, text = prepared.html, prepared.text

    (image,) = re.findall(r'<img class="lead"[^>]*>', html)
    assert 'alt="The parliament building lit up at night"' in image
    assert 'width="544"' in image and 'height="306"' in image and "max-width: 544px" in image
    assert re.search(r'src="http://testserver/media/images/[^"]+\.fill-1088x612[^"]*\.jpg"', image)
    assert "December 2, 2026" in html and "December 2, 2026" in text
    assert "The Masthead, 12 Khreshchatyk Street<br>Kyiv 01001, Ukraine" in html
    assert "The Masthead, 12 Khreshchatyk Street\nKyiv 01001, Ukraine" in text
    # The email is named by its subject: the window's title, and the region a screen reader announces.
    assert "<title>Budget night</title>" in html and 'aria-label="Budget night"' in html

    web_url = re.search(r'href="(http://testserver/newsletters/editions/[^"]+)"', html).group(1)
    assert web_url in text
    web = client.get(web_url.removeprefix("http://testserver"))
    assert web.status_code == 200 and "<title>Budget night</title>" in web.content.decode()

    # An address written as a letterhead, beginning with the newsroom's name, does not get the name twice.
    set_postal_address("The Masthead\n12 Khreshchatyk Street\nKyiv 01001, Ukraine")
    again = PreparedEdition(pictured_edition)
    assert "The Masthead<br>12 Khreshchatyk Street" in again.html and "The Masthead, The Masthead" not in again.text
    assert web.headers["X-Robots-Tag"] == "noindex"
    guessed = re.sub(r"/[^/]+/$", "/0123456789abcdef0123/", web_url.removeprefix("http://testserver"))
    assert client.get(guessed).status_code == 404


@pytest.mark.django_db
def test_no_send_before_the_postal_address_is_set(client, settings, newsroom, newsletter, mailserver):
    settings.MASTHEAD_NEWSLETTER_REQUIRE_POSTAL_ADDRESS = True
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = User.objects.create_user("ed", "ed@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    make_subscriber("reader@example.com", newsletter)
    edition = make_edition(newsletter)
    url = f"/admin/newsletters-tools/editions/{edition.pk}/send/"

    assert "Add the newsroom&#x27;s postal address" in client.get(url).content.decode()
    refused = client.post(url, {"action": "send_now", "confirmed": "1"}, follow=True)
    assert "Add the newsroom&#x27;s postal address in Settings → Newsroom settings first" in refused.content.decode()
    assert Edition.objects.get(pk=edition.pk).state == "draft" and mailserver.messages == []

    set_postal_address(ADDRESS)
    client.post(url, {"action": "send_now", "confirmed": "1"})
    assert Edition.objects.get(pk=edition.pk).state == "sent"
    assert "12 Khreshchatyk Street" in mailserver.messages[0]["message"].get_body(("plain",)).get_content()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [375, 600])
def test_the_edition_renders_in_chromium(width, settings, pictured_edition, live_server, browser, artifacts_dir):
    settings.MASTHEAD_NEWSLETTER_BASE_URL = live_server.url
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=UTC)):
        html = PreparedEdition(pictured_edition).preview_html()
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        web_url = re.search(r'href="(http://[^"]+/newsletters/editions/[^"]+)"', html).group(1)
        page.goto(web_url)
        picture = page.get_by_role("img", name="The parliament building lit up at night")
        picture.wait_for()
        page.wait_for_function("document.querySelector('img.lead').complete")
        assert page.evaluate("document.querySelector('img.lead').naturalWidth") == 1088
        box = picture.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.get_by_text("December 2, 2026").is_visible()
        page.screenshot(path=str(artifacts_dir / f"newsletter-edition-{width}px.png"), full_page=True)
    finally:
        context.close()
