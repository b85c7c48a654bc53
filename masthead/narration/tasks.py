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
def renarrate_term(term):
    """Ask again, at low priority, for the narration of every published article that mentions a lexicon term."""
    return services.queue_narration(services.articles_mentioning(term))
