"""The newsroom's pages (home, sections, articles), its contributors and Editors' Picks."""

import math
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Window, prefetch_related_objects
from django.db.models.functions import RowNumber, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import Rendition
from wagtail.models import Locale, Orderable, Page, PageManager, PageViewRestriction, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField, TranslatableField

from masthead.core.admin_forms import WholeBodyPageForm
from masthead.core.cache import cached, generation
from masthead.core.i18n import current_locale_id, default_locale_id, language_code, language_of, locale_ids
from masthead.core.page import ReaderPageMixin
from masthead.core.pagination import paginate
from masthead.core.panels import EditionsPanel, InlinePanel
from masthead.core.untranslated import UntranslatedTextMixin
from masthead.narration.panels import NarrationPanel
from masthead.search.tasks import index_contributor_stories
from masthead.search.word_forms import indexed_forms

from .blocks import ArticleBodyBlock

WORDS_PER_MINUTE = 238
# An edit within this long of first publication is not announced as an update.
UPDATE_GRACE = timedelta(minutes=2)
SECTION_PATH_LENGTH = 3 * Page.steplen  # root / home / section
# The renditions article cards use (components/article_card.html); prefetching
# only these keeps listings from loading every size ever made of an image.
CARD_RENDITIONS = ["fill-1200x675|format-webp", "fill-480x270|format-webp"]
# How long rendered parts of pages are kept; their keys change with what they show.
ARTICLE_FRAGMENT_TTL = 3600


def fragment_generation(request):
    """Part of the key of listing fragments: the site generation, or a fresh value for an editor's preview."""
    if getattr(request, "is_preview", False):
        return f"preview:{uuid.uuid4()}"
    return generation()


def reading_time_minutes(word_count):
    """Minutes to read `word_count` words at about 238 a minute, rounded up, never below 1."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))


def count_words(text):
    return len(strip_tags(text).split())


class ContributorQuerySet(models.QuerySet):
    def in_edition(self, locale_id=None):
        """Contributors as one edition shows them: their translation there, else the original."""
        locale_id = locale_id or current_locale_id()
        default_id = default_locale_id()
        if locale_id == default_id:
            return self.filter(locale_id=locale_id)
        translated = Contributor.objects.filter(locale_id=locale_id).values("translation_key")
        return self.filter(
            models.Q(locale_id=locale_id) | models.Q(locale_id=default_id) & ~models.Q(translation_key__in=translated)
        )


class ContributorForm(WagtailAdminModelForm):
    """A profile's form: the address is made from the name when left empty, and one already used in the same
    edition is said in words (the database's constraint would only name itself)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The end of the profile's address, /authors/…/. Left empty, it is made from the name."
        )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name") or "", allow_unicode=True)
        if not slug:
            return slug  # the name is missing too: its own error says so
        locale_id = self.instance.locale_id or default_locale_id()
        taken = Contributor.objects.filter(slug=slug, locale_id=locale_id).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise ValidationError(
                _("%(name)s already has the address /authors/%(slug)s/ in this edition; choose another.")
                % {"name": taken.name, "slug": slug}
            )
        return slug


