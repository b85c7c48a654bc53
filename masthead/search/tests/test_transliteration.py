"""Ukrainian names found in either alphabet: "Kharkiv" in the Ukrainian edition, «Харків» in the English one."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.utils.html import format_html
from django_tasks_db.models import DBTaskResult

from masthead.articles import factories as f
from masthead.articles.models import Contributor
from masthead.core import queues
from masthead.livefeed.factories import create_news_item
from masthead.search.templatetags.search_tags import highlight
from masthead.search.tests.test_search import query_in_box, result_titles
from masthead.search.word_forms import cyrillic_spellings, indexed_forms, latin_spellings

MARKED = re.compile(r"<mark>(.*?)</mark>")


def test_a_ukrainian_word_is_spelt_in_latin_by_the_national_system_in_each_of_its_forms():
    assert latin_spellings("Харкова") == ("kharkiv", "kharkova")
    assert "zaporizhzhia" in latin_spellings("Запоріжжі")
    # The apostrophe is left out, whichever of the three it is written with.
    assert latin_spellings("з'їзду") == latin_spellings("зʼїзду") == latin_spellings("з’їзду") == ("zizd", "zizdu")
    assert latin_spellings("Kharkiv") == ()
    # Only a Ukrainian-edition story is indexed with its words' Latin spellings.
    assert indexed_forms("<p>Удари по Харкову</p>", language="uk") == "удар по харків udar udary po kharkiv kharkovu"
    assert indexed_forms("<p>Удари по Харкову</p>", language="en") == "удар по харків"
    text = "Обстріл Харкова; Мар’яна з Запоріжжя"
    assert cyrillic_spellings(["Kharkiv", "mariana", "Zaporizhzhia"], [text]) == ["Харкова", "Мар’яна", "Запоріжжя"]
    assert cyrillic_spellings(["Харків"], [text]) == []


@pytest.fixture
def editions(newsroom):
    """The small newsroom's two editions, with news of Kharkiv and Zaporizhzhia in each."""
    ukrainian = f.make_ukrainian_edition(newsroom)
    locale = ukrainian["home"].locale
    create_news_item(
        "Нічні удари по Харкову",
        "<p>Унаслідок обстрілу в Харкові пошкоджено підстанцію.</p>",
        published_at=f.hours_ago(1),
        locale=locale,
    )
    create_news_item(
        "Харків отримав нові генератори",
        "<p>Генератори передали лікарням міста.</p>",
        published_at=f.hours_ago(2),
        locale=locale,
    )
    f.make_article(
        ukrainian["sections"]["politics"],
        "Запоріжжя готується до зими",
        standfirst="Мерія затвердила план опалення.",
        body=["<p>На з’їзді громад у Запоріжжі Мар’яна Коваль розповіла про нові котельні.</p>"],
        published_at=f.hours_ago(3),
    )
    create_news_item("Air raid alert lifted in Kharkiv", "<p>All clear in Kharkiv.</p>", published_at=f.hours_ago(1))
    # An English-edition story written in Cyrillic: the English search does not transliterate what it says.
    f.make_article(newsroom["sections"]["politics"], "Київ: погляд з вулиці", body=["Міська рада."])
    return ukrainian


def search(client, query, edition="/uk"):
    response = client.get(f"{edition}/search/", {"q": query})
    assert response.status_code == 200
    return response


def marked(response):
    return MARKED.findall(unescape(response.content.decode()))


@pytest.mark.django_db
def test_the_ukrainian_edition_finds_a_name_typed_in_latin_letters_in_any_of_its_forms(client, editions):
    response = search(client, "Kharkiv")
    # «Харкову», «Харкові», «Харків»: every form whose own Latin spelling, or its dictionary form's, is "kharkiv".
    assert sorted(result_titles(response)) == ["Нічні удари по Харкову", "Харків отримав нові генератори"]
    assert query_in_box(response) == "Kharkiv"
    assert {"Харкову", "Харкові", "Харків"} <= set(marked(response))
    assert "Air raid alert lifted in Kharkiv" not in result_titles(response)  # the English edition's

    response = search(client, "zaporizhzhia")
    assert result_titles(response) == ["Запоріжжя готується до зими"]
    assert {"Запоріжжя", "Запоріжжі"} <= set(marked(response))
    assert "<mark>Запоріжжі</mark>" in response.content.decode()  # the snippet from the body

    # Latin and Cyrillic words in one query: every word must match, each in its own way.
    assert result_titles(search(client, "Kharkiv обстріл")) == ["Нічні удари по Харкову"]


