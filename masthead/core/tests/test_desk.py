"""The admin as a newsroom's desk: the dashboard, the writer's straight path to a new article, newsroom labels."""

import re

import pytest
from django.utils.text import slugify

from masthead.articles.models import ArticlePage
from masthead.core.models import NewsroomSettings
from masthead.core.testing import user_in
from masthead.narration.models import Narration
from masthead.narration.services import failure_reason

pytestmark = pytest.mark.django_db


def test_the_dashboard_is_the_newsrooms_desk(client, newsroom):
    settings = NewsroomSettings.for_site(newsroom["home"].get_site())
    settings.name = "The Kyiv Ledger"
    settings.save()
    article = newsroom["articles"][0]
    Narration.objects.update_or_create(
        article=article, defaults={"state": "failed", "error": failure_reason(RuntimeError("The voice crashed."))}
    )
    client.force_login(user_in("Editors", "ed"))

    html = client.get("/admin/").content.decode()

    assert re.search(r"<h1 class=\"w-h1 w-mt-0\">\s*The Kyiv Ledger\s*</h1>", html)
    for heading in ("My drafts", "News feed", "Newsletters", "Narration"):
        assert f">{heading}<" in html or f"{heading}\n" in html, heading
    assert "The voice crashed." in html and article.title in html
    assert 'href="/admin/new-article/"' in html
    assert "gravatar" not in html
    # Wagtail's leftovers: the Help menu with its What's new badges, and the Snippets menu.
    assert '"name": "help"' not in html and '"name": "snippets"' not in html


def test_the_admin_carries_the_newsrooms_name_and_masthead_mark_not_wagtails(client, newsroom):
    from wagtail.users.models import UserProfile

    settings = NewsroomSettings.for_site(newsroom["home"].get_site())
    settings.name = "The Kyiv Ledger"
    settings.save()

    login = client.get("/admin/login/").content.decode()
    assert "<title>Sign in - The Kyiv Ledger</title>" in login
    assert "<h1>Sign in to The Kyiv Ledger</h1>" in login
    assert 'href="/static/img/favicon.svg"' in login and "wagtailadmin/images/favicon.ico" not in login
    assert "Sign in to Wagtail" not in login and "- Wagtail</title>" not in login

    editor = user_in("Editors", "ed")
    client.force_login(editor)
    page = client.get("/admin/narration/").content.decode()
    assert re.search(r"<title>[^<]* - The Kyiv Ledger</title>", page)
    logo = page.split("<template data-wagtail-sidebar-branding-logo>")[1].split("</template>")[0]
    assert 'src="/static/img/favicon.svg"' in logo  # the sidebar's mark in place of Wagtail's bird

    from masthead.articles.factories import make_image

    settings.logo = make_image("Kyiv Ledger logo", width=400, height=100)
    settings.save()
    page = client.get("/admin/narration/").content.decode()
    logo = page.split("<template data-wagtail-sidebar-branding-logo>")[1].split("</template>")[0]
    assert re.search(r'<img src="/media/images/[^"]+\.max-160x160\.[a-z]+"', logo)  # the newsroom's own logo

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    assert "<title>Озвучення - The Kyiv Ledger</title>" in client.get("/admin/narration/").content.decode()


def test_the_admins_password_reset_email_names_the_newsroom_and_its_link_sets_a_new_password(client, newsroom):
    from django.core import mail

    settings = NewsroomSettings.for_site(newsroom["home"].get_site())
    settings.name = "The Kyiv Ledger"
    settings.save()
    editor = user_in("Editors", "ed")
    editor.email = "ed@kyivledger.example"
    editor.save()

    response = client.post("/admin/password_reset/", {"email": "ed@kyivledger.example"})
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.subject == "Choose a new password for The Kyiv Ledger"
    assert email.body.startswith(
        "Someone asked to reset the password you use to sign in to The Kyiv Ledger's admin.\n"
    )  # an apostrophe, not &#x27;: the email is plain text
    assert "Wagtail" not in email.subject + email.body
    assert "Your username, in case you have forgotten it: ed" in email.body
    assert "If it was not you, there is nothing to do: your password stays as it is" in email.body

    link = re.search(r"http://\S+/admin/password_reset/confirm/\S+", email.body).group()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    client.post(
        form.redirect_chain[-1][0], {"new_password1": "winter-courtyard-42", "new_password2": "winter-courtyard-42"}
    )
    editor.refresh_from_db()
    assert editor.check_password("winter-courtyard-42")

    # An editor who reads the admin in Ukrainian gets it in Ukrainian, whatever the sign-in page was shown in.
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    client.logout()
    client.post("/admin/password_reset/", {"email": "ed@kyivledger.example"})
    assert mail.outbox[-1].subject == "Новий пароль для The Kyiv Ledger"
    assert "Щоб вибрати новий пароль, перейдіть за посиланням:" in mail.outbox[-1].body


