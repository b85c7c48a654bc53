"""Background jobs of the search: indexing again the stories a renamed contributor's name is indexed with."""

from django_tasks import task
from modelsearch.backends import get_search_backends

from masthead.core import queues

# Stories indexed per query and per write, as `manage.py update_index` does it.
CHUNK = 500


@task(queue_name=queues.DEFAULT)
def index_contributor_stories(contributor_id):
    """After a contributor's name changed: indexes again the articles they are on the byline of and the news items
    they wrote, which are indexed with the name (and its word forms and Latin spellings, search/word_forms.py), so a
    search for the new name finds them at once rather than when each is published again. Returns how many."""
    from masthead.articles.models import ArticleContributor, ArticlePage
    from masthead.livefeed.models import NewsItem

    bylined = ArticleContributor.objects.filter(contributor_id=contributor_id).values("article_id")
    stories = [
        (ArticlePage, ArticlePage.get_indexed_objects().filter(pk__in=bylined)),
        (NewsItem, NewsItem.get_indexed_objects().filter(author_id=contributor_id)),
    ]
    backends = list(get_search_backends(with_auto_update=True))
    indexed = 0
    for model, queryset in stories:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            chunk = list(queryset.filter(pk__in=ids[start : start + CHUNK]))
            for backend in backends:
                backend.add_bulk(model, chunk)
            indexed += len(chunk)
    return indexed
