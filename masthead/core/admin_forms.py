"""What the admin's forms share: the edition (language) a news item or a newsletter belongs to."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from .i18n import default_locale_id


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
