"""Starts editions whose scheduled time has passed, and resumes any that stopped.

The database worker already runs scheduled sends at their time; run this from
cron (every few minutes) as a safety net, or when the worker was down.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from masthead.newsletters.models import Edition
from masthead.newsletters.tasks import send_edition


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
