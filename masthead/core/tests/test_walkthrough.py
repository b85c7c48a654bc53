"""The newsroom's fastest path, in a real browser at the real poll interval: from the login page an editor posts
a breaking item, and a reader's already-open article page shows it. The test prints the clicks and the seconds."""

import time

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import expect

from masthead.livefeed import conf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "Breaking: power restored across Kharkiv"


def test_an_editor_posts_a_breaking_item_from_the_login_page_to_an_open_article(
    live_server, browser, newsroom, artifacts_dir
):
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = User.objects.create_user("editor", "editor@example.com", "masthead-editor")
    editor.groups.add(Group.objects.get(name="Editors"))

    reader = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        reader.goto(live_server.url + newsroom["articles"][0].url)
        sidebar = reader.locator("[data-news-feed=sidebar]")
        expect(sidebar).to_be_visible()

        clicks = 0
        start = time.monotonic()
        desk.goto(live_server.url + "/admin/login/")
        desk.get_by_label("Username").fill("editor")
        desk.get_by_label("Password").fill("masthead-editor")
        desk.get_by_role("button", name="Sign in").click()
        clicks += 1
        desk.get_by_label("Headline").fill(HEADLINE)
        desk.get_by_label("Text").fill("“Every district has light again,” the city said.")
        desk.get_by_role("button", name="Publish now").click()
        clicks += 1
        expect(desk.get_by_text(f"Published “{HEADLINE}”.")).to_be_visible()
        published = time.monotonic()

        # At the top of the article the item goes straight into the list; a reader already looking
        # at the feed gets a "1 new item" button instead, which also counts as arrived.
        arrived = (
            sidebar.locator("[data-news-item]")
            .filter(has_text=HEADLINE)
            .or_(sidebar.get_by_role("button", name="1 new item"))
        )
        expect(arrived.first).to_be_visible(timeout=(conf.POLL_INTERVAL + 10) * 1000)
        seen = time.monotonic()
        reader.screenshot(path=str(artifacts_dir / "walkthrough-item-on-open-article.png"))
        desk.screenshot(path=str(artifacts_dir / "walkthrough-dashboard-after-publish.png"))
    finally:
        reader.context.close()
        desk.context.close()

    total, delivery = seen - start, seen - published
    print(
        f"\nWalk-through: {clicks} clicks; login page → published in {published - start:.1f} s; "
        f"published → on the open article page in {delivery:.1f} s (polls every {conf.POLL_INTERVAL} s); "
        f"login page → on the open article page in {total:.1f} s"
    )
    assert clicks == 2
    assert delivery <= conf.POLL_INTERVAL + 2