@pytest.mark.django_db
def test_a_latin_query_that_matches_no_ukrainian_word_gets_the_same_polite_empty_page(client, editions):
    response = search(client, "Xylophone")
    page = unescape(response.content.decode())
    assert result_titles(response) == [] and marked(response) == []
    empty = unescape(search(client, "ксилофон").content.decode())
    # The same status line and advice as a Cyrillic query that finds nothing, in the page's language.
    status = re.compile(r'<div class="search-status" role="status">(.*?)</div>', re.S)
    assert status.search(page)[1].replace("Xylophone", "ксилофон") == status.search(empty)[1]
    assert "Xylophone" in status.search(page)[1]


@pytest.mark.django_db
def test_a_russian_spelling_in_latin_letters_suggests_the_ukrainian_one_in_the_ukrainian_edition(client, editions):
    response = search(client, "Kharkov")
    assert result_titles(response) == []
    assert '<a href="?q=Kharkiv">Kharkiv</a>' in response.content.decode()
    assert "Харків отримав нові генератори" in result_titles(search(client, "Kharkiv"))


@pytest.mark.django_db
def test_apostrophes_in_ukrainian_words_break_nothing_in_either_edition(client, editions):
    locale = editions["home"].locale
    # The same name with the other two apostrophes (the story above has ’): ʼ is a letter to \w, ' is not.
    create_news_item("Марʼяна Коваль очолила обʼєднання громад", "<p>Рада обрала її.</p>", locale=locale)
    create_news_item("Ірина Мар'яненко", "<p>Про Мар'яну Коваль.</p>", locale=locale)
    # In Latin letters the national system leaves the apostrophe out: Мар’яна is Mariana, in any of its forms.
    response = search(client, "Mariana")
    assert sorted(result_titles(response)) == [
        "Ірина Мар'яненко",
        "Запоріжжя готується до зими",
        "Марʼяна Коваль очолила обʼєднання громад",
    ]
    assert {"Мар’яна", "Марʼяна", "Мар'яну"} <= set(marked(response))
    assert result_titles(search(client, "obiednannia")) == ["Марʼяна Коваль очолила обʼєднання громад"]
    # Typed with any of the three, a query is searched and shown as typed, in either alphabet and edition.
    for apostrophe in "'ʼ’":
        for edition, query in [
            ("/uk", f"Мар{apostrophe}яна"),
            ("/uk", f"Mar{apostrophe}iana"),
            ("", f"Мар{apostrophe}яна"),
        ]:
            assert query_in_box(search(client, query, edition)) == query


@pytest.mark.django_db
def test_the_english_edition_finds_a_name_typed_in_cyrillic_by_its_latin_spelling(client, editions):
    response = search(client, "Харків", edition="")
    assert result_titles(response) == ["Air raid alert lifted in Kharkiv"]
    assert query_in_box(response) == "Харків"  # the reader's query, as typed
    assert "1 result for “Харків”" in unescape(response.content.decode())
    assert marked(response) == ["Kharkiv", "Kharkiv"]  # the headline and the snippet
    # Another form of the name finds it too, and the Ukrainian edition's stories stay in their edition.
    assert result_titles(search(client, "Харкові", edition="")) == ["Air raid alert lifted in Kharkiv"]


@pytest.mark.django_db
def test_english_queries_in_the_english_edition_are_searched_as_before(client, editions):
    response = search(client, "Kharkiv", edition="")
    assert result_titles(response) == ["Air raid alert lifted in Kharkiv"]
    assert marked(response) == ["Kharkiv", "Kharkiv"]
    # A story of the English edition that is written in Cyrillic is not found by the Latin spelling of its words.
    assert result_titles(search(client, "Kyiv", edition="")) == []
    assert result_titles(search(client, "Київ", edition="")) == ["Київ: погляд з вулиці"]


