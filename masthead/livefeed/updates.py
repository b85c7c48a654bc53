"""What open pages need to stay current: the feed's "last change" time, cursors, and the changes since one.

A cursor for updates.json is the time of a change, as whole microseconds since
1970 (UTC). Every reader who is up to date holds the same cursor, so they all
ask for the same URL and a CDN can answer nearly all of them.
"""

import hashlib
import json
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Max, Q
from django.db.models.functions import Greatest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from masthead.core.i18n import current_locale_id
from masthead.core.templatetags.newsroom import format_moment

from . import conf
from .models import NewsItem, NewsItemRemoval

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
STATE_KEY = "livefeed:last-change"
# Bump when the JSON or the item template changes shape, so old ETags stop matching.
FORMAT_VERSION = "1"


class BadCursor(ValueError):
    """A cursor no server of ours could have given out."""


def to_cursor(moment):
    return (moment - EPOCH) // timedelta(microseconds=1)


def from_cursor(value):
    return EPOCH + timedelta(microseconds=value)


def parse_cursor(raw, now=None):
    """The moment a client's `after=` stands for; BadCursor (with a message for the client) if it is no good."""
    raw = (raw or "").strip()
    if raw.startswith("-") and raw[1:].isdigit():
        raise BadCursor(_("The cursor cannot be negative."))
    if not raw.isdigit() or not raw.isascii():
        raise BadCursor(_("The cursor must be the number a previous answer gave as “cursor”."))
    now = now or timezone.now()
    # A cursor is about seventeen digits; checking the length first keeps int() from refusing thousands of them.
    if len(raw) > 20 or int(raw) > to_cursor(now + timedelta(seconds=conf.CURSOR_CLOCK_SKEW)):
        raise BadCursor(_("The cursor is in the future."))
    return from_cursor(int(raw))


def last_change():
    """When readers' copies of the feed last went out of date (EPOCH if never).

    The latest of: an item saved, a scheduled item's time coming, an item
    deleted. Kept in the cache for a second: the answer for thousands of polls.
    """
    moment = cache.get(STATE_KEY)
    if moment is not None:
        return moment
    now = timezone.now()
    candidates = [
        NewsItem.objects.filter(changed_at__lte=now).aggregate(m=Max("changed_at"))["m"],
        NewsItem.objects.filter(live=True, published_at__lte=now).aggregate(m=Max("published_at"))["m"],
        NewsItemRemoval.objects.filter(removed_at__lte=now).aggregate(m=Max("removed_at"))["m"],
    ]
    moment = max([value for value in candidates if value is not None], default=EPOCH)
    cache.set(STATE_KEY, moment, conf.STATE_CACHE_SECONDS)
    return moment


def forget_state():
    cache.delete(STATE_KEY)


def etag_for(after, until, language=""):
    """Names one answer: the same cursor, feed state and edition give the same bytes for every reader."""
    key = f"{FORMAT_VERSION}|{conf.UPDATES_LIMIT}|{to_cursor(after)}|{to_cursor(until)}|{language}"
    return '"lf-' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'


def answer_body(after, until, etag, time_zone):
    """The JSON bytes of changes(after, until), made once per web process and state.

    Every up-to-date reader asks the same question at about the same time, so
    the answer is kept (for as long as browsers may keep it) under its ETag.
    """
    key = f"livefeed:answer:{etag}"
    body = cache.get(key)
    if body is None:
        # Times in the items read in the newsroom's zone ("12:08 PM"); `time_zone`
        # is a function so that a cached answer costs no settings lookup.
        with timezone.override(time_zone()):
            body = json.dumps(changes(after, until), separators=(",", ":"), ensure_ascii=False).encode()
        cache.set(key, body, max(conf.UPDATES_MAX_AGE, conf.STATE_CACHE_SECONDS))
    return body


def changes(after, until):
    """{"cursor", "items", "removed", "more"}: what changed in (after, until], as a page should apply it.

    An item that is live and due by `until` is sent whole (its HTML as the
    sidebar and the feed page show it); one that was unpublished, deleted or
    rescheduled into the future is listed in "removed".
    """
    limit = conf.UPDATES_LIMIT
    # Items of the other edition (or moved to it) are "removed" for this one's readers.
    locale_id = current_locale_id()
    touched = (
        NewsItem.objects.filter(
            Q(changed_at__gt=after, changed_at__lte=until) | Q(published_at__gt=after, published_at__lte=until),
            changed_at__isnull=False,  # never public: no reader has it, nothing to tell
        )
        .for_display()
        .annotate(touched=Greatest("changed_at", "published_at"))
        .order_by("-touched", "-pk")
    )
    touched = list(touched[: limit + 1])
    more = len(touched) > limit
    touched = touched[:limit]
    removed = set(
        NewsItemRemoval.objects.filter(removed_at__gt=after, removed_at__lte=until).values_list("item_id", flat=True)
    )
    today = timezone.localdate()
    items = []
    for item in touched:
        if item.live and item.published_at <= until and item.locale_id == locale_id:
            items.append(item_payload(item, today))
        else:
            removed.add(item.pk)
    return {
        # The feed's own time of last change, even when the reader's cursor was
        # later (a page's render time): nothing changed in between, and readers
        # who hold the same cursor ask for the same, cacheable URL.
        "cursor": str(to_cursor(until)),
        "items": items,
        "removed": sorted(removed),
        "more": more,
    }


def item_payload(item, today=None):
    today = today or timezone.localdate()
    day = timezone.localtime(item.published_at).date()
    return {
        "id": item.pk,
        "version": str(to_cursor(item.changed_at)),
        "published": str(to_cursor(item.published_at)),
        "published_at": timezone.localtime(item.published_at).isoformat(timespec="seconds"),
        "pinned": item.pinned,
        "day": day.isoformat(),
        "day_label": format_moment(day, "day"),
        "url": item.get_absolute_url(),
        "headline": item.headline,
        "html": render_to_string("livefeed/includes/item.html", {"item": item, "today": today}).strip(),
    }
