"""Background work for narration, run by the django-tasks worker (`manage.py db_worker`)."""

from django_tasks import task

from . import services


@task()
def narrate_article(article_id, attempt=1, force=False):
    """Make the audio of one published article, unless its script is unchanged; retried with back-off on failure."""
    return services.narrate(article_id, attempt=attempt, force=force)


@task()
def renarrate_term(term):
    """Ask again for the narration of every published article that mentions a lexicon term editors changed."""
    from django.db.models import Q

    matching = (
        services.published_articles()
        .filter(
            Q(title__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Q(byline__contributor__name__icontains=term)
        )
        .distinct()
    )
    asked = 0
    for article in matching.iterator():
        if services.request_narration(article) is not None:
            asked += 1
    return asked
