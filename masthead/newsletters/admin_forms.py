"""Forms of the newsletter editor in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import BlockField, BlockWidget

from masthead.core.admin_forms import EditionFieldMixin

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
    """The body's form field: a body that did not arrive whole is an error on the form, shown with the saved body."""

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
                    "The edition's body did not arrive whole, so nothing was saved. Below is the body as it was "
                    "saved: please make your changes to it again."
                ),
                code="not_whole",
            )
        return super().clean(value)


class EditionAdminForm(WagtailAdminModelForm):
    """The edition editor."""

    class Meta:
        field_classes = {"body": WholeBodyField}
