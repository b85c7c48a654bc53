"""Pages (and snippets with drafts) scheduled to go live, or to expire, change at their time by themselves.

Wagtail records a schedule (an approved revision's go-live time, a live page's expiry) and leaves the change to
`manage.py publish_scheduled`, run by a cron job: one a newsroom on `make run` never sets up, so an article
scheduled for seven stayed a draft. Here each schedule queues that command as a task on the default queue for a
second after its time (the command takes what is strictly past). Running it early or twice changes nothing, so a
changed schedule leaves the old task to find nothing to do.

`migrate` plans a task for every schedule already in the database (those made before this release, or restored
from a backup). A site without workers (the immediate task backend) still needs the cron job.
"""

import io
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .background import plan_task

# publish_scheduled takes what is due strictly before now.
AFTER = timedelta(seconds=1)
LOCK = "masthead:publish-scheduled"


def plan(at):
    """Queues publish_scheduled for just after `at`, unless one waits for that moment. False if none was queued."""
    from .tasks import publish_scheduled

    return plan_task(publish_scheduled, at + AFTER, run_after=at + AFTER)


def plan_after_commit(at):
    transaction.on_commit(lambda: plan(at))


def revision_scheduled(sender, instance, **kwargs):
    """post_save of a Revision: Wagtail sets approved_go_live_at on the revision it will publish later."""
    if instance.approved_go_live_at is not None:
        plan_after_commit(instance.approved_go_live_at)


def published_with_expiry(sender, instance, **kwargs):
    """Wagtail's published signal: a page or snippet that goes live with an expiry time is unpublished then."""
    expire_at = getattr(instance, "expire_at", None)
    if expire_at is not None and expire_at > timezone.now():
        plan_after_commit(expire_at)


def scheduled_models():
    """Page and every other model with drafts, as publish_scheduled looks at them."""
    from django.apps import apps
    from wagtail.models import DraftStateMixin, Page

    return [Page] + [model for model in apps.get_models() if issubclass(model, DraftStateMixin) and model is not Page]


def plan_all():
    """A task for each schedule in the database (after migrate). Returns how many were queued."""
    from wagtail.models import Revision

    moments = set(
        Revision.objects.filter(approved_go_live_at__isnull=False).values_list("approved_go_live_at", flat=True)
    )
    for model in scheduled_models():
        moments |= set(model.objects.filter(live=True, expire_at__isnull=False).values_list("expire_at", flat=True))
    return sum(plan(at) for at in sorted(moments))


def run():
    """What the task does: Wagtail's publish_scheduled, one run at a time (per cache) so nothing is published twice.

    A run that finds another going queues itself again for a moment later rather than skip a schedule the other
    may have read before it was due.
    """
    from django.core.management import call_command

    if not cache.add(LOCK, 1, 300):
        plan(timezone.now() + timedelta(seconds=5))
        return "another run was going; queued again"
    try:
        output = io.StringIO()
        call_command("publish_scheduled", stdout=output)
        return output.getvalue().strip()
    finally:
        cache.delete(LOCK)
