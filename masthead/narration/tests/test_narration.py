"""Publishing an article makes its audio with the real Piper voice (short articles, so it stays quick)."""

import pytest
from django.core.files.storage import default_storage

from masthead.articles.models import ArticlePage
from masthead.narration import api, services
from masthead.narration.audio import mp3_info
from masthead.narration.factories import add_lexicon_entry
from masthead.narration.models import LexiconEntry, Narration
from masthead.narration.script import build_script

pytestmark = pytest.mark.django_db

BODY = [
    "Lawmakers approved the spending plan.",
    ("subheading", "What changes"),
    ("quote", {"quote": "It keeps the lights on.", "attribution": "Finance minister"}),
    ("embed", {"embed": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": "Not read aloud"}),
    "Defense spending rises 12% to $3bn on Nov. 11.",
]


def test_publishing_makes_audio_that_decodes_and_fits_the_text(publish_article, synthesis_count):
    article = publish_article(body=BODY, standfirst="A vote after midnight.")
    narration = Narration.objects.get(article=article)

    assert narration.state == Narration.State.READY
    assert len(synthesis_count) == 1
    data = default_storage.open(narration.audio.name).read()
    assert len(data) == narration.size_bytes > 0
    info = mp3_info(data)  # every frame header is walked: a well-formed MP3 stream
    assert info.sample_rate == 22050 and info.bitrates == {48}
    assert info.duration_seconds == pytest.approx(narration.duration_seconds, abs=0.2)

    words = len(narration.script.split())
    assert 0.25 <= narration.duration_seconds / words <= 0.6

    # Headline, byline, standfirst, then blocks 0 (paragraph), 1 (subheading), 2 (quote), 4 (paragraph).
    assert [(t["part"], t["block"]) for t in narration.timings] == [
        ("headline", None),
        ("byline", None),
        ("standfirst", None),
        ("paragraph", 0),
        ("subheading", 1),
        ("quote", 2),
        ("paragraph", 4),
    ]
    starts = [timing["start"] for timing in narration.timings]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert starts[0] == 0 and starts[-1] < narration.duration_seconds

    assert "By Olena Marchenko" in narration.script
    assert "rises twelve percent to three billion dollars on November eleventh" in narration.script
    assert "Not read aloud" not in narration.script
    assert narration.audio.name.startswith("narration/parliament-passes-the-budget-")

    found = api.narration_for(ArticlePage.objects.get(pk=article.pk))
    assert found.audio_url == f"/media/{narration.audio.name}"
    assert found.mime_type == "audio/mpeg" and found.voice == "joe"


def test_the_same_script_is_not_synthesised_twice_but_a_changed_paragraph_is(
    publish_article, republish, synthesis_count
):
    article = publish_article()
    first = Narration.objects.get(article=article)
    assert len(synthesis_count) == 1

    republish(article)  # nothing said aloud changed
    assert len(synthesis_count) == 1
    assert Narration.objects.get(article=article).audio.name == first.audio.name

    article.title = "Parliament passes the budget at last"  # the headline is read, so this is new audio
    republish(article)
    second = Narration.objects.get(article=article)
    assert len(synthesis_count) == 2
    assert second.key != first.key and second.audio.name != first.audio.name
    assert "at last" in second.script
    assert default_storage.exists(second.audio.name)
    assert not default_storage.exists(first.audio.name)  # the old file is not left behind


def test_a_lexicon_entry_changes_the_spoken_script_and_renarrates_articles_using_it(
    publish_article, run_commit_hooks, synthesis_count
):
    article = publish_article(body=["Olena Marchenko reports from Kyiv."])
    before = Narration.objects.get(article=article)
    assert "Keev" not in before.script

    run_commit_hooks(add_lexicon_entry, "Kyiv", "Keev")
    after = Narration.objects.get(article=article)
    assert "reports from keev" in after.script  # respellings are lowered: never read as letters
    assert after.key != before.key and after.state == Narration.State.READY
    assert len(synthesis_count) == 2

    # Saving it again with the same pronunciation is idempotent and makes no new audio.
    run_commit_hooks(add_lexicon_entry, "kyiv", "Keev")
    assert LexiconEntry.objects.count() == 1
    assert len(synthesis_count) == 2


def test_lexicon_entries_apply_to_the_byline_too(desk):
    add_lexicon_entry("Marchenko", "mar-CHEN-ko")
    article = ArticlePage(title="Grain", body=[("paragraph", "<p>Ships left.</p>")])
    desk["section"].add_child(instance=article)
    from masthead.articles.models import ArticleContributor

    ArticleContributor.objects.create(article=article, contributor=desk["olena"], sort_order=0)
    texts = [segment.text for segment in build_script(ArticlePage.objects.get(pk=article.pk))]
    assert texts == ["Grain", "By Olena mar-chen-ko", "Ships left."]


def test_a_failing_voice_leaves_the_article_published_and_the_narration_failed(publish_article, settings, client):
    settings.MASTHEAD_NARRATION_VOICES = {
        "broken": {"engine": "masthead.narration.engines.PiperEngine", "model": "/nonexistent/broken.onnx"}
    }
    settings.MASTHEAD_NARRATION_VOICE = "broken"
    settings.MASTHEAD_NARRATION_MAX_ATTEMPTS = 3

    article = publish_article()

    article.refresh_from_db()
    assert article.live
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.FAILED
    assert narration.attempts == 3  # retried, then it stopped
    assert "could not be loaded" in narration.failure_said() and "broken.onnx" in narration.failure_said()
    response = client.get(article.url)
    assert response.status_code == 200
    assert "This audio is created with AI assistance" not in response.content.decode()
    assert api.narration_for(article) is None


def test_unpublishing_or_deleting_an_article_stops_serving_its_audio(publish_article, run_commit_hooks):
    article = publish_article()
    name = Narration.objects.get(article=article).audio.name
    assert default_storage.exists(name)

    run_commit_hooks(article.unpublish)
    narration = Narration.objects.get(article=article)
    assert narration.state == Narration.State.WITHDRAWN and not narration.audio
    assert not default_storage.exists(name)

    other = publish_article(title="Mayor opens new bridge")
    other_name = Narration.objects.get(article=other).audio.name
    run_commit_hooks(other.delete)
    assert not Narration.objects.filter(article_id=other.pk).exists()
    assert not default_storage.exists(other_name)


def test_narration_of_an_unpublished_article_does_nothing(publish_article, desk):
    from masthead.articles import factories as f

    draft = f.make_article(desk["section"], "A draft", publish=False)
    assert services.narrate(draft.pk) == "not published"
    assert not Narration.objects.filter(article=draft).exists()


def test_with_the_database_queue_a_failure_is_retried_later_with_growing_delays(publish_article, desk, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from masthead.articles import factories as f
    from masthead.core import queues

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    settings.MASTHEAD_NARRATION_VOICES = {"broken": {"model": "/nonexistent/broken.onnx"}}
    settings.MASTHEAD_NARRATION_VOICE = "broken"
    settings.MASTHEAD_NARRATION_RETRY_DELAYS = [30, 300]
    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])

    for attempt, delay in ((1, 30), (2, 300)):
        before = timezone.now()
        assert services.narrate(article.pk, attempt=attempt) == "retrying"
        queued = DBTaskResult.objects.filter(task_path__endswith="narrate_article").latest("enqueued_at")
        assert queued.args_kwargs["kwargs"]["attempt"] == attempt + 1
        assert before + timedelta(seconds=delay - 1) <= queued.run_after <= timezone.now() + timedelta(seconds=delay)
        assert "trying again in" in Narration.objects.get(article=article).failure_said()
    assert services.narrate(article.pk, attempt=3) == "failed"
    assert DBTaskResult.objects.filter(task_path__endswith="narrate_article").count() == 2  # no third retry
    assert Narration.objects.get(article=article).state == Narration.State.FAILED
