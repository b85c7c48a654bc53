"""What the admin's forms share: the edition (language) a news item or a newsletter belongs to; the password reset."""

from django.utils import translation
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import PasswordResetForm
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


class PasswordResetInTheirLanguageForm(PasswordResetForm):
    """Wagtail's password reset, whose email is written in the language the user reads the admin in (the sign-in
    page that asked for it has no one signed in, so its own language says nothing about them)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(admin_language(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
