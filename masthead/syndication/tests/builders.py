"""Shared test data for TestCase.setUpTestData: the same small newsroom as the `newsroom` fixture."""

from django.test import TestCase, override_settings

from masthead.articles import factories as f
from masthead.articles.models import Contributor


def build_newsroom():
    """A site with two sections, three contributors (one a desk) and four published articles."""
    home = f.make_site()
    politics = f.make_section(home, "Politics")
    business = f.make_section(home, "Business")
    olena = f.make_contributor("Olena Marchenko", role="Kyiv correspondent")
    mark = f.make_contributor("Mark Ellison", role="Economics editor")
    desk = f.make_contributor("The Masthead news desk", kind=Contributor.Kind.DESK)
    articles = [
        f.make_article(
            politics,
            "Parliament passes the budget",
            [olena, mark],
            published_at=f.hours_ago(5),
            standfirst="Lawmakers approved spending after a night of debate.",
        ),
        f.make_article(politics, "Mayor opens new bridge", [desk], published_at=f.hours_ago(4)),
        f.make_article(business, "Grain exports rise again", [mark], published_at=f.hours_ago(3)),
        f.make_article(business, "Startups find new investors", [olena], published_at=f.hours_ago(2)),
    ]
    return {
        "home": home,
        "sections": {"politics": politics, "business": business},
        "contributors": {"olena": olena, "mark": mark, "desk": desk},
        "articles": articles,
    }


@override_settings(MASTHEAD_NARRATION_ENABLED=False)
class NewsroomTestCase(TestCase):
    """A TestCase over one newsroom built once per class; each test's own changes are rolled back.

    Narration is off: publishing here must not wait for the voice.
    """

    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()
        cls.site = cls.newsroom["home"].get_site()
