"""A strict Content-Security-Policy on reader pages (django-csp), a workable one in the admin, a report-only
switch, and a real browser that loads every kind of reader page without a single violation."""

import pytest
from django.test import override_settings

from masthead.articles import factories as f
from masthead.livefeed.factories import create_news_item
from masthead.narration.models import Narration

READER_PAGES = ["/", "/politics/", "/authors/", "/news-feed/", "/newsletters/", "/search/?q=budget", "/no-such-page/"]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_reader_pages_send_a_strict_policy_and_the_admin_a_workable_one(client, newsroom):
    article = newsroom["articles"][0]
    for url in [*READER_PAGES, article.url]:
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
        assert "https://www.youtube.com" in policy["frame-src"] and "'unsafe-inline'" not in policy["frame-src"]
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert admin["frame-ancestors"] == ["'self'"] and "'unsafe-inline'" in admin["script-src"]


@pytest.mark.django_db
def test_the_report_only_switch(client, newsroom, settings):
    policy = settings.CONTENT_SECURITY_POLICY
    with override_settings(
        CONTENT_SECURITY_POLICY=None, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy, MASTHEAD_CSP_REPORT_ONLY=True
    ):
        response = client.get("/")
        assert "Content-Security-Policy" not in response
        assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]
        assert "'unsafe-inline'" in client.get("/admin/login/")["Content-Security-Policy-Report-Only"]


WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_kind_of_reader_page_loads_without_a_csp_violation(live_server, browser, newsroom):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # the policy enforced, not bypassed
    page = context.new_page()
    create_news_item("Bridge reopens to traffic", "Crews finished the repairs overnight.")
    article = article_with_player_and_embed(newsroom)
    author = newsroom["contributors"]["olena"]
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH)
    # The embedded video is answered here: the policy is checked before any request, and no test leaves 127.0.0.1.
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="<p>video</p>"))
    page.goto(live_server.url + article.url)
    assert page.locator(".narration").count() == 1, "the article shows the player"
    assert page.locator("figure.embed iframe").count() == 1, "the article shows the embed"
    for url in [*READER_PAGES, article.url, author.get_absolute_url()]:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert violations == [], (url, violations)
    context.close()
    assert not [line for line in console if "Content Security Policy" in line], console


def article_with_player_and_embed(newsroom):
    """An article with a video embed (stored, so nothing is fetched) and its narration ready, player and all."""
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    video = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    Embed.objects.create(
        url=video,
        hash=get_embed_hash(video),
        type="video",
        provider_name="YouTube",
        html='<iframe title="A video" width="560" height="315" '
        'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>',
        width=560,
        height=315,
    )
    article = f.make_article(
        newsroom["sections"]["politics"],
        "The river crossing, on video",
        body=["Ferries ran all day.", ("embed", {"embed": video, "caption": "The crossing at dawn"})],
    )
    Narration.objects.update_or_create(
        article=article,
        defaults={"state": Narration.State.READY, "audio": "narration/crossing.mp3", "duration_seconds": 12.0},
    )
    return article
