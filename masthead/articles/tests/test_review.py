"""An editor approving a writer's article from the dashboard's review queue is told what happened."""

import re
from html import unescape

import pytest
from django.core.management import call_command

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage
from masthead.core.testing import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(newsroom, settings):
    """A writer's draft submitted to the "Editorial review" workflow."""
    settings.MASTHEAD_NARRATION_ENABLED = False
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    writer = user_in("Writers", "wr")
    article = f.make_article(newsroom["sections"]["politics"], "Grain corridor reopens", publish=False)
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)
    return article


def dashboard_action(client, title, label):
    """The URL of a review action (by its label) on the dashboard row of `title`."""
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="awaiting-review-section"') :]
    row = next(row for row in panel.split("<tr") if title in row)
    actions = dict((label, url) for url, label in re.findall(r'data-workflow-action-url="([^"]+)"[^>]*>([^<]+)<', row))
    return actions[label]


def messages_in(response):
    html = response.content.decode()
    return [
        unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(r'<li class="success">(.*?)</li>', html, re.S)
    ]


def test_approving_from_the_dashboard_says_the_article_is_published(client, submitted):
    client.force_login(user_in("Editors", "ed"))
    approve = dashboard_action(client, "Grain corridor reopens", "Approve")

    # What the dashboard's button does: a POST back to the dashboard (the "next" it adds).
    response = client.post(approve, {"next": "/admin/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/"
    assert "“Grain corridor reopens” approved and published." in messages_in(response)
    assert ArticlePage.objects.get(pk=submitted.pk).live
    assert 'id="awaiting-review-section"' not in response.content.decode()  # the queue is empty now


def test_requesting_changes_from_the_dashboard_says_so(client, submitted):
    client.force_login(user_in("Editors", "ed"))
    reject = dashboard_action(client, "Grain corridor reopens", "Request changes")

    response = client.post(reject, {"next": "/admin/", "comment": ""}, follow=True)

    assert "Changes requested on “Grain corridor reopens”." in messages_in(response)
    assert not ArticlePage.objects.get(pk=submitted.pk).live
