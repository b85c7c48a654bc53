"""The search page: articles and news feed items ranked together, filtered by section, paginated."""

import logging
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from masthead.articles.models import ArticlePage, SectionPage
from masthead.core.i18n import current_locale_id, language_code
from masthead.core.middleware import newsroom_settings
from masthead.core.pagination import paginate
from masthead.syndication.head import view_meta

from . import conf
from .ranking import ranked_matches
from .suggest import did_you_mean
from .word_forms import SPELT_WORD, UKRAINIAN, cyrillic_spellings, fold_apostrophes, highlight_terms

logger = logging.getLogger(__name__)

# The words of a query, apostrophes inside them included («з'їзд», "Mar'iana"; word_forms.py). Other
# punctuation is left out before the query reaches the search engine: quotes, dashes and stars mean something
# to SQLite's FTS5 and PostgreSQL's tsquery syntax, and a reader typing them means nothing by it.
WORD = SPELT_WORD
DATE_FIELDS = {"article": "first_published_at", "news": "published_at"}
SORTS = {"relevance": gettext_lazy("Relevance"), "newest": gettext_lazy("Newest")}


@dataclass
class Hit:
    """One match before it is loaded for display: what it is, how well it matched, and when it was published."""

    kind: str  # "article" or "news"
    pk: int
    score: float
    published: datetime | None
    item: object = None
    snippet: str = ""


def news_item_model():
    """The live feed's NewsItem, or None before the live-feed app provides it."""
    try:
        from masthead.livefeed.models import NewsItem
    except ImportError:
        return None
    return NewsItem


def clean_query(raw):
    """The query as the reader meant it: printable characters, single spaces, at most MAX_QUERY_LENGTH long."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    return " ".join(text.split())[: conf.MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The query's words, a Ukrainian word's apostrophe written ʼ as it is indexed: «з’їзд» is «зʼїзд»."""
    return " ".join(fold_apostrophes(word) for word in WORD.findall(query))


def latin_edition():
    """Whether the reader's edition is written in Latin letters (English), where a Cyrillic query word is also
    searched for in its Latin spelling: the Ukrainian edition's stories are indexed with theirs (word_forms.py)."""
    return language_code() != UKRAINIAN


