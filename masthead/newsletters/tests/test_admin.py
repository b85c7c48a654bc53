"""What editors see and do in the admin: newsletters with counts, editions (preview, test, send, progress),
subscribers (filter, CSV export, CSV import with consent), growth chart, suppression list."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Edition, Subscriber, Subscription


@pytest.fixture
def editor(db):
    call_command("setup_roles")
    user = User.objects.create_user("ed", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def writer(db):
    call_command("setup_roles")
    user = User.objects.create_user("wr", "wr@example.com", "pw")
    user.groups.add(Group.objects.get(name="Writers"))
    return user


@pytest.fixture
def readers(newsletter):
    make_subscriber("a@example.com", newsletter)
    make_subscriber("b@example.com", newsletter)
    make_subscriber("c@example.com", newsletter, Subscription.State.PENDING)
    weekly = create_newsletter("weekly", "The Weekly Explainer", "One big story.")
    make_subscriber("a@example.com", weekly, Subscription.State.UNSUBSCRIBED)
    return weekly


@pytest.mark.django_db
def test_newsletters_list_shows_counts_per_newsletter(client, editor, newsletter, readers):
    client.force_login(editor)
    html = client.get("/admin/newsletter/").content.decode()
    assert "The Morning Briefing" in html and "The Weekly Explainer" in html
    row = html[html.index("The Morning Briefing") :].split("</tr>")[0]
    assert [cell.split(">")[-1].strip() for cell in row.split("</td>")[3:6]] == ["2", "1", "0"]


@pytest.mark.django_db
def test_subscribers_filter_by_newsletter_and_state_and_export_csv(client, editor, newsletter, readers):
    client.force_login(editor)
    pending = client.get(f"/admin/subscription/?newsletter={newsletter.pk}&state=pending").content.decode()
    assert "c@example.com" in pending and "a@example.com" not in pending

    export = client.get(f"/admin/subscription/?newsletter={newsletter.pk}&state=confirmed&export=csv")
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert sorted(row["email"] for row in rows) == ["a@example.com", "b@example.com"]
    assert {row["newsletter"] for row in rows} == {"The Morning Briefing"}
    assert list(rows[0])[2:] == [
        "state",
        "signed_up_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_form",
        "consent_page",
        "consent_note",
    ]


@pytest.mark.django_db
def test_the_subscribers_csv_writes_times_in_iso_8601_to_the_second_as_the_send_report_does(client, editor, newsletter):
    with time_machine.travel(datetime(2026, 3, 1, 5, 6, 7, 890123, tzinfo=UTC), tick=False):
        make_subscriber("a@example.com", newsletter)
    client.force_login(editor)
    export = client.get("/admin/subscription/?export=csv")
    [row] = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert row["signed_up_at"] == row["confirmed_at"] == row["consent_at"] == "2026-03-01T05:06:07+00:00"
    assert row["unsubscribed_at"] == ""


@pytest.mark.django_db
def test_import_confirms_only_when_consent_is_stated(client, editor, newsletter, readers, mailserver):
    client.force_login(editor)

    def upload(text, **fields):
        data = {"file": SimpleUploadedFile("list.csv", text.encode()), "newsletter": newsletter.pk, **fields}
        return client.post("/admin/newsletters-tools/import/", data)

    response = upload("email\nNew.One@Example.com\nnot-an-address\nb@example.com\n")
    assert response.status_code == 302
    assert Subscription.objects.get(subscriber__email="new.one@example.com").state == "pending"
    assert not mailserver.messages  # no confirmation emails unless asked for

    # Consent stated, but not how: refused, nothing changes.
    refused = upload("fresh@example.com\n", consent_given="on")
    assert "Say how consent was given" in refused.content.decode()
    assert not Subscriber.objects.filter(email="fresh@example.com").exists()

    upload("fresh@example.com\nnew.one@example.com\n", consent_given="on", consent_note="Reader event sheets, May")
    fresh = Subscription.objects.get(subscriber__email="fresh@example.com")
    assert fresh.state == "confirmed"
    assert fresh.consent_form == "import" and fresh.consent_note == "Reader event sheets, May (imported by ed)"
    assert Subscription.objects.get(subscriber__email="new.one@example.com").state == "confirmed"

    # Someone who unsubscribed stays unsubscribed, whatever the import says.
    upload("a@example.com\n", consent_given="on", consent_note="old list")
    assert Subscription.objects.get(subscriber__email="a@example.com", newsletter=readers).state == "unsubscribed"

    upload("ask@example.com\n", send_confirmations="on")
    assert [m["to"] for m in mailserver.messages] == [["ask@example.com"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [b"email\n" + b"x" * 200_000 + b"@example.com\n", b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + bytes(range(256)) * 8],
    ids=["a field over the csv module's limit", "a spreadsheet's own format"],
)
def test_import_of_a_file_that_is_not_csv_says_so(client, editor, newsletter, content):
    client.force_login(editor)

    response = client.post(
        "/admin/newsletters-tools/import/",
        {"file": SimpleUploadedFile("list.csv", content), "newsletter": newsletter.pk},
    )

    assert response.status_code == 200
    assert (
        "This file cannot be read as CSV. Save it from your spreadsheet as “CSV” and upload that file."
        in response.content.decode()
    )
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_an_import_too_large_to_finish_while_the_page_waits_is_refused_whole(client, editor, newsletter):
    client.force_login(editor)
    addresses = "".join(f"reader{number}@example.com\n" for number in range(5001))

    response = client.post(
        "/admin/newsletters-tools/import/",
        {"file": SimpleUploadedFile("list.csv", f"email\n{addresses}".encode()), "newsletter": newsletter.pk},
    )

    assert response.status_code == 200
    assert (
        "This file has 5001 addresses: up to 5000 are imported at a time, so that the import ends before the page "
        "stops waiting for it. Split the file into parts of 5000 rows and import each."
    ) in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_import_reads_a_file_with_old_mac_line_ends(client, editor, newsletter):
    client.force_login(editor)

    response = client.post(
        "/admin/newsletters-tools/import/",
        {
            "file": SimpleUploadedFile("list.csv", b"email\rone@example.com\rtwo@example.com\r"),
            "newsletter": newsletter.pk,
        },
        follow=True,
    )

    assert "Imported: 0 confirmed, 2 waiting for confirmation, 0 unchanged, 0 invalid addresses skipped." in (
        response.content.decode()
    )
    assert sorted(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        "one@example.com",
        "two@example.com",
    ]


@pytest.mark.django_db
def test_import_reads_a_file_excel_saved_as_windows_1252_and_says_so(client, editor, newsletter):
    # Excel on Windows saves "CSV" in Windows-1252: read as UTF-8, müller.de became m\ufffdller.de, an invalid
    # address, and the reader was lost without a word.
    client.force_login(editor)

    def upload(content):
        data = {"file": SimpleUploadedFile("list.csv", content), "newsletter": newsletter.pk}
        return client.post("/admin/newsletters-tools/import/", data, follow=True)

    excel = "name,email\r\nJörg Müller,joerg@müller.de\r\nZoë,zoe@example.com\r\n".encode("cp1252")
    html = upload(excel).content.decode()
    assert "Imported: 0 confirmed, 2 waiting for confirmation, 0 unchanged, 0 invalid addresses skipped." in html
    assert "The file was not saved as UTF-8, so it was read as Windows-1252" in html
    assert sorted(Subscription.objects.values_list("subscriber__email", flat=True)) == [
        "joerg@müller.de",
        "zoe@example.com",
    ]

    # UTF-8, with the BOM Excel writes for "CSV UTF-8": read as it is, and nothing said about encodings.
    html = upload("\ufeffemail\nanna@bücher.de\n".encode()).content.decode()
    assert "Imported: 0 confirmed, 1 waiting for confirmation, 0 unchanged, 0 invalid addresses skipped." in html
    assert "Windows-1252" not in html
    assert Subscriber.objects.filter(email="anna@bücher.de").exists()

    # Bytes that are neither are refused whole rather than read into other addresses.
    html = upload(b"email\nanna@example.com\nx\x81\x8d@example.com\n").content.decode()
    assert "This file is in neither UTF-8 nor Windows-1252" in html and "“CSV UTF-8”" in html
    assert not Subscriber.objects.filter(email="anna@example.com").exists()


@pytest.mark.django_db
def test_import_keeps_the_whole_consent_record_within_its_column(client, editor, newsletter):
    # The note is stored with " (imported by ed)" after it, in a 255-character column: a note of the
    # form's full 255 characters once lost who imported it, silently cut off.
    client.force_login(editor)

    def upload(note):
        return client.post(
            "/admin/newsletters-tools/import/",
            {
                "file": SimpleUploadedFile("list.csv", b"email\nfresh@example.com\n"),
                "newsletter": newsletter.pk,
                "consent_given": "on",
                "consent_note": note,
            },
        )

    refused = upload("n" * 255)
    assert refused.status_code == 200
    assert "Keep this note to 238 characters, so that it fits with who imported it." in refused.content.decode()
    assert not Subscription.objects.exists()

    assert upload("n" * 238).status_code == 302
    record = Subscription.objects.get().consent_note
    assert record == "n" * 238 + " (imported by ed)" and len(record) == 255


@pytest.mark.django_db
def test_overview_has_counts_and_a_growth_chart(client, editor, newsletter, readers):
    Subscription.objects.filter(subscriber__email="b@example.com").update(
        confirmed_at=timezone.now() - timedelta(days=10)
    )
    client.force_login(editor)
    html = client.get("/admin/newsletters-tools/overview/").content.decode()
    assert "The Morning Briefing: confirmed subscribers, last 90 days" in html
    assert "<polyline points=" in html and 'role="img"' in html
    table = html[html.index("The last 14 days as a table") :]
    assert "<td>2</td>" in table  # both confirmed readers are counted today


@pytest.mark.django_db
def test_edition_preview_test_send_and_send_now_with_progress(
    client, editor, newsroom, newsletter, readers, mailserver
):
    client.force_login(editor)
    edition = make_edition(newsletter, "Budget night", body=["Good evening.", newsroom["articles"][0]])

    page = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/send/").content.decode()
    assert "It will go to 2 confirmed subscribers." in page
    assert f'src="/admin/newsletters-tools/editions/{edition.pk}/preview/"' in page
    preview = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/preview/")
    assert "Parliament passes the budget" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"

    # An address mail cannot carry (over 254 characters) is refused on the form, with what was typed kept.
    too_long = "x" * 300 + "@example.com"
    refused = client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "test", "address": too_long}
    ).content.decode()
    assert "Please enter a valid email address." in refused and f'value="{too_long}"' in refused
    client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "test", "address": "Ed@Example.com"}
    )
    assert [m["message"]["Subject"] for m in mailserver.messages] == ["[Test] Budget night"]
    assert mailserver.messages[0]["to"] == ["ed@example.com"]

    asked = client.post(f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "send_now"})
    question = asked.content.decode()
    assert "Send The Morning Briefing to 2 subscribers now?" in question and "Yes, send to 2 subscribers" in question
    assert Edition.objects.get(pk=edition.pk).state == "draft" and len(mailserver.messages) == 1

    client.post(f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "send_now", "confirmed": "1"})
    assert Edition.objects.get(pk=edition.pk).state == "sent"
    assert sorted(m["to"][0] for m in mailserver.messages[1:]) == ["a@example.com", "b@example.com"]
    progress = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/progress/").json()
    assert (progress["sent"], progress["total"], progress["deferred"], progress["failed"]) == (2, 2, 0, 0)
    done = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/send/").content.decode()
    assert 'data-count="sent">2</strong> / <span data-count="total">2</span>' in done
    assert "Send now" not in done and "Sent at " in done and "Open the send report" in done
    assert progress["label"].startswith("Sent at ")


@pytest.mark.django_db
def test_an_edition_that_can_no_longer_be_sent_says_so_instead_of_promising_a_send(client, editor, newsletter, readers):
    client.force_login(editor)
    edition = make_edition(newsletter, "Monday briefing")
    url = f"/admin/newsletters-tools/editions/{edition.pk}/send/"
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.HELD, approve_by=timezone.now() + timedelta(hours=1)
    )
    waiting = client.get(url).content.decode()
    assert "It will go to 2 confirmed subscribers." in waiting and "Send now to 2 subscribers" in waiting

    # Past its deadline, before the drop task has run: it cannot be approved any more.
    Edition.objects.filter(pk=edition.pk).update(approve_by=timezone.now() - timedelta(minutes=1))
    expired = client.get(url).content.decode()
    assert "Nobody approved this edition before its deadline, so it will not be sent" in expired
    assert "It will go to" not in expired and "Send now" not in expired and "Send it before" not in expired

    edition.drop_if_unapproved()
    dropped = client.get(url).content.decode()
    assert "Not approved by its deadline, so it was not sent." in dropped
    assert "This edition was not sent and can no longer be: copy it to send its content." in dropped
    assert "It will go to" not in dropped and "Send now" not in dropped


@pytest.mark.django_db
def test_scheduling_from_the_admin(client, editor, newsletter, readers):
    client.force_login(editor)
    edition = make_edition(newsletter)
    url = f"/admin/newsletters-tools/editions/{edition.pk}/send/"
    past = client.post(url, {"action": "schedule", "send_at": "2001-01-01T09:00"})
    assert "Choose a time in the future" in past.content.decode()
    mistyped = client.post(url, {"action": "schedule", "send_at": "9999-12-31T09:00"})
    assert "That is more than a year away: please check the year." in mistyped.content.decode()
    assert Edition.objects.get(pk=edition.pk).state == "draft"
    client.post(
        url, {"action": "schedule", "send_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}
    )
    edition.refresh_from_db()
    assert edition.state == "scheduled" and edition.scheduled_at > timezone.now()
    client.post(url, {"action": "unschedule"})
    assert Edition.objects.get(pk=edition.pk).state == "draft"


@pytest.mark.django_db
def test_writers_compose_but_cannot_send(client, writer, newsletter, readers):
    client.force_login(writer)
    assert client.get("/admin/edition/new/").status_code == 200
    edition = make_edition(newsletter)
    page = client.get(f"/admin/newsletters-tools/editions/{edition.pk}/send/")
    assert page.status_code == 200 and "Send now" not in page.content.decode()
    refused = client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "send_now", "confirmed": "1"}
    )
    assert refused.status_code in (302, 403)  # Wagtail turns "permission denied" into a redirect with a message
    assert Edition.objects.get(pk=edition.pk).state == "draft"
    assert client.get("/admin/subscription/").status_code in (302, 403)  # no subscriber data for writers


@pytest.mark.django_db
def test_editions_list_and_editor(client, editor, newsletter):
    client.force_login(editor)
    edition = make_edition(newsletter, "Weekly wrap")
    listing = client.get("/admin/edition/").content.decode()
    assert "Weekly wrap" in listing and "Preview and send" in listing
    assert client.get(f"/admin/edition/edit/{edition.pk}/").status_code == 200
    assert client.get(f"/admin/edition/?state=draft&newsletter={newsletter.pk}").status_code == 200


@pytest.mark.django_db
def test_suppression_list_shows_bounces_and_lets_editors_add_and_lift(client, editor, newsletter, readers):
    Subscriber.objects.get(email="a@example.com").suppress(Subscriber.Suppression.BOUNCED, "550 5.1.1 unknown user")
    client.force_login(editor)
    html = client.get("/admin/newsletters-tools/suppressions/").content.decode()
    assert "a@example.com" in html and "Bounced" in html and "550 5.1.1 unknown user" in html
    assert "b@example.com" not in html

    client.post("/admin/newsletters-tools/suppressions/", {"email": "B@example.com", "note": "asked by phone"})
    assert Subscriber.objects.get(email="b@example.com").suppressed_reason == "manual"
    a = Subscriber.objects.get(email="a@example.com")
    client.post("/admin/newsletters-tools/suppressions/", {"lift": a.pk})
    a.refresh_from_db()
    assert not a.is_suppressed


@pytest.mark.django_db
def test_suppression_search_ignores_a_null_character(client, editor, newsletter, readers):
    # PostgreSQL refuses a NUL in a query's text (a 500); it is invisible, and reads as a space.
    Subscriber.objects.get(email="a@example.com").suppress(Subscriber.Suppression.BOUNCED, "550 5.1.1 unknown user")
    client.force_login(editor)

    response = client.get("/admin/newsletters-tools/suppressions/", {"q": "\x00a@example"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="a@example"' in html and "550 5.1.1 unknown user" in html


@pytest.mark.django_db
def test_in_ukrainian_a_newsletter_issue_and_a_language_edition_have_their_own_words(client, editor, newsletter):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    client.force_login(editor)
    make_edition(newsletter, "Monday")

    # "edition" names both; in Ukrainian a newsletter's issue is «випуск», the language edition «видання».
    editions = client.get("/admin/edition/").content.decode()
    assert "<title>Випуски - " in editions and "1 випуск" in editions and "Додати випуск" in editions
    assert "идання" not in editions
    newsletters = client.get("/admin/newsletter/").content.decode()
    assert "Назва" in newsletters and "Видання" in newsletters and "Ім’я" not in newsletters
    form = client.get(f"/admin/newsletter/edit/{newsletter.pk}/").content.decode()
    assert "<span data-panel-heading-text>Назва</span>" in form
    assert "<span data-panel-heading-text>Видання</span>" in form
