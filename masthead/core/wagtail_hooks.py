"""The admin as a newsroom's desk: its name and logo on the dashboard, a straight "New article" path,
the panels an editor and a writer need, and none of Wagtail's leftovers (What's new, empty Snippets)."""

from django.templatetags.static import static
from django.urls import path, reverse, reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import background, dashboard, machine_translation
from .admin_menu import PermissionMenuItem
from .admin_views import BackgroundWorkView, back_up_now, run_failed_task_again


class NewArticleMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(dashboard.sections_for(request.user))


@hooks.register("insert_global_admin_js")
def name_wagtails_typed_fields():
    """Names the elements Wagtail's tag and rich text fields type into, for screen readers (see the script)."""
    return format_html('<script src="{}" defer></script>', static("core/admin_field_names.js"))


@hooks.register("register_admin_urls")
def register_desk_urls():
    return [
        path("new-article/", dashboard.new_article, name="masthead_new_article"),
        path("background-work/", BackgroundWorkView.as_view(), name="masthead_background_work"),
        path("background-work/<uuid:task_id>/run-again/", run_failed_task_again, name="masthead_run_task_again"),
        path("background-work/back-up-now/", back_up_now, name="masthead_back_up_now"),
        # In front of wagtail-localize's view at the same address (this app's hooks run first): see the module.
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_translation.machine_translate,
            name="masthead_machine_translate",
        ),
    ]


@hooks.register("register_settings_menu_item")
def register_background_work_menu_item():
    return PermissionMenuItem(
        _("Background work"),
        reverse_lazy("masthead_background_work"),
        icon_name="cogs",
        order=950,
        permission=background.PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def register_new_article_menu_item():
    return NewArticleMenuItem(_("New article"), reverse("masthead_new_article"), icon_name="doc-full", order=90)


@hooks.register("construct_main_menu")
def hide_leftovers(request, menu_items):
    # "Help" carries Wagtail's What's new badges; every snippet we have has its own menu entry.
    menu_items[:] = [item for item in menu_items if item.name not in ("help", "snippets")]


@hooks.register("construct_homepage_panels")
def add_desk_panels(request, panels):
    from masthead.narration.dashboard import NarrationFailuresPanel
    from masthead.newsletters.dashboard import NewslettersPanel

    if request.user.has_perm(background.PERMISSION):
        stalled, failed_today = background.trouble()
        if stalled or failed_today:
            panels.append(background.TroublePanel(stalled, failed_today))
    panels.append(dashboard.MyDraftsPanel(request))
    if request.user.has_perm("newsletters.view_edition"):
        panels.append(NewslettersPanel(request))
    if request.user.has_perm("narration.view_narration"):
        panels.append(NarrationFailuresPanel(request))
