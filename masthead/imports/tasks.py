"""The worker's side of an import started in the admin."""

import logging
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from masthead.core import queues
from masthead.core.i18n import admin_language

from . import ghost, services, substack, wordpress
from .importer import ZIP_DAMAGE, ImportFileError, images_folder, refuse_zip_bomb
from .models import ImportRun, Source

READERS = {
    Source.WORDPRESS: wordpress.import_file,
    Source.GHOST: ghost.import_file,
    Source.SUBSTACK: substack.import_file,
}


class Superseded(Exception):
    """An admin started this run again after it stopped moving: a newer attempt imports it, this one stops."""


@task(queue_name=queues.IMPORTS, priority=queues.IMPORT)
def run_import(run_id):
    """Runs one ImportRun: reads its uploaded files, imports, and records progress and the summary on the run.

    Safe to run again after a worker died partway: each item is imported in its own transaction and an item
    imported before is found by its source id (ImportRecord), so nothing is made twice.
    """
    claimed = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.QUEUED).update(
        state=ImportRun.State.RUNNING, progress_at=timezone.now()
    )
    if not claimed:
        return "not queued"
    run = ImportRun.objects.select_related("created_by").get(pk=run_id)
    # The summary and the warnings are kept as written: in the language of the admin who started the import,
    # who reads them, not the worker's.
    with translation.override(admin_language(run.created_by)):
        return _import(run)


def _import(run):
    workdir = Path(tempfile.mkdtemp(prefix="masthead-import-"))
    try:
        export = copy_out(run.export_file, workdir / ("export" + Path(run.export_file.name).suffix))
        options = {"images_dir": None, "on_progress": lambda done, total: record_progress(run, done, total)}
        if run.images_file:
            options["images_dir"] = unpack_images(copy_out(run.images_file, workdir / "images.zip"), workdir / "images")
        if run.source == Source.GHOST and run.members_file:
            options["members"] = copy_out(run.members_file, workdir / "members.csv")
        importer = READERS[run.source](export, progress=False, **options)
        services.after_import(importer)
    except Superseded:
        return "superseded"
    except ImportFileError as error:
        finish(run, ImportRun.State.FAILED, error=str(error))
        return "failed"
    except Exception as error:
        logging.getLogger(__name__).exception("Import run %s failed", run.pk)
        finish(run, ImportRun.State.FAILED, error=_("The import stopped: %(error)s") % {"error": error})
        return "failed"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    finish(run, ImportRun.State.DONE, summary=importer.summary.as_dict())
    return "done"


def copy_out(field_file, destination):
    """The stored upload as a local file (media storage may be remote)."""
    with field_file.open("rb") as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target)
    return destination


def unpack_images(archive_path, destination):
    """Extracts an images zip (refusing names that leave the folder); returns the folder holding the images."""
    try:
        archive = zipfile.ZipFile(archive_path)
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("The images file is not a zip file.")) from error
    with archive:
        refuse_zip_bomb(archive, archive_path)
        for member in archive.infolist():
            target = (destination / member.filename).resolve()
            if destination.resolve() not in target.parents and target != destination.resolve():
                raise ImportFileError(_("The images zip holds a file outside its own folder; it was refused."))
        for member in archive.infolist():
            try:
                archive.extract(member, destination)
            except ZIP_DAMAGE as error:
                raise ImportFileError(
                    _(
                        "The images zip is damaged: %(name)s in it could not be unpacked. Nothing was imported; make "
                        "the zip again and upload it."
                    )
                    % {"name": member.filename}
                ) from error
    folder = destination
    # A zip of "uploads/" or "images/" has that one folder at its top: the images start inside it.
    while True:
        children = [child for child in folder.iterdir() if not child.name.startswith(("__MACOSX", "."))]
        if len(children) == 1 and children[0].is_dir() and not children[0].name.isdigit():
            folder = children[0]
        else:
            break
    return images_folder(folder)


def record_progress(run, done, total):
    """Records the run's progress, and stops this attempt (Superseded) if the run was started again since."""
    this_attempt = ImportRun.objects.filter(pk=run.pk, attempt=run.attempt)
    if not this_attempt.update(done=done, total=total, progress_at=timezone.now()):
        raise Superseded


def finish(run, state, summary=None, error=""):
    """Records the outcome and deletes the uploads: a members list is personal data, kept no longer than needed.

    Only for the run's latest attempt: an attempt that was started again leaves both to the newer one.
    """
    with transaction.atomic():
        finished = ImportRun.objects.filter(pk=run.pk, attempt=run.attempt).update(
            state=state,
            summary=summary or {},
            error=error,
            finished_at=timezone.now(),
            export_file="",
            images_file="",
            members_file="",
        )
    if finished:
        for field_file in (run.export_file, run.images_file, run.members_file):
            if field_file:
                field_file.delete(save=False)
