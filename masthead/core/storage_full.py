"""A full disk answered in words, with what the person sent, instead of a 500 page.

When the database or media storage has no room left (SQLite's "database or disk is full", PostgreSQL's
disk_full, ENOSPC or a quota from the file system), the request that tried to save something gets a 503 page
that says nothing was saved and shows the text it sent, so a reader's address or an editor's article can be
copied and sent again once there is room. Django and Wagtail have no such answer: their views let the error
through to the 500 page, and the text typed into the form is gone.
"""

import errno
import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

logger = logging.getLogger("masthead.storage")

FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
DISK_FULL_SQLSTATE = "53100"  # PostgreSQL's disk_full
SQLITE_FULL = "database or disk is full"
LOW_SPACE_BYTES = 1024 * 1024
# How a full disk reads in a stored traceback (a background task's): SQLite's, the file system's (ENOSPC, EDQUOT)
# and PostgreSQL's disk_full (psycopg's DiskFull).
FULL_IN_TRACEBACK = (SQLITE_FULL, os.strerror(errno.ENOSPC), os.strerror(errno.EDQUOT), "errors.DiskFull")

# Form fields that are bookkeeping, not anything a person typed: tokens, passwords, Wagtail's StreamField
# and formset counters, ids and block types, the submit buttons' names, a return address, the sign-up forms'
# hidden source and their honeypot.
NOT_TYPED = re.compile(
    r"csrfmiddlewaretoken|password|token|secret|-(id|type|order|deleted|count)$|_FORMS$|^action-"
    r"|^(next|source|website)$",
    re.I,
)
NOT_TEXT = {"on", "off", "true", "false"}
FIELD_LABELS = {"email": "email address"}  # the sign-up forms' field, as the models name it


def is_storage_full(exception):
    """Whether `exception`, or one it was raised from, says the database or a file system is full."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OSError) and exception.errno in FULL_ERRNOS:
            return True
        if getattr(exception, "sqlstate", None) == DISK_FULL_SQLSTATE or SQLITE_FULL in str(exception):
            return True
        if getattr(exception, "sqlite_errorname", "").startswith("SQLITE_IOERR") and database_disk_is_full():
            # SQLite in WAL mode cannot even open the database when it has no room for its shared-memory
            # file (SQLITE_IOERR_SHMSIZE, "disk I/O error"), reads included: the disk's free space tells.
            return True
        exception = exception.__cause__ or exception.__context__
    return False


def database_disk_is_full():
    """Whether the file system that holds the SQLite database has (next to) no room left."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return False
    try:
        return shutil.disk_usage(Path(database["NAME"]).resolve().parent).free < LOW_SPACE_BYTES
    except (OSError, TypeError):
        return False


def readable(value):
    """A posted value as the person wrote it: Wagtail's rich text arrives as Draftail's JSON, its blocks' text."""
    value = value.strip()
    if value.startswith("{") and '"blocks"' in value:
        try:
            blocks = json.loads(value)["blocks"]
            return "\n\n".join(block.get("text", "") for block in blocks).strip()
        except (ValueError, KeyError, TypeError, AttributeError):
            return value
    return value


def typed_text(post):
    """(field, text) for each value a person typed into the form, in the form's order."""
    for name, values in post.lists():
        if NOT_TYPED.search(name):
            continue
        # "body-0-value-caption" (a StreamField block's field) reads "Body — Caption": each part in the person's
        # language where a model's field or a block's field of that name is translated («Основний текст — Підпис»).
        field, *child = re.sub(r"-\d+|-value", "", name).replace("_", " ").strip("-").split("-")
        label = capfirst(gettext(FIELD_LABELS.get(field, field)))
        if child:
            label = f"{label} — {gettext(capfirst(' '.join(child)))}"
        for value in values:
            text = readable(value)
            if re.search(r"[^\W\d_]{2}", text) and text.lower() not in NOT_TEXT:
                yield label, text


class StorageFullMiddleware:
    """Turns a full database or disk, met while answering a request, into a polite 503 with what was sent.

    The error may come from a view or from a middleware within this one (a session, a cache); Django turns
    either into its 500 answer before it gets here, so the error is caught where Django reports it (the
    got_request_exception signal) and the 500 is replaced.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 500 or not getattr(request, "storage_full", False):
            return response
        logger.critical("No room left to save %s %s", request.method, request.path)
        sent = list(typed_text(request.POST)) if request.method == "POST" else []
        context = {
            "language": translation.get_language(),
            "saving": request.method not in ("GET", "HEAD"),
            "sent": sent,
            "files": bool(request.method == "POST" and request.FILES),
        }
        answer = HttpResponse(render_to_string("storage_full.html", context), status=503)
        answer["Retry-After"] = "600"
        answer["Cache-Control"] = "no-store"
        return answer


@receiver(got_request_exception)
def note_storage_full(sender, request=None, **kwargs):
    """Marks a request whose error says the storage is full (Django has logged the error itself)."""
    if request is not None and is_storage_full(sys.exc_info()[1]):
        request.storage_full = True