class Contributor(TranslatableMixin, index.Indexed, models.Model):
    """Someone (or a desk) whose name goes on a byline.

    Translatable (wagtail-localize): each edition has its own copy, with the
    same slug, for the name as spelt there and the role and bio in its language.
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        DESK = "desk", _("Desk")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("e.g. “Kyiv correspondent”"))
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short bio"), blank=True, max_length=1200)
    email = models.EmailField(_("public email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    x_handle = models.CharField(_("X handle"), max_length=60, blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    # A translation's name, role or bio still in the original's words (wagtail-localize's Translate makes the record
    # at once with the original's text, and an editor may leave a field as it is), and that original's language:
    # pages mark those words lang="…", so a screen reader reads them in their own language. Worked out on save.
    untranslated = models.CharField(max_length=40, blank=True, editable=False)
    original_language = models.CharField(max_length=20, blank=True, editable=False)
    TEXT_FIELDS = ("name", "role", "bio")  # what `untranslated` may name

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("x_handle"),
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
            ],
            heading=_("Links"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("role"), index.AutocompleteField("name")]

    objects = ContributorQuerySet.as_manager()
    base_form_class = ContributorForm
    # The address and the X handle are the same in every edition: not strings to translate.
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("x_handle", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="contributor_slug_per_edition"),
        ]
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        self.note_untranslated_text()
        # The name is in the search index of every story it bylines: a new one must be found as the old one was.
        renamed = not self._state.adding and self.name != getattr(self, "saved_name", None)
        super().save(*args, **kwargs)
        self.saved_name = self.name
        if renamed:
            index_contributor_stories.enqueue(self.pk)

    def get_absolute_url(self):
        return reverse("articles:contributor", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        contributor = super().from_db(db, field_names, values)
        # The name as saved, to tell a rename on save (None when the query left the name out).
        contributor.saved_name = contributor.__dict__.get("name")
        return contributor

    def note_untranslated_text(self):
        """Sets `untranslated` and `original_language` from the profile this one translates (the first written)."""
        original = (
            Contributor.objects.filter(translation_key=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .order_by("pk")
            .first()
        )
        if original is None or (self.pk is not None and self.pk < original.pk):
            same = []  # the original itself, or a profile with no other edition
        else:
            same = [
                field
                for field in self.TEXT_FIELDS
                if getattr(self, field) and getattr(self, field) == getattr(original, field)
            ]
        self.untranslated = ",".join(same)
        self.original_language = language_of(original.locale_id) if same else ""

    def text_language(self, field):
        """The language `field` (name, role or bio) is written in when it is not the one being read, else ""."""
        if field in self.untranslated.split(","):
            language = self.original_language
        else:
            language = language_of(self.locale_id)
        return language if language != language_code() else ""

    @property
    def is_desk(self):
        return self.kind == self.Kind.DESK

    def as_shown_in(self, locale_id):
        """This profile as edition `locale_id` shows it: its translation there when it has one, else itself.
        A byline keeps the profile it was written with: a story translated before its writer's profile was
        names the original until the story is synced, while the author page already shows the translation."""
        if self.locale_id == locale_id:
            return self
        return edition_contributors(locale_id).get(self.translation_key, self)

    @property
    def initials(self):
        words = [word for word in self.name.replace("The ", "").split() if word[:1].isalpha()]
        return "".join(word[0] for word in words[:2]).upper() or "?"

    @property
    def social_links(self):
        links = []
        if self.website:
            links.append((_("Website"), self.website))
        if self.x_handle:
            links.append(("X", f"https://x.com/{self.x_handle.lstrip('@')}"))
        if self.mastodon_url:
            links.append(("Mastodon", self.mastodon_url))
        if self.bluesky_url:
            links.append(("Bluesky", self.bluesky_url))
        return links


def edition_contributors(locale_id):
    """{translation_key: Contributor} of one edition, kept until the site changes (a contributor's save changes
    it): one query per edition, whatever the number of bylines that ask."""
    return cached(
        f"edition-contributors:{locale_id}:{generation()}",
        lambda: {
            contributor.translation_key: contributor
            for contributor in Contributor.objects.filter(locale_id=locale_id).select_related("photo")
        },
    )


def contributor_in_edition(slug):
    """The contributor with this slug as this edition shows them: their translation, else the original."""
    wanted = [current_locale_id(), default_locale_id()]
    candidates = Contributor.objects.select_related("photo").filter(slug=slug, locale_id__in=wanted)
    found = {contributor.locale_id: contributor for contributor in candidates}
    return found.get(wanted[0]) or found.get(wanted[1])


def restricted_paths():
    """Tree paths of pages behind a view restriction (password, login, groups); cached."""
    return cached(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)) or (),
        ttl=10,
    )


class CheapViewRestrictionsMixin:
    """Skips Wagtail's two view-restriction queries per request when no restriction covers the page."""

    def get_view_restrictions(self):
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def all_live_sections():
    """The live sections of every edition in tree order, as light objects for navigation and kickers; cached."""

    def build():
        sections = SectionPage.objects.live().filter(depth=3).order_by()
        return sorted(
            (
                SectionLink(
                    section.pk, section.title, section.url_path, section.path, section.get_url(), section.locale_id
                )
                for section in sections
            ),
            key=lambda section: section.path,
        )

    return cached("sections", build)


