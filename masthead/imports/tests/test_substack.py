"""import_substack on a small export written for these tests in Substack's format (fixtures/substack, see README)."""

import re
import zipfile
from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management.base import CommandError

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage, Contributor
from masthead.newsletters.models import Subscription

from .helpers import EXPORTED_AT, SUBSTACK_DIR, block_types, blocks_of, run, with_a_broken_member

EXPORT = SUBSTACK_DIR / "kyiv-notes-export"


@pytest.fixture
def export_zip(tmp_path):
    """The folder zipped as Substack sends it."""
    path = tmp_path / "kyiv-notes.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in EXPORT.rglob("*"):
            archive.write(file, file.relative_to(EXPORT))
    return path


@pytest.mark.django_db
def test_posts_and_email_list_arrive(export_zip, client):
    make_site()
    output = run("import_substack", export_zip, "--author", "Marcus O’Neill")
    assert "Imported: 4 created, 0 updated, 0 unchanged, 0 skipped" in output
    assert ArticlePage.objects.count() == 4
    assert ArticlePage.objects.live().count() == 3
    assert not ArticlePage.objects.get(title="Budget notes (draft)").live

    night = ArticlePage.objects.get(title="The night trains")
    assert night.slug == "the-night-trains"
    assert night.standfirst == "Who rides the last metro, and why"
    assert night.first_published_at == datetime(2026, 11, 21, 19, 30, tzinfo=UTC)
    assert [c.name for c in night.contributors] == ["Marcus O’Neill"]
    assert block_types(night) == ["paragraph", "subheading", "paragraph", "quote", "embed", "paragraph"]
    assert "<strong>Teatralna</strong>" in night.body[0].value.source
    assert "<li>Students, <strong>always</strong></li>" in night.body[2].value.source
    assert blocks_of(night, "quote")[0]["quote"] == "“It is the quietest hour of the city.”"
    assert blocks_of(night, "embed")[0]["embed"].url == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    # Substack keeps images on its CDN; the import never fetches them and says so, without asking for an images
    # folder the Import screen does not take for Substack.
    assert (
        "“The night trains”: Image https://substack-post-media.s3.amazonaws.com/public/images/platform.jpg was left "
        "out: Substack's export does not include pictures. The post was imported without it." in output
    )
    assert "images folder" not in output

    ukrainian = ArticlePage.objects.get(title="Нічні потяги")
    assert ukrainian.standfirst == "Хто їде останнім метро — і чому"
    assert "«Театральної»" in ukrainian.body[0].value.source
    assert ukrainian.body[1].value == "Хто ним їде"

    table = blocks_of(ArticlePage.objects.get(title="What the market costs"), "table")[0]
    assert table["data"] == [["Item", "Price (UAH)"], ["Potatoes, 1 kg", "18"], ["Eggs, 10", "52"]]
    assert "“What the market costs”: A script was removed." in output

    states = {s.subscriber.email: s.state for s in Subscription.objects.select_related("subscriber")}
    assert states == {
        "anna@example.com": Subscription.State.CONFIRMED,
        "oleh@example.com": Subscription.State.CONFIRMED,
        "zoe@example.com": Subscription.State.UNSUBSCRIBED,
    }
    assert Subscription.objects.get(subscriber__email="anna@example.com").consent_note.startswith(
        "Imported from Substack on "
    )
    assert "“not-an-address”: Not a valid email address; skipped." in output
    assert len(mail.outbox) == 0
    assert Subscription.objects.values_list("newsletter__name", flat=True).distinct().get() == "Kyiv Notes"

    response = client.get("/p/the-night-trains")
    assert response.status_code == 301
    assert response.headers["Location"] == night.url

    again = run("import_substack", export_zip, "--author", "Marcus O’Neill")
    assert "Imported: 0 created, 0 updated, 4 unchanged, 0 skipped" in again
    assert ArticlePage.objects.count() == 4 and Subscription.objects.count() == 3


@pytest.mark.django_db
def test_without_an_author_the_byline_is_the_publication_desk():
    make_site()
    run("import_substack", EXPORT)  # the unpacked folder works too
    desk = Contributor.objects.get(name="Kyiv Notes")
    assert desk.kind == Contributor.Kind.DESK
    assert ArticlePage.objects.get(title="The night trains").contributors == [desk]


@pytest.mark.django_db
def test_bad_files_get_a_clear_message(tmp_path, export_zip):
    make_site()
    not_zip = tmp_path / "export.zip"
    not_zip.write_text("posts", encoding="utf-8")
    with pytest.raises(CommandError, match="This file is not a Substack export: it is not a zip file."):
        run("import_substack", not_zip)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="there is no posts.csv in it"):
        run("import_substack", empty)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(with_a_broken_member(export_zip.read_bytes(), "posts.csv"))
    with pytest.raises(CommandError, match=r"^posts.csv in the export could not be read.$"):
        run("import_substack", damaged)
    assert ArticlePage.objects.count() == 0


@pytest.mark.django_db
def test_imported_readers_keep_the_date_they_signed_up_on_substack(export_zip, admin_client):
    make_site()
    run("import_substack", export_zip)
    signed_up = {
        s.subscriber.email: (s.created_at, s.confirmed_at, s.subscriber.created_at)
        for s in Subscription.objects.select_related("subscriber")
    }
    assert signed_up["anna@example.com"][0] == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    assert signed_up["anna@example.com"][0] < signed_up["anna@example.com"][1]  # then confirmed by the import
    assert signed_up["anna@example.com"][2] == datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    assert signed_up["zoe@example.com"][0] == datetime(2026, 10, 3, 11, 0, tzinfo=UTC)
    with time_machine.travel(EXPORTED_AT):
        listing = admin_client.get("/admin/subscription/").content.decode()
    # Rows newest sign-up first: zoe (unsubscribed, no confirmation), oleh, anna; each "Signed up", then "Confirmed".
    dates = re.findall(r"<time[^>]*>\s*([^<]*?)\s*</time>", listing)
    assert dates == ["1\xa0month ago", "2\xa0months ago", "Just now", "2\xa0months ago", "Just now"]
