"""Contributors in the admin: an editor adds a writer's profile, changes it and sends it for translation; a writer
only reads them; a profile named on a byline is not deleted."""

import re

import pytest
from django.contrib.auth.models import Group, User

from masthead.articles import factories as f
from masthead.articles.factories import make_ukrainian_edition
from masthead.articles.models import Contributor
from masthead.core.testing import user_in

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/articles/contributor/"
ADD = LIST + "add/"


def profile(**fields):
    return {"kind": "person", "name": "", "slug": "", "role": "", "bio": "", "email": "", "website": "", **fields}


def test_an_editor_adds_a_writers_profile_and_readers_find_it(client, newsroom):
    client.force_login(user_in("Editors", "ed"))
    dashboard = client.get("/admin/").content.decode()
    assert f'"url": "{LIST}"' in dashboard  # Contributors is in the menu

    form = client.get(ADD).content.decode()
    assert re.search(r"<h1[^>]*>\s*New: Contributor\s*</h1>", form)
    answer = client.post(
        ADD,
        profile(name="Iryna Koval", role="Odesa correspondent", bio="Iryna covers the ports and the south."),
    )
    assert answer.status_code == 302
    iryna = Contributor.objects.get(name="Iryna Koval")
    assert iryna.slug == "iryna-koval"  # made from the name, the address field left empty

    page = client.get("/authors/iryna-koval/").content.decode()
    assert "Odesa correspondent" in page and "Iryna covers the ports and the south." in page
    listing = client.get(LIST).content.decode()
    assert "Iryna Koval" in listing and "Olena Marchenko" in listing

    edit = f"{LIST}edit/{iryna.pk}/"
    client.post(edit, profile(name="Iryna Koval", slug="iryna-koval", role="Southern correspondent"))
    assert "Southern correspondent" in client.get("/authors/iryna-koval/").content.decode()


def test_a_corrected_profile_shows_on_the_stories_it_bylines_at_once(client, newsroom):
    """An article's byline is kept rendered between publications; a profile's change must not wait for it."""
    olena = newsroom["contributors"]["olena"]
    story = newsroom["articles"][3]
    assert ">Olena Marchenko</a>" in client.get(story.url).content.decode()  # rendered, and kept

    client.force_login(user_in("Editors", "ed"))
    client.post(
        f"{LIST}edit/{olena.pk}/",
        profile(name="Olena Marchenko-Hart", slug="olena-marchenko", role="Chief Kyiv correspondent"),
    )
    client.logout()
    page = client.get(story.url).content.decode()
    assert 'rel="author">Olena Marchenko-Hart</a>' in page
    assert '<p class="byline__role">Chief Kyiv correspondent</p>' in page


def test_an_address_already_used_is_said_in_words_and_nothing_is_saved(client, newsroom):
    client.force_login(user_in("Editors", "ed"))
    answer = client.post(ADD, profile(name="Olena Marchenko", role="Intern"))
    assert answer.status_code == 200
    assert (
        "Olena Marchenko already has the address /authors/olena-marchenko/ in this edition; choose another."
        in answer.content.decode()
    )
    assert Contributor.objects.filter(name="Olena Marchenko").count() == 1
    # Another address is accepted for a second person of the same name.
    client.post(ADD, profile(name="Olena Marchenko", slug="olena-marchenko-lviv", role="Lviv stringer"))
    assert Contributor.objects.get(slug="olena-marchenko-lviv").role == "Lviv stringer"


