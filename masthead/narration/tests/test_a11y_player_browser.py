"""The narration player with the keyboard only and as a screen reader reads it (Playwright's accessibility
snapshot): the names of its controls, the focus order, and what its live region says when playing starts from a
paragraph, pauses and ends."""

import re

import pytest
from playwright.sync_api import expect

from masthead.articles import factories as f
from masthead.narration.models import Narration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = ["Ships left the port at dawn.", "The harbour master counted twelve of them."]


def test_the_player_by_keyboard_names_its_controls_and_says_when_the_audio_ends(desk, live_server, page):
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=PARAGRAPHS)
    assert Narration.objects.get(article=article).state == Narration.State.READY
    page.goto(live_server.url + article.url)
    page.wait_for_selector(".narration--enhanced")

    player = page.locator("[data-narration]")
    snapshot = player.aria_snapshot()
    assert 'region "Listen to this article' in snapshot
    for control in ('button "Play"', 'slider "Position"', 'combobox "Speed"'):
        assert control in snapshot
    status = page.locator("[data-status]")
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""

    # The focus order: play, position, speed, then each paragraph's marker in reading order.
    page.get_by_role("button", name="Play", exact=True).focus()
    order = []
    for _ in range(4):
        order.append(page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.id"))
        page.keyboard.press("Tab")
    assert order == ["Play", "narration-seek", "narration-speed", "Listen from this paragraph"]

    # A paragraph's marker: the region says where playing starts; pausing takes that back.
    page.get_by_role("button", name="Listen from this paragraph").nth(1).press("Enter")
    page.wait_for_function("!document.querySelector('.narration__audio').paused")
    assert status.inner_text() == "Playing from paragraph 2"
    page.get_by_role("button", name="Pause", exact=True).press("Space")
    # (The media element's events come a moment after its state: expect() waits for them, a few seconds at most.)
    expect(status).to_have_text("")

    # Playing to the end: the region says so, and the button offers to play again.
    page.get_by_role("button", name="Play", exact=True).press("Enter")
    page.wait_for_function("!document.querySelector('.narration__audio').paused")
    page.evaluate("const audio = document.querySelector('.narration__audio'); audio.currentTime = audio.duration - 0.3")
    page.wait_for_function("document.querySelector('.narration__audio').ended")
    expect(status).to_have_text("The audio has finished")
    # The position is said in words ("0:04 of 0:04"), not with the slash the page shows.
    expect(page.locator(".narration__seek")).to_have_attribute("aria-valuetext", re.compile(r"^\d+:\d\d of \d+:\d\d$"))
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
