"""The player in a real browser: it decodes, plays, seeks, changes speed, follows the paragraphs, and moves nothing."""

import pytest
from playwright.sync_api import expect

from masthead.articles import factories as f
from masthead.narration.models import Narration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = [
    "Ships left the port at dawn.",
    "The harbour master counted twelve of them.",
    "More are expected next week.",
]


@pytest.fixture
def narrated_article(desk):
    # With a live server the test database commits, so publishing runs the narration at once.
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=PARAGRAPHS)
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.READY
    return article, narration


# One test, because the live server's test database is emptied after each test
# (Wagtail's root page with it), and each narration costs real synthesis time.
def test_the_player_plays_seeks_changes_speed_highlights_the_paragraph_and_moves_nothing(
    narrated_article, live_server, page, browser, artifacts_dir
):
    article, narration = narrated_article
    check_native_controls_and_no_layout_shift(article, live_server, browser)
    page.goto(live_server.url + article.url)

    player = page.locator("[data-narration]")
    assert "Listen to this article" in player.inner_text()
    assert "This audio is created with AI assistance" in player.inner_text()
    assert page.locator(".narration__audio").is_hidden()  # replaced by our controls, same box
    play = page.get_by_role("button", name="Play", exact=True)
    assert play.is_visible()

    # The stored file really decodes, and is as long as recorded.
    decoded = page.evaluate(
        """async (url) => {
            const data = await (await fetch(url)).arrayBuffer();
            const buffer = await new OfflineAudioContext(1, 1, 22050).decodeAudioData(data);
            return buffer.duration;
        }""",
        narration.audio_url,
    )
    assert decoded == pytest.approx(narration.duration_seconds, abs=0.3)

    # A reader's first click is often a paragraph's marker, before the audio has loaded at all.
    second = next(t for t in narration.timings if t["block"] == 1)
    assert page.locator(".article__body").get_by_role("button").count() == len(PARAGRAPHS)
    page.get_by_role("button", name="Listen from “The harbour master counted twelve…”").click()
    page.wait_for_function("document.querySelector('[data-block-index=\"1\"]').classList.contains('narration-current')")
    position = page.evaluate("document.querySelector('.narration__audio').currentTime")
    assert second["start"] - 0.1 <= position < second["start"] + 2
    assert page.locator('[data-block-index="1"]').get_attribute("aria-current") == "true"
    assert page.locator(".narration-current").count() == 1
    expect(page.locator("[data-status]")).to_have_text("Playing")
    # (The marker pressed is named Pause too while it keeps the focus: the player's own button is meant here.)
    assert player.get_by_role("button", name="Pause", exact=True).is_visible()

    page.get_by_label("Speed").select_option("1.5")
    assert page.evaluate("document.querySelector('.narration__audio').playbackRate") == 1.5

    # Keyboard only: pause with the space bar, go back to the start with Home on the slider, play again.
    player.get_by_role("button", name="Pause", exact=True).focus()
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('.narration__audio').paused")
    page.get_by_label("Position").focus()
    page.keyboard.press("Home")
    page.wait_for_function("document.querySelector('.narration__audio').currentTime < 0.5")
    page.get_by_role("button", name="Play", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('.narration__audio').paused")
    page.wait_for_function("document.querySelector('#headline').classList.contains('narration-current')")
    assert page.locator('[data-block-index="1"].narration-current').count() == 0
    page.get_by_role("button", name="Pause", exact=True).click()
    page.screenshot(path=str(artifacts_dir / "narration-player.png"), full_page=False)


def check_native_controls_and_no_layout_shift(article, live_server, browser):
    """Without JavaScript the native controls play; with it, the enhanced player moves nothing."""
    boxes = {}
    for javascript in (False, True):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
        tab = context.new_page()
        tab.goto(live_server.url + article.url)
        tab.wait_for_load_state("load")
        if not javascript:
            audio = tab.locator("audio.narration__audio")
            assert audio.is_visible() and audio.get_attribute("controls") is not None
            assert audio.get_attribute("preload") == "none"
        boxes[javascript] = [
            tab.locator(selector).bounding_box()
            for selector in (".narration", ".narration__disclosure", ".article__body")
        ]
        context.close()
    # The enhanced player takes exactly the room of the native one: the article body does not move.
    for plain, enhanced in zip(boxes[False], boxes[True], strict=True):
        assert enhanced["y"] == pytest.approx(plain["y"], abs=0.5)
        assert enhanced["height"] == pytest.approx(plain["height"], abs=0.5)
