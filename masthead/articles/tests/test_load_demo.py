"""`manage.py load_demo` (what `make run` calls): the demo newsroom in both editions, and a second run adds nothing."""

import io
import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from django_tasks import default_task_backend
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

from masthead.articles.models import ArticlePage, Contributor, SectionPage
from masthead.core import queues
from masthead.livefeed.models import NewsItem
from masthead.newsletters.models import Edition, Newsletter, Subscriber, Subscription


def counts():
    uk = Locale.objects.get(language_code="uk")
    return {
        "articles": ArticlePage.objects.exclude(locale=uk).count(),
        "ukrainian articles": ArticlePage.objects.filter(locale=uk).count(),
        "ukrainian sections": SectionPage.objects.filter(locale=uk).count(),
        "contributors": Contributor.objects.exclude(locale=uk).count(),
        "news items": NewsItem.objects.exclude(locale=uk).count(),
        "ukrainian news items": NewsItem.objects.filter(locale=uk).count(),
        "newsletters": Newsletter.objects.exclude(locale=uk).count(),
        "ukrainian newsletters": Newsletter.objects.filter(locale=uk).count(),
        "subscribers": Subscriber.objects.count(),
        "subscriptions": Subscription.objects.count(),
        "editions": Edition.objects.count(),
        "translations": Translation.objects.count(),
        "translated strings": StringTranslation.objects.count(),
    }