def search(request):
    """/search/?q=…&section=…&sort=…&page=…"""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    site = Site.find_for_request(request)
    sections = SectionPage.objects.live().public().filter(locale_id=current_locale_id()).order_by("path")
    sections = list(sections)
    section = next((s for s in sections if s.slug == request.GET.get("section")), None)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"

    hits, failed, suggestion = [], False, ""
    if terms:
        try:
            hits = find(terms, site, section, sort)
        except DatabaseError:
            # Never an error page for a query; the log says what went wrong.
            logger.exception("Search failed for %r", terms)
            failed = True
        if not hits and not failed:
            suggestion = suggest(query, site, section)
    results = paginate(request, hits, conf.PER_PAGE)
    marked = load(results.object_list, terms.split())

    if query:
        title = _("Search results for “%(query)s”") % {"query": query}
    else:
        title = _("Search")
    # Search results stay out of search engines.
    meta = view_meta(
        request,
        title=title,
        description=_("Search the articles and the news feed of %(name)s.") % {"name": newsroom_settings(request).name},
        noindex=True,
    ).uses("search", "sidebar")
    response = render(
        request,
        "search/search_page.html",
        {
            "query": query,
            "terms": marked,
            "section_choices": sections,
            "section": section,
            "sort": sort,
            "sorts": SORTS,
            "results": results,
            "total": len(hits),
            "failed": failed,
            "suggestion": suggestion,
            "max_length": conf.MAX_QUERY_LENGTH,
            "meta": meta,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def suggest(query, site, section):
    """A spelling of the words of `query` that finds something (“Kharkiv” for “Kharkov”), or "".

    The words go to did_you_mean() as the reader typed them, so those it keeps are shown as they were typed.
    """
    try:
        return did_you_mean(
            WORD.findall(query), lambda better: bool(find(search_terms(better), site, section, "relevance"))
        )
    except DatabaseError:
        logger.exception("Search suggestion failed for %r", query)
        return ""


def find(terms, site, section, sort):
    """Hits for `terms`, best first (or newest first): every word must match, or failing that any word."""
    # The reader's edition only: Ukrainian pages search the Ukrainian articles and news.
    articles = ArticlePage.objects.published().in_edition()
    if section is not None:
        articles = articles.descendant_of(section)
    querysets = {"article": articles}
    NewsItem = news_item_model()
    if NewsItem is not None and section is None:  # news feed items belong to no section
        querysets["news"] = NewsItem.objects.published().in_edition()
    for operator in ("and", "or"):
        with transaction.atomic():
            matches = ranked_matches(terms, operator, querysets, conf.MAX_RESULTS, latin=latin_edition())
        if matches or len(terms.split()) == 1:
            break
    hits = [Hit(match.kind, match.pk, match.score, None) for match in matches]
    if sort == "newest":
        for kind, queryset in querysets.items():
            wanted = [hit for hit in hits if hit.kind == kind]
            dates = dict(queryset.filter(pk__in=[hit.pk for hit in wanted]).values_list("pk", DATE_FIELDS[kind]))
            for hit in wanted:
                hit.published = dates.get(hit.pk)
        hits.sort(key=lambda hit: (hit.published is not None, hit.published), reverse=True)
    return hits


def load(hits, terms):
    """Fetch what the results page shows for this page of hits only, in a fixed number of queries.

    Returns the words to mark in it: `terms` (the query's words) and what they matched (word_forms.py).
    """
    article_ids = [hit.pk for hit in hits if hit.kind == "article"]
    news_ids = [hit.pk for hit in hits if hit.kind == "news"]
    articles = ArticlePage.objects.filter(pk__in=article_ids).for_listing().in_bulk() if article_ids else {}
    NewsItem = news_item_model()
    news = NewsItem.objects.in_bulk(news_ids) if news_ids and NewsItem else {}
    shown = []  # (hit, its headline and byline, the texts its snippet is taken from)
    for hit in hits:
        if hit.kind == "article":
            hit.item = articles.get(hit.pk)
            if hit.item is not None:
                item = hit.item
                names = " ".join(credit.contributor.name for credit in item.byline.all())
                shown.append((hit, [item.title, names], [item.standfirst, item.search_description, item.body_text]))
        else:
            hit.item = news.get(hit.pk)
            if hit.item is not None:
                shown.append((hit, [hit.item.headline], [hit.item.body_html or hit.item.body]))
    latin = latin_edition()
    marked = highlight_terms(terms, latin=latin)
    if not latin:
        # A Latin word matched the Latin spelling of Ukrainian words («Харкові» for "Kharkiv", «Марченко» on the
        # byline for "Marchenko"): mark those.
        marked += cyrillic_spellings(terms, [text for _hit, heading, texts in shown for text in [*heading, *texts]])
    for hit, _heading, texts in shown:
        hit.snippet = snippet(texts, marked)
    return marked


def snippet(texts, terms, words=36):
    """The first of `texts` that mentions a search word, cut to about `words` words around the first mention."""
    lowered = [fold_apostrophes(term.lower()) for term in terms]
    for text in texts:
        plain = " ".join(strip_tags(text or "").split())
        # Folding keeps every character where it is: «з’їзд» is found, as «зʼїзд», at the same place.
        found = [fold_apostrophes(plain.lower()).find(term) for term in lowered]
        found = [position for position in found if position >= 0]
        if found:
            before = plain[: min(found)].split()
            start = max(0, len(before) - words // 3)
            cut = plain.split()[start : start + words]
            return ("… " if start else "") + " ".join(cut) + (" …" if start + words < len(plain.split()) else "")
    first = next((text for text in texts if text), "")
    return Truncator(" ".join(strip_tags(first).split())).words(words)
