"""Click tracking through our own signed redirect, opt-in opens, unsafe links, and the send report with its CSV."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import make_edition, make_subscriber
from masthead.newsletters.models import Click, Edition, Open, Subscriber, Subscription

from .conftest import html_of, links_in, path_of

OUTSIDE = "https://data.example.org/report?year=2026&page=2"


@pytest.fixture
def readers(newsletter):
    return [make_subscriber(f"reader{n}@example.com", newsletter) for n in range(3)]


def send(newsletter, newsroom):
    article = newsroom["articles"][0]
    body = [f'<p>Read <a href="{OUTSIDE.replace("&", "&amp;")}">the full report</a> first.</p>', article]
    edition = make_edition(newsletter, "Budget night", body=body)
    assert start_edition(edition)
    edition.refresh_from_db()
    return edition, article


def tracked_links(message):
    """{anchor text: tracked path} from the HTML part."""
    html = html_of(message)
    return {
        re.sub(r"<[^>]+>", "", text).strip(): path_of(url)
        for url, text in re.findall(r'<a\s[^>]*href="([^"]+/newsletters/c/[^"]+)"[^>]*>(.*?)</a>', html, re.S)
    }


def text_links_of(message):
    return [url.rstrip(")") for url in links_in(message)]  # links are written "text (url)"


def copy_for(mailserver, address):
    return next(m["message"] for m in mailserver.messages if m["to"] == [address])


@pytest.mark.django_db
def test_a_tracked_link_redirects_to_the_original_and_counts_once_per_reader_and_link(
    client, newsroom, newsletter, readers, mailserver
):
    edition, article = send(newsletter, newsroom)
    first = tracked_links(copy_for(mailserver, "reader0@example.com"))
    assert set(first) == {
        "the full report",
        "Parliament passes the budget",
        "View this edition in your browser",
    }
    # The plain-text part goes through the same redirects; the original address is nowhere in the copy.
    text_links = text_links_of(copy_for(mailserver, "reader0@example.com"))
    assert any("/newsletters/c/" in url for url in text_links) and OUTSIDE not in text_links

    response = client.get(first["the full report"])
    assert response.status_code == 302 and response["Location"] == OUTSIDE
    assert client.get(first["the full report"])["Location"] == OUTSIDE  # clicked twice…
    story = client.get(first["Parliament passes the budget"])
    assert story.status_code == 302 and story["Location"].endswith(article.url)
    second = tracked_links(copy_for(mailserver, "reader1@example.com"))
    assert second["the full report"] != first["the full report"]  # each copy has its own
    client.get(second["the full report"])

    clicks = {(c.link.url, c.delivery.subscriber.email): c.count for c in Click.objects.select_related("link")}
    assert clicks[(OUTSIDE, "reader0@example.com")] == 2  # …counted once per reader, with the total beside it
    assert clicks[(OUTSIDE, "reader1@example.com")] == 1
    assert len(clicks) == 3
    # Nothing personal in the link: neither the address nor the reader's key.
    subscriber = readers[0]
    assert subscriber.email not in first["the full report"] and subscriber.key.hex not in first["the full report"]


@pytest.mark.django_db
def test_a_forged_or_altered_link_answers_404_and_redirects_nowhere(client, newsroom, newsletter, readers, mailserver):
    send(newsletter, newsroom)
    path = tracked_links(copy_for(mailserver, "reader0@example.com"))["the full report"]
    token = path.split("/newsletters/c/")[1].strip("/")
    link, delivery, signature = token.split(".")
    other = tracked_links(copy_for(mailserver, "reader1@example.com"))["the full report"]
    other_delivery = other.split("/newsletters/c/")[1].split(".")[1]
    forged = [
        f"{link}.{delivery}.{signature[:-2]}xx",  # altered signature
        f"{link}.{other_delivery}.{signature}",  # someone else's copy, this copy's signature
        f"{int(link, 36) + 1:x}.{delivery}.{signature}",  # another link
        "not-a-token",
        "",
    ]
    for bad in forged:
        response = client.get(f"/newsletters/c/{bad}/")
        assert response.status_code == 404, bad
        assert "Location" not in response
    assert not Click.objects.exists()


@pytest.mark.django_db
def test_switching_tracking_off_leaves_links_untouched(client, newsroom, newsletter, readers, mailserver):
    newsletter.track_clicks = False
    newsletter.save()
    edition, article = send(newsletter, newsroom)
    message = copy_for(mailserver, "reader0@example.com")
    assert "/newsletters/c/" not in html_of(message)
    assert f'href="{OUTSIDE.replace("&", "&amp;")}"' in html_of(message)
    assert OUTSIDE in text_links_of(message)
    assert not edition.links.exists()


@pytest.mark.django_db
def test_opens_are_off_by_default_and_the_report_warns_when_they_are_on(
    admin_client, client, newsroom, newsletter, readers, mailserver
):
    edition, _article = send(newsletter, newsroom)
    assert "/newsletters/o/" not in html_of(copy_for(mailserver, "reader0@example.com"))
    report = admin_client.get(f"/admin/newsletters-tools/editions/{edition.pk}/report/").content.decode()
    assert "Opens are unreliable" not in report

    newsletter.track_opens = True
    newsletter.save()
    second, _article = send(newsletter, newsroom)
    message = next(m["message"] for m in mailserver.messages[3:] if m["to"] == ["reader2@example.com"])
    [pixel] = re.findall(r'<img src="([^"]+/newsletters/o/[^"]+)"', html_of(message))
    response = client.get(path_of(pixel))
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    client.get(path_of(pixel))
    assert Open.objects.filter(delivery__edition=second).count() == 1
    report = admin_client.get(f"/admin/newsletters-tools/editions/{second.pk}/report/").content.decode()
    assert "Opens are unreliable." in report and "privacy protection" in report


@pytest.mark.django_db
def test_a_link_with_an_unsafe_scheme_is_refused_and_nothing_is_sent(admin_client, newsletter, readers, mailserver):
    edition = make_edition(newsletter, "Bad link", body=['<p>Click <a href="javascript:alert(1)">here</a>.</p>'])
    response = admin_client.post(
        f"/admin/newsletters-tools/editions/{edition.pk}/send/", {"action": "send_now", "confirmed": "1"}, follow=True
    )
    assert "a link uses an address that cannot be sent (“javascript:alert(1)”)" in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).state == Edition.State.DRAFT
    assert not mailserver.messages
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Links must start with http, https, mailto or tel"):
        edition.full_clean()


@pytest.mark.django_db
def test_the_send_report_counts_over_time_and_exports_csv(
    admin_client, client, newsroom, newsletter, readers, mailserver
):
    make_subscriber("reader3@example.com", newsletter)
    replies = {"reader2@example.com": "550 5.1.1 No such user", "reader3@example.com": "451 4.3.0 Mailbox busy"}
    mailserver.refuse(lambda address: replies.get(address))
    edition, _article = send(newsletter, newsroom)
    links = tracked_links(copy_for(mailserver, "reader0@example.com"))
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        client.get(links["the full report"])
        client.get(links["Parliament passes the budget"])
        Subscription.objects.get(subscriber__email="reader1@example.com").unsubscribe()
        # reader0 marks it as spam (the ESP's complaint webhook suppresses the address).
        Subscriber.objects.get(email="reader0@example.com").suppress(Subscriber.Suppression.COMPLAINED)

    page = admin_client.get(f"/admin/newsletters-tools/editions/{edition.pk}/report/").content.decode()
    totals = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", page))
    assert totals["Delivered"] == "2" and totals["Failed"] == "1" and totals["Bounced"] == "1"
    assert totals["Deferred (will retry)"] == "1" and totals["Complained"] == "1"
    assert totals["Readers who clicked"] == "1" and totals["Unsubscribed"] == "1"
    assert "<svg" in page and "Readers who clicked: 1" in page

    response = admin_client.get(f"/admin/newsletters-tools/editions/{edition.pk}/report/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows[0]
    assert header[:3] == ["hour", "starting_at", "delivered"]
    hourly = {int(row[0]): dict(zip(header, row, strict=True)) for row in rows[1:49]}
    assert sum(int(row["delivered"]) for row in hourly.values()) == 2
    clicked_hours = [hour for hour, row in hourly.items() if row["clicks"] == "1"]
    assert clicked_hours in ([3], [2], [4])  # three hours after sending began (the hour boundary may fall between)
    assert sum(int(row["unsubscribed"]) for row in hourly.values()) == 1
    assert sum(int(row["complained"]) for row in hourly.values()) == 1
    assert sum(int(row["deferred"]) for row in hourly.values()) == 1
    link_rows = {row[0]: row[1:] for row in rows[51:]}
    assert link_rows[OUTSIDE] == ["1", "1"]
