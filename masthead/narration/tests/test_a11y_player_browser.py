"""The narration player with the keyboard only and as a screen reader reads it (Playwright's accessibility
snapshot): the names of its controls and of each paragraph's marker, the focus order, and what its live region
says when playing starts, pauses and ends."""

import re

import pytest
from playwright.sync_api import expect

from masthead.articles import factories as f
from masthead.narration.factories import record_narration
from masthead.narration.models import ListenDay, Narration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = ["Ships left the port at dawn.", "The harbour master counted twelve of them."]
AUDIO = "document.querySelector('.narration__audio')"


def narrated_page(desk, site_server, page):
    """The article's page, served as `make run` serves it (the audio with byte ranges, so seeking works as for a
    listener), with the player ready."""
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=PARAGRAPHS)
    assert Narration.objects.get(article=article).state == Narration.State.READY
    response = page.goto(site_server.url + article.url)
    assert "set-cookie" not in response.headers
    page.wait_for_selector(".narration--enhanced")
    return article


def clock(seconds):
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def shown_total(page):
    """The audio's length as the player shows it ("0:09")."""
    return page.locator(".narration__time [aria-hidden] > span:not([data-current])").inner_text()


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
    assert order == ["Play", "narration-seek", "narration-speed", "Listen from “Ships left the port at…”"]

    # A paragraph's marker: the region says that playing has started; pausing takes that back.
    # (The media element's events come a moment after its state: expect() waits for them, a few seconds at most.)
    page.get_by_role("button", name="Listen from “The harbour master counted twelve…”").press("Enter")
    page.wait_for_function("!document.querySelector('.narration__audio').paused")
    expect(status).to_have_text("Playing")
    player.get_by_role("button", name="Pause", exact=True).press("Space")
    expect(status).to_have_text("")

    # Play says so too: the button's new name, Pause, is not announced while the focus stays on it. What the
    # region says from here is recorded, each change a new announcement.
    status.evaluate(
        """region => {
            window.announced = [];
            new MutationObserver(() => window.announced.push(region.textContent)).observe(region, {childList: true});
        }"""
    )
    page.get_by_role("button", name="Play", exact=True).press("Enter")
    page.wait_for_function("!document.querySelector('.narration__audio').paused")
    expect(status).to_have_text("Playing")

    # Playing to the end: the region says so, and the button offers to play again.
    page.evaluate("const audio = document.querySelector('.narration__audio'); audio.currentTime = audio.duration - 0.3")
    page.wait_for_function("document.querySelector('.narration__audio').ended")
    expect(status).to_have_text("The audio has finished")
    # Once each: not on every time update, nor again when the audio resumes after the jump.
    assert page.evaluate("window.announced") == ["Playing", "", "The audio has finished"]
    # The position is said in words ("0:04 of 0:04"), not with the slash the page shows.
    expect(page.locator(".narration__seek")).to_have_attribute("aria-valuetext", re.compile(r"^\d+:\d\d of \d+:\d\d$"))
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()


def test_each_paragraphs_marker_is_named_by_its_first_words_in_the_readers_language(desk, live_server, page, settings):
    # Built with narration off (nothing is synthesised), then recorded as narrated: only the names matter here.
    settings.MASTHEAD_NARRATION_ENABLED = False
    body = [
        "Ships left the port.",
        "The harbour master counted twelve of them before noon.",
        "The harbour master counted twelve more in the evening.",
        "“We are ready,” the captain said.",
    ]
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=body)
    f.translate_page(desk["home"], title="Головна")
    f.translate_page(desk["section"], title="Політика")
    ukrainian = f.translate_page(
        article,
        title="Кораблі виходять з порту",
        body=[("paragraph", "<p>Кораблі вийшли з порту на світанку, першим конвоєм за літо.</p>")],
    )
    record_narration(article)
    record_narration(ukrainian)
    settings.MASTHEAD_NARRATION_ENABLED = True

    page.goto(live_server.url + article.url)
    page.wait_for_selector(".narration--enhanced")
    # A screen reader's list of buttons tells them apart: five words at most, a word more for two that open alike.
    names = [
        "Listen from “Ships left the port”",
        "Listen from “The harbour master counted twelve of…”",
        "Listen from “The harbour master counted twelve more…”",
        "Listen from “We are ready, the captain…”",
    ]
    markers = page.locator(".article__body").get_by_role("button")
    expect(markers).to_have_count(len(body))
    for index, name in enumerate(names):
        expect(markers.nth(index)).to_have_accessible_name(name)

    # The Ukrainian edition's markers speak Ukrainian (the catalogue's translation of "Listen from “%s”").
    page.goto(live_server.url + ukrainian.url)
    page.wait_for_selector(".narration--enhanced")
    expect(page.locator(".article__body").get_by_role("button")).to_have_accessible_name(
        "Слухати з «Кораблі вийшли з порту на…»"
    )


