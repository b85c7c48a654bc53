"""What the admin's forms share: the edition (language) a news item or a newsletter belongs to; a body that did not
arrive whole; the password reset."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.blocks import BlockField, BlockWidget
from wagtail.models import Locale

from .i18n import admin_language, default_locale_id


class EditionFieldMixin:
    """A `locale` field ("Edition") that keeps the row's edition, or the default one, when a form leaves it out."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].required = False

    def clean_locale(self):
        chosen = self.cleaned_data.get("locale")
        if chosen is not None:
            return chosen
        if getattr(self.instance, "locale_id", None):
            return self.instance.locale
        return Locale.objects.get(pk=default_locale_id())


class EditionAdminForm(EditionFieldMixin, WagtailAdminModelForm):
    pass


# What the body's widget reads from a post that lacks the body's fields or garbles them.
NOT_WHOLE = object()


class WholeBodyWidget(BlockWidget):
    """Wagtail's StreamField widget, reading a post without the body's fields (a crafted form, a page that had not
    finished loading, a request cut short) as NOT_WHOLE: Wagtail reads them with int(), json.loads() and data[key]
    and let the KeyError or ValueError out as a server error."""

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, AttributeError):
            return NOT_WHOLE


class WholeBodyField(BlockField):
    """A StreamField's form field (an article's, a page's, an edition's body): a body that did not arrive whole is
    an error on the form, shown with the saved body."""

    def __init__(self, block=None, **kwargs):
        super().__init__(block=block, widget=WholeBodyWidget(block), **kwargs)

    def bound_data(self, data, initial):
        return initial if data is NOT_WHOLE else super().bound_data(data, initial)

    def has_changed(self, initial, data):
        return data is not NOT_WHOLE and super().has_changed(initial, data)

    def clean(self, value):
        if value is NOT_WHOLE:
            raise ValidationError(
                _(
                    "The body did not arrive whole, so nothing was saved. Below is the body as it was last saved: "
                    "please make your changes to it again."
                ),
                code="not_whole",
            )
        return super().clean(value)


class WholeBodyMixin:
    """A form whose `body` (a StreamField) is a WholeBodyField.

    Set here rather than in Meta.field_classes: a page form's Meta is merged with the one Wagtail builds for the
    page type, and with field_classes there the topics field lost Wagtail's tag widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields.get("body")
        if isinstance(body, BlockField) and not isinstance(body, WholeBodyField):
            self.fields["body"] = WholeBodyField(
                block=body.block, required=body.required, label=body.label, help_text=body.help_text
            )


class WholeBodyPageForm(WholeBodyMixin, WagtailAdminPageForm):
    """A page editor whose body is a WholeBodyField."""


class PasswordResetInTheirLanguageForm(PasswordResetForm):
    """Wagtail's password reset, whose email is written in the language the user reads the admin in (the sign-in
    page that asked for it has no one signed in, so its own language says nothing about them)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(admin_language(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
