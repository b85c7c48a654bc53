"""What only a browser shows of the body's audio and video block and its preformatted text / code block: the video
plays under the site's Content-Security-Policy, a keyboard reaches it, and code neither widens a phone's page nor
loses its contrast in dark mode."""

import pytest

from masthead.articles import factories as f
from masthead.core.assets import contrast

from .test_media_blocks import AUDIO, VIDEO, make_document

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
WIDE_CODE = "rows = [" + ", ".join(f'"stall {n}: perch, pike, carp"' for n in range(12)) + "]\nprint(rows)"
# The video asked to load (the page says preload="none"): its metadata, or -1 for an error.
LOAD = """() => new Promise((resolve) => {
  const video = document.querySelector(".media-block video");
  video.addEventListener("loadedmetadata", () => resolve(video.duration), { once: true });
  video.addEventListener("error", () => resolve(-1), { once: true });
  video.preload = "metadata";
  video.load();
})"""
# An element's text and background colours as "#rrggbb", for core.assets.contrast (WCAG 2's ratio).
COLOURS = """(selector) => {
  const byte = (channel) => Number(channel).toString(16).padStart(2, "0");
  const hex = (value) => "#" + value.match(/\\d+/g).slice(0, 3).map(byte).join("");
  const style = getComputedStyle(document.querySelector(selector));
  return [hex(style.color), hex(style.backgroundColor)];
}"""


@pytest.fixture
def story(newsroom):
    video, audio = make_document(VIDEO, "River timelapse"), make_document(AUDIO, "Night-shift interview")
    return f.make_article(
        newsroom["sections"]["business"],
        "A night on the river",
        [newsroom["contributors"]["olena"]],
        body=[
            "We recorded one night on the river.",
            ("media", {"file": video, "caption": "Dawn over the river in two seconds"}),
            ("media", {"file": audio, "caption": "Interview with a night-shift driver"}),
            ("preformatted", {"kind": "code", "text": WIDE_CODE, "caption": ""}),
            "By eleven the stalls are folded away.",
        ],
    )


def test_the_video_loads_under_the_site_s_policy_and_the_keyboard_reaches_it(live_server, browser, story):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # the policy enforced, not bypassed
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    page.goto(live_server.url + story.url)
    video = page.locator("figure.media-block video")
    assert video.is_visible()
    assert video.get_attribute("aria-labelledby")
    assert page.evaluate(LOAD) == pytest.approx(2, abs=0.5)  # the two seconds of the file were read
    reached = False
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.media-block video')"):
            reached = True
            break
    assert reached, "Tab never reached the video's controls"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.media-block video, .media-block audio, a')")
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_scrolls_inside_a_phone_s_column_and_stays_readable(live_server, browser, story, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    page.goto(live_server.url + story.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page is wider than the phone"
    pre = page.locator("figure.preformatted pre")
    assert pre.evaluate("pre => pre.scrollWidth > pre.clientWidth")  # the code keeps its line, and scrolls
    assert contrast(*page.evaluate(COLOURS, "figure.preformatted pre")) >= 4.5
    pre.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)  # a smooth scroll's time
    assert pre.evaluate("pre => pre.scrollLeft") > 0, "the keyboard scrolls the code sideways"
    context.close()
