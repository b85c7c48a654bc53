"""Fixtures every app's tests share: a small newsroom, a browser, and a real SMTP server."""

import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached navigation and picks must not leak from one test's database to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsroom(db):
    """A site with two sections, three contributors (one a desk) and four published articles."""
    from masthead.articles import factories as f
    from masthead.articles.models import Contributor

    home = f.make_site()
    politics = f.make_section(home, "Politics")
    business = f.make_section(home, "Business")
    olena = f.make_contributor("Olena Marchenko", role="Kyiv correspondent")
    mark = f.make_contributor("Mark Ellison", role="Economics editor")
    desk = f.make_contributor("The Masthead news desk", kind=Contributor.Kind.DESK)
    articles = [
        f.make_article(
            politics,
            "Parliament passes the budget",
            [olena, mark],
            published_at=f.hours_ago(5),
            standfirst="Lawmakers approved spending after a night of debate.",
        ),
        f.make_article(politics, "Mayor opens new bridge", [desk], published_at=f.hours_ago(4)),
        f.make_article(business, "Grain exports rise again", [mark], published_at=f.hours_ago(3)),
        f.make_article(business, "Startups find new investors", [olena], published_at=f.hours_ago(2)),
    ]
    return {
        "home": home,
        "sections": {"politics": politics, "business": business},
        "contributors": {"olena": olena, "mark": mark, "desk": desk},
        "articles": articles,
    }


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    # Playwright's sync API runs an event loop in this thread; the Django ORM
    # calls the tests make around it are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every message it receives."""
    from masthead.core.testing import RecordingSMTPServer

    server = RecordingSMTPServer()
    server.start()
    yield server
    server.stop()
