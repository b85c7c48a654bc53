"""Narration from publish to playable audio: ask, make, store, withdraw.

The web process only asks (`request_narration`, cheap: it builds the script to
compare keys); the worker makes the audio (`narrate`). Nothing here may raise
into a publish: narration never blocks or delays publishing.
"""

import hashlib
import logging
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from masthead.core import queues
from masthead.core.i18n import language_of

from . import conf
from .audio import render
from .engines import Reason, get_engine
from .models import Narration
from .script import build_script, script_key, script_text

logger = logging.getLogger(__name__)


def why_no_audio(article):
    """Why `article` gets no audio however often it is asked for, in the active language; None if it can have it.

    Narration switched off, or no voice reads the article's language (by default a Ukrainian article).
    """
    from django.utils.translation import get_language_info
    from django.utils.translation import gettext as _

    if not conf.enabled():
        return _("Narration is switched off on this site (MASTHEAD_NARRATION_ENABLED), so no article gets audio.")
    language = language_of(article.locale_id)
    if conf.voice_id(language) is None:
        return _(
            "No voice reads %(language)s, so articles in it have no audio. A voice for it is added in the server's "
            "settings (MASTHEAD_NARRATION_VOICES)."
        ) % {"language": get_language_info(language)["name_translated"]}
    return None


def published_articles():
    from masthead.articles.models import ArticlePage

    return ArticlePage.objects.published()


def request_narration(article, force=False, priority=queues.NARRATION_ON_PUBLISH):
    """Queue the article's narration unless its stored audio already speaks the current script.

    Returns the Narration row (pending or unchanged), or None when narration is
    off or the request could not be made (logged; publishing goes on).
    """
    if not conf.enabled():
        return None
    voice = conf.voice_id(language_of(article.locale_id))
    if voice is None:
        return None  # no voice reads this article's language: no audio, and no player says otherwise
    try:
        key = script_key(build_script(article), voice)
        narration = Narration.objects.filter(article_id=article.pk).first()
        if narration is not None and not force and narration.is_current(key):
            return narration
        if narration is None:
            narration = Narration.objects.create(article_id=article.pk, key=key)
        else:
            narration.request(key)
    except Exception:
        logger.exception("Could not ask for the narration of article %s", article.pk)
        return None
    article_id = article.pk
    # After commit, so the worker reads the published revision, and a publish
    # that rolls back queues nothing; robust, so a queue error cannot break it.
    transaction.on_commit(lambda: enqueue(article_id, force=force, priority=priority), robust=True)
    return narration


def queue_narration(articles, force=False):
    """Queue the narration of many articles at low priority, behind what editors publish (imports, lexicon changes).

    Articles whose audio already speaks their current script are skipped.
    Returns how many were queued.
    """
    queued = 0
    for article in articles:
        narration = request_narration(article, force=force, priority=queues.NARRATION_BULK)
        if narration is not None and narration.state == Narration.State.PENDING:
            queued += 1
    return queued


def renarrate_later(terms):
    """Once committed, queue one low-priority task that re-narrates the articles using these lexicon terms."""
    if not conf.enabled() or not terms:
        return
    from .tasks import renarrate_terms

    terms = list(terms)
    transaction.on_commit(lambda: renarrate_terms.enqueue(terms), robust=True)


def renarrate_for_lexicon(terms):
    """Queue the re-narration of articles mentioning `terms`; hold back a term in too many articles. Returns queued.

    Each entry's `renarration` field records what happened, for the lexicon's list (LexiconEntry.renarration_said).
    """
    from .models import LexiconEntry

    total = published_articles().count()
    limit = max(conf.lexicon_broad_minimum(), int(total * conf.lexicon_max_share()))
    articles = {}
    for term in terms:
        entry = LexiconEntry.objects.filter(term__iexact=term).first()
        matching = list(articles_mentioning(term))
        held = len(matching) > limit and not (entry and entry.confirm_broad)
        if not held:
            articles.update((article.pk, article) for article in matching)
        if entry is not None:
            done = {"held": held, "count": len(matching), "total": total, "at": timezone.now().isoformat()}
            LexiconEntry.objects.filter(pk=entry.pk).update(renarration=done)
    return queue_narration(articles.values())