def test_the_slider_with_the_focus_keeps_quiet_while_playing_and_the_position_stays_readable(desk, site_server, page):
    narrated_page(desk, site_server, page)
    slider = page.get_by_role("slider", name="Position")
    elapsed = page.locator("[data-elapsed]")
    total = shown_total(page)

    page.get_by_role("button", name="Play", exact=True).press("Enter")
    page.wait_for_function(f"{AUDIO}.currentTime > 0.5")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "narration-seek"
    # What a screen reader on the slider is told: its value and its words, read ten times a second while 2.5 s play.
    start = page.evaluate(
        """() => {
            const slider = document.querySelector('.narration__seek');
            window.told = new Set();
            const tell = () => told.add(slider.value + ' ' + slider.getAttribute('aria-valuetext'));
            window.listening = setInterval(tell, 100);
            return document.querySelector('.narration__audio').currentTime;
        }"""
    )
    page.wait_for_function(f"{AUDIO}.currentTime > {start + 2.5}")
    told = page.evaluate("clearInterval(window.listening) || [...window.told]")
    assert len(told) == 1, told  # nothing new said over the voice, once a second or otherwise
    assert not page.evaluate(f"{AUDIO}.paused")

    # The position is still there to be read, in words, beside the slider: it goes on with the audio, and is
    # not a live region (it is read when the reader goes to it, never said by itself).
    said, now = page.evaluate(f"[document.querySelector('[data-elapsed]').textContent, {AUDIO}.currentTime]")
    assert said in (f"{clock(now)} of {total}", f"{clock(now - 0.5)} of {total}")  # as of the last time update
    assert said != told[0].split(" ", 1)[1]
    assert elapsed.evaluate("node => node.closest('[aria-live], [aria-hidden]')") is None
    assert elapsed.inner_text() in page.locator("[data-narration]").aria_snapshot()

    # The listener's own seeking is said at once, and moves on from where the audio is.
    before = page.evaluate(f"{AUDIO}.currentTime")
    page.keyboard.press("ArrowRight")
    moved_to = page.evaluate(f"{AUDIO}.currentTime")
    assert int(before) + 1 <= moved_to < before + 2.2  # (a time update may come between the two)
    assert slider.get_attribute("aria-valuetext") == f"{clock(moved_to)} of {total}"

    # Once the focus has left it, the slider follows the audio again: back on it, it says where the audio is.
    page.keyboard.press("Shift+Tab")
    page.wait_for_function(f"document.querySelector('[data-elapsed]').textContent !== '{clock(moved_to)} of {total}'")
    assert page.evaluate(
        "document.querySelector('.narration__seek').getAttribute('aria-valuetext')"
        " === document.querySelector('[data-elapsed]').textContent"
    )
    page.get_by_role("button", name="Pause", exact=True).press("Space")
    page.wait_for_function(f"{AUDIO}.paused")
    page.keyboard.press("Tab")
    paused_at = clock(page.evaluate(f"{AUDIO}.currentTime"))
    assert slider.get_attribute("aria-valuetext") == f"{paused_at} of {total}" == elapsed.inner_text()
    assert page.context.cookies() == []


