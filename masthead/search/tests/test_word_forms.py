"""The Ukrainian edition's search finds a word in any of its forms, and marks it in the results."""

import re
from html import unescape

import pytest

from masthead.articles.factories import make_ukrainian_edition
from masthead.livefeed.factories import create_news_item
from masthead.search.tests.test_search import result_titles
from masthead.search.word_forms import alternatives, forms, highlight_terms, indexed_forms


def test_a_ukrainian_word_has_its_dictionary_forms_and_a_latin_one_has_none():
    assert "війна" in forms("війни") and "війнути" in forms("війни")  # the noun's genitive, or a verb
    assert forms("Харкові") == forms("харкові") and "харків" in forms("Харкові")
    assert forms("budget") == () and forms("2026") == ()
    assert alternatives("Бюджету") == ["бюджету", "бюджет"]
    assert indexed_forms("<p>Удари по Харкову</p>", "удар") == "удар по харків ударити"


def test_a_result_is_marked_at_the_stem_a_word_shares_with_its_dictionary_form():
    assert highlight_terms(["бюджету", "war"]) == ["бюджету", "бюджет", "war"]
    # «Києві» shares only «ки» with «Київ»: too short to mark without marking unrelated words.
    assert highlight_terms(["Києві"]) == ["Києві"]


@pytest.fixture
def ukrainian(newsroom):
    edition = make_ukrainian_edition(newsroom)
    create_news_item(
        "Нічні удари по Харкову",
        "<p>Унаслідок обстрілу пошкоджено підстанцію.</p>",
        published_at=newsroom["articles"][0].first_published_at,
        locale=edition["home"].locale,
    )
    return edition


def search(client, query):
    response = client.get("/uk/search/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.mark.django_db
def test_the_ukrainian_search_finds_a_word_in_another_form_than_the_one_typed(client, ukrainian):
    # The headline says «бюджет», the body «бюджет» too: a reader asking for the budget's («бюджету») found
    # nothing before, as neither database folds Ukrainian word forms.
    response = search(client, "бюджету")
    assert result_titles(response) == ["Парламент ухвалив бюджет"]
    assert "<mark>бюджет</mark>" in unescape(response.content.decode())

    assert result_titles(search(client, "дебати")) == ["Парламент ухвалив бюджет"]  # the text has «дебатів»
    assert result_titles(search(client, "удар Харків")) == ["Нічні удари по Харкову"]  # every word, in any form
    assert result_titles(search(client, "обстріли")) == ["Нічні удари по Харкову"]


@pytest.mark.django_db
def test_forms_do_not_blur_words_that_share_none(client, ukrainian):
    assert result_titles(search(client, "дебатувати")) == []  # a verb of the same root is another word
    assert result_titles(search(client, "зерно експорту")) == ["Експорт зерна знову зростає"]
    # The English edition is searched as before.
    response = client.get("/search/", {"q": "budget"})
    assert "Parliament passes the budget" in result_titles(response)
    assert not re.search(r"Парламент", response.content.decode())
