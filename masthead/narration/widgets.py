"""The lexicon editor's phoneme field, with "Play a sample" and the voice's own reading beside it."""

from django import forms
from django.urls import reverse


class PhonemeInput(forms.TextInput):
    """A text input for IPA; its script (narration/lexicon_sample.js) plays the entry as it stands, before saving."""

    template_name = "narration/widgets/phoneme_input.html"

    class Media:
        js = ["narration/lexicon_sample.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["sample_url"] = reverse("narration_admin:lexicon_sample")
        return context
