"""After an import: narration queued at low priority, the search index and the sitemap list the new articles."""

import pytest
from django.test import override_settings
from django_tasks import default_task_backend

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage
from masthead.core import queues
from masthead.core.queues import QUEUES

from .helpers import UPLOADS, WXR, run

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": QUEUES}}


@pytest.mark.django_db(transaction=True)
def test_narration_is_queued_for_the_published_articles_behind_what_editors_publish():
    make_site()
    with override_settings(TASKS=DUMMY_TASKS, MASTHEAD_NARRATION_ENABLED=True):
        default_task_backend.clear()
        output = run("import_wordpress", WXR, "--uploads", UPLOADS)
        narrations = [result for result in default_task_backend.results if result.task.name == "narrate_article"]
    published = set(ArticlePage.objects.live().values_list("pk", flat=True))
    assert len(published) == 8
    assert {result.args[0] for result in narrations} == published  # once each, drafts and scheduled not
    assert len(narrations) == 8
    assert {result.task.priority for result in narrations} == {queues.NARRATION_BULK}
    assert {result.task.queue_name for result in narrations} == {queues.NARRATION}
    assert "narrations queued: 8" in output


@pytest.mark.django_db
def test_imported_articles_are_found_by_search_and_listed_in_the_sitemap(client):
    make_site()
    run("import_wordpress", WXR, "--uploads", UPLOADS)
    article = ArticlePage.objects.get(title="Kyiv’s metro after midnight")
    results = client.get("/search/", {"q": "Teatralna"})
    assert "Kyiv’s metro after midnight" in results.content.decode()
    results = client.get("/search/", {"q": "мурал"})
    assert "Соняшники на Подолі" in results.content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert article.url in sitemap
    assert "budget-hearing-notes" not in sitemap  # drafts are not listed


@pytest.mark.django_db(transaction=True)
def test_an_imported_scheduled_post_goes_live_at_its_time(client):
    from datetime import UTC, datetime, timedelta

    from masthead.core.testing import run_due_tasks

    make_site()
    stored = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
    with override_settings(TASKS=stored):
        run("import_wordpress", WXR, "--uploads", UPLOADS)
        scheduled = ArticlePage.objects.get(title="The new year’s first night train")
        go_live = datetime(2027, 1, 1, 0, 30, tzinfo=UTC)
        assert scheduled.go_live_at == go_live and client.get(scheduled.url).status_code == 404

        run_due_tasks(go_live - timedelta(minutes=1), queue=queues.DEFAULT)
        assert client.get(scheduled.url).status_code == 404
        run_due_tasks(go_live + timedelta(seconds=2), queue=queues.DEFAULT)
        page = client.get(scheduled.url)
    assert page.status_code == 200 and "The new year’s first night train" in page.content.decode()
