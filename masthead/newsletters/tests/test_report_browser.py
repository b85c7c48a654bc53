"""The send report of an edition with clicks, in a real browser at 1280 px: a chart that can be read, a link table."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import expect

from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Edition

from .conftest import html_of, path_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READERS = 30
STORY = "https://news.example.com/budget-explained"
DATA = "https://data.example.org/budget-2026"


def tracked(message):
    """{original text of the link: tracked path} in a received copy."""
    return {
        text: path_of(url)
        for url, text in re.findall(r'<a\s[^>]*href="([^"]+/newsletters/c/[^"]+)"[^>]*>([^<]+)</a>', html_of(message))
    }


def test_the_send_report_of_an_edition_with_clicks(newsletter, mailserver, live_server, page, client, artifacts_dir):
    for number in range(READERS):
        make_subscriber(f"reader{number}@example.com", newsletter)
    body = [f'<p>Tonight: <a href="{STORY}">the budget, explained</a> and <a href="{DATA}">the numbers</a>.</p>']
    edition = make_edition(newsletter, "Budget night", body=body)
    sent_at = timezone.now()
    assert start_edition(edition)
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.SENT

    # Readers click over the following hours: most soon after it arrives, some the next morning.
    copies = [m["message"] for m in mailserver.messages]
    for number, message in enumerate(copies[:18]):
        links = tracked(message)
        hours = 0.5 if number < 8 else 2.5 if number < 14 else 14
        with time_machine.travel(sent_at + timedelta(hours=hours)):
            assert client.get(links["the budget, explained"]).status_code == 302
            if number % 3 == 0:
                client.get(links["the numbers"])

    admin = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(admin)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/newsletters-tools/editions/{edition.pk}/report/")

    expect(page.get_by_role("heading", name="Report: “Budget night”")).to_be_visible()
    totals = page.locator(".nl-totals")
    expect(totals).to_contain_text("Delivered30")
    expect(totals).to_contain_text("Readers who clicked18")
    chart = page.get_by_role("img", name=re.compile("Readers who clicked 18"))
    box = chart.bounding_box()
    assert box["width"] >= 800  # the 48 hours spread across the page at 1280 px
    # Axis labels at a size people read, not squeezed by the scaling of the drawing.
    label = chart.locator("text").first
    assert float(label.evaluate("node => getComputedStyle(node).fontSize").removesuffix("px")) >= 12
    assert label.bounding_box()["height"] >= 10
    expect(page.locator(".nl-legend").last).to_contain_text("Readers who clicked: 18")

    rows = page.locator(".nl-links tbody tr")
    expect(rows).to_have_count(3)  # the two story links and the edition's web-version link
    expect(rows.first).to_contain_text(STORY)
    assert rows.first.locator("td").nth(1).inner_text() == "18"
    assert rows.nth(1).locator("td").nth(1).inner_text() == "6"
    assert rows.nth(2).locator("td").nth(1).inner_text() == "0"
    page.screenshot(path=str(artifacts_dir / "newsletter-send-report.png"))
    # The admin scrolls inside its own frame, so the readers' chart and the links get a picture of their own.
    readers_chart = page.locator("section", has=page.get_by_role("heading", name=re.compile("What readers did")))
    readers_chart.screenshot(path=str(artifacts_dir / "newsletter-send-report-readers-chart.png"))
    page.locator("section", has=page.get_by_role("heading", name="Links")).screenshot(
        path=str(artifacts_dir / "newsletter-send-report-links.png")
    )

    csv = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/report/?format=csv")
    assert csv["Content-Disposition"] == f'attachment; filename="edition-{edition.pk}-report.csv"'
