"""Forms of the newsletter editor in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from masthead.core.admin_forms import EditionFieldMixin, WholeBodyMixin

from .models import WEEKDAYS


class NewsletterAdminForm(EditionFieldMixin, WagtailAdminModelForm):
    """The newsletter editor: the days of an automatic schedule as boxes to tick, stored as "0,2,4"."""

    schedule_days = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For “on the days chosen” (several) or “once a week” (one)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.schedule_days:
            self.initial["schedule_days"] = self.instance.schedule_days.split(",")

    def clean_schedule_days(self):
        return ",".join(sorted(set(self.cleaned_data["schedule_days"])))


class EditionAdminForm(WholeBodyMixin, WagtailAdminModelForm):
    """The edition editor."""
