"""What only a browser shows: keyboard focus, the editor's link, and how the page looks."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from masthead.articles import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(newsroom):
    image = f.make_image("Harbour cranes at dawn")
    return f.make_article(
        newsroom["sections"]["business"],
        "Port traffic doubles as the grain corridor holds",
        [newsroom["contributors"]["olena"], newsroom["contributors"]["mark"]],
        body=["Ships queued at the outer anchorage through the night. " * 12, ("subheading", "Insurers return")] * 3,
        standfirst="Shipping agents say insurers are returning, slowly.",
        lead_image=image,
        lead_image_caption="Cranes over the grain terminal.",
        lead_image_credit="Mark Ellison",
    )


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page, story):
    page.goto(live_server.url + story.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").is_visible(), "the skip link shows itself when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.getElementById('main').contains(document.activeElement)")
    assert inside_main, "the next Tab continues inside the main content"


def test_edit_post_link_for_an_editor_only(live_server, page, story, client, django_user_model):
    page.goto(live_server.url + story.url)
    assert page.get_by_role("link", name="Edit post").count() == 0

    call_command("setup_roles", stdout=open("/dev/null", "w"))
    editor = django_user_model.objects.create_user("editor-browser", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(live_server.url + story.url)
    link = page.get_by_role("link", name="Edit post")
    assert link.count() == 1
    assert link.get_attribute("href") == f"/admin/pages/{story.pk}/edit/"


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("mobile", 390)])
def test_article_page_screenshots(live_server, browser, story, artifacts_dir, name, width):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    tab = context.new_page()
    tab.goto(live_server.url + story.url)
    tab.wait_for_load_state("networkidle")
    headline = tab.get_by_role("heading", level=1)
    assert headline.inner_text() == story.title
    # Nothing overflows sideways on a phone, and the sidebar follows the article there.
    assert tab.evaluate("document.documentElement.scrollWidth") <= width
    article_box = tab.locator("article.article").bounding_box()
    sidebar_box = tab.locator("aside.sidebar").bounding_box()
    if width < 800:
        assert sidebar_box["y"] >= article_box["y"] + article_box["height"] - 1
    else:
        assert sidebar_box["x"] >= article_box["x"] + article_box["width"] - 1
    path = artifacts_dir / f"article-{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    context.close()


DATELINE_PARTS = """() => {
    const line = document.querySelector(".article__dateline");
    const box = line.getBoundingClientRect();
    return [...line.children].map((part) => {
        const rect = part.getBoundingClientRect();
        const dot = getComputedStyle(part, "::before");
        // Where the part's dot is drawn (at the part's start, or placed before it), and whether the line's box
        // shows it there: a dot left of the box is hidden only when the box hides what overflows it.
        const dotLeft = dot.position === "absolute" ? rect.left + parseFloat(dot.left) : rect.left;
        const clipped = dotLeft < box.left && getComputedStyle(line).overflowX === "hidden";
        return {text: part.textContent.trim(), top: Math.round(rect.top),
                dotShown: dot.content !== "none" && !clipped};
    });
}"""


@pytest.mark.parametrize("width", [1280, 320])
def test_the_date_line_never_starts_a_line_with_a_dot(live_server, browser, story, width):
    from datetime import timedelta

    type(story).objects.filter(pk=story.pk).update(last_published_at=story.first_published_at + timedelta(hours=4))
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(live_server.url + story.url)
    parts = tab.evaluate(DATELINE_PARTS)
    assert [part["text"][:8] for part in parts] == [parts[0]["text"][:8], "Updated ", parts[2]["text"][:8]]
    assert parts[2]["text"].endswith("min read")
    tops = [part["top"] for part in parts]
    if width == 1280:  # one line, a dot between each part
        assert len(set(tops)) == 1
        assert [part["dotShown"] for part in parts] == [False, True, True]
    else:  # a phone: each part starts a line of its own, and no line starts with a dot
        assert tops == sorted(set(tops))
        assert [part["dotShown"] for part in parts] == [False, False, False]
    context.close()
