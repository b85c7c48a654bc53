"""Corrections and clarifications: an editor appends a dated note to a published story, and readers of both
editions see it under the story, with a mark by the date line, and search engines in the story's JSON-LD."""

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from wagtail.models import Locale

from masthead.articles.factories import make_ukrainian_edition
from masthead.articles.models import ArticleCorrection, ArticlePage
from masthead.core.testing import article_edit_form, user_in

LD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
WRONG_DAY = "An earlier version of this story said the vote was on Monday. It was on Tuesday."


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def notes_section(html):
    found = re.findall(r'<section class="corrections" id="corrections".*?</section>', html, re.S)
    return found[0] if found else ""


def edit_form(article, corrections, **changes):
    """The article editor's form as a browser sends it on Publish, with `corrections` as the notes' rows."""
    return article_edit_form(article, corrections=corrections, **changes)


@pytest.mark.django_db
def test_an_editor_appends_a_correction_and_readers_see_it_dated_under_the_story(client, newsroom):
    article = newsroom["articles"][0]
    editor = user_in("Editors", "ed")
    assert not notes_section(html_of(client, article.url))

    client.force_login(editor)
    answer = client.post(
        f"/admin/pages/{article.pk}/edit/",
        edit_form(article, [{"kind": "correction", "noted_at": "2026-12-05 10:30", "text": WRONG_DAY}]),
    )
    assert answer.status_code == 302, answer.content.decode()[:3000]
    client.logout()

    html = html_of(client, ArticlePage.objects.get(pk=article.pk).url)
    notes = notes_section(html)
    assert '<h2 id="corrections-title" class="corrections__title">Correction</h2>' in notes
    assert "<strong>Correction</strong>, " in notes and WRONG_DAY in notes
    # The date in the newsroom's zone (Kyiv, two hours ahead of UTC in December), as the date line writes dates.
    assert '<time datetime="2026-12-05T10:30:00+02:00">December 5, 2026</time>' in notes
    dateline = re.findall(r'<p class="article__dateline">(.*?)</p>', html, re.S)[0]
    assert '<a class="article__corrected" href="#corrections">Corrected</a>' in dateline

    (story,) = [block for block in map(json.loads, LD_SCRIPT.findall(html)) if block.get("@type") == "NewsArticle"]
    assert story["correction"] == [
        {"@type": "CorrectionComment", "text": WRONG_DAY, "datePublished": "2026-12-05T08:30:00+00:00"}
    ]

    # The editor opens the story again and finds the note, so the next publication keeps it.
    client.force_login(editor)
    assert WRONG_DAY in html_of(client, f"/admin/pages/{article.pk}/edit/")


@pytest.mark.django_db
def test_a_story_with_no_notes_says_nothing_about_corrections(client, newsroom):
    html = html_of(client, newsroom["articles"][1].url)
    assert 'id="corrections"' not in html and "article__corrected" not in html
    (story,) = [block for block in map(json.loads, LD_SCRIPT.findall(html)) if block.get("@type") == "NewsArticle"]
    assert "correction" not in story


@pytest.mark.django_db
def test_the_heading_and_the_mark_name_what_the_notes_are(client, newsroom):
    article = newsroom["articles"][2]

    def publish_with(*kinds):
        article.corrections = [
            ArticleCorrection(kind=kind, text=f"Note {n}.", noted_at=datetime(2026, 12, n + 1, 9, tzinfo=UTC))
            for n, kind in enumerate(kinds)
        ]
        article.save_revision().publish()
        html = html_of(client, article.url)
        heading = re.findall(r'class="corrections__title">(.*?)</h2>', html)[0]
        mark = re.findall(r'class="article__corrected" href="#corrections">(.*?)</a>', html)[0]
        return heading, mark

    assert publish_with("clarification") == ("Clarification", "Clarified")
    assert publish_with("clarification", "clarification") == ("Clarifications", "Clarified")
    assert publish_with("correction", "correction") == ("Corrections", "Corrected")
    assert publish_with("clarification", "correction") == ("Corrections and clarifications", "Corrected")
    # Oldest first, whatever order the editor's rows are in.
    article.corrections = [
        ArticleCorrection(kind="correction", text="The later note.", noted_at=datetime(2026, 12, 6, tzinfo=UTC)),
        ArticleCorrection(kind="correction", text="The earlier note.", noted_at=datetime(2026, 12, 2, tzinfo=UTC)),
    ]
    article.save_revision().publish()
    notes = notes_section(html_of(client, article.url))
    assert notes.index("The earlier note.") < notes.index("The later note.")


