"""Narration follows the article: publish asks for audio, unpublish and delete stop serving it."""

import contextlib
import logging
import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from masthead.articles.models import ArticlePage

from . import services
from .models import LexiconEntry, Narration

logger = logging.getLogger(__name__)


@receiver(page_published, sender=ArticlePage)
def narrate_on_publish(sender, instance, **kwargs):
    services.request_narration(instance)


@receiver(page_unpublished, sender=ArticlePage)
def withdraw_on_unpublish(sender, instance, **kwargs):
    try:
        for narration in Narration.objects.filter(article_id=instance.pk).exclude(state=Narration.State.WITHDRAWN):
            services.withdraw(narration)
    except Exception:
        logger.exception("Could not withdraw the narration of article %s", instance.pk)


@receiver(post_delete, sender=Narration)
def delete_audio_file(sender, instance, **kwargs):
    # A deleted article takes its Narration row with it (CASCADE); the file goes once that is committed.
    if instance.audio:
        name = instance.audio.name
        transaction.on_commit(lambda: services.delete_audio(name), robust=True)


@receiver(post_save, sender=LexiconEntry)
@receiver(post_delete, sender=LexiconEntry)
def renarrate_articles_with_term(sender, instance, raw=False, **kwargs):
    if not raw and not getattr(_batch, "active", False):
        services.renarrate_later([instance.term])


_batch = threading.local()


@contextlib.contextmanager
def renarration_batched():
    """Inside this block, lexicon saves queue no re-narration each; the caller queues one for all of them."""
    _batch.active = True
    try:
        yield
    finally:
        _batch.active = False
