"""What readers and editors see: the player on the article page, the podcast feed, the admin."""

import feedparser
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.storage import default_storage
from django.core.management import call_command

from masthead.articles import factories as f
from masthead.narration import services
from masthead.narration.models import Narration

pytestmark = pytest.mark.django_db

DISCLOSURE = "This audio is created with AI assistance"


def test_the_article_page_has_the_player_once_audio_is_ready_and_nothing_before(
    desk, client, django_capture_on_commit_callbacks
):
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=["Ships left the port."])
    assert Narration.objects.get(article=article).state == Narration.State.PENDING  # asked for, not made yet

    html = client.get(article.url).content.decode()
    assert DISCLOSURE not in html and "Listen to this article" not in html and "<audio" not in html

    # As in the worker: once the audio is committed, cached pages are retired (the site generation moves on).
    with django_capture_on_commit_callbacks(execute=True):
        assert services.narrate(article.pk) == "ready"
    narration = Narration.objects.get(article=article)
    html = client.get(article.url).content.decode()
    assert html.count(f'<p class="narration__disclosure">{DISCLOSURE}</p>') == 1  # shown once (JSON-LD may repeat it)
    assert "Listen to this article" in html
    assert f'<audio class="narration__audio" controls preload="none" src="/media/{narration.audio.name}"' in html
    assert 'id="narration-timings"' in html
    assert 'for="narration-speed"' in html and '<option value="1.25">1.25×</option>' in html


def test_the_podcast_feed_lists_narrated_articles_with_enclosures_of_the_stored_size(publish_article, client):
    first = publish_article(title="Grain exports rise", body=["Exports rose again."], published_at=f.hours_ago(3))
    second = publish_article(title="Mayor opens bridge", body=["The bridge is open."], published_at=f.hours_ago(1))
    f.make_article(first.get_parent(), "Not narrated yet", publish=True)  # pending: not in the feed

    response = client.get("/narration/podcast.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title.endswith("articles read aloud")
    assert [entry.title for entry in feed.entries] == ["Mayor opens bridge", "Grain exports rise"]
    for entry, article in zip(feed.entries, [second, first], strict=True):
        narration = Narration.objects.get(article=article)
        (enclosure,) = entry.enclosures
        assert enclosure.type == "audio/mpeg"
        assert enclosure.href == f"http://testserver/media/{narration.audio.name}"
        assert int(enclosure.length) == narration.size_bytes == default_storage.size(narration.audio.name)
        minutes, seconds = entry.itunes_duration.split(":")
        assert int(minutes) * 60 + int(seconds) == round(narration.duration_seconds)
        assert entry.link.endswith(article.url)
    assert "itunes" in feed.namespaces


@pytest.fixture
def editor(db):
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    user = User.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_admin_shows_a_failure_with_its_reason_and_regenerate_makes_the_audio(
    desk, client, editor, settings, run_commit_hooks
):
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=["Ships left."])
    settings.MASTHEAD_NARRATION_VOICES = {"broken": {"model": "/nonexistent/broken.onnx"}}
    settings.MASTHEAD_NARRATION_VOICE = "broken"
    settings.MASTHEAD_NARRATION_MAX_ATTEMPTS = 1
    assert services.narrate(article.pk) == "failed"

    client.force_login(editor)
    edit_page = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Narration: failed" in edit_page
    detail = client.get(f"/admin/narration/{article.pk}/").content.decode()
    assert "could not be loaded" in detail and "broken.onnx" in detail
    listing = client.get("/admin/narration/?state=failed").content.decode()
    assert "Ships leave the port" in listing

    del settings.MASTHEAD_NARRATION_VOICES, settings.MASTHEAD_NARRATION_VOICE
    response = run_commit_hooks(client.post, f"/admin/narration/{article.pk}/regenerate/", follow=True)
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.READY  # the queued task ran (immediate backend in tests)
    assert "is being made again" in response.content.decode()
    page = client.get(f"/admin/narration/{article.pk}/").content.decode()
    assert f'src="/media/{narration.audio.name}"' in page and "What the voice says" in page