@pytest.mark.django_db
def test_a_translation_carries_its_originals_notes_marked_until_they_are_translated(
    client, admin_client, newsroom, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment, Translation, TranslationSource

    make_ukrainian_edition(newsroom)
    uk = Locale.objects.get(language_code="uk")
    english = newsroom["articles"][1]  # the bridge story, only in English so far
    source, _ = TranslationSource.get_or_create_from_instance(english)  # the Translate action
    translation = Translation.objects.create(source=source, target_locale=uk)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    # The English story is corrected and the translation synced: the note reaches the Ukrainian page in English,
    # marked as English for a screen reader, under a Ukrainian heading.
    english.corrections = [
        ArticleCorrection(kind="correction", text=WRONG_DAY, noted_at=datetime(2026, 12, 5, 8, tzinfo=UTC))
    ]
    english.save_revision().publish()
    source.update_from_db()  # Sync translated pages
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    ukrainian = english.get_translation(uk)
    notes = notes_section(html_of(client, ukrainian.url))
    assert '<h2 id="corrections-title" class="corrections__title">Виправлення</h2>' in notes
    assert f'<span lang="en">{WRONG_DAY}</span>' in notes
    assert '<time datetime="2026-12-05T10:00:00+02:00">' in notes

    # The translation editor offers the note as a string, and the translator translates it.
    (segment,) = StringSegment.objects.filter(source=source, string__data=WRONG_DAY)
    answer = admin_client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "У попередній версії йшлося, що голосування було в понеділок. Воно було у вівторок."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    notes = notes_section(html_of(client, ukrainian.url))
    assert "<span>У попередній версії йшлося, що голосування було в понеділок." in notes
    assert WRONG_DAY not in notes and 'lang="en"' not in notes
    assert WRONG_DAY in notes_section(html_of(client, english.url))  # the original keeps its own words


@pytest.mark.django_db
def test_the_corrections_page_lists_each_editions_notes_newest_first_and_only_on_published_stories(client, newsroom):
    assert 'href="/corrections/">Corrections</a>' in html_of(client, "/")  # in every page's footer
    assert "No corrections yet." in html_of(client, "/corrections/")

    budget, bridge, grain = newsroom["articles"][:3]
    for article, day, text in ((budget, 2, "The vote was on Tuesday."), (bridge, 4, "The bridge is 300 m long.")):
        article.corrections = [
            ArticleCorrection(kind="correction", text=text, noted_at=datetime(2026, 12, day, 9, tzinfo=UTC))
        ]
        article.save_revision().publish()
    grain.corrections = [ArticleCorrection(kind="clarification", text="Exports are by sea.")]
    grain.save_revision().publish()
    grain.unpublish()
    make_ukrainian_edition(newsroom)
    uk = Locale.objects.get(language_code="uk")
    ukrainian = ArticlePage.objects.get(translation_key=budget.translation_key, locale=uk)
    ukrainian.corrections = [
        ArticleCorrection(kind="correction", text="Голосували у вівторок.", noted_at=datetime(2026, 12, 3, tzinfo=UTC))
    ]
    ukrainian.save_revision().publish()

    log = html_of(client, "/corrections/")
    assert log.index("The bridge is 300 m long.") < log.index("The vote was on Tuesday.")  # newest first
    assert f'<a href="{bridge.url}#corrections">Mayor opens new bridge</a>' in log
    assert '<time datetime="2026-12-04T11:00:00+02:00">December 4, 2026</time>' in log
    assert "Exports are by sea." not in log  # its story is no longer published
    assert "Голосували" not in log
    ukrainian_log = html_of(client, "/uk/corrections/")
    assert "Голосували у вівторок." in ukrainian_log and "The bridge is 300 m long." not in ukrainian_log
    assert "<h1>Виправлення</h1>" in ukrainian_log
    assert client.get("/corrections/?page=abc").status_code == 200  # a hand-edited address is still a page


@pytest.mark.django_db
def test_publishing_a_note_purges_its_editions_corrections_page(newsroom, settings, django_capture_on_commit_callbacks):
    # The front-end cache (nginx) kept /corrections/ without the new note until it expired: the story, its section
    # and the feeds were purged, the public record of corrections was not.
    from masthead.core.tests.test_page_cache import RecordingPurger

    english = newsroom["articles"][0]
    ukrainian = make_ukrainian_edition(newsroom)["articles"][0]
    for article, log in ((english, "/corrections/"), (ukrainian, "/uk/corrections/")):
        with RecordingPurger() as purger:
            settings.WAGTAILFRONTENDCACHE = {
                "http": {"BACKEND": "masthead.core.purge.HTTPBackend", "LOCATION": f"http://127.0.0.1:{purger.port}"}
            }
            with django_capture_on_commit_callbacks(execute=True):
                article.corrections = [ArticleCorrection(kind="correction", text=WRONG_DAY)]
                article.save_revision().publish()
        assert log in {path for host, path in purger.requests}, sorted(purger.requests)


@pytest.mark.django_db
def test_a_note_dated_after_today_is_refused(client, newsroom):
    # A note dated next month was published as it was, and headed /corrections/ until then.
    article = newsroom["articles"][0]
    client.force_login(user_in("Editors", "ed"))
    later = {"kind": "correction", "noted_at": "2099-01-15 09:00", "text": WRONG_DAY}
    answer = client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, [later]))
    assert answer.status_code == 200 and "A note cannot be dated after today." in answer.content.decode()
    assert not ArticlePage.objects.get(pk=article.pk).corrections.exists()
    today = {**later, "noted_at": timezone.localtime().strftime("%Y-%m-%d %H:%M")}
    assert client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, [today])).status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).corrections.get().text == WRONG_DAY
