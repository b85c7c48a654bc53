"""Settings → Import a site: an Admin uploads an export, the worker imports it, the page shows the summary."""

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage
from masthead.imports.models import ImportRun
from masthead.newsletters.models import Subscription

from .helpers import (
    GHOST_CARDS_IMAGES,
    GHOST_CARDS_JSON,
    GHOST_IMAGES,
    GHOST_JSON,
    GHOST_MEMBERS,
    SUBSTACK_DIR,
    UPLOADS,
    WXR,
    with_a_broken_member,
)


def zipped(folder, top="uploads"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in folder.rglob("*"):
            archive.write(file, f"{top}/{file.relative_to(folder)}")
    return buffer.getvalue()


def upload(path, name=None, content=None):
    return SimpleUploadedFile(name or path.name, content if content is not None else path.read_bytes())


def import_ghost_data(admin_client, capture_on_commit, data):
    """Uploads a Ghost 5 export holding the `data` tables, runs the import, and returns the run page's HTML."""
    export = {"db": [{"meta": {"version": "5.0.0"}, "data": data}]}
    with capture_on_commit(execute=True):
        admin_client.post(
            "/admin/imports/",
            {"source": "ghost", "export_file": upload(Path("ghost.json"), content=json.dumps(export).encode())},
        )
    return admin_client.get(f"/admin/imports/{ImportRun.objects.get().pk}/").content.decode()


@pytest.fixture
def admin_client(client, django_user_model):
    call_command("setup_roles", stdout=io.StringIO())
    user = django_user_model.objects.create_user("chief", "chief@example.com", "pass-chief-1")
    user.groups.add(Group.objects.get(name="Admins"))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_an_admin_uploads_a_wordpress_export_and_reads_the_summary(admin_client, django_capture_on_commit_callbacks):
    make_site()
    page = admin_client.get("/admin/imports/")
    assert page.status_code == 200
    assert "Moving from" in page.content.decode()
    # The header names the screen (its breadcrumbs end in its title), not only "Home".
    breadcrumbs = page.content.decode().split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert "Import a site" in breadcrumbs
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/imports/",
            {
                "source": "wordpress",
                "export_file": upload(WXR),
                "images_file": upload(WXR, "uploads.zip", zipped(UPLOADS)),
            },
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.headers["Location"] == f"/admin/imports/{run.pk}/"
    run.refresh_from_db()
    assert (run.state, run.done, run.total) == ("done", 13, 13)
    assert ArticlePage.objects.count() == 10
    assert ArticlePage.objects.get(title="Kyiv’s metro after midnight").lead_image is not None
    html = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert "13 created" in html
    assert "A script was removed." in html
    assert "not-there.jpg is missing" in html
    progress = admin_client.get(f"/admin/imports/{run.pk}/progress/").json()
    assert progress == {"state": "done", "label": "Finished", "done": 13, "total": 13, "stalled": False}


@pytest.mark.django_db
def test_a_damaged_images_zip_stops_the_import_in_words_before_anything_is_imported(
    admin_client, django_capture_on_commit_callbacks
):
    make_site()
    images = zipped(UPLOADS)
    broken = next(name for name in zipfile.ZipFile(io.BytesIO(images)).namelist() if name.endswith(".jpg"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/",
            {
                "source": "wordpress",
                "export_file": upload(WXR),
                "images_file": upload(WXR, "uploads.zip", with_a_broken_member(images, broken)),
            },
        )
    run = ImportRun.objects.get()
    page = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert run.state == "failed"
    assert (
        f"The images zip is damaged: {broken} in it could not be unpacked. Nothing was imported; make the zip again "
        "and upload it."
    ) in page
    assert "The import stopped" not in page and "Error -3" not in page
    assert not ArticlePage.objects.exists()


def zip_bomb(name):
    """A zip of a few hundred kilobytes that unpacks to 150 MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, bytes(150 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "files",
    [
        {"source": "wordpress", "export_file": upload(WXR), "images_file": upload(WXR, "uploads.zip", b"")},
        {"source": "substack", "export_file": upload(WXR, "export.zip", b"")},
    ],
    ids=["images zip", "substack export"],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(admin_client, django_capture_on_commit_callbacks, files):
    make_site()
    files = dict(files)
    if "images_file" in files:
        files["images_file"] = upload(WXR, "uploads.zip", zip_bomb("uploads/2026/12/photo.bmp"))
    else:
        files["export_file"] = upload(WXR, "export.zip", zip_bomb("posts.csv"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/admin/imports/", files)
    run = ImportRun.objects.get()
    page = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert run.state == "failed"
    assert "would unpack to 150.0" in page and "far more than such an export holds; it was refused." in page
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_ghost_export_with_images_and_members(admin_client, django_capture_on_commit_callbacks):
    make_site()
    uploads = Path(settings.MEDIA_ROOT) / "imports"
    before = set(uploads.glob("members*.csv"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/",
            {
                "source": "ghost",
                "export_file": upload(GHOST_JSON),
                "images_file": upload(GHOST_JSON, "images.zip", zipped(GHOST_IMAGES)),
                "members_file": upload(GHOST_MEMBERS),
            },
        )
    run = ImportRun.objects.get()
    assert run.state == "done", run.error
    assert Subscription.objects.confirmed().count() == 6
    # The uploads (a members list is personal data) are deleted once the import has run.
    assert (run.export_file.name, run.images_file.name, run.members_file.name) == ("", "", "")
    assert set(uploads.glob("members*.csv")) == before
    html = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert "subscriptions confirmed: 6" in html


@pytest.mark.django_db
def test_a_zip_of_ghost_s_whole_content_folder_brings_its_audio_video_and_files(
    admin_client, django_capture_on_commit_callbacks
):
    make_site()
    content = GHOST_CARDS_IMAGES.parent  # images/, media/ and files/
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/",
            {
                "source": "ghost",
                "export_file": upload(GHOST_CARDS_JSON),
                "images_file": upload(GHOST_CARDS_JSON, "content.zip", zipped(content, top="content")),
            },
        )
    run = ImportRun.objects.get()
    assert run.state == "done", run.error
    report = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert "is not in the folder given" not in report  # the audio, the video and the PDF were all found
    story = admin_client.get(ArticlePage.objects.get(title="Sounds of the night shift").url).content.decode()
    documents = get_document_model().objects.order_by("file")
    assert [Path(document.file.name).stem.split("_")[0] for document in documents] == [
        "council-budget-2027",
        "night-shift-interview",
        "river-timelapse",
    ]
    for document in documents:
        assert document.url in story, document.title
        assert admin_client.get(document.url).status_code == 200


@pytest.mark.django_db
def test_a_members_file_saved_again_by_excel_in_windows_1252_is_imported_whole_and_says_so(
    admin_client, django_capture_on_commit_callbacks
):
    make_site()
    members = GHOST_MEMBERS.read_text(encoding="utf-8").replace(
        "anna@example.com,Anna Bondar", "anna@bücher.de,Anna Bondár"
    )
    members = members.encode("cp1252", errors="replace")  # as a spreadsheet saves it: “?” for what cp1252 lacks
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/imports/",
            {
                "source": "ghost",
                "export_file": upload(GHOST_JSON),
                "members_file": upload(GHOST_MEMBERS, None, members),
            },
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.state == "done", run.error
    # The address arrives whole (read as UTF-8 it was anna@b\ufffdcher.de, skipped); the run says how it was read.
    assert Subscription.objects.confirmed().filter(subscriber__email="anna@bücher.de").exists()
    html = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert "subscriptions confirmed: 6" in html
    assert "The file was not saved as UTF-8, so it was read as Windows-1252" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        (bytes(range(256)) * 4, "The members file cannot be read as CSV."),  # a spreadsheet's own format
        (b"email,subscribed_to_emails,note\nanna@example.com,true," + b"x" * 200_000 + b"\n", "cannot be read as CSV"),
        (b"name,phone\nAnna,123\n", "This is not a Ghost members export"),
    ],
)
def test_a_members_file_that_cannot_be_used_is_a_form_error_and_nothing_is_imported(admin_client, content, message):
    make_site()
    response = admin_client.post(
        "/admin/imports/",
        {"source": "ghost", "export_file": upload(GHOST_JSON), "members_file": upload(GHOST_MEMBERS, None, content)},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "codec" not in page and "field limit" not in page
    assert not ImportRun.objects.exists()
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_json_nested_too_deep_to_read_is_not_a_ghost_export(admin_client, django_capture_on_commit_callbacks):
    make_site()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/",
            {"source": "ghost", "export_file": upload(GHOST_JSON, "export.json", b"[" * 100_000 + b"]" * 100_000)},
        )
    run = ImportRun.objects.get()
    page = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert run.state == "failed"
    assert "This file is not a Ghost export: it has no Ghost data in it." in page
    assert "The import stopped" not in page and "recursion" not in page


@pytest.mark.django_db
def test_a_substack_email_list_with_a_line_too_long_to_read_stops_the_import_in_words(
    admin_client, django_capture_on_commit_callbacks
):
    make_site()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in (SUBSTACK_DIR / "kyiv-notes-export").rglob("*"):
            if not file.name.startswith("email_list"):
                archive.write(file, str(file.relative_to(SUBSTACK_DIR)))
        archive.writestr("kyiv-notes-export/email_list.kyiv-notes.csv", "email,name\nanna@example.com," + "x" * 200_000)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/", {"source": "substack", "export_file": upload(WXR, "a.zip", buffer.getvalue())}
        )
    run = ImportRun.objects.get()
    page = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert run.state == "failed"
    assert "email_list.kyiv-notes.csv in the export could not be read." in page
    assert "The import stopped" not in page and "field limit" not in page
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_a_wrong_file_gets_a_clear_message(admin_client, django_capture_on_commit_callbacks):
    make_site()
    response = admin_client.post("/admin/imports/", {"source": "ghost", "export_file": upload(WXR)})
    assert "A Ghost export is a .json file." in response.content.decode()
    assert not ImportRun.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/imports/", {"source": "ghost", "export_file": upload(WXR, "export.json", b'{"truncated": ')}
        )
    run = ImportRun.objects.get()
    assert run.state == "failed"
    html = admin_client.get(f"/admin/imports/{run.pk}/").content.decode()
    assert "The file ends too early: it looks truncated. Export it from Ghost again." in html


@pytest.mark.django_db
def test_only_admins_may_import(client, django_user_model):
    call_command("setup_roles", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("ed", "ed@example.com", "pass-ed-1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    refused = client.get("/admin/imports/")  # Wagtail sends those without permission back to the dashboard
    assert (refused.status_code, refused.headers["Location"]) == (302, "/admin/")
    assert client.post("/admin/imports/", {"source": "ghost"}).status_code == 302
    assert not ImportRun.objects.exists()
    assert "Import a site" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_nul_characters_in_an_export_are_left_out_of_what_is_imported(admin_client, django_capture_on_commit_callbacks):
    # SQLite stored them (and the narration's voice then stopped at one); PostgreSQL refused the post.
    make_site()
    data = {
        "users": [{"id": "u1", "name": "Olena\x00 Marchenko", "slug": "olena"}],
        "posts": [
            {
                "id": "p1",
                "title": "Power\x00 returns to Kharkiv",
                "slug": "power-returns",
                "html": "<p>Most homes\x00 have light again.</p>",
                "custom_excerpt": "Crews worked\x00 overnight.",
                "status": "published",
                "published_at": "2024-01-01T09:00:00.000Z",
                "author_id": "u1",
            }
        ],
    }

    page = import_ghost_data(admin_client, django_capture_on_commit_callbacks, data)

    assert "<li>1 created</li>" in page and "<li>0 skipped</li>" in page
    article = ArticlePage.objects.get()
    assert article.title == "Power returns to Kharkiv" and article.standfirst == "Crews worked overnight."
    assert "Most homes have light again." in str(article.body)
    assert [c.contributor.name for c in article.byline.all()] == ["Olena Marchenko"]


@pytest.mark.django_db
@pytest.mark.parametrize("published_at", [None, "garbage", "99999-01-01T00:00:00.000Z"])
def test_a_published_post_whose_date_cannot_be_read_is_imported_and_dated_today(
    admin_client, django_capture_on_commit_callbacks, published_at
):
    # It was skipped: "Not imported: '>' not supported between instances of 'NoneType' and 'NoneType'".
    make_site()
    post = {"id": "p1", "title": "Trains run again", "slug": "trains", "html": "<p>All lines.</p>"}

    page = import_ghost_data(
        admin_client,
        django_capture_on_commit_callbacks,
        {"posts": [post | {"status": "published", "published_at": published_at}]},
    )

    assert "<li>1 created</li>" in page and "<li>0 skipped</li>" in page
    assert "Its publication date could not be read: it is dated today." in page
    article = ArticlePage.objects.get()
    assert article.live and article.first_published_at.date() == timezone.now().date()


GHOST_POST = {"id": "p1", "title": "Power returns", "slug": "power", "html": "<p>Light.</p>", "status": "published"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {"posts": [None]},  # a row that is not an object
        {"posts": [{**GHOST_POST, "title": 5}]},  # a title that is not text
        {"posts": [GHOST_POST], "posts_tags": [{"post_id": "p1"}]},  # a link to no tag
        {"posts": [GHOST_POST], "newsletters": [5]},
    ],
)
def test_a_ghost_export_with_tables_of_another_shape_gets_a_plain_reason(
    admin_client, django_capture_on_commit_callbacks, data
):
    make_site()

    page = import_ghost_data(admin_client, django_capture_on_commit_callbacks, data)

    assert ImportRun.objects.get().state == "failed"
    assert "This file is not a Ghost export as Ghost writes it: one of its tables holds something else" in page
    assert "Nothing was imported. Export the site from Ghost again and upload that file." in page
    assert "The import stopped" not in page
    assert not ArticlePage.objects.exists()


@pytest.mark.django_db
def test_the_same_upload_sent_twice_imports_once(admin_client, django_capture_on_commit_callbacks):
    make_site()
    page = admin_client.get("/admin/imports/").content.decode()
    token = re.search(r'name="submission" value="([0-9a-f]{32})"', page).group(1)
    form = {"source": "wordpress", "submission": token}
    with django_capture_on_commit_callbacks(execute=True):
        first = admin_client.post("/admin/imports/", {**form, "export_file": upload(WXR)})
        again = admin_client.post("/admin/imports/", {**form, "export_file": upload(WXR)})  # a double click
    run = ImportRun.objects.get()
    assert first.headers["Location"] == f"/admin/imports/{run.pk}/" and again.headers["Location"] == "/admin/imports/"
    index = admin_client.get("/admin/imports/").content.decode()
    assert "This form was already sent: the export is imported once." in index
    assert ArticlePage.objects.count() == 10
    # A new form shown is a new upload.
    fresh = re.search(r'name="submission" value="([0-9a-f]{32})"', index).group(1)
    assert fresh != token


@pytest.mark.django_db
def test_an_import_no_worker_has_taken_says_which_queue_a_worker_must_serve(admin_client, settings):
    settings.MASTHEAD_IMPORT_STALLED_SECONDS = 600
    run = ImportRun.objects.create(source="wordpress")
    page = f"/admin/imports/{run.pk}/"
    assert "No worker has started this import" not in admin_client.get(page).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        html = admin_client.get(page).content.decode()
        assert admin_client.get(page + "progress/").json()["stalled"] is True
    assert "No worker has started this import since" in html
    assert "worker serves the imports queue (<code>manage.py db_worker --queue-name narration,imports</code>)" in html
    assert "Start the import again" not in html  # starting it again would not help: nothing has taken it


@pytest.mark.django_db
def test_the_summary_is_in_the_starting_admins_language_and_the_content_in_the_sites(
    admin_client, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import User
    from wagtail.users.models import UserProfile

    from masthead.core import queues
    from masthead.core.testing import run_due_tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    make_site()
    UserProfile.objects.update_or_create(user=User.objects.get(username="chief"), defaults={"preferred_language": "uk"})
    post = {"id": "p1", "title": "", "slug": "no-title", "html": "<p>Text.</p>", "status": "published"}
    export = {"db": [{"meta": {"version": "5.0.0"}, "data": {"posts": [post | {"published_at": "soon"}]}}]}
    with django_capture_on_commit_callbacks(execute=True):  # queued, not run: the database backend
        admin_client.post(
            "/admin/imports/",
            {"source": "ghost", "export_file": upload(Path("ghost.json"), content=json.dumps(export).encode())},
        )
    assert ImportRun.objects.get().state == "queued"
    run_due_tasks(timezone.now())  # the worker: no request, so no admin's language of its own

    page = admin_client.get(f"/admin/imports/{ImportRun.objects.get().pk}/").content.decode()
    assert "Дату публікації не вдалося прочитати: матеріал датовано сьогоднішнім днем." in page
    assert "could not be read" not in page
    article = ArticlePage.objects.get()
    assert article.title == "Untitled" and article.get_parent().title == "News"  # the English site's words
