"""Settings → Import a site, for Admins."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from masthead.core.admin_menu import PermissionMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.import_index, name="index"),
        path("<id:pk>/", admin_views.import_run, name="run"),
        path("<id:pk>/progress/", admin_views.run_progress, name="progress"),
        path("<id:pk>/start-again/", admin_views.restart_run, name="restart"),
    ]
    return [path("imports/", include((urls, "imports_admin"), namespace="imports_admin"))]


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import a site"),
        reverse_lazy("imports_admin:index"),
        icon_name="download",
        order=900,
        permission="imports.add_importrun",
    )
