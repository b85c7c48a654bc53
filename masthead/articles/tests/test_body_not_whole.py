"""The article editor answers a post whose body did not arrive whole (Save pressed before the editor had built the
body's fields, a request cut short, a crafted form) with the form and a message, never a server error, and saves
nothing (core.admin_forms.WholeBodyField, which the edition editor uses too)."""

import pytest

from masthead.articles.models import ArticlePage
from masthead.core.testing import user_in

from .test_corrections import edit_form

NOT_WHOLE = "The body did not arrive whole, so nothing was saved."


def without_body(form, **fields):
    data = {key: value for key, value in form.items() if not key.startswith("body-")}
    data.pop("action-publish", None)  # Save draft, as a writer does
    return {**data, **fields}


@pytest.mark.django_db
@pytest.mark.parametrize("body", [{}, {"body-count": "two"}, {"body-count": "1", "body-0-type": "paragraph"}])
def test_a_story_whose_body_did_not_arrive_whole_is_not_saved_and_the_form_says_why(client, newsroom, body):
    article = newsroom["articles"][0]
    client.force_login(user_in("Writers", "wr"))

    page = client.post(
        f"/admin/pages/{article.pk}/edit/", without_body(edit_form(article, []), title="A new headline", **body)
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert NOT_WHOLE in html
    assert 'value="A new headline"' in html  # what arrived whole is kept in the form
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.get_latest_revision_as_object().title == "Parliament passes the budget"  # no new draft
    assert [block.value.source for block in stored.body] == [block.value.source for block in article.body]


@pytest.mark.django_db
def test_a_new_story_whose_body_did_not_arrive_whole_is_not_made(client, newsroom):
    section = newsroom["sections"]["politics"]
    client.force_login(user_in("Writers", "wr"))
    before = ArticlePage.objects.count()

    page = client.post(
        f"/admin/pages/add/articles/articlepage/{section.pk}/",
        without_body(edit_form(newsroom["articles"][0], []), title="Half a story", slug="half-a-story"),
    )

    assert page.status_code == 200
    assert NOT_WHOLE in page.content.decode()
    assert ArticlePage.objects.count() == before
