"""`manage.py background_status`: the Background work page as text, for a monitoring check or a terminal.

Exits with status 1 when a queue has tasks that waited past MASTHEAD_QUEUE_STALLED_SECONDS with no worker taking
them, so cron or a monitoring agent can alert on it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.core import background, nightly_backup


def backup_line(backups):
    if backups.folder is None:
        return "nightly backups: off (MASTHEAD_BACKUP_DIR is not set)"
    newest = backups.newest
    made = f"newest {newest.path.name} ({newest.size} bytes), {backups.count} kept" if newest else "none made yet"
    due = f"next due {backups.next_at:%Y-%m-%d %H:%M} UTC" if backups.next_at else "none planned"
    failed = f" — THE LAST ONE FAILED at {backups.last_failure.at:%Y-%m-%d %H:%M} UTC" if backups.last_failure else ""
    return f"nightly backups in {backups.folder}: {made}; {due}{failed}"


class Command(BaseCommand):
    help = "Each background queue's waiting, running and failed tasks; exit status 1 if a queue has stalled."

    def handle(self, **options):
        now = timezone.now()
        states = background.queue_states(now)
        for state in states:
            waited = f", the oldest for {int((now - state.oldest_due).total_seconds())} s" if state.waiting else ""
            self.stdout.write(
                f"{state.name}: {state.waiting} waiting{waited}, {state.running} running, {state.later} scheduled"
                f" for later, {state.failed_today} failed in the last day"
                + (f" — STALLED: is `{state.worker_command}` running?" if state.stalled else "")
            )
        for failure in background.recent_failures(days=1):
            self.stdout.write(f"failed {failure.at:%Y-%m-%d %H:%M} UTC, {failure.label}: {failure.error}")
        for stuck in background.stuck_tasks():
            self.stdout.write(f"running since {stuck.at:%Y-%m-%d %H:%M} UTC, its worker probably gone: {stuck.label}")
        self.stdout.write(backup_line(nightly_backup.status()))
        stalled = [state.name for state in states if state.stalled]
        if stalled:
            raise CommandError(f"No worker is taking tasks from: {', '.join(stalled)}", returncode=1)
