"""The live news feed: short timestamped items, the record of removed ones, and the sidebar setting."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, RichTextMaxLengthValidator
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from masthead.core.admin_forms import EditionAdminForm
from masthead.core.i18n import current_locale_id, default_locale_id, language_of
from masthead.search.word_forms import indexed_forms

from . import richtext

# Saving any of these changes what readers see, so open pages must hear of it.
PUBLIC_FIELDS = frozenset(
    {
        "headline",
        "body",
        "published_at",
        "pinned",
        "correction",
        "article",
        "source_url",
        "source_name",
        "author",
        "live",
    }
)


class NewsItemQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        """Live items whose publication time has come: the one definition of "published" for readers."""
        return self.filter(live=True, published_at__lte=timezone.now())

    def in_edition(self, locale_id=None):
        """The items of one edition (language), by default the reader's."""
        return self.filter(locale_id=locale_id or current_locale_id())

    def for_display(self):
        """What an item's template touches (linked article, author), in the same query."""
        return self.select_related("article", "author")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def pinned_first(self):
        return self.order_by("-pinned", "-published_at", "-pk")

    def before(self, published_at, pk):
        """Items that come after (published_at, pk) in newest-first order: one keyset "page" step."""
        return self.filter(models.Q(published_at__lt=published_at) | models.Q(published_at=published_at, pk__lt=pk))


