"""Settings → Background work: whether the workers are doing their jobs, said in words.

Everything that happens after a click — a confirmation email, an edition, an article's audio, an import — is a
task that a worker (`manage.py db_worker`) runs. A worker that is not running shows nowhere else: the reader
simply never gets the email. This reads the task table that django-tasks keeps and tells, for each queue, what
waits and since when, what failed, and whether tasks have waited longer than MASTHEAD_QUEUE_STALLED_SECONDS with
no worker taking them, naming the command that serves that queue (as WordPress's Site Health warns of missed
scheduled events). django-tasks has no such view of its own.
"""

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, F, Max, Min, Q, When
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin.ui.components import Component

from . import queues
from .storage_full import FULL_IN_TRACEBACK

logger = logging.getLogger(__name__)

# What each task does, for people: the last part of its path → words.
TASK_LABELS = {
    "record_signup": _("Newsletter sign-up"),
    "send_confirmation": _("Confirmation email"),
    "send_preferences_link": _("New preferences link"),
    "send_preferences_link_again": _("New preferences link, sent again"),
    "send_welcome": _("Welcome email"),
    "send_welcome_series": _("Welcome series"),
    "send_welcome_test": _("Test of a welcome email"),
    "send_edition": _("Sending a newsletter issue"),
    "send_test_edition": _("Test copy of a newsletter issue"),
    "build_automatic_edition": _("Automatic newsletter issue"),
    "drop_unapproved_edition": _("Dropping an unapproved newsletter issue"),
    "ask_for_approval": _("Asking an editor to approve a newsletter issue"),
    "narrate_article": _("Audio of an article"),
    "renarrate_terms": _("Audio after a pronunciation change"),
    "watch_narration": _("Check on an article's audio"),
    "run_import": _("Import of a site"),
    "prune_task_results": _("Forgetting old background tasks and expired sessions"),
    "publish_scheduled": _("Scheduled publishing"),
    "look_for_lost_mail": _("Looking for emails a stopped worker left"),
    "nightly_backup": _("Nightly backup"),
    "update_reference_index_task": _("Wagtail's usage index"),
    "update_usage_index": _("Wagtail's usage index"),
    "insert_or_update_object_task": _("Search index"),
    "index_contributor_stories": _("Search index of a renamed contributor's stories"),
    "purge_urls_from_cache_task": _("Clearing pages from the CDN"),
    "set_image_focal_point_task": _("Focal point of an image"),
    "delete_file_from_storage_task": _("Deleting a file from storage"),
}
QUEUE_LABELS = {
    queues.DEFAULT: _("Quick jobs"),
    queues.MAIL: _("Email"),
    queues.NARRATION: _("Audio"),
    queues.IMPORTS: _("Imports and backups"),
}
# Who may see it: those who may change the newsroom's settings (Admins).
PERMISSION = "core.change_newsroomsettings"
# A task that has been running for longer than this is not taken as a sign that its worker is alive.
LONGEST_TASK = timedelta(hours=1)
# Tasks that send one email a reader or an editor is waiting for. Each takes seconds (the mail server's timeout is
# EMAIL_TIMEOUT) and may run twice: it checks first that its email is still wanted (a reader who has confirmed
# gets no confirmation; a newer preferences link replaces an older one). One "running" for longer than
# MASTHEAD_LOST_MAIL_SECONDS lost its worker, and is queued again without waiting an hour for an Admin's click.
# Narration and editions have their own leases (narration/services.watch, newsletters/sending.py).
SHORT_MAIL_TASKS = (
    "record_signup",
    "send_confirmation",
    "send_preferences_link",
    "send_preferences_link_again",
    "send_welcome",
    "send_welcome_test",
    "send_test_edition",
    "ask_for_approval",
)


def stalled_after():
    """How long a due task may wait with no worker taking any task of its queue before it is called stalled."""
    return timedelta(seconds=settings.MASTHEAD_QUEUE_STALLED_SECONDS)


def stalled_minutes():
    """stalled_after() in whole minutes, rounded up, as the page says it."""
    return math.ceil(stalled_after().total_seconds() / 60)


def lost_mail_minutes():
    return math.ceil(lost_mail_after().total_seconds() / 60)


def task_label(task_path):
    name = task_path.rpartition(".")[2]
    return TASK_LABELS.get(name, name.replace("_", " "))


