from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "masthead.syndication"
    label = "syndication"
    verbose_name = "Syndication"
    # Full text or summaries in feeds is a publishing decision, like the newsroom settings.
    role_permissions = {"Admins": ["syndication.change_syndicationsettings"]}
