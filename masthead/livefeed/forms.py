"""The quick-post form on the admin dashboard: a headline and a few lines, in a few clicks."""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from masthead.core.i18n import current_locale_id
from masthead.core.once import submission_field

from .richtext import BODY_MAX_LENGTH


class QuickPostForm(forms.Form):
    edition = forms.ModelChoiceField(
        Locale.objects.order_by("pk"),
        label=_("Edition"),
        empty_label=None,
        required=False,  # left out: the default (English) edition
        help_text=_("The language it is written in; only that edition shows it."),
    )
    headline = forms.CharField(label=_("Headline"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Plain text, at most 800 characters. A blank line starts a new paragraph."),
    )
    pinned = forms.BooleanField(label=_("Pin to the top"), required=False)
    # One per form shown: a second submission of the same form (a double click, a resent page) posts nothing.
    submission = submission_field()

    # The edition this editor last posted to, remembered for their session.
    LAST_EDITION = "livefeed-quick-post-edition"

    def __init__(self, data=None, *, request):
        super().__init__(data)
        # Until they have posted: the edition in the language they use the admin in, if there is one.
        self.fields["edition"].initial = request.session.get(self.LAST_EDITION) or current_locale_id()

    def remember_edition(self, request, locale_id):
        request.session[self.LAST_EDITION] = locale_id

    def body_html(self):
        """The text as paragraphs of rich text (escaped: this form takes no markup)."""
        paragraphs = [part.strip() for part in self.cleaned_data["text"].replace("\r\n", "\n").split("\n\n")]
        return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs if part)