@dataclass
class QueueState:
    name: str
    waiting: int = 0  # due now, not taken
    later: int = 0  # scheduled for a later time
    running: int = 0
    oldest_due: datetime | None = None
    last_activity: datetime | None = None  # the newest start or finish of a task of this queue
    last_start_of_running: datetime | None = None
    failed_today: int = 0
    stalled: bool = False

    @property
    def label(self):
        return QUEUE_LABELS.get(self.name, self.name)

    @property
    def worker_command(self):
        return queues.worker_command(self.name)


def queue_states(now=None, only=None):
    """One QueueState for each queue the settings name and each other queue found in the task table (or for the
    queue named `only`)."""
    now = now or timezone.now()
    never = get_date_max()  # django-tasks' run_after for a task queued to run at once
    ready, running, failed = (Q(status=status) for status in ("READY", "RUNNING", "FAILED"))
    due = ready & (Q(run_after=never) | Q(run_after__lte=now))
    tasks = DBTaskResult.objects.filter(queue_name=only) if only else DBTaskResult.objects.all()
    rows = (
        tasks.values("queue_name")
        .annotate(
            waiting=Count("pk", filter=due),
            later=Count("pk", filter=ready & Q(run_after__gt=now) & ~Q(run_after=never)),
            running=Count("pk", filter=running),
            oldest_due=Min(Case(When(run_after=never, then=F("enqueued_at")), default=F("run_after")), filter=due),
            last_started=Max("started_at"),
            last_finished=Max("finished_at"),
            last_start_of_running=Max("started_at", filter=running),
            failed_today=Count("pk", filter=failed & Q(finished_at__gte=now - timedelta(days=1))),
        )
        .order_by()
    )
    names = [only] if only else settings.TASKS["default"].get("QUEUES") or queues.QUEUES
    states = {name: QueueState(name) for name in names}
    for row in rows:
        times = [moment for moment in (row["last_started"], row["last_finished"]) if moment]
        states[row["queue_name"]] = QueueState(
            name=row["queue_name"],
            waiting=row["waiting"],
            later=row["later"],
            running=row["running"],
            oldest_due=row["oldest_due"],
            last_activity=max(times) if times else None,
            last_start_of_running=row["last_start_of_running"],
            failed_today=row["failed_today"],
        )
    limit = stalled_after()
    for state in states.values():
        busy = state.last_start_of_running is not None and now - state.last_start_of_running < LONGEST_TASK
        quiet = state.last_activity is None or now - state.last_activity > limit
        state.stalled = bool(state.waiting and now - state.oldest_due > limit and quiet and not busy)
    return list(states.values())


@dataclass
class TaskRow:
    """A failed task, or one that has been running too long for its worker to be alive."""

    id: str
    label: str
    queue: str
    at: datetime  # when it failed, or started
    error: str
    can_run_again: bool  # the task still exists in this version of the code


def task_rows(tasks, order, moment):
    """The first 20 of `tasks` in `order`, each a TaskRow at its `moment` (a field) with the last line of its error."""
    fields = ("id", "task_path", "queue_name", moment, "exception_class_path", "traceback")
    rows = []
    for task_id, task_path, queue, at, exception_path, traceback in tasks.order_by(order).values_list(*fields)[:20]:
        lines = [line for line in (traceback or "").strip().splitlines() if line.strip()]
        error = lines[-1].strip() if lines else exception_path.rpartition(".")[2]
        label, queue = task_label(task_path), QUEUE_LABELS.get(queue, queue)
        rows.append(TaskRow(str(task_id), label, queue, at, error[:300], exists(task_path)))
    return rows


def recent_failures(days=7):
    """The newest failed tasks of the last `days`, each with the last line of its error."""
    since = timezone.now() - timedelta(days=days)
    return task_rows(
        DBTaskResult.objects.filter(status="FAILED", finished_at__gte=since), "-finished_at", "finished_at"
    )


def _stuck(after=LONGEST_TASK):
    return Q(status="RUNNING", started_at__lt=timezone.now() - after)


def stuck_tasks():
    """Tasks "running" for longer than any of ours takes: their worker was most likely killed mid-task (django-tasks
    leaves such a task "running" for ever), and what it was doing may not have been done."""
    return task_rows(DBTaskResult.objects.filter(_stuck()), "started_at", "started_at")


def exists(task_path):
    try:
        return isinstance(import_string(task_path), Task)
    except ImportError:
        return False


def run_again(task_id, stuck_after=LONGEST_TASK):
    """Queues a failed or stuck task again, with its arguments, queue and priority, and removes its old record.

    Once however often it is asked (a double click): only the request that removes the record queues the task.
    Returns (label, queued) — queued is False if that task was already run again, pruned, has finished since, or no
    longer exists in this version of the code.
    """
    again = Q(status="FAILED") | _stuck(stuck_after)
    with transaction.atomic():
        row = DBTaskResult.objects.filter(again, pk=task_id).first()
        if row is None or not exists(row.task_path):
            return (task_label(row.task_path) if row else None), False
        deleted, _ = DBTaskResult.objects.filter(again, pk=row.pk).delete()
        if deleted:
            row.task.using(run_after=None).enqueue(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        return task_label(row.task_path), bool(deleted)


def lost_mail_after():
    return timedelta(seconds=settings.MASTHEAD_LOST_MAIL_SECONDS)


def _short_mail_paths():
    from masthead.newsletters import tasks

    return [getattr(tasks, name).module_path for name in SHORT_MAIL_TASKS]


def _room_failures(now):
    """Tasks that failed because the disk or the database was full, between a day and lost_mail_after() ago."""
    full = Q()
    for text in FULL_IN_TRACEBACK:
        full |= Q(traceback__contains=text)
    since = Q(finished_at__gte=now - timedelta(days=1), finished_at__lt=now - lost_mail_after())
    return Q(status="FAILED") & since & full


def take_up_lost_mail():
    """Queues again the short mail tasks (SHORT_MAIL_TASKS) whose worker was killed partway, and those that failed
    on a full disk (each failure in the last day: a retry that fails again is a new failure, so they are tried
    every MASTHEAD_LOST_MAIL_SECONDS until there is room). Returns how many."""
    now = timezone.now()
    taken = 0
    lost = DBTaskResult.objects.filter(
        _stuck(lost_mail_after()) | _room_failures(now), task_path__in=_short_mail_paths()
    )
    for row in lost.only("pk", "task_path", "status", "started_at", "finished_at"):
        label, queued = run_again(row.pk, stuck_after=lost_mail_after())
        if not queued:
            continue
        taken += 1
        if row.status == "FAILED":
            logger.warning("%s failed for want of room (at %s); queued again", label, row.finished_at.isoformat())
        else:
            logger.warning("%s lost its worker (running since %s); queued again", label, row.started_at.isoformat())
    return taken


def plan_task(task, at, **waiting):
    """Queues `task` to run at `at` unless a waiting run of it matches the `waiting` lookups (any waiting run,
    without them). Where tasks cannot wait (the immediate backend of tests and of a site without workers), nothing
    is planned. Returns whether it queued one."""
    if not task.get_backend().supports_defer:
        return False
    if DBTaskResult.objects.filter(status="READY", task_path=task.module_path, **waiting).exists():
        return False
    task.using(run_after=at).enqueue()
    return True


def plan_look_for_lost_mail(at):
    """Queues look_for_lost_mail for `at` unless one already waits until then or later. Returns whether it did."""
    from .tasks import look_for_lost_mail

    return plan_task(look_for_lost_mail, at, run_after__gte=at)


def plan_lost_mail_check(now=None):
    """At a worker's start (core/management/commands/db_worker.py): if a mail task is "running", queue a look for
    lost mail at the moment it would count as lost. Its worker may be the one that just died and was started
    again; without this, its email waited for the next task any worker finished (up to a day on a quiet site).
    Returns whether a look was queued."""
    running = DBTaskResult.objects.filter(status="RUNNING", task_path__in=_short_mail_paths())
    oldest = running.order_by("started_at").values_list("started_at", flat=True).first()
    if oldest is None:
        return False
    return plan_look_for_lost_mail(max(oldest + lost_mail_after(), now or timezone.now()))


def failed_for_want_of_room(task_result):
    """Whether a finished short mail task failed because the disk or the database was full."""
    if task_result.status != "FAILED" or task_result.task.module_path not in _short_mail_paths():
        return False
    return any(text in error.traceback for error in task_result.errors for text in FULL_IN_TRACEBACK)


def take_up_lost_mail_now_and_then(sender, task_result=None, **kwargs):
    """django-tasks' task_finished, in a worker: at most once a minute (per cache), take up lost mail tasks; and
    after a mail task that failed on a full disk, plan a look for when it is to be tried again.

    After a worker was killed and started again, the next task any worker finishes brings its lost emails back
    (and the worker's start planned a look of its own). Never lets the check fail the task it follows.
    """
    from django.core.cache import cache
    from django_tasks_db import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)
    if not issubclass(backend, DatabaseBackend):
        return
    try:
        if task_result is not None and failed_for_want_of_room(task_result):
            plan_look_for_lost_mail(timezone.now() + lost_mail_after() + timedelta(seconds=1))
        if cache.add("masthead:lost-mail-check", 1, 60):
            take_up_lost_mail()
    except Exception:
        logger.exception("Could not look for mail tasks that lost their worker or failed on a full disk")


