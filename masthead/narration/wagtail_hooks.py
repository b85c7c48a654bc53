"""Narration in the Wagtail admin: a menu, the lexicon snippet, and the state on each article's header."""

from django.urls import include, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.articles.models import ArticlePage
from masthead.core.admin_menu import PermissionMenuItem
from masthead.core.admin_views import AddButtonLabel

from . import admin_urls
from .models import LexiconEntry, Narration


class LexiconEntryViewSet(AddButtonLabel, SnippetViewSet):
    model = LexiconEntry
    add_item_label = _("Add a pronunciation")
    icon = "openquote"
    menu_label = _("Pronunciation lexicon")
    add_to_admin_menu = False
    # A column made from a name takes its heading from the name, not from the field: said here in words.
    list_display = [
        "term",
        "spoken",
        "phonemes",
        BooleanColumn("approved", label=capfirst(LexiconEntry._meta.get_field("approved").verbose_name)),
        "renarration_said",
        "updated_at",
    ]
    list_filter = ["approved", "shipped", "scope"]
    search_fields = ["term", "spoken", "phonemes", "note"]
    search_backend_name = None
    ordering = ["term"]


register_snippet(LexiconEntryViewSet)


@hooks.register("register_admin_urls")
def register_narration_urls():
    return [path("narration/", include(admin_urls, namespace="narration_admin"))]


@hooks.register("register_admin_menu_item")
def register_narration_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                _("Audio of articles"),
                reverse("narration_admin:index"),
                icon_name="media",
                order=100,
                permission="narration.view_narration",
            ),
            PermissionMenuItem(
                _("Pronunciation lexicon"),
                reverse("wagtailsnippets_narration_lexiconentry:list"),
                icon_name="openquote",
                order=200,
                permission="narration.view_lexiconentry",
            ),
        ]
    )
    return SubmenuMenuItem(_("Narration"), menu, icon_name="media", order=350)


STATE_LABELS = {
    Narration.State.PENDING: _("Narration: pending"),
    Narration.State.READY: _("Narration: ready"),
    Narration.State.FAILED: _("Narration: failed"),
    Narration.State.WITHDRAWN: _("Narration: withdrawn"),
}


@hooks.register("register_page_header_buttons")
def narration_header_button(page, user, view_name, next_url=None):
    """On an article in the editor: its narration state, linking to the audio, the reason and "Regenerate"."""
    if not issubclass(page.specific_class or object, ArticlePage) or not user.has_perm("narration.view_narration"):
        return
    state = Narration.objects.filter(article_id=page.pk).values_list("state", flat=True).first()
    yield Button(
        STATE_LABELS.get(state, _("Narration: not made yet")),
        reverse("narration_admin:detail", args=[page.pk]),
        icon_name="media",
        priority=80,
    )