@pytest.mark.slow
@pytest.mark.django_db
# A Saturday evening in Kyiv: the demo's articles, dated hours before "now", fall in each newsletter's next edition.
@time_machine.travel(datetime(2026, 3, 7, 18, 0, tzinfo=UTC), tick=True)
def test_the_demo_loads_both_editions_and_a_second_run_adds_nothing(
    client, settings, django_capture_on_commit_callbacks
):
    # Narration on, with tasks kept rather than run: the demo's articles are queued for audio once each, behind
    # anything an editor publishes (an editor's first story waited behind 22 of them at the editors' priority).
    settings.MASTHEAD_NARRATION_ENABLED = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": queues.QUEUES}}
    default_task_backend.clear()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the narrations are queued once the demo is committed
        call_command("load_demo", stdout=out)
    first = counts()
    narrations = [result for result in default_task_backend.results if result.task.name == "narrate_article"]
    english = ArticlePage.objects.live().filter(locale__language_code="en")  # no voice reads the Ukrainian ones
    assert sorted(result.args[0] for result in narrations) == sorted(english.values_list("pk", flat=True))
    assert {result.task.priority for result in narrations} == {queues.NARRATION_BULK}
    assert first["articles"] == 16 and first["contributors"] == 12 and first["newsletters"] == 3
    assert first["ukrainian articles"] >= 6 and first["ukrainian sections"] == 5
    assert first["ukrainian news items"] >= 3 and first["ukrainian newsletters"] == 1
    # Recorded with wagtail-localize: the home page, 5 sections, 6 stories and 12 profiles, each string by string.
    assert first["translations"] == 24 and first["translated strings"] > 150
    assert "admin / masthead-admin" in out.getvalue() or "masthead-admin" in out.getvalue()
    # Readers, at a domain reserved for examples, so the newsletters have counts, growth and someone to send to.
    assert first["subscribers"] == 240 and "240 newsletter subscribers at @readers.example" in out.getvalue()
    assert not Subscriber.objects.exclude(email__endswith="@readers.example").exists()
    for newsletter in Newsletter.objects.with_counts():
        assert newsletter.confirmed_count >= 10, newsletter.name
    states = {state for state in Subscription.objects.values_list("state", flat=True)}
    assert states == {"confirmed", "pending", "unsubscribed"}
    assert Subscription.objects.filter(confirmed_at__lt=timezone.now() - timedelta(days=60)).exists()

    # The automatic newsletters have past editions, built by their recipes for the slots before now and recorded
    # as sent to the readers confirmed then, so readers of the demo have something to read before signing up.
    assert "past editions of the automatic newsletters" in out.getvalue()
    for slug in ("morning-briefing", "weekend-reads", "ranok"):
        newsletter = Newsletter.objects.get(slug=slug)
        sent = list(newsletter.editions.filter(state=Edition.State.SENT).order_by("started_at"))
        assert sent, slug
        for edition in sent:
            assert edition.slot < timezone.now() and edition.sent_count == edition.recipients_count > 0, slug
            confirmed_then = newsletter.subscriptions.filter(confirmed_at__lte=edition.slot).exclude(
                unsubscribed_at__lte=edition.slot
            )
            assert edition.recipients_count == confirmed_then.count(), slug
        prefix = "/uk" if slug == "ranok" else ""
        listed = client.get(f"{prefix}/newsletters/{slug}/editions/").content.decode()
        assert all(escape(edition.subject) in listed for edition in sent), slug

    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    assert not [result for result in default_task_backend.results if result.task.name == "narrate_article"]
    settings.MASTHEAD_NARRATION_ENABLED = False

    # Three newsletters assemble themselves and wait for an editor's approval. On this Saturday evening, each
    # preview holds what the newsroom published since its last slot, from its own edition and sections.
    from django.contrib.auth import get_user_model

    # The demo's Kharkiv story was corrected: both editions show the note under it, and its editor holds it (the
    # Ukrainian one in the translation editor), so publishing the story again keeps it.
    kharkiv = ArticlePage.objects.get(slug="kharkiv-power-restored-after-overnight-strikes", locale__language_code="en")
    ukrainian_kharkiv = kharkiv.get_translation(Locale.objects.get(language_code="uk"))
    english_note, ukrainian_note = "He is a spokesperson for the Kharkiv grid operator", "Він речник харківського"
    assert english_note in client.get(kharkiv.url).content.decode()
    assert ukrainian_note in client.get(ukrainian_kharkiv.url).content.decode()
    client.force_login(get_user_model().objects.get(username="editor"))
    assert english_note in client.get(f"/admin/pages/{kharkiv.pk}/edit/").content.decode()
    ukrainian_editor = editor_props(client.get(f"/admin/pages/{ukrainian_kharkiv.pk}/edit/").content.decode())
    assert any(ukrainian_note in row["data"] for row in ukrainian_editor["initialStringTranslations"])
    expected = {
        "morning-briefing": ("Good morning. Here is what matters on", None),
        "weekend-reads": ("The week’s long reads, columns and culture writing", {"opinion", "culture"}),
        "ranok": ("Доброго ранку! Сьогодні", None),
    }
    for slug, (words, sections) in expected.items():
        newsletter = Newsletter.objects.get(slug=slug)
        assert newsletter.schedule and newsletter.auto_send == "hold" and newsletter.next_slot_at, slug
        preview = client.get(f"/admin/newsletters-tools/newsletters/{newsletter.pk}/next-edition/").content.decode()
        assert words in preview, slug
        shown = [
            article
            for article in ArticlePage.objects.live().filter(locale=newsletter.locale).specific()
            if escape(article.title) in preview
        ]
        assert len(shown) >= 2, slug
        assert sections is None or {article.get_parent().slug for article in shown} <= sections, slug

    home = client.get("/uk/").content.decode()
    assert '<html lang="uk"' in home
    ukrainian = ArticlePage.objects.filter(locale__language_code="uk").first()
    article = client.get(ukrainian.url).content.decode()
    assert ukrainian.title in article
    # Its topics are its own, in Ukrainian, not the English original's.
    original = ukrainian.get_translation(Locale.objects.get(language_code="en"))
    topics = article.split('<ul class="tags">')[1].split("</ul>")[0]
    assert ukrainian.tags.count() and all(tag.name in topics for tag in ukrainian.tags.all())
    assert not any(f">{tag.name}<" in topics for tag in original.tags.all()), topics
    assert client.get("/").status_code == 200
    # Every author's page in the Ukrainian edition has a Ukrainian role and biography, not the English ones.
    uk = Locale.objects.get(language_code="uk")
    for english in Contributor.objects.exclude(locale=uk):
        profile = english.get_translation(uk)
        assert profile.bio and profile.bio != english.bio and profile.role != english.role, english.slug
    page = client.get("/uk/authors/olena-marchenko/").content.decode()
    assert "Олена Марченко пише про столицю" in page and "covers the capital" not in page

    assert_the_ukrainian_edition_is_translated_in_wagtail_localize(client, django_capture_on_commit_callbacks)


