"""Deleted items leave a note behind, so that pages still showing them take them away."""

from datetime import timedelta

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import PageViewRestriction

from masthead.core.cache import forget

from .models import NewsItem, NewsItemRemoval, mark_changed

# No page stays open this long; older notes only take up room.
KEEP_REMOVALS = timedelta(days=30)


@receiver(post_delete, sender=NewsItem, dispatch_uid="livefeed_remember_removal")
def remember_removal(sender, instance, **kwargs):
    NewsItemRemoval.objects.filter(removed_at__lt=timezone.now() - KEEP_REMOVALS).delete()
    NewsItemRemoval.objects.create(item_id=instance.pk)
    transaction.on_commit(lambda pk=instance.pk: mark_changed(removed_item_id=pk))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="livefeed_restrictions_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="livefeed_restrictions_deleted")
def forget_restricted_paths(sender, **kwargs):
    """Making an article private hides its headline from news items at once (in this process)."""
    forget("page-view-restriction-paths")
