"""Send now in a real browser: a confirmation with the count and the name, then progress that moves
without a reload and ends with the send report."""

import re
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect

from masthead.articles.factories import wagtail_root
from masthead.newsletters import sending
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Edition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READERS = 40


@pytest.fixture
def queued_tasks(settings):
    # The edition is sent by a worker, not inside the request: the page must show it going out.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail", "narration"]}
    }
    settings.MASTHEAD_NEWSLETTER_RATE = 10  # 40 messages in about 4 s, so progress can be watched


def log_in_as_editor(client, page, live_server):
    wagtail_root()  # setup_roles gives page rights on the root, which a transactional test has emptied
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = User.objects.create_user("ed", "ed@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def worker(edition_id):
    """What a db_worker does with the queued send_edition task, in a thread with its own database connection."""

    def work():
        try:
            sending.run(edition_id)
        finally:
            connections.close_all()

    return threading.Thread(target=work, daemon=True)


def test_send_now_asks_first_then_shows_live_progress_and_the_report(
    queued_tasks, newsletter, mailserver, live_server, page, client, artifacts_dir
):
    for number in range(READERS):
        make_subscriber(f"reader{number}@example.com", newsletter)
    edition = make_edition(newsletter, "Budget night", body=["Good evening."])
    log_in_as_editor(client, page, live_server)

    page.goto(f"{live_server.url}/admin/newsletters-tools/editions/{edition.pk}/send/")
    page.get_by_role("button", name=f"Send now to {READERS} subscribers").click()
    expect(page.get_by_role("heading", name=f"Send The Morning Briefing to {READERS} subscribers now?")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "newsletter-send-confirm.png"))
    assert Edition.objects.get(pk=edition.pk).state == "draft"

    page.get_by_role("button", name=f"Yes, send to {READERS} subscribers").click()
    label = page.locator('[data-count="label"]')
    expect(label).to_have_text("Starting — preparing the deliveries")
    assert page.get_by_role("button", name="Send now").count() == 0
    assert page.get_by_role("button", name="Cancel the schedule").count() == 0

    page.evaluate("window.samePage = true")  # gone if the page reloads
    thread = worker(edition.pk)
    thread.start()
    expect(label).to_have_text(re.compile(r"^Sending — ([1-9]|[1-3][0-9]) of 40$"), timeout=20_000)
    assert "messages a second" in page.locator('[data-count="rate"]').inner_text()
    assert "left" in page.locator('[data-count="time_left"]').inner_text()
    page.screenshot(path=str(artifacts_dir / "newsletter-send-progress.png"))

    expect(label).to_have_text(re.compile(r"^Sent at \d+:\d\d [AP]M, "), timeout=30_000)
    thread.join(timeout=30)
    assert page.locator('[data-count="sent"]').inner_text() == str(READERS)
    report = page.get_by_role("link", name="Open the send report")
    assert report.is_visible()
    assert page.evaluate("window.samePage === true")  # all of it without a reload
    page.screenshot(path=str(artifacts_dir / "newsletter-send-done.png"))
    assert len(mailserver.messages) == READERS
    report.click()
    page.wait_for_load_state("networkidle")  # no request of the page's still running when the database is emptied
    assert page.url.endswith(f"/editions/{edition.pk}/report/")