def editor_props(html):
    """The translation editor's segments and translations, as its page hands them to its script."""
    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', html)
    assert props, "the plain editor, not the translation editor"
    return json.loads(unescape(props.group(1)))


def translation_editor(client, translation):
    return editor_props(client.get(translation.get_target_instance_edit_url()).content.decode())


def article_as_read(client, page):
    """The article element of its reader page, but for when it was updated (each publication is one)."""
    html = client.get(page.get_url()).content.decode()
    article = re.search(r"<article .*?</article>", html, re.DOTALL).group(0)
    return re.sub(r'<span class="article__updated">.*?</span>', "", article, flags=re.DOTALL)


def assert_the_ukrainian_edition_is_translated_in_wagtail_localize(client, django_capture_on_commit_callbacks):
    """Every piece of the demo's Ukrainian edition is a wagtail-localize translation of its original, every string
    translated: an editor opens it in the translation editor, and a sync of the original keeps its Ukrainian text."""
    from wagtail.models import Page

    uk = Locale.objects.get(language_code="uk")
    translations = Translation.objects.filter(target_locale=uk, enabled=True).select_related("source")
    targets = {translation.get_target_instance() for translation in translations}
    assert targets == set(Page.objects.filter(locale=uk).specific()) | set(Contributor.objects.filter(locale=uk))

    kharkiv = ArticlePage.objects.get(slug="kharkiv-power-restored-after-overnight-strikes", locale=uk)
    for translation in translations:
        editor = translation_editor(client, translation)
        strings = [segment for segment in editor["segments"] if segment["type"] == "string"]
        done = {row["segment_id"]: row["data"] for row in editor["initialStringTranslations"] if not row["error"]}
        untranslated = [segment["source"] for segment in strings if segment["id"] not in done]
        assert strings and not untranslated, (translation.source.object_repr, untranslated)
        if translation.get_target_instance() == kharkiv:
            by_path = {segment["contentPath"]: done[segment["id"]] for segment in strings}
            assert by_path["title"] == kharkiv.title and by_path["tags.kharkiv"] == "Харків"
            assert '<a id="a1">розділі «Війна»</a>' in "".join(by_path.values())

    # Sync translated pages, on each English story: its Ukrainian version reads as the demo wrote it, links and all.
    articles = [page for page in targets if isinstance(page, ArticlePage)]
    before = {article.pk: article_as_read(client, article) for article in articles}
    assert "розділі «Війна»</a>" in before[kharkiv.pk] and 'href="/uk/war/"' in before[kharkiv.pk]
    for article in articles:
        original = article.get_translation(Locale.objects.get(language_code="en"))
        assert article.first_published_at == original.first_published_at  # the story broke then in both editions
        edit_page = client.get(f"/admin/pages/{original.pk}/edit/").content.decode()
        sync_url = re.search(
            r'href="(/admin/localize/update/\d+/)[^"]*"[^>]*>(?:(?!</a>).)*Sync translated pages', edit_page, re.DOTALL
        ).group(1)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(sync_url, {"publish_translations": "on"}).status_code == 302
    for article in articles:
        article.refresh_from_db()
        assert article.live and article_as_read(client, article) == before[article.pk], article.slug
    # The rest saved again from the translation editor: the same.
    others = [
        translation for translation in translations if not isinstance(translation.get_target_instance(), ArticlePage)
    ]
    fields = ("title", "slug", "description", "lead_article_id", "name", "role", "bio", "untranslated")

    def written(instance):
        return {name: getattr(instance, name) for name in fields if hasattr(instance, name)}

    saved = {translation.pk: written(translation.get_target_instance()) for translation in others}
    with django_capture_on_commit_callbacks(execute=True):
        for translation in others:
            translation.save_target(publish=True)
    for translation in others:
        assert written(translation.get_target_instance()) == saved[translation.pk], translation.source.object_repr


