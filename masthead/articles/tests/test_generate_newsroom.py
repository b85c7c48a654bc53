"""generate_newsroom, the benchmarks' newsroom: it writes article rows with raw SQL, so a column added to the
article table without a default breaks it (and with it `make bench`) unless the command writes it too."""

import io

import pytest
from django.core.management import call_command

from masthead.articles.models import ArticlePage, SectionPage


@pytest.mark.django_db
def test_the_generated_newsroom_serves_its_articles(client):
    call_command("generate_newsroom", articles=30, contributors=3, sections=2, stdout=io.StringIO())
    assert (ArticlePage.objects.live().count(), SectionPage.objects.count()) == (30, 2)
    article = ArticlePage.objects.live().order_by("pk").last()
    page = client.get(article.url)
    assert page.status_code == 200
    assert "<h1" in page.content.decode() and article.title in page.content.decode()
    assert client.get("/").status_code == 200
