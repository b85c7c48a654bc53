"""Reader-facing views: the full feed, an item's own page, and the updates endpoint open pages poll."""

import re
from itertools import groupby

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import parse_etags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from masthead.core.middleware import newsroom_settings
from masthead.core.templatetags.newsroom import format_moment
from masthead.syndication.head import view_meta

from . import conf, updates
from .models import NewsItem

# More pinned items than this is no longer "on top" but a second feed.
MAX_PINNED = 10
POSITION = re.compile(r"^(\d{1,18})_(\d{1,18})$")


def position_of(item):
    """The "Load more" cursor just after `item`: its time and id (two items can share a time)."""
    return f"{updates.to_cursor(item.published_at)}_{item.pk}"


def parse_position(raw):
    match = POSITION.match(raw or "")
    try:
        if match:
            return updates.from_cursor(int(match[1])), int(match[2])
    except OverflowError:
        pass
    raise updates.BadCursor(_("This “Load more” link is not valid."))


@require_safe
def news_feed(request):
    """/news-feed/: every published item, newest first, in days, pinned items on top of the first page."""
    before = request.GET.get("before")
    items = NewsItem.objects.published().in_edition().for_display().newest_first()
    pinned = []
    if before is not None:
        try:
            published_at, pk = parse_position(before)
        except updates.BadCursor as error:
            return render(request, "livefeed/bad_cursor.html", {"message": str(error)}, status=400)
        # Pinned items live at the top of the first page, not in the stream.
        items = items.filter(pinned=False).before(published_at, pk)
    else:
        pinned = list(items.filter(pinned=True)[:MAX_PINNED])
        items = items.filter(pinned=False)
    size = conf.FEED_PAGE_SIZE
    page = list(items[: size + 1])
    next_url = None
    if len(page) > size:
        page = page[:size]
        next_url = f"{reverse('livefeed:feed')}?before={position_of(page[-1])}"
    days = [
        {"date": day, "label": format_moment(day, "day"), "items": list(day_items)}
        for day, day_items in groupby(page, key=lambda item: timezone.localtime(item.published_at).date())
    ]
    return render(
        request,
        "livefeed/feed.html",
        {
            "pinned": pinned,
            "days": days,
            "before": before,
            "next_url": next_url,
            "today": timezone.localdate(),
            "cursor": updates.to_cursor(timezone.now()),
            "poll_interval_ms": int(conf.POLL_INTERVAL * 1000),
            "meta": feed_meta(request, before, pinned + page),
        },
    )


def feed_meta(request, before, items):
    """The first page is the canonical LiveBlogPosting; "Load more" pages stay out of search engines."""
    newsroom = newsroom_settings(request)
    description = _("The latest news from %(name)s, as it happens.") % {"name": newsroom.name}
    canonical = request.build_absolute_uri(reverse("livefeed:feed"))
    meta = view_meta(request, title=_("News Feed"), description=description, canonical="" if before else canonical)
    if before is not None:
        meta.robots = "noindex, follow"
    else:
        meta.json_ld.append(live_blog_posting(request, items))
    meta.feeds.append(
        (_("News Feed (RSS)"), "application/rss+xml", request.build_absolute_uri(reverse("livefeed:rss")))
    )
    return meta.uses("news-feed")


def live_blog_posting(request, items):
    """schema.org LiveBlogPosting for the feed page, each item a liveBlogUpdate."""
    newsroom = newsroom_settings(request)
    ordered = sorted(items, key=lambda item: (item.published_at, item.pk), reverse=True)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": request.build_absolute_uri(reverse("livefeed:feed")),
        "url": request.build_absolute_uri(reverse("livefeed:feed")),
        "headline": _("%(newsroom)s: News Feed") % {"newsroom": newsroom.name},
        "description": _("The latest news from %(newsroom)s, as it happens.") % {"newsroom": newsroom.name},
        "publisher": {"@type": "Organization", "name": newsroom.name},
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": item.headline,
                "datePublished": item.published_at.isoformat(),
                "dateModified": max(item.published_at, item.last_published_at or item.published_at).isoformat(),
                "articleBody": item.text,
                "url": request.build_absolute_uri(item.get_absolute_url()),
            }
            for item in ordered
        ],
    }
    if ordered:
        data["coverageStartTime"] = ordered[-1].published_at.isoformat()
        data["dateModified"] = ordered[0].published_at.isoformat()
    return data


@require_safe
def news_item(request, pk, slug):
    """An item's own page, for sharing: /news-feed/<id>-<slug>/ (an old slug redirects)."""
    item = get_object_or_404(NewsItem.objects.published().in_edition().for_display(), pk=pk)
    if slug != item.slug:
        return redirect(item.get_absolute_url(), permanent=True)
    return render(
        request,
        "livefeed/item_page.html",
        # An item is in one edition: the language switcher leads to the other edition's front page.
        {"item": item, "today": timezone.localdate(), "meta": item_meta(request, item), "edition_only": True},
    )


def item_meta(request, item):
    """An item's page is shared as an article of its own."""
    url = request.build_absolute_uri(item.get_absolute_url())
    return view_meta(
        request, title=item.headline, description=Truncator(item.text).chars(200), canonical=url, og_type="article"
    ).uses("sidebar")


def updates_json(request):
    """updates.json?after=<cursor>: what changed since the cursor, the same answer for every reader.

    No cookies, no user: an ETag and a few seconds of public caching let a CDN
    (or the browser's own cache, with If-None-Match) absorb the polling. A
    matching If-None-Match costs no database query while the feed is quiet.
    """
    if request.method not in ("GET", "HEAD"):
        return _json_error(_("Use GET."), status=405)
    until = updates.last_change()
    raw = request.GET.get("after")
    try:
        after = until if raw is None else updates.parse_cursor(raw)
    except updates.BadCursor as error:
        return _json_error(str(error))
    etag = updates.etag_for(after, until, translation.get_language())
    if _etag_matches(request, etag):
        response = HttpResponseNotModified()
    else:
        body = updates.answer_body(after, until, etag, lambda: newsroom_time_zone(request))
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={conf.UPDATES_MAX_AGE}"
    return response


def newsroom_time_zone(request):
    return newsroom_settings(request).time_zone or settings.MASTHEAD_DEFAULT_TIME_ZONE


def _etag_matches(request, etag):
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    # A CDN that compresses may weaken our ETag (W/"…"); If-None-Match compares weakly.
    wanted = etag.removeprefix("W/")
    return any(tag == "*" or tag.removeprefix("W/") == wanted for tag in parse_etags(header))


def _json_error(message, status=400):
    response = JsonResponse({"error": message}, status=status)
    # The same bad cursor always gets the same answer.
    response["Cache-Control"] = "public, max-age=300"
    return response