@pytest.mark.django_db
def test_a_word_with_an_apostrophe_is_one_word_whichever_of_the_three_it_is_written_and_typed_with(client, editions):
    locale = editions["home"].locale
    # The story above writes «з’їзді» and «Мар’яна» with ’ in its body; these two with ' and with ʼ.
    long_body = "<p>" + " ".join(["Громади говорили про опалення, воду й дороги."] * 8) + "</p>"
    create_news_item("Пам'ять про з'їзд громад", long_body, locale=locale)
    create_news_item("Новий обʼєкт у Києві", "<p>Вʼячеслав показав обʼєкт.</p>", locale=locale)
    for apostrophe in "'’ʼ":
        # «з», the split-off preposition, is in nearly every story: the whole word finds only the stories with it,
        # the one with it in its headline first.
        response = search(client, f"з{apostrophe}їзд")
        assert result_titles(response) == ["Пам'ять про з'їзд громад", "Запоріжжя готується до зими"]
        assert {"з’їзд", "з'їзд"} <= set(marked(response))  # the whole word, as each story writes it
        assert result_titles(search(client, f"об{apostrophe}єкта")) == ["Новий обʼєкт у Києві"]
        assert result_titles(search(client, f"В{apostrophe}ячеслав")) == ["Новий обʼєкт у Києві"]
        assert result_titles(search(client, f"пам{apostrophe}яті")) == ["Пам'ять про з'їзд громад"]
    # A Latin spelling typed with an apostrophe finds the name as "Mariana" does, and marks it.
    response = search(client, "Mar'iana")
    assert result_titles(response) == ["Запоріжжя готується до зими"]
    assert "Мар’яна" in marked(response)
    # An English possessive is still the name and an "s" to the engines: "Kharkiv" finds "Kharkiv’s".
    create_news_item("Kharkiv’s mayor thanks the engineers", "<p>Repairs go on.</p>")
    assert sorted(result_titles(search(client, "Kharkiv", edition=""))) == [
        "Air raid alert lifted in Kharkiv",
        "Kharkiv’s mayor thanks the engineers",
    ]
    # The admin's search boxes find the whole word too, typed with another apostrophe than the one written.
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw"))
    found = unescape(client.get("/admin/snippets/livefeed/newsitem/", {"q": "зʼїзд"}).content.decode())
    assert "Пам'ять про з'їзд громад" in found and "Новий обʼєкт у Києві" not in found


@pytest.mark.django_db
def test_a_ukrainian_byline_is_found_by_its_latin_spelling_and_in_any_form(client, editions):
    # The budget story is bylined «Олена Марченко» and «Марк Еллісон», the grain one «Марк Еллісон»; a news item
    # is hers too.
    olena = editions["contributors"]["olena"]
    create_news_item("Світло повернулося", "<p>Енергетики завершили ремонт.</p>", author=olena, locale=olena.locale)
    for query in ["Olena Marchenko", "Олени Марченко", "marchenko"]:
        assert sorted(result_titles(search(client, query))) == ["Парламент ухвалив бюджет", "Світло повернулося"]
    assert sorted(result_titles(search(client, "Ellison"))) == [
        "Експорт зерна знову зростає",
        "Парламент ухвалив бюджет",
    ]


def suggested(response):
    """The "Did you mean …?" link's words, or None."""
    found = re.search(r'<p class="search-suggestion">.*?<a href="[^"]*">([^<]*)</a>', response.content.decode(), re.S)
    return unescape(found[1]) if found else None


