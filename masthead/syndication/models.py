"""What the newsroom decides about how its work is syndicated: feed contents and the default sharing picture."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="rss")
class SyndicationSettings(BaseSiteSetting):
    """Per-site choices for the RSS, Atom and JSON feeds and for the cards shown when a link is shared."""

    full_text_feeds = models.BooleanField(
        _("full text in feeds"),
        default=False,
        help_text=_(
            "Put the whole article in the RSS, Atom and JSON feeds. When off, feeds carry the headline, "
            "the standfirst and a link, so readers come to the site to read the story."
        ),
    )
    feed_length = models.PositiveSmallIntegerField(
        _("articles per feed"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("How many of the newest articles each feed lists."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("default sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown by social networks and chat apps for pages without a picture of their own "
            "(the front page, sections, articles without a lead image). At least 1,200 × 675 pixels."
        ),
    )

    panels = [
        MultiFieldPanel([FieldPanel("full_text_feeds"), FieldPanel("feed_length")], heading=_("Feeds")),
        FieldPanel("share_image"),
    ]

    class Meta:
        verbose_name = _("syndication settings")

    def __str__(self):
        return str(_("Syndication settings"))