def articles_mentioning(term):
    """Published articles whose spoken text may contain `term` (headline, standfirst, body or byline)."""
    from django.db.models import Q

    return (
        published_articles()
        .filter(
            Q(title__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Q(byline__contributor__name__icontains=term)
        )
        .distinct()
    )


def enqueue(article_id, attempt=1, force=False, delay=0, priority=queues.NARRATION_ON_PUBLISH):
    from .tasks import narrate_article

    options = {"priority": priority}
    deferrable = narrate_article.get_backend().supports_defer
    if delay and deferrable:
        options["run_after"] = timezone.now() + timedelta(seconds=delay)
    result = narrate_article.using(**options).enqueue(article_id, attempt=attempt, force=force)
    if deferrable:
        watch_later(article_id, delay)
    return result


def watch_later(article_id, delay=0):
    from .tasks import watch_narration

    run_after = timezone.now() + timedelta(seconds=delay + conf.lease_seconds())
    watch_narration.using(run_after=run_after).enqueue(article_id)


def narrate_tasks(article_id, status):
    """The queued narrate_article tasks of an article in a given django-tasks status."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import narrate_article

    return DBTaskResult.objects.filter(
        task_path=narrate_article.module_path, status=status, args_kwargs__args__0=article_id
    )


def watch(article_id):
    """Take up a narration whose worker died; look again later while it is still waiting or being made."""
    from django_tasks.base import TaskResultStatus

    narration = Narration.objects.filter(article_id=article_id).first()
    if narration is not None and narration.state != Narration.State.PENDING:
        return "done"
    if narrate_tasks(article_id, TaskResultStatus.READY).exists():
        watch_later(article_id)  # still waiting its turn in the queue
        return "waiting"
    running = list(narrate_tasks(article_id, TaskResultStatus.RUNNING))
    if narration is None and not running:
        return "done"
    signs = [narration.heartbeat_at if narration else None] + [task.started_at for task in running]
    last_sign = max((sign for sign in signs if sign), default=None)
    if last_sign and last_sign > timezone.now() - timedelta(seconds=conf.lease_seconds()):
        watch_later(article_id)
        return "running"
    # Pending, nothing queued, no sign of work for a whole lease: the worker that had it is gone.
    for dead in running:
        dead.status, dead.finished_at = TaskResultStatus.FAILED, timezone.now()
        dead.save(update_fields=["status", "finished_at"])
    logger.warning("The narration of article %s lost its worker; queued again", article_id)
    enqueue(article_id, attempt=max(narration.attempts if narration else 1, 1), force=True)
    return "requeued"


def retry_delay(attempt):
    """Seconds before attempt number `attempt + 1`: growing back-off from the setting."""
    delays = conf.retry_delays()
    return delays[min(attempt - 1, len(delays) - 1)] if delays else 0


def narrate(article_id, attempt=1, force=False, priority=queues.NARRATION_ON_PUBLISH):
    """Make and store the audio of one published article (in the worker). Returns what happened."""
    article = published_articles().filter(pk=article_id).first()
    if article is None:
        for narration in Narration.objects.filter(article_id=article_id).exclude(state=Narration.State.WITHDRAWN):
            withdraw(narration)
        return "not published"
    voice = conf.voice_id(language_of(article.locale_id))
    if voice is None:
        return "no voice"
    segments = build_script(article)
    key = script_key(segments, voice)
    narration, _created = Narration.objects.get_or_create(article=article, defaults={"key": key})
    if not force and narration.is_current(key):
        return "unchanged"
    narration.start_attempt(key, attempt)
    started = time.perf_counter()
    try:
        rendered = render(segments, get_engine(voice), on_part=narration.beat)
        elapsed = time.perf_counter() - started
        name = store_audio(article, rendered.mp3)
    except Exception as error:
        reason = failure_reason(error)
        logger.warning("Narration of article %s failed (attempt %s): %s", article_id, attempt, error)
        if attempt < conf.max_attempts():
            delay = retry_delay(attempt)
            narration.note_retry(reason, delay)
            enqueue(article_id, attempt=attempt + 1, force=force, delay=delay, priority=priority)
            return "retrying"
        narration.fail(reason)
        return "failed"
    with transaction.atomic():
        current = Narration.objects.select_for_update().get(pk=narration.pk)
        if current.key != key:
            # The article changed again while this audio was made; the newer request will replace it.
            transaction.on_commit(lambda: delete_audio(name))
            return "superseded"
        old_name = current.audio.name if current.audio else ""
        current.audio.name = name
        current.state = Narration.State.READY
        current.voice = voice
        current.duration_seconds = rendered.duration_seconds
        current.size_bytes = len(rendered.mp3)
        current.timings = rendered.timings
        current.script = script_text(segments)
        current.error = {}
        current.synthesis_seconds = round(elapsed, 3)
        current.ready_at = timezone.now()
        current.save()
        if old_name and old_name != name:
            transaction.on_commit(lambda: delete_audio(old_name))
    transaction.on_commit(lambda: purge_article(article))
    return "ready"


def failure_reason(error):
    """What an editor is told of a failed attempt, as data (Narration.failure_said says it in their language)."""
    if isinstance(error, Reason):
        return {"says": error.says, "with": error.values}
    return {
        "says": gettext_noop("%(kind)s: %(message)s"),
        "with": {"kind": type(error).__name__, "message": str(error)},
    }


def audio_name(article, mp3):
    digest = hashlib.sha256(mp3).hexdigest()[:20]
    return f"{conf.storage_prefix()}/{slugify(article.slug)[:60] or 'article'}-{digest}.mp3"


class StorageError(Reason):
    """The audio could not be stored (full or unwritable media storage, an S3 error)."""


def store_audio(article, mp3):
    """Save the MP3 under a name made from its content; the same bytes are never stored twice.

    On failure nothing is left behind (a partly written file is deleted) and a
    StorageError says why, for the editors' narration list.
    """
    name = audio_name(article, mp3)
    try:
        if default_storage.exists(name):
            if default_storage.size(name) == len(mp3):
                return name
            default_storage.delete(name)  # left part-written by a worker that died
        return default_storage.save(name, ContentFile(mp3))
    except Exception as error:
        try:
            if default_storage.exists(name) and default_storage.size(name) != len(mp3):
                default_storage.delete(name)
        except Exception:
            logger.exception("Could not remove a partial narration file %s", name)
        raise StorageError(
            gettext_noop("The audio could not be stored (%(kind)s: %(message)s)."),
            kind=type(error).__name__,
            message=error,
        ) from error


def delete_audio(name):
    if not name:
        return
    try:
        default_storage.delete(name)
    except Exception:
        logger.exception("Could not delete narration audio %s", name)


def withdraw(narration):
    """Stop serving an article's audio (unpublished): delete the file once the change is committed."""
    old_name = narration.withdraw()
    transaction.on_commit(lambda: delete_audio(old_name))
    transaction.on_commit(lambda: purge_article(narration.article), robust=True)


def purge_article(article):
    """Cached pages changed (the article now has, or no longer has, a player): origin cache and CDN."""
    try:
        from masthead.core.purge import page_changed

        page_changed(article)
    except Exception:
        logger.exception("Could not purge article %s from the front-end cache", article.pk)
