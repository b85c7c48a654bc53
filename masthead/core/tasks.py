"""Background jobs of the newsroom as a whole: housekeeping on the default queue, backups on the long jobs' queue."""

from importlib import import_module

from django.conf import settings
from django_tasks import task

from . import background, queues, scheduled
from . import nightly_backup as backups


@task(queue_name=queues.DEFAULT, priority=queues.HOUSEKEEPING)
def prune_task_results():
    """Once a day: forgets finished background tasks past their keeping time, the sessions that expired (what
    Django's `clearsessions` does, which it leaves to a cron job) and, when MASTHEAD_REVISIONS_KEEP_DAYS is set,
    old revisions (as Wagtail's `purge_revisions --days` does, keeping what is live), and django-axes' old sign-in
    records (MASTHEAD_LOGIN_RECORDS_DAYS), then plans the next day's run."""
    forgotten = background.prune()
    try:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    except NotImplementedError:
        pass  # sessions kept in cookies expire by themselves
    if settings.MASTHEAD_REVISIONS_KEEP_DAYS > 0:
        background.forget_old_revisions(settings.MASTHEAD_REVISIONS_KEEP_DAYS)
    background.forget_old_login_records(settings.MASTHEAD_LOGIN_RECORDS_DAYS)
    background.plan_pruning()
    return forgotten


@task(queue_name=queues.DEFAULT, priority=queues.SCHEDULED_PUBLISHING)
def publish_scheduled():
    """At a schedule's time: publishes the pages due to go live and unpublishes those that expired
    (Wagtail's `publish_scheduled`, masthead/core/scheduled.py)."""
    return scheduled.run()


@task(queue_name=queues.MAIL, priority=queues.TRANSACTIONAL_MAIL)
def look_for_lost_mail():
    """Queued by a worker at its start when a mail task was "running", and after a mail task failed on a full disk:
    takes up the ones whose worker died, and those failures (background.take_up_lost_mail)."""
    return background.take_up_lost_mail()


@task(queue_name=queues.IMPORTS, priority=queues.HOUSEKEEPING)
def nightly_backup():
    """Every night at MASTHEAD_BACKUP_TIME, when MASTHEAD_BACKUP_DIR is set: one archive of the database and the
    media, as `manage.py backup` writes, with the old ones forgotten (masthead/core/nightly_backup.py). On the
    worker of the long jobs, so mail never waits for it."""
    return backups.run()


@task(queue_name=queues.DEFAULT)
def update_usage_index(app_label, model_name, pk):
    """Wagtail's usage index task for one saved object, skipped when the object is gone by the time it runs.

    Wagtail queues its `update_reference_index_task` on every save and fails it when the row no longer exists: a
    translated article's byline is copied into the draft and the copy replaced in the same transaction, and each
    Translate left a failure on Background work that running again could only repeat. A row deleted since its save
    has nothing to index: its deletion took it out of the index (Wagtail does that at once, on post_delete).
    """
    from django.apps import apps
    from wagtail.tasks import update_reference_index_task

    if apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).exists():
        update_reference_index_task.call(app_label, model_name, pk)
