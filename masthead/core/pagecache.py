"""The origin page cache: anonymous reader pages served from memory (or Redis) before URL routing.

Every anonymous page is the same for every reader, so PageCacheMiddleware
keeps each answer, compressed once with Brotli and gzip, under its host, path
and normalised query, and serves it again without a database query or a
template until the site changes. Publishing, unpublishing, moving or deleting
a page, a change to Editors' Picks, newsletters or a site setting, and audio
becoming ready or withdrawn bump the site generation (masthead.core.cache),
which retires every stored answer in every process at once; a few URLs (the
news feed's) are also dropped one by one. Answers expire after
MASTHEAD_PAGE_S_MAXAGE seconds anyway, so the live-feed sidebar is never older
than a CDN would keep it; `?page=` tails and search after
MASTHEAD_PAGE_CACHE_SHORT_TTL.

Never cached: other methods than GET and HEAD, requests with a session cookie
(logged-in users, editors' previews) or credentials, the admin, answers that
are not public (Cache-Control private/no-store), that set a cookie, that
stream, or that are server errors. A hit carries `X-Cache: hit`, a strong
ETag and Last-Modified, and answers 304 to a matching conditional request.

We wrote this rather than use wagtail-cache: its 3.0 release requires
Wagtail < 8, it caches only Wagtail page views (not the contributor pages,
feeds and sitemaps, which are plain Django views), after URL routing and the
session and auth middleware have run, and it stores bodies uncompressed.
Compression lives here too (not in Django's GZipMiddleware, which has no
Brotli and would compress every hit again).
"""

import gzip
import hashlib
import time
from urllib.parse import parse_qsl, urlencode

import brotli
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from .cache import generation

CACHE_ALIAS = "pages"
# Paths that are never pages for everyone: the admin, static and media files
# (WhiteNoise and the web server serve them), per-reader newsletter links,
# the dev outbox and the polling endpoint, which has its own ETag cache.
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/healthz",
    "/newsletters/",
    "/outbox/",
    "/news-feed/updates.json",
)
SHORT_PREFIXES = ("/search/",)
# Tracking parameters change nothing on the page.
IGNORED_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid"}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss", "application/atom")
COMPRESSIBLE_SUFFIXES = ("+xml", "+json", "javascript")
MIN_COMPRESS = 200
# What a hit sends again: the answer's own headers, including those that middleware
# inside this one added (X-Frame-Options), which does not run on a hit. (The
# Content-Security-Policy middleware sits outside and runs on hits too.)
KEPT_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Location",
    "X-Robots-Tag",
    "Content-Language",
    "Link",
    "X-Frame-Options",
)


def page_cache():
    """The "pages" cache, or the default one where settings define no "pages" alias."""
    return caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]


def enabled():
    return str(getattr(settings, "MASTHEAD_PAGE_CACHE", "on")).lower() not in ("off", "0", "false", "no")


def normalised_query(request):
    params = [
        (key, value)
        for key, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if key not in IGNORED_PARAMS and not key.startswith("utm_")
    ]
    return urlencode(sorted(params))


def cache_key(host, path, query=""):
    raw = f"{host}{path}?{query}"
    return "masthead:page:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def key_for_request(request):
    return cache_key(request.get_host(), request.path, normalised_query(request))


