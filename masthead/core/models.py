"""Site-wide settings every app reads: the newsroom's name, look and time zone."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

TIME_ZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


@register_setting(icon="site")
class NewsroomSettings(BaseSiteSetting):
    """The newsroom's identity and defaults, one row per Wagtail site."""

    name = models.CharField(_("newsroom name"), max_length=120, default="The Masthead")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
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
    about = models.TextField(_("about the newsroom"), blank=True)
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
