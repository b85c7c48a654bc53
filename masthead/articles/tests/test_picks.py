"""Editors' Picks in the admin: add at a chosen place (first by default), and no silently hidden picks."""

import re

import pytest
from django.contrib.auth.models import User
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from masthead.articles import factories as f
from masthead.articles.models import EditorsPicks
from masthead.core.testing import user_in

pytestmark = pytest.mark.django_db


def pick_titles():
    setting = EditorsPicks.for_site(Site.objects.get(is_default_site=True))
    return [pick.article.title for pick in setting.picks.order_by("sort_order")]


def test_an_editor_adds_a_pick_first_by_default_or_at_a_chosen_place(client, newsroom):
    a, b, c, d = newsroom["articles"]
    f.set_editors_picks(Site.objects.get(is_default_site=True), [a, b])
    client.force_login(user_in("Editors", "ed"))

    edit_page = client.get(f"/admin/pages/{d.pk}/edit/").content.decode()
    assert f'href="/admin/editors-picks/add/{d.pk}/"' in edit_page
    form = client.get(f"/admin/editors-picks/add/{d.pk}/").content.decode()
    assert '<option value="1" selected>First</option>' in form and "Last (number 3)" in form

    response = client.post(f"/admin/editors-picks/add/{d.pk}/", {"position": "1"}, follow=True)
    assert pick_titles() == [d.title, a.title, b.title]
    assert f"“{d.title}” is number 1 of 3 in Editors’ Picks." in response.content.decode()

    client.post(f"/admin/editors-picks/add/{c.pk}/", {"position": "3"})
    assert pick_titles() == [d.title, a.title, c.title, b.title]
    client.post(f"/admin/editors-picks/add/{b.pk}/", {"position": "1"})  # already there: moved, not doubled
    assert pick_titles() == [b.title, d.title, a.title, c.title]
    # Readers see the new order at once (the cached picks are forgotten).
    client.logout()
    html = client.get(c.url).content.decode()
    box = re.search(r'<section class="sidebar-box editors-picks".*?</section>', html, re.S).group(0)
    assert box.index(b.title) < box.index(d.title) < box.index(a.title)
    client.force_login(User.objects.get(username="ed"))

    bad = client.post(f"/admin/editors-picks/add/{c.pk}/", {"position": "99"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()


def test_adding_to_a_full_list_says_which_pick_leaves_it_and_hides_none(client, newsroom):
    a, b, c, d = newsroom["articles"]
    site = Site.objects.get(is_default_site=True)
    f.set_editors_picks(site, [a, b, c])
    setting = EditorsPicks.for_site(site)
    setting.limit = 3
    setting.save()
    client.force_login(user_in("Editors", "ed"))

    form = client.get(f"/admin/editors-picks/add/{d.pk}/").content.decode()
    assert "Last (number 3)" in form and "number 4" not in form  # no place readers would not see
    warning = f"Editors’ Picks shows 3 stories and the list is full: adding this one takes “{c.title}” off it."
    assert warning in form.replace("&#x27;", "'")

    answer = client.post(f"/admin/editors-picks/add/{d.pk}/", {"position": "2"}, follow=True)
    assert pick_titles() == [a.title, d.title, b.title]
    said = answer.content.decode().replace("&#x27;", "'")
    assert f"“{d.title}” is number 2 of 3 in Editors’ Picks. To make room, “{c.title}” left the list." in said
    # The settings form, which refuses more picks than it shows, still takes the list as it is.
    assert len(pick_titles()) == setting.limit

    # Moving a story already on the full list takes nobody off.
    moved = client.get(f"/admin/editors-picks/add/{b.pk}/").content.decode()
    assert "the list is full" not in moved
    client.post(f"/admin/editors-picks/add/{b.pk}/", {"position": "1"})
    assert pick_titles() == [b.title, a.title, d.title]


def test_a_writer_cannot_change_the_picks(client, newsroom):
    client.force_login(user_in("Writers", "wr"))
    article = newsroom["articles"][0]
    assert (
        f"/admin/editors-picks/add/{article.pk}/" not in client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    )
    client.post(f"/admin/editors-picks/add/{article.pk}/", {"position": "1"})
    assert pick_titles() == []


def test_the_form_refuses_more_picks_than_it_shows(client, newsroom):
    site = Site.objects.get(is_default_site=True)
    client.force_login(user_in("Editors", "ed"))
    articles = newsroom["articles"]

    def post(limit):
        data = nested_form_data(
            {
                "title": "Editors’ Picks",
                "limit": str(limit),
                "picks": inline_formset([{"article": str(article.pk)} for article in articles]),
            }
        )
        return client.post(f"/admin/settings/articles/editorspicks/{site.pk}/", data)

    refused = post(3)
    assert refused.status_code == 200
    assert "There are 4 picks but only 3 are shown: remove a pick or show more." in refused.content.decode()
    assert pick_titles() == []
    assert post(4).status_code == 302
    assert pick_titles() == [article.title for article in articles]


@pytest.mark.parametrize("article_id", ["99999999999999999999", "2147483648"])
def test_an_id_no_article_can_have_is_not_found(client, newsroom, article_id):
    # An article's id is its page's: a lookup through that link once reached the database driver (a 500).
    client.force_login(user_in("Editors", "ed"))
    for response in (
        client.get(f"/admin/editors-picks/add/{article_id}/"),
        client.post(f"/admin/editors-picks/add/{article_id}/", {"position": "1"}),
    ):
        assert response.status_code == 404
        assert "The requested page could not be found." in response.content.decode()


def test_each_edition_is_counted_against_how_many_to_show_on_its_own(client, newsroom):
    # One list holds both editions' picks; a reader of each edition sees only that edition's.
    site = Site.objects.get(is_default_site=True)
    english = newsroom["articles"]
    ukrainian = f.make_ukrainian_edition(newsroom)["articles"]
    client.force_login(user_in("Editors", "ed"))

    def post(limit):
        picks = [{"article": str(article.pk)} for article in english + ukrainian]
        data = nested_form_data({"title": "Editors’ Picks", "limit": str(limit), "picks": inline_formset(picks)})
        return client.post(f"/admin/settings/articles/editorspicks/{site.pk}/", data)

    refused = post(3)
    assert refused.status_code == 200
    assert "There are 4 picks in the English edition but only 3 are shown" in refused.content.decode()
    assert "Ukrainian edition" not in refused.content.decode()  # its two fit
    assert post(4).status_code == 302  # four English and two Ukrainian: every pick is shown
    assert len(pick_titles()) == 6


def test_a_pick_is_added_among_its_own_editions_picks(client, newsroom):
    site = Site.objects.get(is_default_site=True)
    a, b, c, _d = newsroom["articles"]
    budget_uk, grain_uk = f.make_ukrainian_edition(newsroom)["articles"]
    f.set_editors_picks(site, [a, budget_uk, b, c])
    client.force_login(user_in("Editors", "ed"))

    form = client.get(f"/admin/editors-picks/add/{grain_uk.pk}/").content.decode()
    assert "Last (number 2)" in form and a.title not in form  # only the Ukrainian edition's pick is listed
    response = client.post(f"/admin/editors-picks/add/{grain_uk.pk}/", {"position": "2"}, follow=True)

    assert f"“{grain_uk.title}” is number 2 of 2 in Editors’ Picks." in response.content.decode()
    assert pick_titles() == [a.title, budget_uk.title, b.title, c.title, grain_uk.title]
    client.post(f"/admin/editors-picks/add/{grain_uk.pk}/", {"position": "1"})
    assert pick_titles() == [a.title, grain_uk.title, b.title, c.title, budget_uk.title]  # English places kept
