"""The quick-post form on the admin dashboard: a headline and a few lines, in a few clicks."""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .richtext import BODY_MAX_LENGTH


class QuickPostForm(forms.Form):
    headline = forms.CharField(label=_("Headline"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, at most 800 characters. A blank line starts a new paragraph."),
    )
    pinned = forms.BooleanField(label=_("Pin to the top"), required=False)

    def body_html(self):
        """The text as paragraphs of rich text (escaped: this form takes no markup)."""
        paragraphs = [part.strip() for part in self.cleaned_data["text"].replace("\r\n", "\n").split("\n\n")]
        return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs if part)