def test_a_writer_goes_from_new_article_to_the_editor_by_choosing_a_section(client, newsroom):
    client.force_login(user_in("Writers", "wr"))
    politics = newsroom["sections"]["politics"]

    chooser = client.get("/admin/new-article/").content.decode()
    assert "Politics" in chooser and "Business" in chooser and "Write the article" in chooser
    response = client.get(f"/admin/new-article/?section={politics.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/add/articles/articlepage/{politics.pk}/"

    editor = client.get(response["Location"]).content.decode()
    assert "Headline" in editor
    assert "Page title" not in editor
    assert "Standfirst" in editor
    assert "Paragraph" in editor
    bad = client.get("/admin/new-article/?section=999999")
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()


def test_my_drafts_say_which_wait_for_an_editor_and_which_are_scheduled(client, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    from masthead.articles import factories as f

    writer = user_in("Writers", "wr")
    client.force_login(writer)
    assert "No drafts yet." in client.get("/admin/").content.decode()

    section = newsroom["sections"]["politics"]
    plain, waiting, scheduled = (
        f.make_article(section, title, publish=False, live=False, owner=writer)
        for title in ("Plain", "Waiting", "Later")
    )
    waiting.get_workflow().start(waiting, writer)
    scheduled.go_live_at = timezone.now() + timedelta(days=1)
    scheduled.save_revision(user=writer, approved_go_live_at=scheduled.go_live_at)

    panel = re.search(r'id="my-drafts-section".*?</section>', client.get("/admin/").content.decode(), re.S)[0]
    rows = re.findall(r'edit/">(\w+)</a>.*?<span class="w-status">\s*([^<]+?)\s*</span>', panel, re.S)
    assert dict(rows) == {"Plain": "draft", "Waiting": "in moderation", "Later": "scheduled"}


def test_the_desk_writes_dates_with_the_month_in_words_never_as_digits_that_read_both_ways(client, newsroom):
    from datetime import UTC, datetime

    import time_machine

    from masthead.articles import factories as f
    from masthead.livefeed.factories import create_news_item

    editor = user_in("Editors", "ed")
    # 7 March: "03/07/2026" in the US, "7 March" to most of Europe, and Ukraine reads it the other way round.
    with time_machine.travel(datetime(2026, 3, 7, 10, 0, tzinfo=UTC), tick=False):
        create_news_item("Trams run again", "<p>All lines.</p>", datetime(2026, 3, 7, 9, 30, tzinfo=UTC))
        f.make_article(newsroom["sections"]["politics"], "My draft", publish=False, live=False, owner=editor)
        article = newsroom["articles"][0]
        Narration.objects.update_or_create(article=article, defaults={"state": "ready"})
        client.force_login(editor)
        pages = client.get("/admin/").content.decode() + client.get("/admin/narration/").content.decode()

    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", pages)
    assert "March 7, 2026, 11:30 a.m." in pages  # the news item, at the newsroom's time (UTC+2)
    assert pages.count("March 7, 2026, noon") >= 2  # the draft saved and the narration updated


def test_with_two_editions_the_sections_are_grouped_by_edition_and_the_byline_offers_that_editions_names(
    client, newsroom
):
    from masthead.articles.factories import make_ukrainian_edition

    ukrainian = make_ukrainian_edition(newsroom)
    client.force_login(user_in("Editors", "ed"))

    chooser = client.get("/admin/new-article/").content.decode()
    groups = dict(re.findall(r"<legend[^>]*>([^<]+)</legend>(.*?)</fieldset>", chooser, re.S))
    assert set(groups) == {"English", "Українська"}
    assert "Politics" in groups["English"] and "Політика" not in groups["English"]
    assert "Політика" in groups["Українська"] and "Business" not in groups["Українська"]

    def offered(section):
        editor = client.get(f"/admin/pages/add/articles/articlepage/{section.pk}/").content.decode()
        select = re.search(r'<select name="byline-__prefix__-contributor".*?</select>', editor, re.S)[0]
        return set(re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select))

    assert offered(newsroom["sections"]["politics"]) == {"Olena Marchenko", "Mark Ellison", "The Masthead news desk"}
    # In Ukrainian: the translated names, and the desk as it is, since it has no Ukrainian version.
    assert offered(ukrainian["sections"]["politics"]) == {"Олена Марченко", "Марк Еллісон", "The Masthead news desk"}

    def save_draft(title, contributor):
        return client.post(
            f"/admin/pages/add/articles/articlepage/{newsroom['sections']['politics'].pk}/",
            {
                "title": title,
                "slug": slugify(title),
                "byline-TOTAL_FORMS": "1",
                "byline-INITIAL_FORMS": "0",
                "byline-MIN_NUM_FORMS": "1",
                "byline-MAX_NUM_FORMS": "1000",
                "byline-0-contributor": str(contributor.pk),
                "byline-0-ORDER": "1",
                "body-count": "0",
                "related_links-TOTAL_FORMS": "0",
                "related_links-INITIAL_FORMS": "0",
                "corrections-TOTAL_FORMS": "0",
                "corrections-INITIAL_FORMS": "0",
            },
        )

    refused = save_draft("Cyrillic byline", ukrainian["contributors"]["olena"])
    assert refused.status_code == 200
    assert "Select a valid choice. That choice is not one of the available choices." in refused.content.decode()
    assert save_draft("Latin byline", newsroom["contributors"]["olena"]).status_code == 302
    assert ArticlePage.objects.get(slug="latin-byline").contributors == [newsroom["contributors"]["olena"]]


def test_the_article_editor_shows_the_narration_and_a_listen_button_in_the_main_panel(client, newsroom):
    article = newsroom["articles"][0]
    Narration.objects.update_or_create(
        article=article, defaults={"state": "ready", "audio": "narration/budget-abc.mp3", "duration_seconds": 71}
    )
    client.force_login(user_in("Editors", "ed2"))

    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()

    panel = html[html.index("data-narration-panel") :]
    panel = panel[: panel.index("</div>")]
    assert 'data-narration-state="ready"' in panel and "71 s of audio" in panel
    assert '<audio controls preload="none" src="/media/narration/budget-abc.mp3"' in panel
    assert f'href="/admin/narration/{article.pk}/"' in panel


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/admin/tag-autocomplete/?term=Ky%00iv", 200),
        ("/admin/images/chooser/?tag=Ky%00iv", 200),
        # An edition code with a space in it names no edition, as any unknown code.
        ("/admin/choose-page/?locale=e%00n", 404),
        ("/admin/pages/usage/articles/articlepage/?locale=e%00n", 404),
    ],
)
def test_a_nul_in_an_admin_query_string_reads_as_a_space(client, newsroom, address, status):
    # These views of Wagtail's filter on the value as it comes, and PostgreSQL refuses a NUL in a query (a 500).
    client.force_login(user_in("Editors", "ed"))

    response = client.get(address)

    assert response.status_code == status
    assert "\x00" not in "".join(response.wsgi_request.GET.values())


def test_the_admin_asks_no_outside_server_for_a_new_wagtail_release(client, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    dashboard = client.get("/admin/").content.decode()
    assert "w-upgrade" not in dashboard  # Wagtail's check fetches releases.wagtail.org from the browser
