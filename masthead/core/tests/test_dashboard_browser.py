"""The editor's dashboard in a real browser: the newsroom's name and logo, the review queue (approving from it
says what happened), the latest edition's send report, subscriber growth and narration failures."""

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from masthead.articles import factories as f
from masthead.core.models import NewsroomSettings
from masthead.core.testing import user_in
from masthead.narration.models import Narration
from masthead.narration.services import failure_reason
from masthead.newsletters.factories import create_newsletter, make_edition, make_subscriber
from masthead.newsletters.models import Edition


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_dashboard_shows_the_desk_and_approving_from_it_confirms(
    live_server, page, client, newsroom, settings, artifacts_dir
):
    settings.MASTHEAD_NARRATION_ENABLED = False
    call_command("setup_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    newsroom_settings = NewsroomSettings.for_site(newsroom["home"].get_site())
    newsroom_settings.name = "The Kyiv Ledger"
    newsroom_settings.logo = f.make_image("The Kyiv Ledger's logo", width=240, height=96)
    newsroom_settings.save()

    writer = user_in("Writers", "wr")
    draft = f.make_article(newsroom["sections"]["politics"], "Grain corridor reopens", publish=False)
    draft.save_revision(user=writer)
    draft.get_workflow().start(draft, writer)

    briefing = create_newsletter("briefing", "The Morning Briefing", "Every weekday at seven.")
    for n in range(12):
        make_subscriber(f"reader{n}@example.org", briefing)
    edition = make_edition(briefing, subject="Tuesday: the budget vote")
    now = timezone.now()
    Edition.objects.filter(pk=edition.pk).update(
        state=Edition.State.SENT, started_at=now, finished_at=now, recipients_count=12, sent_count=11, failed_count=1
    )
    failed = newsroom["articles"][1]
    Narration.objects.update_or_create(
        article=failed, defaults={"state": "failed", "error": failure_reason(RuntimeError("The voice crashed."))}
    )

    client.force_login(user_in("Editors", "ed"))
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    page.goto(live_server.url + "/admin/")

    heading = page.locator("h1")
    assert "The Kyiv Ledger" in heading.inner_text()
    logo = heading.locator("img")
    assert logo.is_visible() and logo.evaluate("image => image.naturalWidth") > 0, "the logo loads"
    newsletters = page.locator("#newsletters-desk-section")
    assert "“Tuesday: the budget vote”" in newsletters.inner_text()
    assert "sent to 11 of 12, 1 failed" in newsletters.inner_text()
    assert newsletters.get_by_role("link", name="Send report").is_visible()
    assert newsletters.locator("svg[role=img] polyline").is_visible(), "the growth chart is drawn"
    assert "The voice crashed." in page.inner_text("body")
    # "New article" is a small button with an icon the size of its text (an unsized icon filled a wide bar).
    new_article = page.locator("#my-drafts-section").get_by_role("link", name="New article")
    button, icon = new_article.bounding_box(), new_article.locator("svg").bounding_box()
    assert button["height"] < 40 and button["width"] < 250 and icon["width"] <= 20 and icon["height"] <= 20
    page.screenshot(path=str(artifacts_dir / "admin-dashboard.png"), full_page=True)

    review = page.locator("#awaiting-review-section")
    row = review.locator("tr", has_text="Grain corridor reopens")
    row.get_by_role("button", name="Actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    page.wait_for_url(live_server.url + "/admin/")
    assert page.get_by_text("“Grain corridor reopens” approved and published.").is_visible()
    page.screenshot(path=str(artifacts_dir / "admin-dashboard-approved.png"), full_page=True)
