"""Builders for tests, benchmarks and the demo: a site tree with sections, contributors and articles.

Plain functions rather than factory_boy classes, because Wagtail pages must be
added to the tree through their parent (add_child), not created on their own.
"""

import io
import json
import random
from datetime import timedelta

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from masthead.core.i18n import default_locale_id
from masthead.core.indexing import index_once
from masthead.core.snapshots import snapshotted

from .models import ArticleContributor, ArticlePage, Contributor, EditorsPick, EditorsPicks, HomePage, SectionPage

PALETTES = [
    ("#1d3557", "#457b9d", "#a8dadc", "#f1faee"),
    ("#3d2c2e", "#8c4843", "#d98e73", "#f2d0a9"),
    ("#283618", "#606c38", "#dda15e", "#fefae0"),
    ("#22223b", "#4a4e69", "#9a8c98", "#f2e9e4"),
    ("#2b2d42", "#8d99ae", "#ef233c", "#edf2f4"),
    ("#0b3c49", "#31708e", "#8fc1e3", "#f7f9fb"),
]


def generated_picture(seed, width=1200, height=675):
    """PNG bytes of an abstract picture (layered hills under a sky), the same for the same seed."""
    rng = random.Random(seed)
    sky, far, near, light = rng.choice(PALETTES)
    picture = PILImage.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(picture)
    for step in range(height // 2):
        shade = step / (height / 2)
        colour = tuple(int(a + (b - a) * shade) for a, b in zip(_rgb(sky), _rgb(light), strict=True))
        draw.line([(0, step), (width, step)], fill=colour)
    sun = rng.randint(width // 5, 4 * width // 5), rng.randint(height // 6, height // 3)
    radius = rng.randint(height // 12, height // 7)
    draw.ellipse([sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius], fill=light)
    for layer, colour in enumerate((far, near, sky)):
        base = height * (0.5 + 0.17 * layer)
        points = [(0, height)]
        for x in range(0, width + 60, 60):
            points.append((x, base + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def make_image(title, seed=None, width=1200, height=675):
    data = generated_picture(seed if seed is not None else title, width, height)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=f"{slugify(title)[:60] or 'image'}.png")
    image.save()
    return image


@index_once()
def make_site(title="Home", hostname="localhost", port=80):
    """A HomePage at the root of the default Wagtail site (replacing Wagtail's welcome page)."""
    existing = HomePage.objects.first()
    if existing:
        return existing
    root = wagtail_root()
    # Wagtail's welcome page holds the slug "home"; move it aside, then remove it.
    Page.objects.filter(depth=2, slug="home").update(slug="wagtail-welcome")
    home = root.add_child(instance=HomePage(title=title, slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, title
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    return home


def wagtail_root():
    """The root page, made again if a transactional test emptied the tables."""
    return Page.get_first_root_node() or _make_root()


def _make_root():
    """Wagtail's root page, locale and image collection, as its migrations make them.

    Transactional tests (live_server) empty every table between tests, so the
    rows Wagtail's migrations created are gone and are made again here.
    """
    from wagtail.models import Collection, Locale

    locale, _ = Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@index_once()
def make_section(home, title, slug=None, description=""):
    return home.add_child(instance=SectionPage(title=title, slug=slug or slugify(title), description=description))


@index_once()
def make_contributor(name, kind=Contributor.Kind.PERSON, role="", **fields):
    contributor, _ = Contributor.objects.get_or_create(
        slug=fields.pop("slug", None) or slugify(name),
        locale_id=fields.pop("locale_id", None) or default_locale_id(),
        defaults={"name": name, "kind": kind, "role": role, **fields},
    )
    return contributor


def edition_locale(language_code="uk"):
    return Locale.objects.get_or_create(language_code=language_code)[0]


@index_once()
def translate_contributor(contributor, language_code="uk", **fields):
    """The contributor's profile in another edition (same slug), made once."""
    locale = edition_locale(language_code)
    translation = contributor.get_translation_or_none(locale)
    if translation is None:
        translation = contributor.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


@index_once()
def translate_page(page, language_code="uk", publish=True, **fields):
    """`page` in another edition (its parent must be translated first), with `fields` set; published.

    Articles keep their byline, pointed at the contributors' translations where they exist.
    """
    locale = edition_locale(language_code)
    page = page.specific
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
    if isinstance(page, ArticlePage):
        for credit in ArticleContributor.objects.filter(article_id=translation.pk).select_related("contributor"):
            translated = credit.contributor.get_translation_or_none(locale)
            if translated is not None:
                ArticleContributor.objects.filter(pk=credit.pk).update(contributor=translated)
    translation = Page.objects.get(pk=translation.pk).specific
    tags = fields.pop("tags", None)  # a translation's own topics, in its language (copied from the original otherwise)
    if tags is not None:
        translation.tags.set(tags)
    corrections = fields.pop("corrections", None)  # the texts of its original's notes, in its language, in order
    if corrections is not None:
        notes = list(translation.corrections.all())
        for note, text in zip(notes, corrections, strict=True):
            note.text = text
        translation.corrections = notes
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    if publish:
        translation.save_revision().publish()
        translation.refresh_from_db()
        if isinstance(page, ArticlePage):
            # The same time as the original: readers see when the story broke.
            ArticlePage.objects.filter(pk=translation.pk).update(
                first_published_at=page.first_published_at, last_published_at=page.last_published_at
            )
            translation.refresh_from_db()
    return translation


@transaction.atomic
def register_translation(original, translation, topics=None):
    """Records `translation` with wagtail-localize as if a translator had written it in the translation editor.

    translate_page and translate_contributor write a translation's fields directly; wagtail-localize then knows
    nothing of it, so the page opens in the plain editor and a sync of the original cannot reach it. This makes the
    original's TranslationSource, a Translation to the translation's locale and, for each of the source's strings,
    the translation's words (a StringTranslation), paired by structure: the same field, the same body block at the
    same place. Links and chosen pages that differ (`/uk/war/` for `/war/`, the edition's lead article) become
    overrides. `topics` maps the original's tag names to the translation's, in the same order.

    Raises ValueError, naming the field, when the two do not line up (a paragraph more or less, a link missing),
    rather than record a translation that a sync would turn into something else.
    """
    from wagtail_localize.models import (
        OverridableSegment,
        SegmentOverride,
        StringSegment,
        StringTranslation,
        TemplateSegment,
        TranslationContext,
        TranslationSource,
    )
    from wagtail_localize.models import Translation as LocalizeTranslation
    from wagtail_localize.segments import OverridableSegmentValue, StringSegmentValue, TemplateSegmentValue
    from wagtail_localize.segments.extract import extract_segments, quote_path_component

    # As stored: a caller may hold an instance from before its last update (a home page's lead article).
    if isinstance(original, Page):
        original, translation = Page.objects.get(pk=original.pk).specific, Page.objects.get(pk=translation.pk).specific
    else:
        original, translation = (
            type(original).objects.get(pk=original.pk),
            type(translation).objects.get(pk=translation.pk),
        )
    source, _ = TranslationSource.get_or_create_from_instance(original)
    LocalizeTranslation.objects.get_or_create(source=source, target_locale_id=translation.locale_id)
    where = f"{type(translation).__name__} “{translation}”"

    # The translation's words, under the original's paths: its body blocks and tags have ids of their own.
    original_block_ids = {}
    for field in type(original)._meta.get_fields():
        if isinstance(field, StreamField):
            _pair_blocks(
                list(getattr(original, field.name).raw_data),
                list(getattr(translation, field.name).raw_data),
                original_block_ids,
                f"{where}, {field.name}",
            )
    source_strings = {}
    for segment in StringSegment.objects.filter(source=source).select_related("context", "string").order_by("order"):
        source_strings.setdefault(segment.context.path, []).append(segment)
    # A topic's path is its slug (TopicsField), which differs between languages: paired by name instead.
    tag_paths = {path: segments[0].string.data for path, segments in source_strings.items() if path.startswith("tags.")}
    original_topics = {name: path for path, name in tag_paths.items()}
    topic_names = {translated: original for original, translated in (topics or {}).items()}

    def path_in_original(segment):
        if segment.path.startswith("tags.") and segment.string.data in topic_names:
            return original_topics.get(topic_names[segment.string.data], segment.path)
        return ".".join(original_block_ids.get(part, part) for part in segment.path.split("."))

    written_strings, written_templates, written_overrides = {}, {}, {}
    for segment in extract_segments(translation):
        path = path_in_original(segment)
        if isinstance(segment, StringSegmentValue):
            written_strings.setdefault(path, []).append(segment)
        elif isinstance(segment, TemplateSegmentValue):
            written_templates[path] = segment.template
        elif isinstance(segment, OverridableSegmentValue) and not segment.path.endswith("'"):  # links: below
            written_overrides[path] = segment.data

    for segment in TemplateSegment.objects.filter(source=source).select_related("context", "template"):
        if written_templates.pop(segment.context.path, None) != segment.template.template:
            raise ValueError(f"{where}: {segment.context.path} is not laid out as the original’s")
    if unpaired := sorted(source_strings.keys() ^ written_strings.keys()) or sorted(written_templates):
        raise ValueError(f"{where}: no counterpart for {', '.join(unpaired)}")

    overrides = {}  # (object, path) -> the translation's value
    for path, segments in source_strings.items():
        if len(segments) != len(written_strings[path]):
            raise ValueError(f"{where}: {path} has {len(written_strings[path])} strings, the original {len(segments)}")
        for segment, written in zip(segments, written_strings[path], strict=True):
            links, written_links = json.loads(segment.attrs or "null") or {}, written.attrs or {}
            if links.keys() != written_links.keys():
                raise ValueError(f"{where}: {path} has other links than the original’s")
            for element, attrs in links.items():
                href, written_href = attrs.get("href"), written_links[element].get("href")
                if href != written_href:
                    overrides[(segment.context.object_id, f"{path}.{quote_path_component(href)}")] = written_href
            translated, created = StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale_id=translation.locale_id,
                context=segment.context,
                defaults={"data": written.string.data, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
            if not created and translated.data != written.string.data:
                raise ValueError(f"{where}: {path} has two translations of “{segment.string.data}”")
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        path = segment.context.path
        if path in written_overrides and written_overrides[path] != json.loads(segment.data_json):
            overrides[(segment.context.object_id, path)] = written_overrides[path]
    for (object_id, path), value in overrides.items():
        SegmentOverride.objects.update_or_create(
            locale_id=translation.locale_id,
            context=TranslationContext.objects.get(object_id=object_id, path=path),
            defaults={"data_json": json.dumps(value)},
        )
    return source


def _pair_blocks(original, translation, block_ids, where):
    """Fills `block_ids` (translation's block id -> original's) walking two StreamField values side by side."""
    if isinstance(original, list) and isinstance(translation, list):
        if len(original) != len(translation):
            raise ValueError(f"{where}: {len(translation)} blocks where the original has {len(original)}")
        for original_item, translated_item in zip(original, translation, strict=True):
            _pair_blocks(original_item, translated_item, block_ids, where)
    elif isinstance(original, dict) and isinstance(translation, dict):
        if "id" in original and "id" in translation:
            if original.get("type") != translation.get("type"):
                raise ValueError(
                    f"{where}: a {translation.get('type')} block where the original has a {original.get('type')}"
                )
            block_ids[translation["id"]] = original["id"]
        for key in original.keys() & translation.keys() - {"id", "type"}:
            _pair_blocks(original[key], translation[key], block_ids, where)


def paragraph_body(paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


@index_once()
def make_article(
    section,
    title,
    contributors=(),
    body=None,
    standfirst="",
    published_at=None,
    lead_image=None,
    publish=True,
    slug=None,
    **fields,
):
    """An article under `section`, published (with a revision) unless publish=False.

    `body` is a list of (block_type, value) pairs; plain strings are paragraphs.
    `published_at` sets the first-publication time (default: now).
    """
    blocks = []
    for item in body or ["A short paragraph of text for this article."]:
        if isinstance(item, str):
            blocks.append(("paragraph", item if item.startswith("<") else f"<p>{item}</p>"))
        else:
            blocks.append(item)
    article = ArticlePage(
        title=title,
        slug=slug or slugify(title)[:80],
        standfirst=standfirst,
        body=blocks,
        lead_image=lead_image,
        **fields,
    )
    if published_at is not None:
        article.first_published_at = published_at
    section.add_child(instance=article)
    for order, contributor in enumerate(contributors):
        ArticleContributor.objects.create(article=article, contributor=contributor, sort_order=order)
    article = ArticlePage.objects.get(pk=article.pk)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
        moment = published_at or article.first_published_at
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=moment, last_published_at=moment)
        article.refresh_from_db()
    else:
        ArticlePage.objects.filter(pk=article.pk).update(live=False)
        article.refresh_from_db()
    return article


def set_editors_picks(site, articles):
    setting = EditorsPicks.for_site(site)
    EditorsPick.objects.filter(setting=setting).delete()
    for order, article in enumerate(articles):
        EditorsPick.objects.create(setting=setting, article=article, sort_order=order)
    return setting


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@snapshotted
@index_once()
def make_small_newsroom():
    """A site with two sections, three contributors (one a desk) and four published articles.

    The shared test newsroom: the `newsroom` fixture and TestCase.setUpTestData both build it.
    """
    home = make_site()
    politics = make_section(home, "Politics")
    business = make_section(home, "Business")
    olena = make_contributor("Olena Marchenko", role="Kyiv correspondent")
    mark = make_contributor("Mark Ellison", role="Economics editor")
    desk = make_contributor("The Masthead news desk", kind=Contributor.Kind.DESK)
    articles = [
        make_article(
            politics,
            "Parliament passes the budget",
            [olena, mark],
            published_at=hours_ago(5),
            standfirst="Lawmakers approved spending after a night of debate.",
        ),
        make_article(politics, "Mayor opens new bridge", [desk], published_at=hours_ago(4)),
        make_article(business, "Grain exports rise again", [mark], published_at=hours_ago(3)),
        make_article(business, "Startups find new investors", [olena], published_at=hours_ago(2)),
    ]
    return {
        "home": home,
        "sections": {"politics": politics, "business": business},
        "contributors": {"olena": olena, "mark": mark, "desk": desk},
        "articles": articles,
    }


@snapshotted
@index_once()
def make_ukrainian_edition(newsroom):
    """The small newsroom's Ukrainian edition: its home, both sections, two contributors, two of the articles.

    The other two articles stay English-only, as happens in a real newsroom.
    """
    home = translate_page(newsroom["home"], title="Головна")
    politics = translate_page(newsroom["sections"]["politics"], title="Політика")
    business = translate_page(newsroom["sections"]["business"], title="Економіка")
    olena = translate_contributor(
        newsroom["contributors"]["olena"], name="Олена Марченко", role="Кореспондентка в Києві"
    )
    mark = translate_contributor(
        newsroom["contributors"]["mark"], name="Марк Еллісон", role="Редактор відділу економіки"
    )
    budget, _bridge, grain, _startups = newsroom["articles"]
    articles = [
        translate_page(
            budget,
            title="Парламент ухвалив бюджет",
            standfirst="Депутати схвалили видатки після нічних дебатів.",
            body=[("paragraph", "<p>Після довгих дебатів парламент ухвалив бюджет на наступний рік.</p>")],
        ),
        translate_page(
            grain,
            title="Експорт зерна знову зростає",
            body=[("paragraph", "<p>Порти відвантажили більше пшениці, ніж торік.</p>")],
        ),
    ]
    return {
        "home": home,
        "sections": {"politics": politics, "business": business},
        "contributors": {"olena": olena, "mark": mark},
        "articles": articles,
    }
