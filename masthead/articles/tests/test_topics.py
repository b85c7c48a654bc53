"""The article editor's topics field suggests the topics of the article's own edition, not the other one's."""

import html
import re

import pytest

from masthead.articles import factories as f
from masthead.articles.factories import make_ukrainian_edition
from masthead.core.testing import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(newsroom):
    ukrainian = make_ukrainian_edition(newsroom)
    english = newsroom["articles"][2]
    english.tags.set(["Kharkiv", "Kherson", "NATO"])
    english.save_revision().publish()
    story = f.make_article(
        ukrainian["sections"]["politics"], "Харків готується до зими", [ukrainian["contributors"]["olena"]]
    )
    story.tags.set(["Харків", "Херсон", "NATO"])
    story.save_revision().publish()
    return {"english": english, "ukrainian": story, "uk_section": ukrainian["sections"]["politics"]}


def suggestions_url(client, editor_url):
    """The address the editor's topics field asks for suggestions, read from the editor page as a browser would."""
    page = client.get(editor_url).content.decode()
    field = re.search(r'<input[^>]*name="tags"[^>]*>', page)[0]
    return html.unescape(re.search(r'data-w-tag-url-value="([^"]+)"', field)[1])


def suggested(client, url, term):
    answer = client.get(url, {"term": term})
    assert answer.status_code == 200
    return answer.json()


def test_each_editions_articles_are_offered_their_own_editions_topics(client, tagged):
    client.force_login(user_in("Writers", "wr"))
    ukrainian = suggestions_url(client, f"/admin/pages/{tagged['ukrainian'].pk}/edit/")
    english = suggestions_url(client, f"/admin/pages/{tagged['english'].pk}/edit/")
    assert ukrainian != english

    assert suggested(client, ukrainian, "Х") == ["Харків", "Херсон"]
    assert suggested(client, ukrainian, "Kh") == []  # the English edition's topics are not offered
    assert suggested(client, english, "kh") == ["Kharkiv", "Kherson"]
    assert suggested(client, english, "Х") == []
    assert suggested(client, ukrainian, "nat") == ["NATO"] == suggested(client, english, "NAT")  # one tag, both
    assert suggested(client, english, "") == []

    # A new story in a Ukrainian section is offered the Ukrainian topics before it has a locale of its own saved.
    new = suggestions_url(client, f"/admin/pages/add/articles/articlepage/{tagged['uk_section'].pk}/")
    assert suggested(client, new, "Хер") == ["Херсон"]


def test_the_suggestions_are_for_people_in_the_admin(client, tagged):
    url = "/admin/topics/1/"
    answer = client.get(url, {"term": "Kh"})
    assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
    client.force_login(user_in("Writers", "wr"))
    assert suggested(client, "/admin/topics/999999/", "Kh") == []  # an edition that does not exist has none
