from django.urls import path, re_path

from . import documents, views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/workers", views.healthz_workers, name="healthz_workers"),
    path("styles/<str:name>.css", views.stylesheet, name="stylesheet"),
    path("scripts/<str:name>.js", views.script, name="script"),
    path("favicon.ico", views.favicon, name="favicon"),
]

# Outside the "core" namespace: it replaces Wagtail's own URL of the same name, which Wagtail reverses without a
# namespace. masthead/urls.py includes it in the editions' patterns just before Wagtail's: reverse() still gives
# Wagtail's (the last of a name), with the edition's prefix, and that path resolves here first.
wagtail_overrides = [
    # The page-password form, with a limit on guesses.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # A document, as Wagtail serves it, with byte ranges: a story's audio or video player can seek.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve, name="wagtaildocs_serve"),
    # A document's password form (Wagtail's collection privacy "password"), with the same limit.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        views.authenticate_document_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
