"""Shared test data for TestCase.setUpTestData: the same small newsroom as the `newsroom` fixture."""

from django.test import TestCase, override_settings

from masthead.articles import factories as f


def build_newsroom():
    """A site with two sections, three contributors (one a desk) and four published articles."""
    return f.make_small_newsroom()


@override_settings(MASTHEAD_NARRATION_ENABLED=False)
class NewsroomTestCase(TestCase):
    """A TestCase over one newsroom built once per class; each test's own changes are rolled back.

    Narration is off: publishing here must not wait for the voice.
    """

    @classmethod
    def setUpTestData(cls):
        cls.newsroom = build_newsroom()
        cls.site = cls.newsroom["home"].get_site()
