"""What an edition's body is made of: free text and chosen articles."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class ArticleBlock(blocks.StructBlock):
    article = blocks.PageChooserBlock(page_type="articles.ArticlePage", label=_("article"))
    note = blocks.TextBlock(
        label=_("note"),
        required=False,
        max_length=600,
        help_text=_("Optional words of your own under the headline; the standfirst is used when empty."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Article")


class EditionBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("Text"))
    article = ArticleBlock()
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, icon="title")
