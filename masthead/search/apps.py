from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "search"
    verbose_name = "Search"