def prune(now=None):
    """Forgets the tasks that succeeded more than MASTHEAD_TASK_RESULTS_DAYS ago, and the failed ones after twice
    that. django-tasks keeps every task's row for ever; its prune_db_task_results command would need a cron job
    that a newsroom on `make run` never sets up, and this page and the workers read the table. Returns how many
    were forgotten."""
    now = now or timezone.now()
    keep = timedelta(days=settings.MASTHEAD_TASK_RESULTS_DAYS)
    old = Q(status="SUCCESSFUL", finished_at__lt=now - keep) | Q(status="FAILED", finished_at__lt=now - 2 * keep)
    return DBTaskResult.objects.filter(old).delete()[0]


def forget_old_revisions(days, now=None):
    """Deletes the revisions of pages and snippets made more than `days` ago, except each object's latest and live
    revisions and those scheduled or in moderation. Returns how many were deleted.

    Wagtail's `purge_revisions --days` keeps the latest, scheduled and in-moderation ones but deletes a live
    revision that is not the latest (an article with a newer draft), which empties the page's record of what
    readers see and its "compare with live"; so the query is ours, with its rules and the live revisions kept."""
    from wagtail.models import DraftStateMixin, Revision, RevisionMixin, WorkflowState

    keep = set()
    for model in apps.get_models():
        # Each table once: a page type's revision fields are Page's.
        if issubclass(model, RevisionMixin) and model._meta.get_field("latest_revision").model is model:
            fields = ["latest_revision_id"] + (["live_revision_id"] if issubclass(model, DraftStateMixin) else [])
            for ids in model._base_manager.exclude(latest_revision=None).values_list(*fields):
                keep.update(ids)
    moderated = (WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES)
    old = Revision.objects.filter(created_at__lt=(now or timezone.now()) - timedelta(days=days))
    old = old.filter(approved_go_live_at=None).exclude(task_states__workflow_state__status__in=moderated)
    deleted = 0
    for revision in old.exclude(pk__in=keep).iterator():
        try:
            revision.delete()
            deleted += 1
        except ProtectedError:  # something of Wagtail's or ours still points at it
            pass
    return deleted


def forget_old_login_records(days, now=None):
    """Forgets django-axes' records of sign-ins and sign-outs (and of wrong passwords, when its failure log is on)
    made more than `days` ago, and the wrong passwords whose cool-off has passed, which lock no one any more.
    Each holds a person's address and browser; axes keeps them for ever unless a cron job runs its
    `axes_reset_logs`. Returns how many were forgotten."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    now = now or timezone.now()
    forgotten = 0
    if days > 0:
        for model in (AccessLog, AccessFailureLog):
            forgotten += model.objects.filter(attempt_time__lt=now - timedelta(days=days)).delete()[0]
    if settings.AXES_COOLOFF_TIME:
        forgotten += AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()[0]
    return forgotten


def plan_pruning(now=None):
    """Queues tomorrow's prune_task_results unless one is waiting already."""
    from .tasks import prune_task_results

    return plan_task(prune_task_results, (now or timezone.now()) + timedelta(days=1))


def stalled_queue(name):
    """The QueueState of queue `name` if it has stalled, else None: for the screens whose work waits on it."""
    [state] = queue_states(only=name)
    return state if state.stalled else None


def trouble(now=None):
    """The queues that are stalled, and how many tasks failed in the last day: what the dashboard warns of."""
    states = queue_states(now)
    return [state for state in states if state.stalled], sum(state.failed_today for state in states)


class TroublePanel(Component):
    """On the dashboard of those who run the newsroom, only when something is wrong: a queue no worker takes
    tasks from, or tasks that failed in the last day."""

    name = "background_trouble"
    order = 10
    template_name = "core/admin/background_panel.html"

    def __init__(self, stalled, failed_today):
        self.stalled, self.failed_today = stalled, failed_today

    def get_context_data(self, parent_context):
        return {"stalled": self.stalled, "failed_today": self.failed_today}
