"""Wagtail's usage index ("Used by" on a contributor, an image) is kept by a task per saved object; one saved and
replaced in the same transaction must not leave a failed task behind."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale, ReferenceIndex

from masthead.articles.factories import make_ukrainian_edition
from masthead.articles.models import ArticleContributor
from masthead.core import queues
from masthead.core.testing import run_due_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    # Tasks are stored and run afterwards, as `make run`'s worker does, not at once as in the other tests.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}


def test_sending_a_story_for_translation_leaves_no_failed_task_and_the_index_knows_its_byline(
    admin_client, newsroom, django_capture_on_commit_callbacks
):
    make_ukrainian_edition(newsroom)
    uk = Locale.objects.get(language_code="uk")
    story = newsroom["articles"][3]  # only in English so far, bylined Olena Marchenko
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(f"/admin/localize/submit/page/{story.pk}/", {"locales": [uk.pk]})
    assert answer.status_code == 302
    # wagtail-localize copies the byline into the draft and then replaces the copy: the first row is gone.
    saved = DBTaskResult.objects.filter(
        task_path__endswith="update_usage_index", args_kwargs__args__1="articlecontributor"
    )
    assert saved.count() >= 1

    run_due_tasks(timezone.now() + timedelta(seconds=1))
    failed = DBTaskResult.objects.filter(status="FAILED")
    assert [(row.task_path, row.exception_class_path) for row in failed] == []

    draft = story.get_translation(uk)
    [credit] = ArticleContributor.objects.filter(article=draft)
    used_by = ReferenceIndex.get_references_to(credit.contributor).filter(object_id=str(draft.pk))
    assert used_by.exists()  # the profile's "Used by" lists the draft
