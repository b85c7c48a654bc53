"""The dashboard's desk pieces: "New article" (section first, then the editor) and "My drafts"."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page

from .i18n import language_of


def sections_for(user):
    """The sections this user may add an article to, in menu order."""
    from masthead.articles.models import SectionPage

    sections = SectionPage.objects.live().order_by("path")
    return [section for section in sections if section.permissions_for_user(user).can_add_subpage()]


class GroupedRadioSelect(forms.RadioSelect):
    """Radio buttons whose groups are fieldsets with a legend (Django's own template gives a group a bare label)."""

    template_name = "core/admin/grouped_radio.html"


class SectionForm(forms.Form):
    section = forms.TypedChoiceField(label=_("Section"), coerce=int, widget=GroupedRadioSelect)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(section.pk, section.title) for section in sections]
        editions = {section.locale_id for section in sections}
        if len(editions) > 1:
            # Each edition has its own sections, often of the same names in another language: grouped by edition.
            names = dict(settings.LANGUAGES)
            groups = {}
            for section in sections:
                groups.setdefault(names.get(language_of(section.locale_id), ""), []).append((section.pk, section.title))
            choices = list(groups.items())
        self.fields["section"].choices = choices


def new_article(request):
    """Asks for the section only, then opens the article editor in it."""
    sections = sections_for(request.user)
    if not sections:
        raise PermissionDenied
    form = SectionForm(request.GET or None, sections=sections)
    if form.is_valid():
        return redirect(
            reverse("wagtailadmin_pages:add", args=["articles", "articlepage", form.cleaned_data["section"]])
        )
    return TemplateResponse(
        request,
        "core/admin/new_article.html",
        {"form": form, "page_title": _("New article"), "header_icon": "doc-full"},
        status=400 if form.is_bound else 200,
    )


class MyDraftsPanel(Component):
    """The user's own pages with changes not yet published, newest first.

    Each shows its state as Wagtail's page list says it: draft, in moderation, scheduled, live + draft.
    """

    name = "my_drafts"
    order = 60
    template_name = "core/admin/my_drafts_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        drafts = (
            Page.objects.filter(owner=self.request.user, has_unpublished_changes=True)
            .specific()
            .order_by("-latest_revision_created_at")[:8]
        )
        return {
            "drafts": drafts,
            # "Everything you wrote is published" is only true of someone who wrote something.
            "wrote_any": bool(drafts) or Page.objects.filter(owner=self.request.user).exists(),
            "new_article_url": reverse("masthead_new_article"),
        }
