"""A story made by code (the demo, an import, the tests' factories) is indexed once, as it ends up
(masthead/core/indexing.py): searchable by its final title, its byline in the usage index, one task of each."""

import pytest
from django_tasks_db.models import DBTaskResult
from wagtail.models import ReferenceIndex

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage
from masthead.core import queues
from masthead.core.indexing import index_once
from masthead.core.testing import run_due_tasks

pytestmark = pytest.mark.django_db

SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"
USAGE_TASK = "masthead.core.tasks.update_usage_index"


def queued(task_path, page):
    return DBTaskResult.objects.filter(
        task_path=task_path, args_kwargs__args__1="articlepage", args_kwargs__args__2=str(page.pk)
    ).count()


@pytest.fixture
def stored_queue(settings):
    # Tasks are stored for the worker, as `make run` and production have them, so they can be counted.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}


def test_a_story_made_in_one_block_queues_one_index_task_of_each_kind_and_is_found_as_it_ended(client, stored_queue):
    home = f.make_site()
    section = f.make_section(home, "Regions")
    olena = f.make_contributor("Olena Marchenko")

    plain = f.make_article.__wrapped__(section, "Ferry timetable changes", [olena])  # the factory without the block
    assert queued(SEARCH_TASK, plain) >= 3 and queued(USAGE_TASK, plain) >= 3  # one per save: created, revision, ...

    with index_once():
        story = f.make_article(section, "Bridge repairs begin", [olena])
        story.title = "Bridge repairs begin in Podil"
        story.save_revision().publish()
        assert queued(SEARCH_TASK, story) == 0  # held while the block runs
    assert queued(SEARCH_TASK, story) == 1 and queued(USAGE_TASK, story) == 1

    run_due_tasks(at=DBTaskResult.objects.latest("run_after").run_after)
    found = client.get("/search/?q=Podil").content.decode()
    assert "1 result for “Podil”" in found and "Bridge repairs begin in <mark>Podil</mark>" in found
    assert ReferenceIndex.get_references_to(olena).filter(object_id=str(story.pk)).exists()  # "Used by" knows it
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_page_deleted_inside_the_block_is_not_indexed_and_leaves_no_failed_task(stored_queue):
    section = f.make_section(f.make_site(), "Regions")
    with index_once():
        story = f.make_article(section, "A story withdrawn at once")
        pk = story.pk
        story.delete()
    assert not DBTaskResult.objects.filter(args_kwargs__args__2=str(pk)).exists()
    assert not ArticlePage.objects.filter(pk=pk).exists()


def test_a_block_that_fails_queues_nothing(stored_queue):
    section = f.make_section(f.make_site(), "Regions")
    index_tasks = DBTaskResult.objects.filter(task_path__in=[SEARCH_TASK, USAGE_TASK])
    before = index_tasks.count()
    with pytest.raises(RuntimeError), index_once():
        f.make_article(section, "Half made")
        raise RuntimeError("the import stopped")
    assert index_tasks.count() == before


def test_outside_a_block_every_save_is_indexed_as_before(stored_queue):
    """An editor's Publish is not held: the worker indexes each save, as Wagtail does."""
    section = f.make_section(f.make_site(), "Regions")
    story = f.make_article(section, "Grain exports rise")
    tasks = queued(SEARCH_TASK, story)
    story.title = "Grain exports rise again"
    story.save_revision().publish()
    assert queued(SEARCH_TASK, story) > tasks
