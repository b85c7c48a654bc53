"""`manage.py db_worker`: django-tasks-db's worker, which first plans a look for emails a killed worker left, and
the next nightly backup.

django-tasks has no signal for a worker's start; this command is the worker as it is, with those steps before
it (masthead.core.background.plan_lost_mail_check, masthead.core.nightly_backup.plan).
"""

import logging

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from masthead.core import background, nightly_backup

logger = logging.getLogger(__name__)


class Command(DatabaseWorker):
    def handle(self, *args, **options):
        try:
            background.plan_lost_mail_check()
        except Exception:  # never keeps a worker from starting
            logger.exception("Could not plan a look for mail tasks that lost their worker")
        try:
            nightly_backup.plan()  # backups turned on since the last migrate start with the worker
        except Exception:
            logger.exception("Could not plan the nightly backup")
        return super().handle(*args, **options)
