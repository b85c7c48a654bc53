"""Articles in the admin: "Add to Editors' Picks" on each article, at a chosen place, review actions that say
what they did (masthead/articles/review.py), and the contributors whose names go on bylines."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet
from wagtail_localize.wagtail_hooks import register_snippet_listing_buttons as translation_buttons

from masthead.core.admin_views import AddButtonLabel

from . import picks, topics
from .models import ArticlePage, Contributor
from .review import ArticlePageViewSet


@hooks.register("register_admin_urls")
def register_picks_urls():
    return [
        path("editors-picks/add/<id:article_id>/", picks.add_pick, name="articles_add_pick"),
        path("topics/<int:locale_id>/", topics.edition_topics, name="articles_edition_topics"),
    ]


@hooks.register("register_page_header_buttons")
def add_pick_button(page, user, view_name, next_url=None):
    if issubclass(page.specific_class or object, ArticlePage) and page.live and user.has_perm(picks.PERMISSION):
        yield Button(_("Add to Editors’ Picks"), reverse("articles_add_pick", args=[page.pk]), icon_name="pick")


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet()


class ContributorEditView(EditView):
    """A profile's ⋯ menu offers wagtail-localize's *Translate* and *Sync translated snippets*, as a page's does.

    wagtail-localize puts them only in the contributors list, so an editor who had just corrected a bio found no
    way from the profile to send the change to its Ukrainian translation.
    """

    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *translation_buttons(self.object, self.request.user, self.request.path)]


class ContributorViewSet(AddButtonLabel, SnippetViewSet):
    """Contributors: a new writer's profile, a bio or photo changed, a profile translated (wagtail-localize's
    *Translate* is on each one for Editors)."""

    model = Contributor
    edit_view_class = ContributorEditView
    add_item_label = _("Add a contributor")
    icon = "user"
    menu_label = _("Contributors")
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["name", "role", "kind", "locale"]
    list_filter = ["kind", "locale"]
    ordering = ["name"]


register_snippet(ContributorViewSet)
