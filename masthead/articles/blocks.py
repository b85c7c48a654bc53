from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from masthead.core.documents import is_private

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


# The files a browser's own player plays, and which of its players: what the media block takes.
MEDIA_KINDS = {
    "mp3": "audio",
    "m4a": "audio",
    "aac": "audio",
    "oga": "audio",
    "ogg": "audio",
    "wav": "audio",
    "mp4": "video",
    "m4v": "video",
    "webm": "video",
}


def media_kind(document):
    """ "audio" or "video" for a document the browser can play, else ""."""
    return MEDIA_KINDS.get(document.file_extension.lower(), "") if document else ""


class MediaBlockValue(blocks.StructValue):
    @cached_property
    def kind(self):
        return media_kind(self.get("file"))

    @cached_property
    def playable(self):
        """The file is one a browser plays and every reader may fetch: a private one is not shown at all."""
        document = self.get("file")
        return bool(document and self.kind and not is_private(document))


class MediaBlock(blocks.StructBlock):
    """An audio or video file the newsroom hosts (a Wagtail document), played by the browser's own player."""

    file = DocumentChooserBlock(
        label=_("Audio or video file"),
        help_text=_("An audio file (MP3, M4A, AAC, OGG, WAV) or a video (MP4, M4V, WebM) from the documents."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    poster = ImageChooserBlock(
        label=_("Poster image"), required=False, help_text=_("For a video: the picture shown before it plays.")
    )

    class Meta:
        icon = "media"
        template = "articles/blocks/media.html"
        value_class = MediaBlockValue

    def clean(self, value):
        value = super().clean(value)
        document = value.get("file")
        if document and not media_kind(document):
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(
                        _(
                            "“%(name)s” is not an audio or video file a browser can play. Choose an MP3, M4A, AAC, "
                            "OGG or WAV file, or an MP4, M4V or WebM video."
                        )
                        % {"name": document.title}
                    )
                }
            )
        if document and is_private(document):
            raise StructBlockValidationError(
                block_errors={
                    "file": ValidationError(
                        _("“%(name)s” is in a private collection, so readers could not play it.")
                        % {"name": document.title}
                    )
                }
            )
        return value


class ExactTextBlock(blocks.TextBlock):
    """A text area whose text is kept as typed: leading spaces and blank lines too (a form field strips them)."""

    @cached_property
    def field(self):
        widget = forms.Textarea(attrs={"rows": self.rows, "spellcheck": "false", "style": "font-family: monospace"})
        return forms.CharField(widget=widget, strip=False, **self.field_options)

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")

    def clean(self, value):
        return super().clean(value).replace("\r\n", "\n")


class PreformattedBlock(blocks.StructBlock):
    """Text whose lines and spaces are part of it: code, a poem's lines, a listing of figures in columns."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("code", _("Code")),
            ("verse", _("Poem or lyrics")),
            ("text", _("Other text in columns or lines")),
        ],
        default="code",
        search_index=False,
        help_text=_("Code and listings keep their width and scroll sideways on a phone; a poem's lines wrap."),
    )
    text = ExactTextBlock(
        label=_("Text"), rows=8, help_text=_("Kept exactly as typed: line breaks, spaces and indents.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "code"
        template = "articles/blocks/preformatted.html"


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
    media = MediaBlock(label=_("Audio or video"))
    preformatted = PreformattedBlock(label=_("Preformatted text / code"))