@pytest.mark.django_db
def test_did_you_mean_keeps_a_word_with_an_apostrophe_whole(client, editions):
    locale = editions["home"].locale
    create_news_item("Пам'ять про з'їзд громад", "<p>Громади говорили про опалення.</p>", locale=locale)
    # A misspelt word is respelt as the headline writes it, apostrophe and all, not as «з» and «їзд».
    assert suggested(search(client, "з’їздд")) == "з'їзд"
    assert suggested(search(client, "Памʼятт")) == "Пам'ять"
    # A word the headlines have nothing near to is left as the reader typed it, next to the one respelt.
    response = search(client, "В’ячеслав громадд")
    assert suggested(response) == "В’ячеслав громад"
    assert "Пам'ять про з'їзд громад" in result_titles(client.get("/uk/search/", {"q": suggested(response)}))


BYLINE = re.compile(r'<span class="search-result__byline">(.*?)</span>\s*<time', re.S)


def bylines(response):
    """The bylines of the results as shown, <mark> kept, other tags left out."""
    return [re.sub(r"<(?!/?mark>)[^>]*>", "", unescape(byline)) for byline in BYLINE.findall(response.content.decode())]


@pytest.mark.django_db
def test_a_byline_that_matched_is_marked_in_the_results_as_the_headline_is(client, editions):
    # The budget story is bylined Olena Marchenko and Mark Ellison in both editions; in English she wrote another.
    for query, edition, byline in [
        ("Marchenko", "/uk", "Олена <mark>Марченко</mark> і Марк Еллісон"),
        ("Марченко", "/uk", "Олена <mark>Марченко</mark> і Марк Еллісон"),
        ("Marchenko", "", "Olena <mark>Marchenko</mark> and Mark Ellison"),
    ]:
        response = search(client, query, edition)
        assert byline in bylines(response)
        assert all("<mark>" in shown for shown in bylines(response))
    # A byline that did not match is shown as before.
    assert bylines(search(client, "бюджет")) == ["Олена Марченко і Марк Еллісон"]


def test_a_name_marked_with_its_language_has_its_words_marked_and_its_tags_kept():
    # contributor_name() writes a name not yet translated in a <span lang>; the words are marked, never the markup.
    name = format_html('<span lang="{}">{}</span>', "en", "Olena & Marchenko")
    assert highlight(name, ["Marchenko", "amp", "lang"]) == '<span lang="en">Olena &amp; <mark>Marchenko</mark></span>'


@pytest.mark.django_db
def test_a_renamed_contributors_stories_are_found_by_the_new_name_once_the_queued_task_ran(client, editions, settings):
    olena = editions["contributors"]["olena"]  # on the budget story's byline
    create_news_item("Світло повернулося", "<p>Енергетики завершили ремонт.</p>", author=olena, locale=olena.locale)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}

    def queued():
        return list(DBTaskResult.objects.filter(task_path__endswith="index_contributor_stories"))

    olena.role = "Кореспондентка у Львові"
    olena.save()
    assert queued() == []  # the name is as it was: nothing to index again

    olena.name = "Олена Петренко"
    olena.save()
    [task] = queued()  # one for all her stories
    assert task.queue_name == queues.DEFAULT
    assert result_titles(search(client, "Petrenko")) == []  # until a worker runs it
    assert task.task.call(*task.args_kwargs["args"]) == 2
    for query in ["Petrenko", "Петренко", "Олени Петренко"]:
        assert sorted(result_titles(search(client, query))) == ["Парламент ухвалив бюджет", "Світло повернулося"]
    assert result_titles(search(client, "Marchenko")) == []

    # Renamed in the admin's editor, in the English edition.
    english = Contributor.objects.get(translation_key=olena.translation_key, locale__language_code="en")
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw"))
    edit = f"/admin/snippets/articles/contributor/edit/{english.pk}/"
    fields = {"kind": english.kind, "name": "Olena Petrenko", "slug": english.slug, "role": english.role}
    assert client.post(edit, {**fields, "bio": english.bio, "email": "", "website": ""}).status_code == 302
    [_ukrainian, task] = sorted(queued(), key=lambda result: result.enqueued_at)
    assert result_titles(search(client, "Petrenko", edition="")) == []
    task.task.call(*task.args_kwargs["args"])
    found = ["Parliament passes the budget", "Startups find new investors"]
    assert sorted(result_titles(search(client, "Petrenko", edition=""))) == found
