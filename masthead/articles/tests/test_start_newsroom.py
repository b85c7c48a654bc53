"""`manage.py start_newsroom`: a real newsroom's first step on a production install, in place of Wagtail's welcome
page, with its sections, roles and second edition; refused on a database that already has one."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from masthead.articles.models import SectionPage
from masthead.core.models import NewsroomSettings


def start(*args):
    out = io.StringIO()
    call_command("start_newsroom", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_new_newsroom_replaces_wagtails_welcome_page_with_its_front_page_sections_and_editions(client):
    assert "Welcome to your new Wagtail site" in client.get("/").content.decode()  # what migrate leaves

    printed = start("The Odesa Courier", "--section", "News", "--section", "Culture=Культура", "--edition", "uk")

    assert "Newsroom “The Odesa Courier”" in printed and "createsuperuser" in printed
    front = client.get("/").content.decode()
    assert "Welcome to your new Wagtail site" not in front and "The Odesa Courier" in front
    assert [link for link in ("/news/", "/culture/") if f'href="{link}"' in front] == ["/news/", "/culture/"]
    assert client.get("/culture/").status_code == 200
    ukrainian = client.get("/uk/culture/").content.decode()
    assert "<h1" in ukrainian and "Культура" in ukrainian and 'lang="uk"' in ukrainian
    assert client.get("/uk/news/").status_code == 200  # no translated title given: the English one until changed
    assert set(Group.objects.values_list("name", flat=True)) >= {"Writers", "Editors", "Admins"}
    site = Site.objects.get(is_default_site=True)
    assert NewsroomSettings.for_site(site).name == "The Odesa Courier" and site.site_name == "The Odesa Courier"
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()


@pytest.mark.django_db
def test_it_refuses_a_database_that_has_a_newsroom_and_sections_it_cannot_address():
    with pytest.raises(CommandError, match="makes no address of its own"):
        start("The Odesa Courier", "--section", "News", "--section", "news")
    with pytest.raises(CommandError, match="A section needs a title before any '='"):
        start("The Odesa Courier", "--section", "=Новини")
    with pytest.raises(CommandError, match="makes no address of its own"):
        start("The Odesa Courier", "--section", "!!!")
    assert not SectionPage.objects.exists()  # nothing was made by the refused runs

    start("The Odesa Courier", "--section", "News")
    with pytest.raises(CommandError, match="already has a newsroom, “The Odesa Courier”"):
        start("Another newsroom")
    assert SectionPage.objects.count() == 1


@pytest.mark.django_db
def test_load_demo_refuses_a_production_install_unless_told_it_is_a_staging_copy(settings):
    """The demo makes an Admin "admin" whose password the README prints."""
    settings.MASTHEAD_PRODUCTION = True
    with pytest.raises(CommandError, match="not on a production install. Start the newsroom with"):
        call_command("load_demo", stdout=io.StringIO())
    assert not SectionPage.objects.exists()
    assert not Group.objects.filter(name="Admins").exists()
