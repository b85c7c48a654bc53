from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from masthead.core import assets

        assets.register("search", css=["search/search.css"])
