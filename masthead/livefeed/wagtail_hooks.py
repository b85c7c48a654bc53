"""The news feed in the admin: the News items editor, a dashboard panel for quick posts, and its URLs."""

from django.db.models import F
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.core.admin_views import AddButtonLabel

from . import admin_views
from .forms import QuickPostForm
from .models import NewsItem


class NewsItemViewSet(AddButtonLabel, SnippetViewSet):
    model = NewsItem
    add_item_label = _("Add a news item")
    icon = "time"
    menu_label = _("News feed")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["headline", "locale", "published_at", "pinned", LiveStatusTagColumn(), UpdatedAtColumn()]
    list_filter = ["locale", "pinned", "live"]
    ordering = ["-published_at", "-pk"]


register_snippet(NewsItemViewSet)


class NewsFeedPanel(Component):
    """Dashboard panel: post an item in a few clicks; the latest items with Edit and Unpublish."""

    name = "news_feed"
    order = 50
    template_name = "livefeed/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        return {
            "form": QuickPostForm(request=self.request),
            "can_publish": user.has_perm("livefeed.publish_newsitem"),
            # Drafts not yet given a time first, then the newest.
            "items": NewsItem.objects.order_by(F("published_at").desc(nulls_first=True), "-pk")[:8],
            "request": self.request,
            "csrf_token": parent_context.get("csrf_token"),
            "next": reverse("wagtailadmin_home"),
        }


@hooks.register("construct_homepage_panels")
def add_news_feed_panel(request, panels):
    if request.user.has_perm("livefeed.add_newsitem"):
        panels.insert(0, NewsFeedPanel(request))


@hooks.register("register_admin_urls")
def register_news_feed_urls():
    return [
        path("news-feed/quick-post/", admin_views.quick_post, name="livefeed_quick_post"),
        path("news-feed/<id:pk>/unpublish/", admin_views.quick_unpublish, name="livefeed_quick_unpublish"),
    ]
