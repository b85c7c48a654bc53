"""Fuzzing every public URL pattern with Hypothesis: generated path values, query strings, form bodies and
headers, GET and POST, the email-service webhooks included. No answer may be a server error or show a
traceback. Derandomised (a fixed seed from the test's name), so a failure reproduces on every run."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.livefeed.factories import create_news_item
from masthead.newsletters.factories import create_newsletter, make_subscriber

EXAMPLES = 2100  # at least 2,000 requests per run (one to two minutes on two idle cores)
PRIVATE = ("admin/", "django-admin/", "documents/")  # logged-in areas, tested by their own apps
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def route_templates(patterns=None, prefix=""):
    """Every public route as a template like "newsletters/<slug:slug>/subscribe/" (regex routes apart)."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from route_templates(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(PRIVATE) and "^" not in route:
            yield route


texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
nasty = st.sampled_from(["", "0", "-1", "99999999999999999999", "abc", "%", "..", "null", "<script>", "' OR 1=1"])
values = st.one_of(texts, nasty, st.integers(-(10**12), 10**12).map(str))
slugs = st.one_of(st.from_regex(r"\A[-a-zA-Z0-9_]{1,30}\Z"), nasty.filter(bool))
path_values = {
    "int": st.integers(0, 10**9).map(str),
    "slug": slugs,
    "str": st.one_of(slugs, st.from_regex(r"\A[^/?#\s]{1,60}\Z")),
}
params = st.dictionaries(
    st.one_of(st.sampled_from(["q", "page", "after", "section", "sort", "p", "next"]), texts), values, max_size=4
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT": st.sampled_from(["application/json", "text/html", "*/*", "garbage", ""]),
        "HTTP_IF_NONE_MATCH": st.one_of(texts, st.just('"abc"'), st.just("*")),
        "HTTP_IF_MODIFIED_SINCE": st.one_of(texts, st.just("Wed, 21 Oct 2015 07:28:00 GMT")),
        "HTTP_X_FORWARDED_FOR": st.one_of(texts, st.just("1.2.3.4, 5.6.7.8")),
        "HTTP_AUTHORIZATION": st.sampled_from(["Basic ZXNwOnMzY3JldA==", "Basic !!!", "Bearer x", ""]),
        "HTTP_ACCEPT_LANGUAGE": st.sampled_from(["uk", "en-US,en;q=0.5", "zz", ";;;"]),
        "HTTP_RANGE": st.sampled_from(["bytes=0-10", "bytes=-5", "bytes=abc", "items=1-2"]),
    },
)
form_fields = st.dictionaries(
    st.one_of(
        st.sampled_from(["email", "website", "next", "source", "newsletters", "token", "password", "confirm"]), texts
    ),
    values,
    max_size=5,
)
raw_bodies = st.one_of(st.binary(max_size=200), texts.map(str.encode), st.just(b'{"RecordType": "Bounce"}'))


@st.composite
def requests(draw, routes, pages):
    if draw(st.integers(0, 9)) == 0:  # a Wagtail page, real or made up
        path = draw(st.one_of(st.sampled_from(pages), slugs.map(lambda slug: f"/{slug}/")))
    else:
        route = draw(st.sampled_from(routes))
        path = "/" + CONVERTER.sub(lambda match: draw(path_values.get(match[1] or "str", path_values["str"])), route)
    method = draw(st.sampled_from(["GET", "GET", "POST", "HEAD"]))
    body = None
    if method == "POST":
        body = draw(st.one_of(form_fields, raw_bodies))
    return method, path, draw(params), body, draw(headers)


@pytest.fixture
def public_site(db, newsroom):
    newsletter = create_newsletter("morning-briefing", "The Morning Briefing", "Five stories.")
    make_subscriber("reader@example.com", newsletter)
    create_news_item("Bridge reopens", "Crews finished overnight.")
    return [page.url for page in newsroom["articles"]] + ["/", "/politics/", "/business/"]


@pytest.mark.slow
@override_settings(
    MASTHEAD_NEWSLETTER_WEBHOOK_ESP="postmark",
    ANYMAIL={"WEBHOOK_SECRET": "esp:s3cret"},
    MASTHEAD_NEWSLETTER_SIGNUPS_PER_CLIENT=10_000,
)
def test_no_public_url_answers_a_server_error_to_anything(public_site):
    routes = sorted(set(route_templates()))
    assert len(routes) > 40
    client = Client(raise_request_exception=False)
    seen = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(requests(routes, public_site))
    def fuzz(request):
        method, path, query, body, extra = request
        if method == "POST" and isinstance(body, bytes):
            response = client.post(path, body, content_type="application/json", QUERY_STRING=_query(query), **extra)
        elif method == "POST":
            response = client.post(path, body, QUERY_STRING=_query(query), **extra)
        else:
            response = client.generic(method, path, QUERY_STRING=_query(query), **extra)
        seen.append(path)
        content = b"" if getattr(response, "streaming", False) else response.content
        assert response.status_code < 500, (method, path, query, body, extra, response.status_code)
        assert b"Traceback (most recent call last)" not in content, (method, path)

    fuzz()
    assert len(seen) >= 2000


def _query(query):
    from urllib.parse import urlencode

    return urlencode(query)
