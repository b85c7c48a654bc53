"""Findings of the trust review that readers and editors could trigger: formulas in the CSV export, crashes
on odd input in the editors' tools, confirmation emails to addresses that bounced or complained."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from masthead.newsletters.factories import make_subscriber
from masthead.newsletters.models import Subscriber, Subscription


@pytest.fixture
def editor(db):
    call_command("setup_roles")
    user = User.objects.create_user("ed", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.django_db
def test_a_formula_typed_into_the_sign_up_form_is_exported_as_text(client, editor, newsletter):
    client.post(
        f"/newsletters/{newsletter.slug}/subscribe/",
        {"email": "sly@example.com", "source": '=HYPERLINK("http://ev.il","Hi")'},
    )
    client.force_login(editor)
    export = client.get("/admin/subscription/?export=csv")
    [row] = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert row["email"] == "sly@example.com"
    assert row["consent_form"] == '\'=HYPERLINK("http://ev.il","Hi")'


@pytest.mark.django_db
def test_an_import_whose_first_line_is_blank_is_read_not_a_crash(client, editor, newsletter):
    client.force_login(editor)
    upload = SimpleUploadedFile("list.csv", b"\nemail\nfirst@example.com\n\nsecond@example.com\n")
    response = client.post("/admin/newsletters-tools/import/", {"file": upload, "newsletter": newsletter.pk})
    assert response.status_code == 302
    assert sorted(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        "first@example.com",
        "second@example.com",
    ]
    empty = client.post(
        "/admin/newsletters-tools/import/",
        {"file": SimpleUploadedFile("empty.csv", b"\n\n"), "newsletter": newsletter.pk},
        follow=True,
    )
    assert empty.status_code == 200 and "0 confirmed" in empty.content.decode()


@pytest.mark.django_db
def test_lifting_a_suppression_that_is_not_there_is_a_message_not_a_crash(client, editor):
    client.force_login(editor)
    for bad in ("abc", "999999", ""):
        response = client.post("/admin/newsletters-tools/suppressions/", {"lift": bad}, follow=True)
        assert response.status_code == 200
        assert "That address is no longer on the list." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("reason", [Subscriber.Suppression.BOUNCED, Subscriber.Suppression.COMPLAINED])
def test_no_confirmation_email_goes_to_an_address_that_bounced_or_complained(client, newsletter, mailserver, reason):
    make_subscriber("gone@example.com", newsletter, Subscription.State.UNSUBSCRIBED).suppress(reason, "550")
    answer = client.post(
        f"/newsletters/{newsletter.slug}/subscribe/", {"email": "gone@example.com"}, HTTP_ACCEPT="application/json"
    )
    assert answer.json()["ok"]  # the same answer as for anyone else
    client.post(f"/newsletters/{newsletter.slug}/subscribe/", {"email": "fine@example.com"})
    assert [m["to"] for m in mailserver.messages] == [["fine@example.com"]]


@pytest.mark.django_db
def test_a_sign_up_does_the_same_work_for_new_pending_and_known_addresses(client, newsletter, settings):
    """The timing finding, shown without timers: the request runs the same SQL whatever the address's history
    (the sign-up itself is done by a queued task)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
    make_subscriber("known@example.com", newsletter)
    make_subscriber("waiting@example.com", newsletter, Subscription.State.PENDING)

    def statements(email):
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(
                f"/newsletters/{newsletter.slug}/subscribe/", {"email": email}, HTTP_ACCEPT="application/json"
            )
        assert answer.json()["ok"]
        return [shape(query["sql"]) for query in queries.captured_queries]

    def shape(sql):  # the statement and its table, without values or savepoint names
        verb = sql.split(" ")[0]
        return verb if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK") else f"{verb} {sql.split(chr(34))[1]}"

    statements("warm-up@example.com")  # fills the caches (newsroom settings, the rate-limit counter)
    new, pending, known = (statements(e) for e in ("new@example.com", "waiting@example.com", "known@example.com"))
    assert new == pending == known
    assert not Subscriber.objects.filter(email="new@example.com").exists()  # stored by the worker, not the request
