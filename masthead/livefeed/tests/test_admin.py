import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.test.utils.form_data import rich_text

from masthead.livefeed.factories import create_news_item
from masthead.livefeed.models import NewsItem

pytestmark = pytest.mark.django_db

QUICK_POST = "/admin/news-feed/quick-post/"
SNIPPET_ADD = "/admin/snippets/livefeed/newsitem/add/"


@pytest.fixture
def staff(django_user_model):
    """An editor and a writer, in the groups `setup_roles` makes."""
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = {}
    for role, group in (("editor", "Editors"), ("writer", "Writers")):
        user = django_user_model.objects.create_user(role, f"{role}@example.com", "pw", first_name=role.title())
        user.groups.add(Group.objects.get(name=group))
        users[role] = user
    return users


def test_an_editor_posts_an_item_from_the_dashboard_in_one_go(client, staff):
    client.force_login(staff["editor"])
    dashboard = client.get("/admin/").content.decode()
    assert 'id="news-feed' in dashboard and "Publish now" in dashboard

    response = client.post(
        QUICK_POST,
        {
            "headline": "Power restored in Kharkiv",
            "text": "Crews worked overnight.\n\n“We are back,” said the mayor.",
            "publish": "1",
        },
    )

    assert response.status_code == 302 and response["Location"] == "/admin/"
    item = NewsItem.objects.get()
    assert item.live and item.is_published
    assert item.body == "<p>Crews worked overnight.</p><p>“We are back,” said the mayor.</p>"
    assert item.live_revision.user == staff["editor"]
    assert "Power restored in Kharkiv" in client.get("/news-feed/").content.decode()


def test_a_writer_may_draft_but_not_publish(client, staff):
    client.force_login(staff["writer"])
    dashboard = client.get("/admin/").content.decode()
    assert "Save draft" in dashboard and "Publish now" not in dashboard

    drafted = client.post(QUICK_POST, {"headline": "Draft from a writer", "text": "Needs a check.", "draft": "1"})
    refused = client.post(QUICK_POST, {"headline": "Sneaky publish", "text": "No.", "publish": "1"}, follow=True)

    assert drafted.status_code == 302
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    item = NewsItem.objects.get()
    assert item.headline == "Draft from a writer" and not item.live
    assert "Draft from a writer" not in client.get("/news-feed/").content.decode()