def test_an_editor_sends_a_profile_for_translation_and_a_writer_only_reads_profiles(client, newsroom):
    from urllib.parse import urlencode

    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, Translation

    make_ukrainian_edition(newsroom)
    desk = newsroom["contributors"]["desk"]  # only in English
    editor = user_in("Editors", "ed")
    client.force_login(editor)
    submit = f"/admin/localize/submit/snippet/articles/contributor/{desk.pk}/"
    assert submit in client.get(LIST).content.decode()  # the Translate action, in each profile's menu
    uk = Locale.objects.get(language_code="uk")
    assert client.post(submit, {"locales": [uk.pk]}).status_code == 302
    translation = desk.get_translation(uk)
    assert translation.slug == desk.slug  # the same address in the Ukrainian edition
    # The translation editor offers the name, role and bio to translate; the address and the handle stay as they are.
    editor_page = client.get(f"{LIST}edit/{translation.pk}/").content.decode()
    offered = set(re.findall(r"&quot;contentPath&quot;: &quot;(\w+)&quot;", editor_page))
    assert "name" in offered and not offered & {"slug", "x_handle", "email", "website"}
    # Until the name is translated, the Ukrainian record holds the English one, and pages mark it so.
    assert translation.untranslated == "name" and translation.original_language == "en"
    page = client.get("/uk/authors/the-masthead-news-desk/").content.decode()
    assert '<h1 class="profile__name" lang="en">The Masthead news desk</h1>' in page
    segment = StringSegment.objects.get(source__object_id=desk.translation_key, context__path="name")
    work = Translation.objects.get(source=segment.source, target_locale=uk)
    answer = client.put(
        f"/admin/localize/translate/{work.pk}/strings/{segment.pk}/edit/",
        urlencode({"value": "Відділ новин"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert answer.status_code == 201
    work.save_target(user=editor, publish=True)  # Publish, in the translation editor
    translation.refresh_from_db()
    assert (translation.name, translation.untranslated) == ("Відділ новин", "")
    assert (
        '<h1 class="profile__name">Відділ новин</h1>'
        in client.get("/uk/authors/the-masthead-news-desk/").content.decode()
    )

    writer = User.objects.create_user("wr", "wr@example.com", "pw")
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    assert "Olena Marchenko" in client.get(LIST).content.decode()
    assert client.get(ADD).status_code in (302, 403)
    assert client.post(ADD, profile(name="Someone New")).status_code in (302, 403)
    assert not Contributor.objects.filter(name="Someone New").exists()


def test_a_profile_named_on_a_byline_is_not_deleted(client, newsroom):
    client.force_login(user_in("Admins", "chief"))
    olena = newsroom["contributors"]["olena"]  # on bylines
    delete = f"{LIST}delete/{olena.pk}/"
    page = client.get(delete)
    assert page.status_code == 200
    assert "One or more references to this contributor prevent it from being deleted." in page.content.decode()
    assert client.post(delete).status_code == 302  # refused (Wagtail says so), not a server error
    assert Contributor.objects.filter(pk=olena.pk).exists()

    spare = Contributor.objects.create(name="Made By Mistake", slug="made-by-mistake")
    assert client.post(f"{LIST}delete/{spare.pk}/").status_code == 302
    assert not Contributor.objects.filter(pk=spare.pk).exists()


def test_the_migration_marks_the_words_of_profiles_translated_before_it(newsroom):
    """Profiles translated before Contributor.untranslated existed get it from the migration (0008)."""
    import importlib

    from django.apps import apps

    step = importlib.import_module("masthead.articles.migrations.0008_contributor_untranslated_text")
    make_ukrainian_edition(newsroom)
    desk = newsroom["contributors"]["desk"]
    desk.bio = "Breaking news from the whole newsroom."
    desk.save()
    copied = f.translate_contributor(desk, name="Відділ новин")  # the bio left in English
    olena = Contributor.objects.get(slug="olena-marchenko", locale=copied.locale)  # translated throughout
    Contributor.objects.update(untranslated="", original_language="")  # as the columns were added

    step.note_untranslated_text(apps, None)
    copied.refresh_from_db()
    olena.refresh_from_db()
    desk.refresh_from_db()
    assert (copied.untranslated, copied.original_language) == ("bio", "en")
    assert (olena.untranslated, desk.untranslated) == ("", "")  # a translation throughout, and the original


def test_a_profiles_own_menu_offers_to_translate_it_and_to_sync_its_translation(client, newsroom):
    """wagtail-localize offered Translate and Sync translated snippets only in the contributors list: an editor who
    corrected a bio on the profile found neither there."""
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    make_ukrainian_edition(newsroom)
    desk = newsroom["contributors"]["desk"]  # only in English
    client.force_login(user_in("Editors", "ed"))
    edit = f"{LIST}edit/{desk.pk}/"

    def menu():
        html = client.get(edit).content.decode()
        return dict(re.findall(r'<a href="([^"]+)"[^>]*>\s*(?:<svg.*?</svg>)?\s*([^<]+?)\s*</a>', html, re.S))

    submit = f"/admin/localize/submit/snippet/articles/contributor/{desk.pk}/"
    assert menu().get(submit) == "Translate"
    client.post(submit, {"locales": [Locale.objects.get(language_code="uk").pk]})
    source = TranslationSource.objects.get(object_id=desk.translation_key)
    assert menu().get(f"/admin/localize/update/{source.pk}/?next={edit.replace('/', '%2F')}") == (
        "Sync translated snippets"
    )
    assert submit not in menu()  # translated into every other language already
