"""What readers may read of the editions: each one's web version (the email as subscribers got it, for readers
whose mail client shows it badly) and a newsletter's past editions on the site."""

from math import ceil

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from masthead.core.i18n import language_of
from masthead.core.pagination import paginate
from masthead.core.purge import purge_urls
from masthead.syndication.head import view_meta

from . import conf
from .emails import PreparedEdition, edition_date, web_path, web_token_matches
from .forms import THANKS, SignupForm, thanked_slugs
from .models import Edition, Newsletter

ARCHIVE_PER_PAGE = 20


def edition_web(request, pk, token):
    edition = get_object_or_404(Edition.objects.select_related("newsletter"), pk=pk)
    if not web_token_matches(edition, token) or edition.state == Edition.State.DROPPED:
        raise Http404
    response = HttpResponse(PreparedEdition(edition, web=True).preview_html())
    # Personal links are replaced by harmless ones in this copy; it carries no script.
    response["Content-Security-Policy"] = "script-src 'none'"
    response["X-Robots-Tag"] = "noindex"
    return response


ARCHIVE_FEED_ITEMS = 20


def sent_editions(slug):
    """The newsletter of the reader's edition whose past editions readers may see (404 otherwise), and those
    editions, newest first."""
    newsletter = get_object_or_404(
        Newsletter.objects.active().in_edition().select_related("host"), slug=slug, show_archive=True
    )
    sent = newsletter.editions.filter(state=Edition.State.SENT).order_by(F("started_at").desc(nulls_last=True), "-pk")
    return newsletter, sent


def past_editions_title(newsletter):
    """The page's title and its feed's."""
    return _("%(name)s: past editions") % {"name": newsletter.name}


class PastEditionsFeed(Feed):
    """RSS 2.0 of a newsletter's past editions, for readers who follow it in a feed reader rather than by email."""

    def get_object(self, request, slug):
        return sent_editions(slug)

    def title(self, found):
        return past_editions_title(found[0])

    def description(self, found):
        return found[0].description

    def link(self, found):
        return reverse("newsletters:past_editions", args=[found[0].slug])

    def feed_url(self, found):
        return reverse("newsletters:past_editions_feed", args=[found[0].slug])

    def items(self, found):
        return found[1][:ARCHIVE_FEED_ITEMS]

    def item_title(self, edition):
        return edition.subject

    def item_description(self, edition):
        return edition.preheader

    def item_link(self, edition):
        return web_path(edition)

    def item_pubdate(self, edition):
        return edition.started_at


def past_editions(request, slug):
    """The editions a newsletter of this edition has sent, newest first, each opening its web version, beside the
    newsletter's sign-up form: a reader sees what they would get before signing up.

    Only what went to every subscriber is listed (never a draft, a test or an edition held or dropped), and only
    for a newsletter that offers sign-ups and whose editors leave *Show past editions on the site* on.
    """
    newsletter, sent = sent_editions(slug)
    editions = paginate(request, sent, ARCHIVE_PER_PAGE)
    for edition in editions:
        edition.web_path = web_path(edition)
        edition.date = edition_date(edition)
    title = past_editions_title(newsletter)
    meta = view_meta(request, title=title, description=newsletter.description).uses("newsletter-signup")
    feed = request.build_absolute_uri(reverse("newsletters:past_editions_feed", args=[newsletter.slug]))
    meta.feeds.append((_("%(name)s: past editions (RSS)") % {"name": newsletter.name}, "application/rss+xml", feed))
    return render(
        request,
        "newsletters/archive.html",
        {
            "newsletter": newsletter,
            "editions": editions,
            "form": SignupForm(),
            "thanked": thanked_slugs(request),
            "thanks": THANKS,
            "meta": meta,
            # A newsletter belongs to one edition: the switcher leads to the other's front page, not to a 404.
            "edition_only": True,
        },
    )


def pages_listing_editions(newsletter):
    """Absolute addresses of the reader pages that list `newsletter`'s sent editions, in its own edition (/uk/… for
    a Ukrainian one): the newsletters page (its "Past editions" link), each page of the past editions, and their
    feed."""
    sent = newsletter.editions.filter(state=Edition.State.SENT).count()
    with translation.override(language_of(newsletter.locale_id)):
        archive = reverse("newsletters:past_editions", args=[newsletter.slug])
        paths = [
            reverse("newsletters:index"),
            archive,
            # A new edition moves one edition from each page on to the next.
            *[f"{archive}?page={number}" for number in range(1, max(1, ceil(sent / ARCHIVE_PER_PAGE)) + 1)],
            reverse("newsletters:past_editions_feed", args=[newsletter.slug]),
        ]
    return [conf.base_url() + path for path in paths]


def edition_sent(edition):
    """An edition has gone to every subscriber: the pages that list past editions show it at once.

    The origin page cache never keeps /newsletters/ pages (pagecache.SKIP_PREFIXES), but a front-end cache may
    keep them MASTHEAD_PAGE_S_MAXAGE seconds and serve them stale for longer still, so it is told to drop them.
    """
    if edition.newsletter.show_archive:
        purge_urls(pages_listing_editions(edition.newsletter))
