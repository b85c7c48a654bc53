"""Starts editions whose scheduled time has passed, resumes any that stopped, and restarts automatic editions.

The database worker already runs scheduled sends at their time; run this from
cron (every few minutes) as a safety net, or when the worker was down.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from masthead.newsletters import digests
from masthead.newsletters.models import Edition, Newsletter
from masthead.newsletters.tasks import build_automatic_edition, send_edition


class Command(BaseCommand):
    help = "Queue sending for scheduled editions that are due and for editions still sending."

    def handle(self, *args, **options):
        due = Edition.objects.filter(
            Q(state=Edition.State.SCHEDULED, scheduled_at__lte=timezone.now()) | Q(state=Edition.State.SENDING)
        )
        count = 0
        for edition in due:
            send_edition.enqueue(edition.pk)
            count += 1
        self.stdout.write(f"Queued {count} edition(s).")
        # A worker killed while building an automatic edition leaves its chain without a next task.
        # A repeat is harmless (one edition per slot), so the overdue slot's build is queued again.
        overdue = Newsletter.objects.exclude(schedule="").filter(next_slot_at__lte=timezone.now())
        for newsletter in overdue:
            build_automatic_edition.enqueue(newsletter.pk, newsletter.next_slot_at.isoformat())
        for newsletter in Newsletter.objects.exclude(schedule="").filter(next_slot_at=None):
            digests.plan(newsletter)
        self.stdout.write(f"Queued {overdue.count()} automatic edition(s).")
