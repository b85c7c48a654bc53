from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from . import admin_zone, assets, purge
        from .cache import forget
        from .models import NewsroomSettings

        def forget_settings(instance, **kwargs):
            forget(f"newsroom-settings:{instance.site_id}")

        purge.connect()
        # The reader's sidebar: its boxes' components are registered by their apps.
        assets.register("sidebar", requires=["news-feed", "newsletter-signup"])

        post_save.connect(
            forget_settings, sender=NewsroomSettings, weak=False, dispatch_uid="masthead-newsroom-settings"
        )
        admin_zone.install()

        def forget_locales(**kwargs):
            forget("locales")

        for signal in (post_save, post_delete):
            signal.connect(forget_locales, sender=Locale, weak=False, dispatch_uid=f"masthead-locales-{id(signal)}")
