"""What axe does not measure, in a real browser: the contrast of the paragraph markers' icons (WCAG 1.4.11,
3:1 for what identifies a control) and the marks that only a box shadow drew, which forced colours (Windows'
contrast themes) take away, with the backgrounds that alone drew a button."""

import pytest

from masthead.narration.factories import narrated_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = ["Ships left the port at dawn.", "The harbour master counted twelve of them."]

# The contrast of the colour a page shows (opacity blended over the paper) against the paper, as WCAG counts it.
SHOWN_CONTRAST = """element => {
    const rgb = value => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
    const style = getComputedStyle(element);
    const paper = rgb(getComputedStyle(document.body).backgroundColor);
    const alpha = Number(style.opacity);
    const shown = rgb(style.color).map((channel, i) => alpha * channel + (1 - alpha) * paper[i]);
    const luminance = ([r, g, b]) => {
        const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const [light, dark] = [luminance(shown), luminance(paper)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


@pytest.fixture
def narrated(newsroom, settings):
    """An article whose narration is ready (no audio is played): the player and its markers are shown."""
    article = narrated_article(newsroom["sections"]["politics"], PARAGRAPHS, [newsroom["contributors"]["olena"]])
    settings.MASTHEAD_NARRATION_ENABLED = True
    return article


def test_the_paragraph_markers_icons_read_at_3_to_1_in_light_and_dark(live_server, browser, narrated):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(live_server.url + narrated.url)
            marker = page.get_by_role("button", name="Listen from “Ships left the port at…”")
            page.mouse.move(1, 1)  # at rest: not hovered, not focused, not the paragraph being read
            assert marker.evaluate(SHOWN_CONTRAST) >= 3, scheme
        finally:
            context.close()


def test_forced_colours_keep_the_current_section_and_the_paragraph_being_read(live_server, browser, narrated):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active")
    page = context.new_page()
    try:
        # The section being read is marked in the navigation; forced colours drop the box shadow that drew it.
        page.goto(live_server.url + narrated.get_parent().url)
        current = page.locator('.site-nav a[aria-current="page"]')
        other = page.locator(".site-nav a:not([aria-current])").first
        assert current.count() == 1
        assert current.evaluate("link => getComputedStyle(link).boxShadow") == "none"  # what the browser removed
        assert mark_of(current) != mark_of(other)
        assert mark_of(current) != ["none", "0px"]

        # The paragraph being read (the player marks it, as when a marker is clicked) keeps a visible edge.
        page.goto(live_server.url + narrated.url)
        block = page.locator('.article__body [data-block-index="1"]')
        plain = mark_of(block)
        block.evaluate("element => element.classList.add('narration-current')")
        assert mark_of(block) != plain

        # A button drawn by its background alone (the player's Play) keeps an edge when the background goes.
        play = page.get_by_role("button", name="Play", exact=True)
        assert play.evaluate("button => getComputedStyle(button).borderTopStyle") == "solid"
    finally:
        context.close()


def mark_of(locator):
    """What draws a mark on an element in forced colours: an underline, or an outline or a border on its left or
    bottom."""
    return locator.evaluate(
        """element => {
            const s = getComputedStyle(element);
            const line = s.textDecorationLine.includes("underline") ? "underline" : "none";
            const edges = [s.outlineStyle !== "none" ? s.outlineWidth : "0px",
                           s.borderLeftStyle !== "none" ? s.borderLeftWidth : "0px",
                           s.borderBottomStyle !== "none" ? s.borderBottomWidth : "0px"];
            return [line, edges.find(width => width !== "0px") || "0px"];
        }"""
    )
