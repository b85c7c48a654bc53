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
        ],
    }

    def ready(self):
        from . import signals  # noqa: F401