def live_sections(locale_id=None):
    """The live sections of one edition (by default the reader's), in tree order."""
    locale_id = locale_id or current_locale_id()
    return [section for section in all_live_sections() if section.locale_id == locale_id]


@dataclass(frozen=True)
class SectionLink:
    pk: int
    title: str
    url_path: str
    path: str
    url: str
    locale_id: int = None


class ArticleQuerySet(PageQuerySet):
    """Ways of listing articles that keep a page's query count flat."""

    def published(self):
        """Live, public articles: the one definition of "published" for readers."""
        queryset = self.live()
        for path in restricted_paths():
            queryset = queryset.exclude(path__startswith=path)
        return queryset

    def for_listing(self):
        """Everything a card needs (byline, lead image renditions) in a fixed number of queries."""
        byline = ArticleContributor.objects.select_related("contributor").order_by("sort_order")
        return (
            self.defer_streamfields()
            .select_related("lead_image")
            .prefetch_related(
                Prefetch("byline", queryset=byline),
                Prefetch("lead_image__renditions", queryset=Rendition.objects.filter(filter_spec__in=CARD_RENDITIONS)),
            )
            .annotate(section_path=Substr("path", 1, SECTION_PATH_LENGTH))
        )

    def newest_first(self):
        return self.order_by(F("first_published_at").desc(nulls_last=True), "-pk")

    def in_edition(self, locale_id=None):
        """The articles of one edition (language), by default the reader's."""
        return self.filter(locale_id=locale_id or current_locale_id())


ArticlePageManager = PageManager.from_queryset(ArticleQuerySet)


