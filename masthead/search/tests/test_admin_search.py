"""The admin's search boxes (page explorer, choosers, news feed, images) on every database backend."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from masthead.livefeed.factories import create_news_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    user = User.objects.create_user("ed", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize("query", ['"Power', 'Power"', '"Power returns', 'returns "to" Kharkiv"'])
def test_an_unfinished_quotation_finds_the_words_around_it(client, newsroom, editor, query):
    # On SQLite, Wagtail's backend passed a lone double quote to FTS5: "unterminated string", a 500.
    create_news_item("Power returns to Kharkiv", "<p>Most homes have light again.</p>")
    article = newsroom["articles"][0]
    client.force_login(editor)

    news = client.get("/admin/snippets/livefeed/newsitem/", {"q": query})
    chooser = client.get("/admin/choose-page/search/", {"q": query})
    explorer = client.get(f"/admin/pages/{article.get_parent().pk}/", {"q": query})

    assert news.status_code == 200 and "Power returns to Kharkiv" in news.content.decode()
    assert chooser.status_code == 200 and explorer.status_code == 200


@pytest.mark.parametrize("query", ['"', '""', '" "'])
def test_a_search_for_quotes_alone_finds_nothing_and_says_so(client, editor, query):
    create_news_item("Power returns to Kharkiv", "<p>Most homes have light again.</p>")
    client.force_login(editor)

    response = client.get("/admin/snippets/livefeed/newsitem/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "No news items match your query" in html and "Power returns to Kharkiv" not in html
