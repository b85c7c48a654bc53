"""Fixtures for the newsletter tests: a newsletter, a real SMTP server wired into Django, link helpers."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

from masthead.newsletters.factories import create_newsletter


@pytest.fixture(autouse=True)
def fresh_caches():
    # The per-client sign-up counter and the newsroom's settings live in the cache: every test starts from nothing.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_postal_address_needed(settings):
    # The rule (no send before the newsroom's postal address is set) has its own tests in test_edition_email.py.
    settings.MASTHEAD_NEWSLETTER_REQUIRE_POSTAL_ADDRESS = False


@pytest.fixture(autouse=True)
def one_mail_connection(settings):
    # In-process tests run inside one uncommitted transaction, which extra
    # sending threads could not see; the threaded path is tested with a real
    # worker process (test_worker_processes.py).
    settings.MASTHEAD_NEWSLETTER_CONNECTIONS = 1


@pytest.fixture
def newsletter(db):
    return create_newsletter(
        "morning-briefing",
        "The Morning Briefing",
        "The five stories you need before breakfast, every weekday.",
        cadence="Every weekday",
        sender_name="Masthead Morning",
        sender_email="morning@news.example.com",
        welcome_text="Welcome aboard. Your first briefing arrives tomorrow at 7 a.m.",
    )


@pytest.fixture
def mailserver(smtp_server):
    """The real aiosmtpd server from the shared fixture, with Django sending to it."""
    with override_settings(**smtp_server.settings()):
        yield smtp_server


def links_in(message):
    """Every http(s) link in a received message's plain-text part."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    return re.findall(r"https?://[^\s<>\"]+", text)


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def link_to(message, fragment):
    for url in links_in(message):
        if fragment in url:
            return path_of(url)
    raise AssertionError(f"No link containing {fragment!r} in {links_in(message)}")


def html_of(message):
    return message.get_body(preferencelist=("html",)).get_content()


class LinkList(HTMLParser):
    """The links of a page as a screen reader's list of links gives them: each one's name (its text, and the alt
    text of a picture inside it) and where it leads, in reading order."""

    def __init__(self, html):
        super().__init__()
        self.links, self.open = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.open = [[], attrs.get("href", "")]
        elif tag == "img" and self.open:
            self.open[0].append(attrs.get("alt") or "")

    def handle_data(self, data):
        if self.open:
            self.open[0].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self.open:
            words, href = self.open
            self.links.append((" ".join(" ".join(words).split()), href))
            self.open = None
