import re
from datetime import UTC, datetime

import pytest
from wagtail.models import Site

from masthead.articles import factories as f
from masthead.articles.models import ArticlePage, Contributor
from masthead.core.models import NewsroomSettings
from masthead.core.testing import queries_of_a_warm_request


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def featured(newsroom):
    """An article with everything a reader sees: two bylines, lead image with caption and credit, a long body."""
    section = newsroom["sections"]["politics"]
    image = f.make_image("Parliament at dusk")
    article = f.make_article(
        section,
        "Budget talks run into the night",
        [newsroom["contributors"]["olena"], newsroom["contributors"]["mark"]],
        body=[
            " ".join(["budget"] * 500),
            ("subheading", "What happens next"),
            ("quote", {"quote": "We will vote.", "attribution": "A deputy"}),
        ],
        standfirst="Deputies argued over every line.",
        published_at=datetime(2022, 11, 11, 11, 39, tzinfo=UTC),
        lead_image=image,
        lead_image_caption="The parliament building in the evening.",
        lead_image_credit="Olena Marchenko",
    )
    f.set_editors_picks(Site.objects.get(is_default_site=True), [article, *newsroom["articles"][:2]])
    return article


def test_article_page_shows_what_a_reader_expects(client, featured):
    html = html_of(client, featured.url)
    text = text_of(html)
    # Skip link is the first link on the page and points at <main>.
    first_link = re.search(r"<a [^>]*>", html).group(0)
    assert 'class="skip-link"' in first_link and 'href="#main"' in first_link
    assert '<main id="main"' in html
    assert re.search(r"<h1[^>]*>Budget talks run into the night</h1>", html)
    assert "By Olena Marchenko and Mark Ellison" in text
    # 11:39 UTC is 1:39 PM in Kyiv (UTC+2 in November), with the offset in datetime.
    assert '<time datetime="2022-11-11T13:39:00+02:00">November 11, 2022 1:39 PM</time>' in html
    assert "3 min read" in text
    assert "The parliament building in the evening." in text and "Photo: Olena Marchenko" in text
    assert "What happens next" in text and "We will vote." in text
    assert (
        'data-slot="narration"' in html and 'data-slot="news-feed"' in html and 'data-slot="newsletter-signup"' in html
    )


def test_editors_picks_never_list_the_article_being_read_or_an_unpublished_one(client, featured, newsroom):
    first, second = newsroom["articles"][:2]
    second.unpublish()
    html = html_of(client, featured.url)
    picks = re.search(r'<section class="sidebar-box editors-picks".*?</section>', html, re.S).group(0)
    assert first.title in picks
    assert featured.title not in picks
    assert second.title not in picks
    home_picks = re.search(
        r'<section class="sidebar-box editors-picks".*?</section>', html_of(client, "/"), re.S
    ).group(0)
    assert home_picks.index(featured.title) < home_picks.index(first.title), "editors' order is kept"


def test_desk_byline_and_contributor_page(client, newsroom):
    desk_article = newsroom["articles"][1]
    assert "By The Masthead news desk" in text_of(html_of(client, desk_article.url))
    html = html_of(client, "/authors/olena-marchenko/")
    text = text_of(html)
    assert "Olena Marchenko" in text and "Kyiv correspondent" in text
    # Newest first.
    assert text.index("Startups find new investors") < text.index("Parliament passes the budget")
    assert "Grain exports rise again" not in text


def test_newsroom_time_zone_comes_from_site_settings(client, featured):
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.time_zone = "America/New_York"
    settings.save()
    html = html_of(client, featured.url)
    assert '<time datetime="2022-11-11T06:39:00-05:00">November 11, 2022 6:39 AM</time>' in html


def test_home_page_has_lead_latest_sections_and_picks(client, featured, newsroom):
    newsroom["home"].latest_count = 1
    newsroom["home"].save()
    text = text_of(html_of(client, "/"))
    assert "Latest" in text and "Editors’ Picks" in text
    assert "More in Politics" in text
    for article in newsroom["articles"]:
        assert article.title in text


def test_section_page_lists_its_articles_newest_first(client, newsroom):
    text = text_of(html_of(client, "/business/"))
    assert text.index("Startups find new investors") < text.index("Grain exports rise again")
    assert "Parliament passes the budget" not in text


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "99999", "1.5", "%00"])
@pytest.mark.parametrize("url", ["/politics/", "/authors/olena-marchenko/"])
def test_listing_pages_answer_any_page_parameter(client, newsroom, url, page_param):
    response = client.get(f"{url}?page={page_param}")
    assert response.status_code == 200
    assert "Parliament passes the budget" in response.content.decode()


def test_unknown_paths_get_the_styled_404(client, newsroom):
    for url in ["/no-such-section/", "/politics/no-such-article/", "/authors/nobody/"]:
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert "We can’t find that page" in html and 'class="skip-link"' in html


def test_query_counts_do_not_grow_with_the_data(client, newsroom):
    from masthead.articles.models import ArticleContributor, RelatedArticle

    section = newsroom["sections"]["politics"]
    article = newsroom["articles"][0]
    urls = [article.url, "/", "/politics/", "/authors/olena-marchenko/"]
    # One of everything: a photo on the byline, a lead image, one related article, one pick.
    photo = f.make_image("Portrait")
    image = f.make_image("Lead")
    Contributor.objects.filter(pk=newsroom["contributors"]["olena"].pk).update(photo=photo)
    ArticlePage.objects.filter(pk__in=[a.pk for a in newsroom["articles"]]).update(lead_image=image)
    RelatedArticle.objects.create(page=article, article=newsroom["articles"][1], sort_order=0)
    f.set_editors_picks(Site.objects.get(is_default_site=True), [newsroom["articles"][2]])
    small = {url: queries_of_a_warm_request(client, url) for url in urls}

    # Many more contributors on the byline, picks, related articles and listed articles.
    people = [f.make_contributor(f"Reporter {number}") for number in range(6)]
    Contributor.objects.filter(pk__in=[person.pk for person in people[:3]]).update(photo=photo)
    extra = [
        f.make_article(
            section, f"Extra story {number}", [newsroom["contributors"]["olena"], *people[:3]], lead_image=image
        )
        for number in range(14)
    ]
    for order, person in enumerate(people, start=5):
        ArticleContributor.objects.create(article=article, contributor=person, sort_order=order)
    for order, other in enumerate(extra[:5], start=1):
        RelatedArticle.objects.create(page=article, article=other, sort_order=order)
    f.set_editors_picks(Site.objects.get(is_default_site=True), extra[5:12])

    large = {url: queries_of_a_warm_request(client, url) for url in urls}
    assert large == small


def test_edit_post_link_only_for_users_who_may_edit(client, newsroom, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    article = newsroom["articles"][0]
    assert "Edit post" not in html_of(client, article.url)
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    reader = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(reader)
    assert "Edit post" not in html_of(client, article.url)
    client.force_login(editor)
    html = html_of(client, article.url)
    assert f'<a class="edit-post" href="/admin/pages/{article.pk}/edit/">Edit post</a>' in html


def test_anonymous_pages_are_cacheable_and_staff_pages_are_not(client, newsroom, django_user_model):
    article = newsroom["articles"][0]
    response = client.get(article.url)
    assert "public" in response["Cache-Control"] and "s-maxage=" in response["Cache-Control"]
    assert not response.cookies
    client.force_login(django_user_model.objects.create_user("someone", password="pw"))
    assert "private" in client.get(article.url)["Cache-Control"]
