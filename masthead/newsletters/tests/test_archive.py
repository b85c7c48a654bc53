"""A newsletter's past editions on the site: what went to every subscriber, newest first, each opening its web
version, beside the newsletter's sign-up form; nothing that was not sent, and nothing when the editors say so."""

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import feedparser
import pytest

from masthead.articles.factories import make_ukrainian_edition
from masthead.core.tests.test_page_cache import RecordingPurger
from masthead.newsletters.admin_views import start_edition
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Edition, Subscription

from .conftest import LinkList

ARCHIVE = "/newsletters/morning-briefing/editions/"


def edition_in(newsletter, subject, state, day=None, preheader=""):
    edition = make_edition(newsletter, subject, preheader=preheader, body=[f"<p>Inside: {subject}.</p>"])
    started = datetime(2026, 12, day, 5, 0, tzinfo=UTC) if day else None
    Edition.objects.filter(pk=edition.pk).update(state=state, started_at=started)
    return edition


def subjects_listed(html):
    return re.findall(r'class="edition-list__subject" href="[^"]+">([^<]+)</a>', html)


@pytest.mark.django_db
def test_past_editions_lists_what_was_sent_newest_first_and_each_opens_its_web_version(client, newsletter):
    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7, preheader="Budget night, and a bridge.")
    edition_in(newsletter, "Saturday’s briefing", Edition.State.SENT, day=5)
    edition_in(newsletter, "A draft nobody sent", Edition.State.DRAFT)
    edition_in(newsletter, "Waiting for an editor", Edition.State.HELD, day=8)
    edition_in(newsletter, "Dropped at the deadline", Edition.State.DROPPED, day=6)
    edition_in(newsletter, "Going out right now", Edition.State.SENDING, day=8)

    answer = client.get(ARCHIVE)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "<title>The Morning Briefing: past editions | " in html
    assert subjects_listed(html) == ["Monday’s briefing", "Saturday’s briefing"]
    assert "December 7, 2026" in html and "Budget night, and a bridge." in html  # the date in Kyiv, the preheader

    web_version = re.findall(r'class="edition-list__subject" href="([^"]+)"', html)[0]
    opened = client.get(web_version)
    assert opened.status_code == 200 and "Inside: Monday’s briefing." in opened.content.decode()
    # Anyone may open it: its footer says what it is and offers the sign-up, not "You receive … because you signed up".
    footer = opened.content.decode()
    assert "This is the web version of The Morning Briefing, a newsletter from" in footer
    assert "because you signed up" not in footer and "Unsubscribe" not in footer
    assert re.search(r'<a href="[^"]*/newsletters/"[^>]*>Sign up for The Morning Briefing</a>', footer)

    # The newsletter's sign-up form is beside the list, and brings a reader without JavaScript back here, thanked.
    assert 'action="/newsletters/morning-briefing/subscribe/"' in html
    signed_up = client.post(
        "/newsletters/morning-briefing/subscribe/",
        {"email": "reader@example.com", "next": ARCHIVE, "source": "past editions"},
    )
    assert signed_up.status_code == 303 and signed_up["Location"].startswith(f"{ARCHIVE}?subscribed=morning-briefing")
    assert Subscription.objects.filter(subscriber__email="reader@example.com", newsletter=newsletter).exists()
    thanked = client.get(signed_up["Location"]).content.decode()
    assert "Thank you for signing up for this newsletter." in thanked


@pytest.mark.django_db
def test_no_past_editions_where_there_are_none_to_show(client, newsletter):
    assert "No edition has been sent yet." in client.get(ARCHIVE).content.decode()
    assert client.get("/newsletters/no-such-newsletter/editions/").status_code == 404
    assert client.get(f"{ARCHIVE}?page=abc").status_code == 200  # a hand-edited address is still a page

    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7)
    newsletter.show_archive = False  # the editors keep the editions to subscribers
    newsletter.save()
    assert client.get(ARCHIVE).status_code == 404
    newsletter.show_archive, newsletter.active = True, False  # a newsletter no longer offered
    newsletter.save()
    assert client.get(ARCHIVE).status_code == 404


@pytest.mark.django_db
def test_each_edition_lists_its_own_newsletters_past_editions(client, newsroom):
    make_ukrainian_edition(newsroom)
    from wagtail.models import Locale

    ranok = create_newsletter("ranok", "Ранок", "Головне за ніч.", locale=Locale.objects.get(language_code="uk"))
    edition_in(ranok, "Ранок, 7 грудня", Edition.State.SENT, day=7)

    assert client.get("/newsletters/ranok/editions/").status_code == 404  # not a newsletter of the English edition
    html = client.get("/uk/newsletters/ranok/editions/").content.decode()
    assert subjects_listed(html) == ["Ранок, 7 грудня"]
    assert "7 грудня 2026" in html and "Попередні випуски" in html
    # Neither the language switcher nor an hreflang alternate offers the same address in English: it is a 404.
    assert 'href="/newsletters/ranok/editions/"' not in html and "/newsletters/ranok/editions/" not in html.replace(
        "/uk/newsletters/ranok/editions/", ""
    )


@pytest.mark.django_db
def test_the_newsletters_page_links_to_past_editions_only_where_there_are_some(client, newsletter):
    create_newsletter("weekend-reads", "Weekend Reads", "Long reads for the weekend.")
    html = client.get("/newsletters/").content.decode()
    assert "/editions/" not in html

    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7)
    html = client.get("/newsletters/").content.decode()
    assert f'<a href="{ARCHIVE}">Past editions<span class="visually-hidden">: The Morning Briefing</span></a>' in html
    assert "/newsletters/weekend-reads/editions/" not in html


@pytest.mark.django_db
def test_past_editions_can_be_followed_by_rss(client, newsletter):
    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7, preheader="Budget night, and a bridge.")
    edition_in(newsletter, "Saturday’s briefing", Edition.State.SENT, day=5)
    edition_in(newsletter, "A draft nobody sent", Edition.State.DRAFT)
    page = client.get(ARCHIVE).content.decode()
    feed_url = f"{ARCHIVE}rss/"
    assert f'href="{feed_url}">Follow by RSS</a>' in page
    assert f'title="The Morning Briefing: past editions (RSS)" href="http://testserver{feed_url}"' in page

    answer = client.get(feed_url)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(answer.content)
    assert feed.feed.title == "The Morning Briefing: past editions"
    assert [entry.title for entry in feed.entries] == ["Monday’s briefing", "Saturday’s briefing"]
    assert feed.entries[0].summary == "Budget night, and a bridge."
    opened = client.get(feed.entries[0].link.removeprefix("http://testserver"))
    assert opened.status_code == 200 and "Inside: Monday’s briefing." in opened.content.decode()
    # Anyone may open it: its footer says what it is and offers the sign-up, not "You receive … because you signed up".
    footer = opened.content.decode()
    assert "This is the web version of The Morning Briefing, a newsletter from" in footer
    assert "because you signed up" not in footer and "Unsubscribe" not in footer
    assert re.search(r'<a href="[^"]*/newsletters/"[^>]*>Sign up for The Morning Briefing</a>', footer)

    newsletter.show_archive = False
    newsletter.save()
    assert client.get(feed_url).status_code == 404


@pytest.mark.django_db
def test_the_web_version_leads_to_its_editions_front_page_and_sign_up(client, newsroom, newsletter):
    # The newsroom's name on the web version was plain text, and a Ukrainian edition's "Sign up" led to the English
    # newsletters page, which does not offer a Ukrainian newsletter.
    from wagtail.models import Locale

    make_ukrainian_edition(newsroom)
    ranok = create_newsletter("ranok", "Ранок", "Головне за ніч.", locale=Locale.objects.get(language_code="uk"))
    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7)
    edition_in(ranok, "Ранок, 7 грудня", Edition.State.SENT, day=7)
    for archive, front_page, slug in (
        (ARCHIVE, "/", "morning-briefing"),
        ("/uk/newsletters/ranok/editions/", "/uk/", "ranok"),
    ):
        listed = client.get(archive).content.decode()
        (web_version,) = re.findall(r'class="edition-list__subject" href="([^"]+)"', listed)
        links = LinkList(client.get(web_version).content.decode()).links
        assert links[0] == ("The Masthead", front_page)
        assert client.get(front_page).status_code == 200
        # Its sign-up link (the last) leads to the newsletters page that offers this newsletter.
        sign_up = client.get(urlsplit(links[-1][1]).path).content.decode()
        assert f'name="newsletters" value="{slug}"' in sign_up


@pytest.mark.django_db
def test_a_sent_edition_shows_in_the_past_editions_at_once(
    client, newsroom, newsletter, mailserver, settings, django_capture_on_commit_callbacks
):
    # A front-end cache kept the past editions, their feed and the newsletters page for MASTHEAD_PAGE_S_MAXAGE
    # seconds (and served them stale for longer): readers did not see a newly sent edition there until then.
    settings.MASTHEAD_PAGE_CACHE = "on"
    settings.MASTHEAD_NEWSLETTER_BATCH_SIZE = 1  # the edition goes out in several batches, by several senders
    settings.MASTHEAD_NEWSLETTER_SENDERS = 3
    for number in range(3):
        make_subscriber(f"reader{number}@example.com", newsletter)
    edition_in(newsletter, "Monday’s briefing", Edition.State.SENT, day=7)
    pages = ["/newsletters/", ARCHIVE, f"{ARCHIVE}rss/"]
    for page in pages:
        before = client.get(page)
        # Not kept by the origin, so fresh there; but public for a front-end cache to keep a while.
        assert "X-Cache" not in before and "s-maxage" in before["Cache-Control"], page
    assert subjects_listed(client.get(ARCHIVE).content.decode()) == ["Monday’s briefing"]

    with RecordingPurger() as purger:
        settings.WAGTAILFRONTENDCACHE = {
            "http": {"BACKEND": "masthead.core.purge.HTTPBackend", "LOCATION": f"http://127.0.0.1:{purger.port}"}
        }
        with django_capture_on_commit_callbacks(execute=True):
            edition = make_edition(newsletter, "Budget night", body=[newsroom["articles"][0]])
            assert start_edition(edition)
            edition.refresh_from_db()
            assert edition.state == Edition.State.SENT and len(mailserver.messages) == 3
            edition.finish_if_done()  # a late sender's check finds it sent: nothing more to refresh
        purged = [path for _host, path in purger.requests]
    # Each page that lists it once for the edition, not once per batch or per sender.
    assert sorted(purged) == sorted([*pages, f"{ARCHIVE}?page=1"])
    assert subjects_listed(client.get(ARCHIVE).content.decode()) == ["Budget night", "Monday’s briefing"]
    assert "Budget night" in client.get(f"{ARCHIVE}rss/").content.decode()
    assert f'href="{ARCHIVE}"' in client.get("/newsletters/").content.decode()

    # A Ukrainian newsletter's pages are the Ukrainian edition's.
    from wagtail.models import Locale

    make_ukrainian_edition(newsroom)
    ranok = create_newsletter("ranok", "Ранок", "Головне за ніч.", locale=Locale.objects.get(language_code="uk"))
    make_subscriber("chytach@example.com", ranok)
    with RecordingPurger() as purger:
        settings.WAGTAILFRONTENDCACHE["http"]["LOCATION"] = f"http://127.0.0.1:{purger.port}"
        with django_capture_on_commit_callbacks(execute=True):
            assert start_edition(make_edition(ranok, "Бюджетна ніч", body=["Добрий вечір."]))
        purged = [path for _host, path in purger.requests]
    archive = "/uk/newsletters/ranok/editions/"
    assert sorted(purged) == sorted(["/uk/newsletters/", archive, f"{archive}?page=1", f"{archive}rss/"])
    assert subjects_listed(client.get(archive).content.decode()) == ["Бюджетна ніч"]
