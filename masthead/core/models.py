"""Site-wide settings every app reads: the newsroom's name, look and time zone."""

import zoneinfo
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .panels import InlinePanel

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def other_edition_languages():
    """Choices for an edition's own texts: every language in settings.LANGUAGES but the default edition's."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class EditionText(NamedTuple):
    """What the newsroom says about itself in one edition: its tagline and "about" text ("" when not given)."""

    tagline: str
    about: str


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting, ClusterableModel):
    """The newsroom's identity and defaults, one row per Wagtail site.

    `tagline` and `about` are the default edition's (settings.LANGUAGE_CODE);
    every other edition has its own in `edition_texts` (NewsroomEditionText).
    Read them with `text_for(language)` / `edition_text`, never the fields
    directly on a reader page: an edition without its own text shows none,
    not the default edition's.
    """

    name = models.CharField(_("newsroom name"), max_length=120, default="The Masthead")
    tagline = models.CharField(
        _("tagline"), max_length=200, blank=True, help_text=_("In the English edition; other editions below.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#b3261e",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #b3261e."))],
        help_text=_("Used for links and highlights. Keep it dark enough for text on white."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.MASTHEAD_DEFAULT_TIME_ZONE,
        choices=TIME_ZONE_CHOICES,
        validators=[validate_time_zone],
        help_text=_("Every time on the site is shown in this zone."),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    about = models.TextField(
        _("about the newsroom"), blank=True, help_text=_("In the English edition; other editions below.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        max_length=300,
        help_text=_(
            "Printed at the foot of every newsletter edition: the law in several countries requires the "
            "sender's postal address in bulk email. Needed before an edition can be sent."
        ),
    )
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline"), FieldPanel("logo"), FieldPanel("accent_colour")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldPanel("language"),
                FieldPanel("about"),
                FieldPanel("contact_email"),
                FieldPanel("postal_address"),
            ],
            heading=_("Newsroom"),
        ),
        InlinePanel(
            "edition_texts",
            heading=_("In other editions"),
            label=_("edition"),
            add_label=_("Add an edition’s texts"),
            # One row per other edition: a second row for the same one was refused with Django's words for the
            # database ("the duplicate data for settings and language").
            max_num=len(other_edition_languages()),
            help_text=_(
                "The tagline and “about” text of each other edition. An edition not listed here shows "
                "neither (never the English ones)."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("x_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("bluesky_url"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social links"),
        ),
    ]

    class Meta:
        verbose_name = _("newsroom settings")

    def __str__(self):
        return self.name

    @classmethod
    def for_site_with_texts(cls, site):
        """The site's settings with every edition's texts loaded, ready to be cached as one object."""
        instance = cls.for_site(site)
        instance.edition_text_map()
        return instance

    def edition_text_map(self):
        """{language: EditionText} of the other editions; read once, then kept on the instance (and in its cache)."""
        texts = self.__dict__.get("_edition_texts")
        if texts is None:
            rows = self.edition_texts.all() if self.pk else []
            texts = {row.language: EditionText(row.tagline, row.about) for row in rows}
            self._edition_texts = texts
        return texts

    @property
    def sender_address(self):
        """The postal address as an email's foot prints it: the name, then the address, unless the address
        already begins with the name (as a letterhead's does)."""
        address = self.postal_address.strip()
        if not address or address.casefold().startswith(self.name.strip().casefold()):
            return address
        return f"{self.name}, {address}"

    def text_for(self, language=None):
        """The tagline and about text of the edition in `language` (default: the active one)."""
        from .i18n import language_code

        code = language_code(language)
        if code == language_code(settings.LANGUAGE_CODE):
            return EditionText(self.tagline, self.about)
        return self.edition_text_map().get(code, EditionText("", ""))

    @property
    def edition_text(self):
        """text_for() the active language: what templates show."""
        return self.text_for(translation.get_language())

    @property
    def social_links(self):
        pairs = [
            ("X", self.x_url),
            ("Mastodon", self.mastodon_url),
            ("Bluesky", self.bluesky_url),
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in pairs if url]


class NewsroomEditionText(models.Model):
    """The newsroom's tagline and "about" text in one edition other than the default one."""

    settings = ParentalKey(NewsroomSettings, on_delete=models.CASCADE, related_name="edition_texts")
    language = models.CharField(_("edition"), max_length=10, choices=other_edition_languages)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    about = models.TextField(_("about the newsroom"), blank=True)

    panels = [FieldPanel("language"), FieldPanel("tagline"), FieldPanel("about")]

    class Meta:
        verbose_name = _("newsroom text in an edition")
        verbose_name_plural = _("newsroom texts in other editions")
        ordering = ["language"]
        unique_together = [("settings", "language")]

    def __str__(self):
        return f"{self.settings} ({self.language})"
