"""Background work for narration, run by the django-tasks worker (`manage.py db_worker --queue-name narration`).

Every narration task is on the `narration` queue, so the mail worker never
holds an email back behind minutes of speech synthesis (masthead/core/queues.py).
"""

from django_tasks import task

from masthead.core import queues

from . import services


@task(queue_name=queues.NARRATION, priority=queues.NARRATION_ON_PUBLISH, takes_context=True)
def narrate_article(context, article_id, attempt=1, force=False):
    """Make the audio of one published article, unless its script is unchanged; retried with back-off on failure."""
    return services.narrate(article_id, attempt=attempt, force=force, priority=context.task_result.task.priority)


@task(queue_name=queues.NARRATION, priority=queues.NARRATION_BULK)
def renarrate_terms(terms):
    """After lexicon changes: queue, at low priority, the narration of published articles that mention the terms.

    A term found in more than a set share of the articles is held back unless
    an editor confirmed it (see services.renarrate_for_lexicon).
    """
    return services.renarrate_for_lexicon(terms)


@task(queue_name=queues.NARRATION, priority=queues.NARRATION_ON_PUBLISH)
def watch_narration(article_id):
    """Checks, a few minutes after it was queued, that an article's narration is being made or done.

    If its worker died (killed, machine restarted), the narration is queued again for any worker.
    """
    return services.watch(article_id)