@pytest.mark.django_db
# A Monday evening in Kyiv (19:00; 17:00 UTC), after the day's 07:00 slot.
@time_machine.travel(datetime(2026, 12, 7, 17, 0, tzinfo=UTC), tick=False)
def test_the_demo_editions_end_with_the_last_slot_before_now_even_one_earlier_today():
    from masthead.articles.factories import make_article, make_section, make_site
    from masthead.newsletters.factories import create_newsletter, load_demo_editions

    weekdays = create_newsletter(
        "ranok", "Ranok", "Weekday mornings.", schedule=Newsletter.Schedule.WEEKDAYS, schedule_days="0,1,2,3,4"
    )
    home = make_site()
    # Published on Saturday: Monday's 07:00 edition is the first to carry it (as the demo's Ukrainian stories are).
    make_article(make_section(home, "City"), "A Saturday story", published_at=datetime(2026, 12, 5, 12, tzinfo=UTC))

    assert load_demo_editions(timezone.now()) == 1
    edition = weekdays.editions.get()
    assert edition.slot == datetime(2026, 12, 7, 5, 0, tzinfo=UTC) and edition.state == Edition.State.SENT
    assert edition.subject == "Ranok: Monday, December 7"
    assert edition.created_at == edition.slot  # the editions list says it was made then, not when the demo loaded


@pytest.mark.django_db
def test_a_translation_is_recorded_only_when_it_lines_up_with_its_original(newsroom):
    """register_translation (what load_demo records its Ukrainian edition with) pairs the two versions by structure:
    a body with a paragraph more or less, a block of another kind, a link dropped or a topic it was not told of
    stops it, naming what does not line up, rather than record strings that a sync would put in the wrong place."""
    from masthead.articles import factories

    uk = factories.edition_locale("uk")
    factories.translate_page(newsroom["home"], title="Головна")
    factories.translate_page(newsroom["sections"]["politics"], title="Політика")
    english = factories.make_article(
        newsroom["sections"]["politics"],
        "Rada votes on the budget",
        body=["The vote came late.", 'Read <a href="/politics/">Politics</a>.'],
    )
    english.tags.set(["Budget"])
    english.save()
    ukrainian = factories.translate_page(english, title="Рада голосує за бюджет", tags=["Бюджет"])

    def refused(body, topics=None):
        factories.translate_page(english, body=body)
        with pytest.raises(ValueError) as refusal:
            factories.register_translation(english, ukrainian, topics=topics or {"Budget": "Бюджет"})
        return str(refusal.value)

    assert "3 blocks where the original has 2" in refused(
        factories.paragraph_body(["Голосували пізно.", "Ще один.", 'Читайте <a href="/uk/politics/">Політика</a>.'])
    )
    assert "a subheading block where the original has a paragraph" in refused(
        [("subheading", "Голосування"), ("paragraph", '<p>Читайте <a href="/uk/politics/">Політика</a>.</p>')]
    )
    assert "other links than the original’s" in refused(factories.paragraph_body(["Голосували пізно.", "Читайте."]))
    lined_up = factories.paragraph_body(["Голосували пізно.", 'Читайте <a href="/uk/politics/">«Політику»</a>.'])
    assert "no counterpart for tags.budget" in refused(lined_up, topics={"Tax": "Податок"})
    assert not Translation.objects.exists()  # nothing of a refused one is kept

    factories.register_translation(english, ukrainian, topics={"Budget": "Бюджет"})
    translation = Translation.objects.get(source__object_id=english.translation_key, target_locale=uk)
    assert translation.get_progress() == (5, 5)  # title, slug, two paragraphs, the topic
    assert set(StringTranslation.objects.values_list("data", flat=True)) == {
        "Рада голосує за бюджет",
        english.slug,
        "Голосували пізно.",
        'Читайте <a id="a1">«Політику»</a>.',
        "Бюджет",
    }