class NewsItem(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    """One short, timestamped piece of news in the live feed (sidebar, /news-feed/, RSS).

    Drafts, scheduling (a publication time in the future) and revisions come
    from Wagtail; `changed_at` records when readers' copies went out of date so
    that open pages can ask for what changed since they last looked.
    """

    headline = models.CharField(_("headline"), max_length=200)
    # An item is posted in one language and shown in that edition only.
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="+",
        default=default_locale_id,
        help_text=_("The edition (language) it is posted in."),
    )
    body = RichTextField(
        _("text"),
        features=richtext.FEATURES,
        max_length=richtext.BODY_MAX_LENGTH,
        validators=[RichTextMaxLengthValidator(richtext.BODY_MAX_LENGTH)],
        help_text=_("One short paragraph or two, often a quote. At most 800 characters."),
    )
    # Empty until the item goes live, unless an editor sets it on purpose: a
    # draft saved at 10:51 and published at 10:53 reads "10:53" (see save()).
    published_at = models.DateTimeField(
        _("time of publication"),
        null=True,
        blank=True,
        help_text=_("Leave empty to show the moment it is published. Set a later time to schedule it."),
    )
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Pinned items stay at the top of the feed."))
    correction = models.TextField(
        _("correction note"),
        blank=True,
        max_length=300,
        help_text=_("If the item was wrong, say what was corrected. Shown under the item."),
    )
    article = models.ForeignKey(
        "articles.ArticlePage",
        verbose_name=_("full story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text=_("An article of ours that tells more."),
    )
    source_name = models.CharField(_("source name"), max_length=100, blank=True, help_text=_("e.g. “Reuters”"))
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    author = models.ForeignKey(
        "articles.Contributor",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    # Derived on save: the body as readers get it (links resolved, sanitised),
    # so that showing many items never costs a query per link.
    body_html = models.TextField(editable=False, blank=True)
    # When readers' copies went out of date; empty while the item was never public.
    changed_at = models.DateTimeField(editable=False, null=True, db_index=True)

    objects = NewsItemQuerySet.as_manager()

    base_form_class = EditionAdminForm
    panels = [
        FieldPanel("locale"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("published_at"), FieldPanel("pinned")]),
        FieldPanel("author"),
        MultiFieldPanel(
            [FieldPanel("article"), FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")])],
            heading=_("Read more"),
        ),
        FieldPanel("correction"),
    ]
    search_fields = [
        index.SearchField("headline", boost=2),
        index.SearchField("body"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.SearchField("search_word_forms"),
        index.AutocompleteField("headline"),
        index.FilterField("live"),
        index.FilterField("published_at"),
        index.FilterField("pinned"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        indexes = [
            # Full feed (newest first, keyset) and the sidebar (pinned first).
            models.Index(fields=["published_at", "id"], name="livefeed_published_idx"),
            models.Index(fields=["pinned", "published_at", "id"], name="livefeed_pinned_idx"),
            # The same, per edition (what readers' pages ask for).
            models.Index(fields=["locale", "published_at", "id"], name="livefeed_edition_published_idx"),
            models.Index(fields=["locale", "pinned", "published_at", "id"], name="livefeed_edition_pinned_idx"),
        ]

    def __str__(self):
        # A draft saved before its headline was written (the editor allows it) is named in words, not by
        # Django's "NewsItem object (1)", in the editor's title, its breadcrumbs and the snippets' lists.
        return self.headline or str(_("(no headline yet)"))

    def search_word_forms(self):
        """Every dictionary form of the item's Ukrainian words and its author's name, so a search finds them in any
        form, and in the Ukrainian edition their Latin spellings too, so "Kharkiv" finds «Харкові» and "Olena
        Marchenko" her items (search/word_forms.py)."""
        author = self.author.name if self.author else ""
        return indexed_forms(self.headline, self.body, author, language=language_of(self.locale_id))

    def clean(self):
        super().clean()
        if self.source_name and not self.source_url:
            raise ValidationError({"source_url": _("Give the link to the source as well as its name.")})

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # A draft that was never published is nobody's business but the newsroom's.
        ever_public = self.live or self.first_published_at is not None
        public_change = ever_public and (update_fields is None or bool(PUBLIC_FIELDS & set(update_fields)))
        if update_fields is None or "body" in update_fields:
            self.body = richtext.clean_source(self.body)
            self.body_html = richtext.render(self.body)
        if self.live and self.published_at is None:
            self.published_at = timezone.now()
            if update_fields is not None:
                update_fields = {*update_fields, "published_at"}
        if public_change:
            self.changed_at = timezone.now()
        if update_fields is not None:
            # Wagtail saves drafts of live items with update_fields; those must
            # not leak the draft's text into the live row, so add only what we derived.
            extra = {"changed_at"} if public_change else set()
            if "body" in update_fields:
                extra.add("body_html")
            kwargs["update_fields"] = set(update_fields) | extra
        super().save(*args, **kwargs)
        if public_change:
            transaction.on_commit(lambda pk=self.pk: mark_changed(pk))

    def get_absolute_url(self):
        # Same as reverse("livefeed:item", …), without resolving the pattern for every item of a page.
        return f"{feed_url(language_of(self.locale_id))}{self.pk}-{self.slug}/"

    @property
    def slug(self):
        return slugify(self.headline, allow_unicode=True)[:80].strip("-") or "item"

    @property
    def text(self):
        """The body as plain words (meta description, feeds, structured data)."""
        return richtext.plain_text(self.body_html)

    @property
    def is_published(self):
        return self.live and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def linked_article(self):
        """The full story, if it is published and public (a draft's URL would be a dead end, and a private
        article's headline is not for everyone)."""
        article = self.article
        if article is None or not article.live:
            return None
        if any(article.path.startswith(path) for path in restricted_page_paths()):
            return None
        return article

    def get_preview_template(self, request, mode_name):
        return "livefeed/item_page.html"

    def get_preview_context(self, request, mode_name):
        # A preview is never saved, so derive the reader's HTML here.
        self.body_html = richtext.render(richtext.clean_source(self.body))
        if self.published_at is None:
            self.published_at = timezone.now()
        from masthead.syndication.head import view_meta

        meta = view_meta(request, title=self.headline, canonical="", noindex=True).uses("sidebar")
        return {"item": self, "request": request, "preview": True, "meta": meta}


class NewsItemRemoval(models.Model):
    """A deleted news item, remembered so that pages still showing it learn to take it away."""

    item_id = models.BigIntegerField()
    removed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("removed news item")

    def __str__(self):
        return f"#{self.item_id}"


@register_setting(icon="time")
class NewsFeedSettings(BaseSiteSetting):
    """How the News Feed sidebar looks on the site's reader pages."""

    sidebar_count = models.PositiveSmallIntegerField(
        _("items in the sidebar"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("How many of the latest items the sidebar shows (pinned items first)."),
    )

    panels = [FieldPanel("sidebar_count")]

    class Meta:
        verbose_name = _("news feed settings")

    def __str__(self):
        return str(self._meta.verbose_name)


def feed_url(language=None):
    """/news-feed/ of an edition (by default the reader's): /uk/news-feed/ for Ukrainian."""
    return _feed_url(language or translation.get_language() or settings.LANGUAGE_CODE)


@functools.cache
def _feed_url(language):
    with translation.override(language):
        return reverse("livefeed:feed")


def mark_changed(pk=None, removed_item_id=None):
    """After a commit: stamp the change with the commit's time, and let everyone see it at once.

    The stamp is taken again after the commit because the one set during the
    save may be older than a change another editor committed in between; a
    page that already asked "what changed after X?" would then miss it.
    """
    from .updates import forget_state

    now = timezone.now()
    if pk is not None:
        NewsItem.objects.filter(pk=pk).update(changed_at=now)
    if removed_item_id is not None:
        NewsItemRemoval.objects.filter(item_id=removed_item_id).update(removed_at=now)
    forget_state()
    purge_feed_pages(pk or removed_item_id)


def purge_feed_pages(pk):
    """Drops the feed pages from the origin page cache and the CDN (if one is configured)."""
    from django.conf import settings

    from masthead.core.purge import purge_urls

    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    # Every edition's feed and RSS, not the worker's language's only: a removed item's edition is not known,
    # and a Ukrainian item left /uk/news-feed/ in the front-end cache.
    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls += [base + reverse("livefeed:feed"), base + reverse("livefeed:rss")]
    item = NewsItem.objects.filter(pk=pk).first() if pk else None
    if item is not None:
        urls.append(base + item.get_absolute_url())
    purge_urls(urls)


def restricted_page_paths():
    """Tree paths of pages with a view restriction (password, login, groups): few, kept a minute (core.cache)."""
    from wagtail.models import PageViewRestriction

    from masthead.core.cache import cached

    return cached(
        "page-view-restriction-paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )
