from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "masthead.articles"
    label = "articles"
    verbose_name = "Articles"
    role_permissions = {
        "Writers": ["articles.view_contributor"],
        "Editors": [
            "articles.add_contributor",
            "articles.change_contributor",
            "articles.view_contributor",
            "articles.change_editorspicks",
            # Translate, for pages and contributors. wagtail-localize's own migration gives it to a group called
            # Editors only if one exists when it runs, which on a new database depends on the order of migrations.
            "wagtail_localize.submit_translation",
        ],
        # A profile made by mistake; one named on a byline cannot be deleted (Wagtail says where it is used).
        "Admins": ["articles.delete_contributor"],
    }

    def ready(self):
        from . import signals  # noqa: F401
