"""What was imported from where: the source's own ids (so a re-run updates instead of duplicating) and import runs."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    WORDPRESS = "wordpress", "WordPress"
    GHOST = "ghost", "Ghost"
    SUBSTACK = "substack", "Substack"


class ImportRecord(models.Model):
    """One item of an export (post, page, author, tag, image, newsletter) and the Masthead object it became.

    The key is the source's own id within one site (the export's site address),
    so importing the same export again finds what it made the first time.
    """

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    site = models.CharField(_("source site"), max_length=300, help_text=_("The address the export came from."))
    kind = models.CharField(_("kind"), max_length=20)
    source_id = models.CharField(_("id in the source"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64, blank=True, help_text="A hash of the item as last imported.")
    imported_at = models.DateTimeField(_("last imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(fields=["source", "site", "kind", "source_id"], name="imports_one_record"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="imports_record_target")]

    def __str__(self):
        return f"{self.get_source_display()} {self.kind} {self.source_id}"


class ImportRun(models.Model):
    """An import started from the admin: the uploaded files (deleted once it has run), its progress, its summary."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    export_file = models.FileField(_("export"), upload_to="imports/")
    images_file = models.FileField(_("images (zip)"), upload_to="imports/", blank=True)
    members_file = models.FileField(_("members or subscribers (CSV)"), upload_to="imports/", blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker records each item done; a run that stops moving lost its worker (killed, machine restarted).
    progress_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Raised by "Start the import again": a worker running an older attempt stops at its next item.
    attempt = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.get_source_display()} import {self.pk}"

    def is_stalled(self):
        """Whether the run has waited for a worker, or made no progress, for MASTHEAD_IMPORT_STALLED_SECONDS."""
        since = (self.progress_at if self.state == self.State.RUNNING else None) or self.created_at
        waiting = self.state in (self.State.QUEUED, self.State.RUNNING)
        return waiting and since is not None and timezone.now() - since > stall_time()

    def start_again(self):
        """Queues a stalled run once more; an earlier attempt still running stops. False if it was not stalled
        (moving again, finished, or already started again by a second click)."""
        stalled_since = timezone.now() - stall_time()
        quiet = Q(progress_at__lt=stalled_since) | Q(progress_at__isnull=True, created_at__lt=stalled_since)
        restarted = ImportRun.objects.filter(quiet, pk=self.pk, state=self.State.RUNNING).update(
            state=self.State.QUEUED, attempt=F("attempt") + 1, done=0, progress_at=None
        )
        return bool(restarted)


def stall_time():
    return timedelta(seconds=settings.MASTHEAD_IMPORT_STALLED_SECONDS)