def test_the_list_counts_what_each_filter_shows_and_the_dashboard_says_what_waits(desk, client, editor):
    ready, waiting, unvoiced, withdrawn = (
        f.make_article(desk["section"], title, body=["Text."])
        for title in ("Ready one", "Waiting one", "Unvoiced one", "Withdrawn one")
    )
    Narration.objects.filter(article=ready).update(state=Narration.State.READY)
    Narration.objects.filter(article=unvoiced).delete()  # as for a language no voice reads
    withdrawn.unpublish()
    assert Narration.objects.get(article=withdrawn).state == Narration.State.WITHDRAWN
    client.force_login(editor)

    listing = client.get("/admin/narration/").content.decode()
    for filter_label in ("All (3)", "Pending (1)", "Ready (1)", "Failed (0)", "Not narrated (1)"):
        assert f">{filter_label}</a>" in listing, filter_label
    # The list shows published articles, so it has no "Withdrawn" filter whose rows would always be empty.
    assert "Withdrawn" not in listing
    not_narrated = client.get("/admin/narration/?state=none").content.decode()
    assert "Unvoiced one" in not_narrated and "Waiting one" not in not_narrated

    dashboard = client.get("/admin/").content.decode()
    assert "No narration has failed." in dashboard
    assert '<a href="/admin/narration/?state=pending">1 article is waiting for its audio.</a>' in dashboard
    assert "has its audio" not in dashboard

    Narration.objects.filter(article=waiting).update(state=Narration.State.READY)
    for number in range(9):
        article = f.make_article(desk["section"], f"Broken {number}", body=["Text."])
        Narration.objects.filter(article=article).update(state=Narration.State.FAILED, error={"says": "No voice."})
    dashboard = client.get("/admin/").content.decode()
    assert dashboard.count("— No voice.") == 8
    assert '<a href="/admin/narration/?state=failed">All 9 failed narrations</a>' in dashboard
    assert "waiting for" not in dashboard and "No narration has failed." not in dashboard


def test_readers_and_writers_cannot_regenerate(desk, client):
    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])
    response = client.post(f"/admin/narration/{article.pk}/regenerate/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    writer = User.objects.create_user("writer", password="pw")
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    assert client.get(f"/admin/narration/{article.pk}/").status_code == 200
    response = client.post(f"/admin/narration/{article.pk}/regenerate/", follow=True)
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert Narration.objects.get(article=article).state == Narration.State.PENDING


def test_narrate_command_narrates_a_section_with_a_progress_bar(desk, capsys):
    f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])
    other = f.make_section(desk["home"], "Business")
    f.make_article(other, "Markets calm", body=["Markets were calm."])

    call_command("narrate", section="politics")
    out, err = capsys.readouterr()
    assert "1 article(s): 1 ready." in out
    assert "Narrating: 100%" in err
    assert list(Narration.objects.filter(state="ready").values_list("article__title", flat=True)) == [
        "Ships leave the port"
    ]

    call_command("narrate", all=True)
    out, _ = capsys.readouterr()
    assert "2 article(s): 1 ready, 1 unchanged." in out


@pytest.mark.parametrize("article_id", ["99999999999999999999", "2147483648"])
def test_an_id_no_article_can_have_is_not_found(desk, client, editor, article_id):
    # An article's id is its page's: a lookup through that link once reached the database driver (a 500).
    client.force_login(editor)
    for response in (
        client.get(f"/admin/narration/{article_id}/"),
        client.post(f"/admin/narration/{article_id}/regenerate/"),
    ):
        assert response.status_code == 404
        assert "The requested page could not be found." in response.content.decode()


@pytest.mark.parametrize("next_url", ["list", "0", "https://elsewhere.example/"])
def test_regenerate_with_a_next_address_that_is_not_a_path_here_returns_to_the_narration(
    desk, client, editor, next_url, run_commit_hooks
):
    # Text that is not a path once went to redirect(), which took it for a view's name: a 500.
    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=["Ships left."])
    client.force_login(editor)

    response = run_commit_hooks(client.post, f"/admin/narration/{article.pk}/regenerate/", {"next": next_url})

    assert response.status_code == 302 and response["Location"] == f"/admin/narration/{article.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "“Ships leave the port” is being made again; it is usually ready within a minute." in page


def test_an_editor_whose_admin_is_in_ukrainian_reads_the_narration_screens_in_ukrainian(desk, client, editor):
    from wagtail.users.models import UserProfile

    article = f.make_article(desk["section"], "Ships leave the port", [desk["olena"]], body=["Ships left."])
    assert services.narrate(article.pk) == "ready"
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    client.force_login(editor)

    listing = client.get("/admin/narration/").content.decode()
    # The state filters are read in the editor's language on each request, not fixed when the module loaded.
    assert ">Усі (1)</a>" in listing and ">Не озвучено (0)</a>" in listing and ">All (1)</a>" not in listing
    detail = client.get(f"/admin/narration/{article.pk}/").content.decode()
    seconds = Narration.objects.get(article=article).synthesis_seconds
    assert f"<dd>{seconds:.1f} с</dd>".replace(".", ",") in detail
    # "Add …" buttons are whole phrases: Wagtail's "Add %(model_name)s" would say «Додати вимова».
    assert "Додати вимову" in client.get("/admin/snippets/narration/lexiconentry/").content.decode()
    assert "Додати повідомлення" in client.get("/admin/snippets/livefeed/newsitem/").content.decode()
