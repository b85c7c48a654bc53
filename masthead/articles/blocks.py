from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=150)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it. Defaults to the image title."),
    )

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Embed URL"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        template = "articles/blocks/embed.html"


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(label=_("Image")), label=_("Images"), min_num=1)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "articles/blocks/gallery.html"


class CaptionedTableBlock(TableBlock):
    """A table of text cells; the first row may be a header, the caption says what it shows."""

    class Meta:
        icon = "table"
        template = "articles/blocks/table.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="articles/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        label=_("Subheading"), max_length=120, icon="title", template="articles/blocks/subheading.html"
    )
    quote = QuoteBlock(label=_("Quote"))
    image = CaptionedImageBlock(label=_("Image"))
    embed = CaptionedEmbedBlock(label=_("Embed"))
    table = CaptionedTableBlock(label=_("Table"), table_options={"autoColumnSize": False})
    gallery = GalleryBlock(label=_("Gallery"))