def test_the_marker_played_from_pauses_and_resumes_while_it_keeps_the_focus(desk, site_server, page):
    article = narrated_page(desk, site_server, page)
    timings = Narration.objects.get(article=article).timings
    starts = [timing["start"] for timing in timings if timing["block"] is not None]
    player = page.locator("[data-narration]")
    status = page.locator("[data-status]")
    markers = page.locator(".article__body").get_by_role("button")
    first, second = markers.nth(0), markers.nth(1)

    first.press("Enter")
    page.wait_for_function(f"!{AUDIO}.paused && {AUDIO}.currentTime > {starts[0] + 0.5}")
    expect(status).to_have_text("Playing")
    # The focus stays on the marker, which now pauses: no going back past the other markers to the player.
    expect(first).to_be_focused()
    expect(first).to_have_accessible_name("Pause")
    expect(first.locator(".narration__pause-icon")).to_be_visible()
    expect(second).to_have_accessible_name("Listen from “The harbour master counted twelve…”")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{AUDIO}.paused")
    paused_at = page.evaluate(f"{AUDIO}.currentTime")
    expect(status).to_have_text("")
    expect(first).to_be_focused()
    expect(first).to_have_accessible_name("Play")
    expect(player.get_by_role("button", name="Play", exact=True)).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate(f"{AUDIO}.currentTime") == paused_at

    # Pressed again, it goes on from where it paused, not from the paragraph's start.
    page.keyboard.press("Space")
    page.wait_for_function(f"!{AUDIO}.paused && {AUDIO}.currentTime > {paused_at}")
    expect(first).to_have_accessible_name("Pause")
    expect(status).to_have_text("Playing")

    # Once the focus has left it, it is the paragraph's marker again, named for what it does from there.
    page.keyboard.press("Tab")
    expect(second).to_be_focused()
    expect(first).to_have_accessible_name("Listen from “Ships left the port at…”")
    expect(first.locator(".narration__play-icon")).to_be_visible()
    expect(second).to_have_accessible_name("Listen from “The harbour master counted twelve…”")
    second.press("Enter")
    page.wait_for_function(f"{AUDIO}.currentTime >= {starts[1] - 0.1}")
    expect(second).to_have_accessible_name("Pause")
    page.keyboard.press("Enter")
    page.wait_for_function(f"{AUDIO}.paused")
    expect(second).to_have_accessible_name("Play")
    assert page.context.cookies() == []


def test_end_on_the_slider_goes_to_the_very_end_and_counts_it_and_home_goes_to_the_start(desk, site_server, page):
    article = narrated_page(desk, site_server, page)
    player = page.locator("[data-narration]")
    slider = page.get_by_role("slider", name="Position")
    status = page.locator("[data-status]")
    total = shown_total(page)

    player.get_by_role("button", name="Play", exact=True).press("Enter")
    page.wait_for_function(f"{AUDIO}.currentTime > 1")
    page.keyboard.press("Space")
    page.wait_for_function(f"{AUDIO}.paused")
    expect(status).to_have_text("")  # the player has seen the pause
    slider.focus()
    page.keyboard.press("End")
    # The very end, not the last whole second: the player says it has finished, as after playing to the end.
    page.wait_for_function(f"{AUDIO}.currentTime >= {AUDIO}.duration - 0.01")
    expect(status).to_have_text("The audio has finished")
    expect(slider).to_have_attribute("aria-valuetext", f"{total} of {total}")
    expect(page.locator("[data-current]")).to_have_text(total)  # "0:09 / 0:09" on the screen
    expect(page.locator("[data-elapsed]")).to_have_text(f"{total} of {total}")
    assert slider.evaluate("slider => slider.value === slider.max")  # the thumb at the end of the track
    expect(player.get_by_role("button", name="Play", exact=True)).to_be_visible()
    expect(page.locator(".narration-current")).to_have_count(0)
    # The listen analytics count the listen as heard to the end.
    for _ in range(100):
        day = ListenDay.objects.filter(article=article).first()
        if day and day.reached_100:
            break
        page.wait_for_timeout(100)
    assert (day.plays, day.reached_75, day.reached_100) == (1, 1, 1)

    # Play from there plays again from the start.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function(f"!{AUDIO}.paused && {AUDIO}.currentTime > 0")
    assert page.evaluate(f"{AUDIO}.currentTime") < 2
    expect(status).to_have_text("Playing")

    # End while playing ends it too; Home goes back to the start.
    page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.wait_for_function(f"{AUDIO}.ended")
    expect(status).to_have_text("The audio has finished")
    expect(slider).to_have_attribute("aria-valuetext", f"{total} of {total}")
    page.keyboard.press("Home")
    page.wait_for_function(f"{AUDIO}.currentTime === 0")
    expect(slider).to_have_attribute("aria-valuetext", f"0:00 of {total}")
    assert slider.input_value() == "0"
    assert page.context.cookies() == []