class HomePage(ReaderPageMixin, CheapViewRestrictionsMixin, Page):
    """The front page: lead story, latest news, a block per section, Editors' Picks."""

    lead_article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest article."),
    )
    latest_count = models.PositiveSmallIntegerField(_("latest articles shown"), default=6)
    per_section_count = models.PositiveSmallIntegerField(_("articles per section block"), default=4)

    content_panels = Page.content_panels + [
        FieldPanel("lead_article"),
        FieldPanel("latest_count"),
        FieldPanel("per_section_count"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "articles.StandardPage"]
    # One front page per edition: the English one and its Ukrainian translation.
    max_count = len(settings.LANGUAGES)
    template = "articles/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """The front page of the reader's edition, where Wagtail's routing starts on every request.

        As Wagtail's own, without its Locale query, and kept per process for the site generation.
        """
        from masthead.core.i18n import current_locale_id
        from masthead.core.sites import front_page_in

        locale_id = current_locale_id()
        if locale_id is None or locale_id == self.locale_id:
            return self
        return front_page_in(self, locale_id) or self

    def route(self, request, path_components):
        # Fast path: a published article or section is found by its URL path in
        # one query instead of one query per level of the tree.
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            if len(path_components) == 2:
                page = ArticlePage.objects.filter(url_path=url_path, live=True).select_related("lead_image").first()
            elif len(path_components) == 1:
                page = SectionPage.objects.filter(url_path=url_path, live=True).first()
            else:
                page = Page.objects.filter(url_path=url_path, live=True).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Rendered inside a fragment kept until the site changes (home_page.html):
        # the queries run only when that fragment is made.
        context["front"] = SimpleLazyObject(self.front_page)
        context["site_generation"] = fragment_generation(request)
        return context

    def front_page(self):
        """{lead, latest, section_blocks}: ids first, then one listing query, so the query count stays flat."""
        latest_ids = list(
            ArticlePage.objects.published()
            .in_edition(self.locale_id)
            .newest_first()
            .values_list("pk", flat=True)[: self.latest_count + 1]
        )
        lead_id = self.lead_article_id if self.lead_article_id else (latest_ids[0] if latest_ids else None)
        latest_ids = [pk for pk in latest_ids if pk != lead_id][: self.latest_count]
        shown = set(latest_ids) | ({lead_id} if lead_id else set())
        blocks = section_article_ids(self.per_section_count, exclude=shown, locale_id=self.locale_id)
        wanted = shown | {pk for _, ids in blocks for pk in ids}
        found = {}
        if wanted:
            found = {
                article.pk: article for article in ArticlePage.objects.published().filter(pk__in=wanted).for_listing()
            }
        return {
            "lead": found.get(lead_id),
            "latest": [found[pk] for pk in latest_ids if pk in found],
            "section_blocks": [
                (section, [found[pk] for pk in ids if pk in found])
                for section, ids in blocks
                if any(pk in found for pk in ids)
            ],
        }

    def get_page_meta(self, request, context):
        from masthead.syndication.head import page_meta

        return page_meta(request, self).uses("sidebar")


def section_article_ids(per_section, exclude=(), locale_id=None):
    """[(section, [article ids, newest first])] for every live section, in one or two queries.

    The newest few hundred articles usually fill every block; only sections
    they leave short are looked up again, with a window function.
    """
    sections = live_sections(locale_id)
    wanted = {section.path: [] for section in sections}
    recent = (
        ArticlePage.objects.published()
        .in_edition(locale_id)
        .exclude(pk__in=exclude)
        .newest_first()
        .annotate(section_path=Substr("path", 1, SECTION_PATH_LENGTH))
        .values_list("pk", "section_path")[: max(200, 10 * per_section * len(sections))]
    )
    for pk, path in recent:
        if path in wanted and len(wanted[path]) < per_section:
            wanted[path].append(pk)
    short = [path for path, pks in wanted.items() if len(pks) < per_section]
    if short:
        numbered = (
            ArticlePage.objects.published()
            .exclude(pk__in=exclude)
            .annotate(
                section_path=Substr("path", 1, SECTION_PATH_LENGTH),
                row=Window(
                    RowNumber(),
                    partition_by=[Substr("path", 1, SECTION_PATH_LENGTH)],
                    order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
                ),
            )
            .filter(section_path__in=short, row__lte=per_section)
            .order_by("row")
            .values_list("pk", "section_path")
        )
        for path in short:
            wanted[path] = []
        for pk, path in numbered:
            wanted[path].append(pk)
    return [(section, wanted[section.path]) for section in sections if wanted[section.path]]


class SectionPage(UntranslatedTextMixin, ReaderPageMixin, CheapViewRestrictionsMixin, Page):
    """A desk's front (War, Politics, Business…) with its latest articles, paginated."""

    description = models.TextField(_("description"), blank=True, max_length=400)
    per_page = 12

    content_panels = Page.content_panels + [FieldPanel("description")]
    search_fields = Page.search_fields + [index.SearchField("description")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "articles/section_page.html"

    class Meta:
        verbose_name = _("section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.published().child_of(self).for_listing().newest_first()
        # Rendered inside a fragment kept until the site changes (section_page.html).
        context["articles"] = SimpleLazyObject(lambda: paginate(request, articles, self.per_page))
        context["site_generation"] = fragment_generation(request)
        return context

    def get_page_meta(self, request, context):
        from masthead.syndication.head import page_meta

        return page_meta(request, self).uses("sidebar")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class TopicsField(ClusterTaggableManager):
    """An article's tags, which wagtail-localize offers for translation one by one ("Kharkiv" → "Харків").

    Left to itself, wagtail-localize copies the tags as they are: a translated article carried the original's
    English topics, linked to a search in its own edition, and every sync put them back over topics given in the
    translation. Each tag is a segment of its own instead (wagtail-localize calls these two methods for any field
    that has them; tags have no support of their own), and an untranslated one keeps the original's name.
    """

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        # Each tag's segment is named by its slug, so its translation stays with it when tags are added or moved.
        return [StringSegmentValue(tag.slug or str(position), tag.name) for position, tag in enumerate(value)]

    def restore_translated_segments(self, value, segments):
        return [segment.string.render_text() for segment in segments]

    def __set__(self, instance, names):
        # How wagtail-localize gives the translation its tags (setattr with restore_translated_segments' list).
        self.__get__(instance, type(instance)).set(names)


class ArticlePageForm(WholeBodyPageForm):
    """The article editor: the byline offers the contributors of the article's edition only, and the topics field
    suggests the edition's topics (articles.topics).

    A translated contributor is a row per edition, and both names would otherwise be offered, so an English story
    could be bylined in Cyrillic and link to the Ukrainian author page. A contributor the edition has no version
    of is offered as the original, as the edition's author pages show them; a name already on the byline stays.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("byline")
        locale_id = self.instance.locale_id or (self.parent_page and self.parent_page.locale_id)
        if "tags" in self.fields and locale_id:
            from .topics import EditionTagWidget

            tags = self.fields["tags"]
            tags.widget = EditionTagWidget(
                locale_id, tag_model=tags.widget.tag_model, free_tagging=tags.widget.free_tagging
            )
        if formset is None or not locale_id:
            return
        chosen = [credit.contributor_id for credit in self.instance.byline.all()]
        offered = Contributor.objects.filter(
            models.Q(pk__in=Contributor.objects.in_edition(locale_id).values("pk")) | models.Q(pk__in=chosen)
        )

        # The formset builds each row's form (and the blank one the "Add an author" button copies) from its
        # `form` class when first asked, so the choice is set there, for this formset only.
        class BylineForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["contributor"].queryset = offered

        formset.form = BylineForm


class ArticlePage(UntranslatedTextMixin, ReaderPageMixin, CheapViewRestrictionsMixin, Page):
    """A story: headline, standfirst, byline, lead image, body, tags and related articles."""

    standfirst = models.TextField(
        _("standfirst"), max_length=400, blank=True, help_text=_("One or two sentences under the headline.")
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=300, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=150, blank=True)
    lead_image_alt = models.CharField(
        _("lead image alternative text"), max_length=250, blank=True, help_text=_("Defaults to the image title.")
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    tags = TopicsField(through=ArticleTag, blank=True)
    # The tags are translated (TopicsField), and their rows are the translation's own: never copied over it.
    override_translatable_fields = [TranslatableField("tags"), BaseTranslatableField("tagged_items")]
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    # A newsroom's words: "Headline", not Wagtail's "Title".
    content_panels = [
        TitleFieldPanel("title", heading=_("Headline"), placeholder=_("Headline")),
        FieldPanel("standfirst", heading=_("Standfirst")),
        InlinePanel(
            "byline",
            label=_("Byline"),
            add_label=_("Add an author"),
            min_num=1,
            heading=_("Byline (in order)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
                FieldPanel("lead_image_alt"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            label=_("Related article"),
            add_label=_("Add a related article"),
            heading=_("Related articles"),
        ),
        InlinePanel(
            "corrections",
            label=_("Correction or clarification"),
            add_label=_("Add a correction or clarification"),
            heading=_("Corrections and clarifications"),
            help_text=_(
                "Appended to the story, dated, when it is published again: say what the story got wrong and what "
                "is right. Mend the text above as well."
            ),
        ),
        NarrationPanel(heading=_("Narration")),
        EditionsPanel(heading=_("Editions")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("byline", [index.RelatedFields("contributor", [index.SearchField("name")])]),
        index.SearchField("search_word_forms"),
        index.FilterField("first_published_at"),
        index.FilterField("path"),
    ]

    parent_page_types = ["articles.SectionPage"]
    subpage_types = []
    template = "articles/article_page.html"

    class Meta:
        verbose_name = _("article")

    def save(self, *args, **kwargs):
        self.word_count = count_words(self.title + " " + self.standfirst + " " + self.body_text)
        super().save(*args, **kwargs)

    @property
    def body_text(self):
        """The body's readable words: paragraphs, subheadings and quotes."""
        parts = []
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "subheading":
                parts.append(str(block.value))
            elif block.block_type == "quote":
                parts.append(block.value["quote"])
        return "\n".join(parts)

    def search_word_forms(self):
        """Every dictionary form of the story's Ukrainian words and its byline's names, so a search finds them in any
        form, and in the Ukrainian edition their Latin spellings too, so "Kharkiv" finds «Харкові» and "Olena
        Marchenko" her stories (search/word_forms.py)."""
        tags = " ".join(tag.name for tag in self.tags.all())
        names = " ".join(credit.contributor.name for credit in self.byline.all())
        return indexed_forms(
            self.title, self.standfirst, self.body_text, tags, names, language=language_of(self.locale_id)
        )

    def fragment_version(self, request):
        """Key for this article's cached fragments: new with every publication; unique for previews."""
        if getattr(request, "is_preview", False):
            return f"preview:{uuid.uuid4()}"
        return f"{self.pk}:{self.last_published_at.timestamp() if self.last_published_at else 0}"

    @property
    def reading_time(self):
        return reading_time_minutes(self.word_count)

    @property
    def updated_at(self):
        """When the story changed after publication, or None."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first > UPDATE_GRACE:
            return last
        return None

    @cached_property
    def contributors(self):
        return [credit.contributor for credit in self.byline.all() if credit.contributor_id]

    @cached_property
    def section(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        # The byline, lead picture, body, tags and related articles are rendered inside cached fragments
        # (article_page.html), the head tags kept per version (get_page_meta): their queries run only on a miss.
        self._credits = SimpleLazyObject(self.byline_credits)
        context = super().get_context(request, *args, **kwargs)
        context.update(
            fragment_version=self.fragment_version(request),
            # The byline shows contributors' profiles, and the footer's related articles change when another
            # article is unpublished: the site generation (bumped by a profile's change and by every publication
            # and unpublication, core.cache) is in their keys too, so a renamed writer is shown renamed at once.
            site_version=f"{self.fragment_version(request)}:{generation()}",
            related_articles=SimpleLazyObject(self.related_articles),
            byline_credits=self._credits,
            corrections=SimpleLazyObject(lambda: self.appended_corrections),
        )
        return context

    @cached_property
    def appended_corrections(self):
        """The story's corrections and clarifications, oldest first, each with the language its text is in (a
        translation synced after its original was corrected carries the new note in the original's words until
        someone translates it). Read once a request: by the page's two fragments and by its JSON-LD."""
        notes = sorted(self.corrections.all(), key=lambda note: (note.noted_at, note.pk or 0))
        return AppendedCorrections(ArticleCorrection.mark_untranslated(notes, self.locale_id))

    def byline_credits(self):
        credits = list(
            self.byline.select_related("contributor__photo").prefetch_related("contributor__photo__renditions")
        )
        for credit in credits:  # each named as this article's edition names them (not saved)
            credit.contributor = credit.contributor.as_shown_in(self.locale_id)
        return credits

    def related_articles(self):
        """The related articles, each in this article's language when it has a published version in it.

        A translation keeps the links its original had to articles not yet translated; once they are, the
        reader gets their version. An article still only in another language keeps its `language`, which
        the card says (lang="…"), so a screen reader reads its headline in that language.
        """
        related_ids = list(self.related_links.values_list("article_id", flat=True))
        if not related_ids:
            return []
        published = ArticlePage.objects.published()
        found = {article.pk: article for article in published.filter(pk__in=related_ids).for_listing()}
        elsewhere = {article.translation_key for article in found.values() if article.locale_id != self.locale_id}
        here = {
            article.translation_key: article
            for article in (
                published.filter(locale_id=self.locale_id, translation_key__in=elsewhere).for_listing()
                if elsewhere
                else ()
            )
        }
        languages = {pk: code for code, pk in locale_ids().items()}
        related = []
        for pk in related_ids:
            article = found.get(pk)
            if article is None:
                continue
            article = here.get(article.translation_key, article)
            if article.locale_id != self.locale_id:
                article.language = languages.get(article.locale_id, "")
            if article not in related:
                related.append(article)
        return related

    def get_page_meta(self, request, context):
        """Kept per published version and site generation: the head costs a few queries and much JSON."""
        if getattr(request, "is_preview", False):
            return self.build_page_meta(request)
        key = f"masthead:article-meta:{self.fragment_version(request)}:{generation()}"
        meta = cache.get(key)
        if meta is None:
            meta = self.build_page_meta(request)
            cache.set(key, meta, ARTICLE_FRAGMENT_TTL)
        return meta

    def build_page_meta(self, request):
        from masthead.syndication.content import narration_for
        from masthead.syndication.head import page_meta

        # Tags and lead-image renditions are read by several parts of the head: fetch each once.
        prefetch_related_objects([self], "tags")
        if self.lead_image:
            prefetch_related_objects([self.lead_image], "renditions")
        meta = page_meta(request, self, credits=self._credits).uses("sidebar")
        if narration_for(self) is not None:
            meta.uses("narration-player")
        return meta


class StandardPage(ReaderPageMixin, CheapViewRestrictionsMixin, Page):
    """A page outside the news flow ("About us", "Contact"): a title and a body, directly under the home page."""

    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    base_form_class = WholeBodyPageForm

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    template = "articles/standard_page.html"

    def get_page_meta(self, request, context):
        from masthead.syndication.head import page_meta

        return page_meta(request, self)

    class Meta:
        verbose_name = _("static page")
        verbose_name_plural = _("static pages")


class ArticleContributor(Orderable):
    """One name on an article's byline, in the order editors set."""

    article = ParentalKey(ArticlePage, related_name="byline", on_delete=models.CASCADE)
    contributor = models.ForeignKey(
        Contributor, verbose_name=_("contributor"), on_delete=models.PROTECT, related_name="credits"
    )

    # A list of the edition's names (ArticlePageForm narrows it), not Wagtail's snippet chooser, which would offer
    # both editions' profiles in a dialog.
    panels = [FieldPanel("contributor", widget=forms.Select)]

    class Meta(Orderable.Meta):
        verbose_name = _("byline entry")


@dataclass
class AppendedCorrections:
    """An article's notes as its page shows them: a heading that names what they are, and the date line's mark."""

    notes: list

    def __iter__(self):
        return iter(self.notes)

    def __bool__(self):
        return bool(self.notes)

    @property
    def kinds(self):
        return {note.kind for note in self.notes}

    @property
    def heading(self):
        if self.kinds == {ArticleCorrection.Kind.CLARIFICATION}:
            return _("Clarifications") if len(self.notes) > 1 else _("Clarification")
        if self.kinds == {ArticleCorrection.Kind.CORRECTION}:
            return _("Corrections") if len(self.notes) > 1 else _("Correction")
        return _("Corrections and clarifications")

    @property
    def mark(self):
        """The date line's link to the notes: "Corrected" when any note mends a fact, "Clarified" otherwise."""
        return _("Corrected") if ArticleCorrection.Kind.CORRECTION in self.kinds else _("Clarified")


class ArticleCorrection(TranslatableMixin, models.Model):
    """A dated note under a published story saying what it got wrong (or left unclear) and what is right.

    Translatable with its story: wagtail-localize offers each note's text in the translation editor, and a
    translation carries its original's notes, so the readers of both editions learn what changed.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")

    article = ParentalKey(ArticlePage, related_name="corrections", on_delete=models.CASCADE)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_("A correction mends a fact that was wrong; a clarification adds what a reader needed to know."),
    )
    noted_at = models.DateTimeField(_("date"), default=timezone.now, help_text=_("Shown to readers."))
    text = models.TextField(
        _("note"),
        max_length=1000,
        help_text=_(
            "For example: “An earlier version of this story gave the wrong day for the vote. It was Tuesday, not "
            "Monday.”"
        ),
    )

    panels = [FieldPanel("kind"), FieldPanel("noted_at"), FieldPanel("text")]
    translatable_fields = [TranslatableField("text"), SynchronizedField("kind"), SynchronizedField("noted_at")]

    def clean(self):
        # Readers see the day: a note dated a later day would head the corrections page until then.
        if self.noted_at and timezone.localdate(self.noted_at) > timezone.localdate():
            raise ValidationError({"noted_at": _("A note cannot be dated after today.")})

    @classmethod
    def mark_untranslated(cls, notes, locale_id):
        """`notes`, each given the `language` its text is in when that is another edition's, else "".

        A note whose text is word for word its counterpart's in another edition was never translated (a sync brought
        it over), so it is marked (lang="…") as the untranslated parts of a profile are.
        """
        others = cls.objects.filter(translation_key__in=[note.translation_key for note in notes]).exclude(
            locale_id=locale_id
        )
        untranslated = {(other.translation_key, other.text): other.locale_id for other in others} if notes else {}
        languages = {pk: code for code, pk in locale_ids().items()}
        for note in notes:
            note.language = languages.get(untranslated.get((note.translation_key, note.text)), "")
        return notes

    class Meta(TranslatableMixin.Meta):
        # Readers see the notes oldest first, whatever order the editor added them in: the editor has no order to set.
        ordering = ["noted_at", "pk"]
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")


class RelatedArticle(Orderable):
    """An article the editor links under another one."""

    page = ParentalKey(ArticlePage, related_name="related_links", on_delete=models.CASCADE)
    article = models.ForeignKey(ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("article")]


class EditorsPicksForm(WagtailAdminModelForm):
    """Refuses more picks than "How many to show": readers would silently miss the last ones.

    One list holds both editions' picks and each edition shows its own, so the limit is per edition.
    """

    def clean(self):
        cleaned = super().clean()
        formset, limit = self.formsets.get("picks"), cleaned.get("limit")
        if formset is None or limit is None:
            return cleaned
        kept = Counter(
            form.cleaned_data["article"].locale_id
            for form in formset.forms
            if form.is_valid() and form.cleaned_data.get("article") and not form.cleaned_data.get("DELETE")
        )
        over = {locale_id: count for locale_id, count in kept.items() if count > limit}
        for locale in Locale.objects.filter(pk__in=over):
            count = over[locale.pk]
            if len(kept) == 1:
                message = _("There are %(count)s picks but only %(limit)s are shown: remove a pick or show more.")
            else:
                message = _(
                    "There are %(count)s picks in the %(edition)s edition but only %(limit)s are shown: remove one "
                    "of its picks or show more."
                )
            self.add_error("limit", message % {"count": count, "limit": limit, "edition": locale.get_display_name()})
        return cleaned


@register_setting(icon="pick")
class EditorsPicks(ClusterableModel, BaseSiteSetting):
    """The articles editors choose to recommend, in their order."""

    title = models.CharField(_("heading"), max_length=60, default="Editors’ Picks")
    limit = models.PositiveSmallIntegerField(_("how many to show"), default=5)

    panels = [
        FieldPanel("title"),
        FieldPanel("limit"),
        InlinePanel(
            "picks",
            label=_("Pick"),
            add_label=_("Add a pick"),
            heading=_("Picks (in order)"),
            help_text=_("To put an article at a chosen place, use “Add to Editors’ Picks” in its editor."),
        ),
    ]
    base_form_class = EditorsPicksForm

    class Meta:
        verbose_name = _("Editors’ Picks")
        verbose_name_plural = _("Editors’ Picks")

    def __str__(self):
        return str(self.title)


class EditorsPick(Orderable):
    setting = ParentalKey(EditorsPicks, related_name="picks", on_delete=models.CASCADE)
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="editors_pick_entries"
    )

    panels = [FieldPanel("article")]


def _editors_picks_setting(request):
    """(limit, [article ids in editors' order]) for the request's site and edition; cached.

    One list holds the picks of both editions; each edition shows the picks in its own language.
    """
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return 0, []

    locale_id = current_locale_id()

    def build():
        setting = EditorsPicks.for_site(site)
        picks = setting.picks.filter(article__locale_id=locale_id).order_by("sort_order")
        return setting.limit, list(picks.values_list("article_id", flat=True))

    return cached(editors_picks_cache_name(site.pk, locale_id), build)


def editors_picks_cache_name(site_id, locale_id):
    return f"editors-picks:{site_id}:{locale_id}"


def forget_editors_picks(site_id):
    from masthead.core.cache import forget

    forget(*(editors_picks_cache_name(site_id, locale_id) for locale_id in locale_ids().values()))


def editors_pick_ids(request):
    return _editors_picks_setting(request)[1]


def editors_picks(request, exclude_pk=None):
    """The published picks for the request's site, in editors' order, minus the page being read."""
    limit, ids = _editors_picks_setting(request)
    ids = [pk for pk in ids if pk != exclude_pk]
    if not ids:
        return []
    found = {article.pk: article for article in ArticlePage.objects.published().filter(pk__in=ids).for_listing()}
    return [found[pk] for pk in ids if pk in found][:limit]