def test_an_editor_unpublishes_with_one_click_and_a_writer_cannot(client, staff):
    item = create_news_item("Posted by mistake", "<p>Wrong.</p>", None)
    unpublish = f"/admin/news-feed/{item.pk}/unpublish/"

    client.force_login(staff["writer"])
    refused = client.post(unpublish, follow=True)
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()
    item.refresh_from_db()
    assert item.live
    client.force_login(staff["editor"])
    assert unpublish in client.get("/admin/").content.decode()
    response = client.post(unpublish)

    assert response.status_code == 302
    item.refresh_from_db()
    assert not item.live
    assert client.get(item.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("next_url", ["list", "0", "١٢", "https://elsewhere.example/", "//elsewhere.example/"])
def test_a_next_address_that_is_not_a_path_here_leads_to_the_dashboard(client, staff, next_url):
    # Text that is not a path once went to redirect(), which took it for a view's name: a 500 after
    # the item was saved, so a second try posted it twice.
    client.force_login(staff["editor"])

    posted = client.post(
        QUICK_POST, {"headline": "Trains run again", "text": "All lines.", "publish": "1", "next": next_url}
    )
    item = NewsItem.objects.get()
    unpublished = client.post(f"/admin/news-feed/{item.pk}/unpublish/", {"next": next_url})

    assert posted.status_code == 302 and posted["Location"] == "/admin/"
    assert unpublished.status_code == 302 and unpublished["Location"] == "/admin/"
    messages = client.get("/admin/").content.decode()
    assert "Published “Trains run again”." in messages and "Unpublished “Trains run again”." in messages
    item.refresh_from_db()
    assert not item.live


def test_quick_post_refuses_an_over_long_headline_with_a_clear_message(client, staff):
    client.force_login(staff["editor"])

    response = client.post(QUICK_POST, {"headline": "H" * 201, "text": "x" * 801, "publish": "1"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters (it has 201)." in html
    assert "Ensure this value has at most 800 characters (it has 801)." in html
    assert not NewsItem.objects.exists()


def snippet_form(**overrides):
    data = {
        "headline": "Talks end without a deal",
        "body": rich_text("<p>Both sides will meet again next week.</p>"),
        "published_at": "",
        "correction": "",
        "source_name": "",
        "source_url": "",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return data


def test_the_full_editor_publishes_and_refuses_over_long_text(client, staff):
    client.force_login(staff["editor"])

    too_long = client.post(SNIPPET_ADD, snippet_form(body=rich_text("<p>" + "y" * 801 + "</p>"), headline="H" * 201))
    assert too_long.status_code == 200
    html = too_long.content.decode()
    assert "Ensure this value has at most 800 characters (it has 801)." in html
    assert "Ensure this value has at most 200 characters (it has 201)." in html
    assert not NewsItem.objects.exists()

    published = client.post(SNIPPET_ADD, snippet_form())
    assert published.status_code == 302
    item = NewsItem.objects.get()
    assert item.live and item.body == "<p>Both sides will meet again next week.</p>"
    assert client.get(item.get_absolute_url()).status_code == 200


def test_a_draft_takes_the_time_it_goes_live_not_the_time_it_was_saved(client, staff):
    start = datetime(2026, 12, 9, 8, 51, tzinfo=UTC)  # 10:51 in Kyiv
    with time_machine.travel(start, tick=False):
        client.force_login(staff["writer"])
        client.post(QUICK_POST, {"headline": "Strikes on the port", "text": "More soon.", "draft": "1"})
    item = NewsItem.objects.get()
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        client.force_login(staff["editor"])
        form = snippet_form(headline=item.headline, body=rich_text(item.body))
        assert client.post(f"/admin/snippets/livefeed/newsitem/edit/{item.pk}/", form).status_code == 302
        html = client.get(item.get_absolute_url()).content.decode()

    item.refresh_from_db()
    assert item.published_at == start + timedelta(minutes=2)
    assert ">December 9, 2026 10:53 AM</time>" in html


def test_a_time_an_editor_sets_on_purpose_is_kept(client, staff):
    with time_machine.travel(datetime(2026, 12, 9, 9, 0, tzinfo=UTC), tick=False):
        client.force_login(staff["editor"])
        client.post(SNIPPET_ADD, snippet_form(published_at="2026-12-09 10:30"))
    assert NewsItem.objects.get().published_at == datetime(2026, 12, 9, 8, 30, tzinfo=UTC)


def test_a_writer_in_the_full_editor_only_saves_drafts(client, staff):
    client.force_login(staff["writer"])

    page = client.get(SNIPPET_ADD).content.decode()
    response = client.post(SNIPPET_ADD, snippet_form(**{"action-publish": ""}))

    assert "action-publish" not in page
    assert response.status_code == 302
    assert not NewsItem.objects.get().live


def test_an_editor_can_preview_an_item_before_publishing(client, staff, newsroom):
    client.force_login(staff["editor"])
    preview_url = "/admin/snippets/livefeed/newsitem/preview/"

    checked = client.post(preview_url, snippet_form(headline="Preview: talks resume"))
    shown = client.get(preview_url)

    assert checked.json()["is_valid"] is True
    html = shown.content.decode()
    assert '<h1 id="headline" class="news-item-page__headline">Preview: talks resume</h1>' in html
    assert "Both sides will meet again next week." in html
    assert not NewsItem.objects.exists()


def test_a_draft_saved_without_a_headline_is_still_a_link_on_the_dashboard(client, staff):
    # The full editor saves a draft before its required fields are filled in, as Wagtail does for pages.
    client.force_login(staff["writer"])
    saved = client.post(SNIPPET_ADD, {"headline": "", "body": rich_text("Checking the numbers first.")})
    assert saved.status_code == 302
    item = NewsItem.objects.get()
    assert item.headline == "" and not item.live

    dashboard = client.get("/admin/").content.decode()

    edit = f"/admin/snippets/livefeed/newsitem/edit/{item.pk}/"
    assert f'<a href="{edit}">(no headline yet)</a>' in dashboard
    # The editor's first-level heading, for a screen reader (Wagtail's snippet editor had none).
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", client.get(edit).content.decode(), re.S).group(1)
    assert heading.split() == ["Editing:", "(no", "headline", "yet)"]


def test_a_double_click_on_publish_posts_the_item_once(client, staff):
    client.force_login(staff["editor"])
    dashboard = client.get("/admin/").content.decode()
    token = re.search(r'name="submission" value="(\w+)"', dashboard).group(1)
    form = {"headline": "Sirens in Odesa", "text": "Residents are asked to shelter.", "publish": "1"}

    incomplete = client.post(QUICK_POST, {**form, "text": "", "submission": token})
    first = client.post(QUICK_POST, {**form, "submission": token})  # the same form, corrected: it counts
    second = client.post(QUICK_POST, {**form, "submission": token}, follow=True)

    assert incomplete.status_code == 400 and first.status_code == 302
    assert NewsItem.objects.count() == 1
    assert "“Sirens in Odesa” was already sent from this form: it was posted once." in second.content.decode()
    assert client.get("/news-feed/").content.decode().count("data-news-item=") == 1
    # A fresh form (the dashboard again) posts a new item, even with the same words.
    fresh = re.search(r'name="submission" value="(\w+)"', client.get("/admin/").content.decode()).group(1)
    assert fresh != token
    client.post(QUICK_POST, {**form, "submission": fresh})
    assert NewsItem.objects.count() == 2


def selected_edition(page):
    [(pk,)] = re.findall(r'<select name="edition"[^>]*>.*?<option value="(\d+)" selected>', page, re.S) or [("",)]
    return int(pk) if pk else None


def test_the_quick_form_offers_the_edition_of_the_admin_language_then_the_one_last_posted_to(client, staff):
    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    english, ukrainian = (Locale.objects.get(language_code=code).pk for code in ("en", "uk"))
    editor = staff["editor"]
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "uk"})
    client.force_login(editor)
    # An editor who uses the admin in Ukrainian is offered the Ukrainian edition, on the dashboard and the form page.
    assert selected_edition(client.get("/admin/").content.decode()) == ukrainian
    assert selected_edition(client.get(QUICK_POST).content.decode()) == ukrainian

    # Once they post to the English edition, that is what the form offers them next.
    client.post(QUICK_POST, {"edition": english, "headline": "Trains run again", "text": "All lines.", "publish": "1"})
    assert NewsItem.objects.get().locale_id == english
    assert selected_edition(client.get("/admin/").content.decode()) == english

    # Another editor, with the admin in English, is offered the English edition.
    client.force_login(staff["writer"])
    assert selected_edition(client.get("/admin/").content.decode()) == english
