"""The two editions in a real browser: the language switcher, and how a Ukrainian article looks."""

import re

import pytest
from wagtail.models import Site

from masthead.articles import factories as f
from masthead.core.models import NewsroomEditionText, NewsroomSettings
from masthead.livefeed.factories import create_news_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Latin words a Ukrainian page may carry: the newsroom's and the platform's names, formats,
# and "English" in the switcher (a language is named in its own tongue, lang="en").
LATIN_ALLOWED = {"The", "Masthead", "RSS", "MP3", "JSON", "English"}


@pytest.fixture
def story(newsroom):
    uk = f.make_ukrainian_edition(newsroom)
    image = f.make_image("Портові крани на світанку")
    english = f.make_article(
        newsroom["sections"]["business"],
        "Port traffic doubles as the grain corridor holds",
        [newsroom["contributors"]["olena"], newsroom["contributors"]["mark"]],
        body=["Ships queued at the outer anchorage through the night. " * 8, ("subheading", "Insurers return")] * 2,
        standfirst="Shipping agents say insurers are returning, slowly.",
        lead_image=image,
        lead_image_caption="Cranes over the grain terminal.",
        lead_image_credit="Mark Ellison",
    )
    paragraph = (
        "Уночі судна стояли в черзі на зовнішньому рейді, а вранці лоцмани почали заводити їх до причалів. "
        "Агенти кажуть, що страховики повертаються — повільно, але впевнено. "
    )
    ukrainian = f.translate_page(
        english,
        title="Рух у портах подвоївся: зерновий коридор тримається",
        standfirst="Судноплавні агенти кажуть, що страховики повертаються, хоч і повільно.",
        body=[
            ("paragraph", f"<p>{paragraph * 3}</p>"),
            ("subheading", "Страховики повертаються"),
            ("paragraph", f"<p>{paragraph * 2}</p>"),
            ("quote", {"quote": "Ми бачимо більше суден, ніж будь-коли з початку війни.", "attribution": "Лоцман"}),
            ("paragraph", f"<p>{paragraph}</p>"),
        ],
        lead_image_caption="Крани над зерновим терміналом.",
        lead_image_credit="Марк Еллісон",
    )
    site = Site.objects.get(is_default_site=True)
    f.set_editors_picks(site, uk["articles"])
    # The newsroom's tagline and about text: the English ones must not show on the Ukrainian page.
    settings = NewsroomSettings.for_site(site)
    settings.tagline, settings.about = "Independent reporting from Kyiv", "A reader-funded newsroom."
    settings.save()
    NewsroomEditionText.objects.create(
        settings=settings, language="uk", tagline="Незалежна журналістика з Києва", about="Редакцію утримують читачі."
    )
    item = create_news_item("У Києві оголошено повітряну тривогу", "<p>Мешканців просять пройти до укриттів.</p>")
    item.locale = uk["home"].locale
    item.save()
    return english, ukrainian


def test_switching_language_on_an_article_keeps_the_reader_on_the_same_story(live_server, page, story):
    english, ukrainian = story
    page.goto(live_server.url + english.url)
    page.locator(".edition-switcher").get_by_role("link", name="Українська").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + ukrainian.url
    assert page.locator("h1").inner_text() == "Рух у портах подвоївся: зерновий коридор тримається"
    assert page.evaluate("document.documentElement.lang") == "uk"

    page.locator(".edition-switcher").get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == live_server.url + english.url
    assert page.locator("h1").inner_text() == "Port traffic doubles as the grain corridor holds"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_ukrainian_article_reads_as_a_ukrainian_newspaper(live_server, page, story, artifacts_dir, width):
    _english, ukrainian = story
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + ukrainian.url)
    page.screenshot(path=str(artifacts_dir / f"ukrainian-article-{width}.png"), full_page=True)

    text = page.locator("body").inner_text()
    latin = {word for word in re.findall(r"[A-Za-z]{2,}", text)} - LATIN_ALLOWED
    assert not latin, f"untranslated text on the Ukrainian page: {sorted(latin)}"
    for expected in [
        "хв читання",
        "Стрічка новин",
        "У Києві оголошено повітряну тривогу",
        "Вибір редакції",
        "Незалежна журналістика з Києва",
        "Редакцію утримують читачі.",
    ]:
        assert expected.lower() in text.lower(), expected  # headings may be set in capitals (CSS)
    # The date line reads as in Ukrainian ("2 грудня 2026, 13:39"), in the Cyrillic the page is set in.
    date_line = page.locator(".article__header time").first.inner_text()
    assert re.fullmatch(r"\d{1,2} [а-яєіїґ’]+ \d{4}, \d{2}:\d{2}", date_line), date_line
    # Body text stays readable at both widths: no horizontal scrolling, 17 px or more.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.article__body p')).fontSize)")
    assert size >= 17
