from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"