def unprefixed(path):
    """The path without its edition's language prefix: /uk/news-feed/ is the news feed like /news-feed/."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def anonymous_reader_request(request):
    """A GET or HEAD of a reader page by someone not logged in: the same answer for everyone."""
    if request.method not in ("GET", "HEAD"):
        return False
    if unprefixed(request.path).startswith(SKIP_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return True


def accepted_encoding(request):
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "").lower()
    # Any q=0 refusal is rare enough to ignore; browsers send "gzip, deflate, br".
    if "br" in [part.split(";")[0].strip() for part in accepted.split(",")]:
        return "br"
    if "gzip" in accepted:
        return "gzip"
    return ""


def compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and len(response.content) >= MIN_COMPRESS
        and (content_type.startswith(COMPRESSIBLE) or content_type.endswith(COMPRESSIBLE_SUFFIXES))
    )


def compress(body, encoding):
    if encoding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


def storable(request, response):
    if response.streaming or response.cookies or response.status_code >= 500:
        return False
    if response.status_code not in (200, 203, 301, 302, 404, 410):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "public" not in cache_control or "private" in cache_control or "no-store" in cache_control:
        return False
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
    return vary <= {"cookie", "accept-encoding"}


def ttl_for(request):
    if unprefixed(request.path).startswith(SHORT_PREFIXES) or "page" in request.GET:
        return settings.MASTHEAD_PAGE_CACHE_SHORT_TTL
    return settings.MASTHEAD_PAGE_S_MAXAGE


class PageCacheMiddleware:
    """Serves and stores anonymous pages (see the module docstring). Goes near the top of MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = page_cache()

    def __call__(self, request):
        if not anonymous_reader_request(request):
            return self.get_response(request)
        if not enabled():
            return compress_response(request, self.get_response(request))
        key = key_for_request(request)
        current = generation()
        entry = self.cache.get(key)
        if entry is not None and entry["generation"] == current:
            return answer(request, entry, "hit")
        response = self.get_response(request)
        if not storable(request, response):
            return compress_response(request, response)
        entry = make_entry(response, current, replaces=entry)
        self.cache.set(key, entry, ttl_for(request))
        return answer(request, entry, "miss")


def make_entry(response, current, replaces=None):
    body = response.content
    last_modified = int(time.time())
    if replaces is not None:
        # Last-Modified counts whole seconds: a page re-rendered in the second its old copy
        # was made must still read as newer, or If-Modified-Since would answer 304 for it.
        last_modified = max(last_modified, replaces["last_modified"] + 1)
    entry = {
        "generation": current,
        "status": response.status_code,
        "headers": [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)],
        "etag": '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"',
        "last_modified": last_modified,
        "identity": None,
        "gzip": None,
        "br": None,
    }
    if compressible(response):
        # Compressed once here; every hit sends these bytes as they are.
        entry["gzip"] = compress(body, "gzip")
        entry["br"] = compress(body, "br")
    else:
        entry["identity"] = body
    return entry


def answer(request, entry, state):
    """A response built from a stored entry: 304 when the client already has it."""
    etag, last_modified = entry["etag"], entry["last_modified"]
    if not_modified(request, etag, last_modified) and entry["status"] == 200:
        response = HttpResponseNotModified()
    else:
        encoding = accepted_encoding(request) if entry["identity"] is None else ""
        if entry["identity"] is not None:
            body = entry["identity"]
        elif encoding:
            body = entry[encoding]
        else:
            body = gzip.decompress(entry["gzip"])
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        if encoding:
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        if request.method == "HEAD":
            response.content = b""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    for name, value in entry["headers"]:
        if name == "Cache-Control":
            response[name] = value
    response["X-Cache"] = state
    patch_vary_headers(response, ["Accept-Encoding", "Cookie"])
    return response


def not_modified(request, etag, last_modified):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        # Weak comparison: a proxy that compresses may have weakened our tag.
        wanted = etag.removeprefix("W/")
        return any(tag.strip() in ("*", wanted) for tag in if_none_match.replace("W/", "").split(","))
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since


def compress_response(request, response):
    """Compresses an anonymous answer that is not stored (or all of them with the cache off).

    Only anonymous reader pages are compressed: a page holding a secret (a CSRF
    token, a subscriber's address) next to reflected input would be open to
    BREACH-style guessing.
    """
    if request.method == "HEAD" or not compressible(response):
        return response
    encoding = accepted_encoding(request)
    patch_vary_headers(response, ["Accept-Encoding"])
    if not encoding:
        return response
    response.content = compress(response.content, encoding)
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(response.content))
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response["ETag"] = "W/" + etag
    return response


def drop_urls(urls):
    """Forgets the stored answers of these absolute URLs (their query-less form) in the origin cache."""
    from urllib.parse import urlsplit

    keys = []
    for url in urls:
        parts = urlsplit(url)
        keys.append(cache_key(parts.netloc, parts.path or "/"))
    page_cache().delete_many(keys)
