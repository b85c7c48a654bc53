"""Narration by voice: a language has a voice or none (MASTHEAD_NARRATION_VOICE / _VOICES)."""

import feedparser
import numpy
import pytest

from masthead.articles import factories as f
from masthead.narration import conf, services
from masthead.narration.engines import Engine
from masthead.narration.models import Narration

pytestmark = pytest.mark.django_db


class QuietEngine(Engine):
    """Stands in for a Ukrainian voice package: a short tone per sentence, no model files."""

    def sentences(self, text):
        for _sentence in text.split(". "):
            yield (numpy.sin(numpy.arange(2205) / 8) * 8000).astype(numpy.int16)


@pytest.fixture
def ukrainian_article(desk, run_commit_hooks):
    english = run_commit_hooks(f.make_article, desk["section"], "Ships leave the port", [desk["olena"]])
    f.translate_page(desk["home"], title="Головна")
    f.translate_page(desk["section"], title="Політика")
    ukrainian = run_commit_hooks(
        f.translate_page,
        english,
        title="Кораблі виходять з порту",
        body=[("paragraph", "<p>Кораблі вийшли з порту вранці.</p>")],
    )
    return english, ukrainian


def test_without_a_ukrainian_voice_a_ukrainian_article_has_no_audio_and_no_player(ukrainian_article, client):
    english, ukrainian = ukrainian_article
    assert conf.voice_id("en") == "joe" and conf.voice_id("uk") is None

    assert not Narration.objects.filter(article=ukrainian).exists()
    assert services.narrate(ukrainian.pk) == "no voice"
    html = client.get(ukrainian.url).content.decode()
    assert "<audio" not in html and "Послухати цей матеріал" not in html and "Listen to this article" not in html
    assert "штучного інтелекту" not in html and "AI assistance" not in html
    # No podcast for an edition no voice reads: no link in the footer or the head, and its address is not found
    # (it used to list the English episodes under a Ukrainian title).
    assert "/uk/narration/podcast.xml" not in html and "(подкаст)" not in html
    assert client.get("/uk/narration/podcast.xml").status_code == 404

    # The English original is narrated as before (on publish), by the bundled English voice.
    narration = Narration.objects.get(article=english)
    assert narration.state == Narration.State.READY
    assert narration.voice == "joe" and narration.duration_seconds > 0.5
    english_html = client.get(english.url).content.decode()
    assert "Listen to this article" in english_html and 'href="/narration/podcast.xml"' in english_html
    podcast = feedparser.parse(client.get("/narration/podcast.xml").content)
    assert [entry.title for entry in podcast.entries] == ["Ships leave the port"]


def test_naming_a_voice_for_ukrainian_turns_its_narration_on(ukrainian_article, client, settings, run_commit_hooks):
    english, ukrainian = ukrainian_article
    settings.MASTHEAD_NARRATION_VOICES = {
        **conf.DEFAULT_VOICES,
        "oksana": {"engine": f"{__name__}.QuietEngine", "label": "Oksana (test)", "language": "uk"},
    }
    assert conf.voice_id("uk") == "oksana" and conf.voice_id("en") == "joe"

    run_commit_hooks(lambda: ukrainian.save_revision().publish())

    narration = Narration.objects.get(article=ukrainian)
    assert narration.state == Narration.State.READY and narration.voice == "oksana"
    html = client.get(ukrainian.url).content.decode()
    assert "<audio" in html
    assert "Це аудіо створено за допомогою штучного інтелекту" in html
    # Each edition's podcast has its own articles only.
    assert 'href="/uk/narration/podcast.xml"' in html
    ukrainian_podcast = feedparser.parse(client.get("/uk/narration/podcast.xml").content)
    assert ukrainian_podcast.feed.language == "uk"
    assert [entry.title for entry in ukrainian_podcast.entries] == ["Кораблі виходять з порту"]
    english_podcast = feedparser.parse(client.get("/narration/podcast.xml").content)
    assert [entry.title for entry in english_podcast.entries] == ["Ships leave the port"]


def test_editors_are_told_why_an_article_in_a_language_without_a_voice_has_no_audio(
    ukrainian_article, client, settings
):
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    english, ukrainian = ukrainian_article
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    reason = "No voice reads Ukrainian, so articles in it have no audio."

    editor_panel = client.get(f"/admin/pages/{ukrainian.pk}/edit/").content.decode()
    assert reason in editor_panel and "The audio is made when the article is published." not in editor_panel
    detail = client.get(f"/admin/narration/{ukrainian.pk}/").content.decode()
    assert reason in detail and ">Regenerate<" not in detail
    # Sent anyway (a page open since before the voice was removed): the reason, not "see the server log".
    answer = client.post(f"/admin/narration/{ukrainian.pk}/regenerate/", follow=True).content.decode()
    assert reason in answer and "server log" not in answer
    assert not Narration.objects.filter(article=ukrainian).exists()

    listing = client.get("/admin/narration/").content.decode()
    assert listing.count(reason) == 1
    assert f'Regenerate<span class="w-sr-only"> {english.title}' in listing
    assert f'Regenerate<span class="w-sr-only"> {ukrainian.title}' not in listing
    # The English one is narrated, so its editor says nothing of the kind.
    assert reason not in client.get(f"/admin/pages/{english.pk}/edit/").content.decode()

    settings.MASTHEAD_NARRATION_ENABLED = False
    Narration.objects.filter(article=english).delete()
    switched_off = client.get(f"/admin/pages/{english.pk}/edit/").content.decode()
    assert "Narration is switched off on this site" in switched_off
