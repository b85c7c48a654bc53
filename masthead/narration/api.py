"""What other apps may ask of narration (syndication uses it for JSON-LD AudioObject; imports and the demo publish
many articles without asking for their audio at the editors' priority)."""

from contextlib import contextmanager

from wagtail.signals import page_published

from .models import Narration


def narration_for(page):
    """The READY narration of an article, or None.

    The object has audio_url, duration_seconds (float), size_bytes (int),
    mime_type ("audio/mpeg"), voice (str), updated_at, timings.
    """
    if page is None or getattr(page, "pk", None) is None:
        return None
    cached = getattr(page, "_narration_ready", False)
    if cached is not False:
        return cached
    # Audio becoming ready or being withdrawn bumps the site generation (services.purge_article), so the
    # answer is kept for the generation: the article page asks on every request.
    from django.core.cache import cache

    from masthead.core.cache import generation

    key = f"masthead:narration-ready:{page.pk}:{generation()}"
    found = cache.get(key)
    if found is None:
        narration = Narration.objects.ready().filter(article_id=page.pk).first()
        cache.set(key, (narration,), 3600)
    else:
        narration = found[0]
    page._narration_ready = narration
    return narration


def narrations_for(pages):
    """{article pk: READY narration} for many articles in one query (for feeds and listings)."""
    ids = [page.pk for page in pages if getattr(page, "pk", None) is not None]
    return {narration.article_id: narration for narration in Narration.objects.ready().filter(article_id__in=ids)}


def queue_narration(pages):
    """Queue the narration of these published articles at low priority (behind what editors publish).

    For bulk work such as an import: articles whose audio is current are
    skipped, and mail is never delayed (narration has its own queue). Returns how many were queued.
    """
    from .services import queue_narration as queue

    return queue(pages)


@contextmanager
def narration_held_back():
    """While many articles are published at once (an import, the demo), publishing does not queue their narration
    at the editors' priority: the caller asks for it afterwards with `queue_narration`, behind what editors publish.
    """
    from masthead.articles.models import ArticlePage

    from .signals import narrate_on_publish

    page_published.disconnect(narrate_on_publish, sender=ArticlePage)
    try:
        yield
    finally:
        page_published.connect(narrate_on_publish, sender=ArticlePage)
