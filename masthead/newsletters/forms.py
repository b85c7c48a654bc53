from django import forms
from django.utils.translation import gettext_lazy as _

from masthead.core.ids import parse_id

from .models import Newsletter, normalise_email

INVALID_EMAIL = _("Please enter a valid email address.")
NO_EMAIL = _("Please enter your email address.")
THANKS = _("Thank you for signing up for this newsletter. We've sent you a confirmation email.")
THANKS_SEVERAL = _("Thank you for signing up. We've sent you a confirmation email.")
# A newsletter retired while the reader's page was open (or a hand-made choice): said in words, not as Django's
# "Select a valid choice. 7 is not one of the available choices."
NO_LONGER_OFFERED = _("One of the newsletters you chose is no longer offered. Please check your choice and try again.")


def thanked_slugs(request):
    """The newsletters a reader was just signed up for, named in ?subscribed=a,b by the redirect a sign-up without
    JavaScript ends with, so the page they come back to thanks them beside the right forms."""
    return [slug for slug in request.GET.get("subscribed", "").split(",") if slug] if request is not None else []


class AddressForm(forms.Form):
    """A reader's email address, plus a honeypot that people never see."""

    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        # An invisible NUL pasted with the address is a bad address, not "Null characters are not allowed."
        error_messages={
            "required": NO_EMAIL,
            "max_length": INVALID_EMAIL,
            "null_characters_not_allowed": INVALID_EMAIL,
        },
    )
    # Honeypot: hidden from people (and from screen readers); bots fill in every field.
    website = forms.CharField(required=False)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class SignupForm(AddressForm):
    """One email address for one newsletter."""

    next = forms.CharField(required=False, max_length=500)
    source = forms.CharField(required=False, max_length=40)

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class MultiSignupForm(SignupForm):
    """The /newsletters/ page: one address, several newsletters ticked at once."""

    newsletters = forms.ModelMultipleChoiceField(
        queryset=Newsletter.objects.active(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one newsletter."), "invalid_choice": NO_LONGER_OFFERED},
    )


class NewsletterIdsField(forms.ModelMultipleChoiceField):
    """Newsletters chosen by id; a number too big to be one is an invalid choice, not a database error."""

    def _check_values(self, value):
        for pk in value:
            if str(pk).strip().isascii() and str(pk).strip().isdigit() and parse_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super()._check_values(value)


class PreferencesForm(forms.Form):
    newsletters = NewsletterIdsField(
        queryset=Newsletter.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Send me these newsletters"),
        error_messages={"invalid_choice": NO_LONGER_OFFERED, "invalid_pk_value": NO_LONGER_OFFERED},
    )


class DeleteDataForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my address and my subscription history"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class LinkRequestForm(AddressForm):
    """ "Send me a new link": an address, and the honeypot of the sign-up forms."""

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
