from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "masthead.core"
    label = "core"
    verbose_name = "Newsroom"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from django.urls import register_converter
        from wagtail.models import Locale

        from . import admin_zone, assets, checks, purge  # noqa: F401 - checks registers itself
        from .cache import forget
        from .ids import IdConverter
        from .models import NewsroomEditionText, NewsroomSettings

        def forget_settings(instance, **kwargs):
            forget(f"newsroom-settings:{instance.site_id}")

        def forget_edition_text(instance, **kwargs):
            site_id = NewsroomSettings.objects.filter(pk=instance.settings_id).values_list("site_id", flat=True).first()
            if site_id is not None:
                forget(f"newsroom-settings:{site_id}")

        purge.connect()
        # The reader's sidebar: its boxes' components are registered by their apps.
        assets.register("sidebar", requires=["news-feed", "newsletter-signup"])

        post_save.connect(
            forget_settings, sender=NewsroomSettings, weak=False, dispatch_uid="masthead-newsroom-settings"
        )
        # The cached settings carry the editions' texts (middleware.newsroom_settings).
        for signal in (post_save, post_delete):
            signal.connect(
                forget_edition_text,
                sender=NewsroomEditionText,
                weak=False,
                dispatch_uid=f"masthead-newsroom-edition-text-{id(signal)}",
            )
        admin_zone.install()
        # Before any app's routes are built (this app comes first in INSTALLED_APPS).
        register_converter(IdConverter, "id")

        def forget_locales(**kwargs):
            forget("locales")

        for signal in (post_save, post_delete):
            signal.connect(forget_locales, sender=Locale, weak=False, dispatch_uid=f"masthead-locales-{id(signal)}")

        def plan_background(plan=None, **kwargs):
            # Every deployment runs migrate, and so does `make run`: the daily pruning is always planned, and so are
            # each schedule already in the database and the next nightly backup. Not after `flush` (which sends
            # post_migrate without a plan), which empties a database rather than deploying.
            from django.db import connection
            from django_tasks_db.models import DBTaskResult

            from . import nightly_backup, scheduled
            from .background import plan_pruning

            if plan is not None and DBTaskResult._meta.db_table in connection.introspection.table_names():
                plan_pruning()
                scheduled.plan_all()
                nightly_backup.plan()

        post_migrate.connect(plan_background, sender=self, weak=False, dispatch_uid="masthead-plan-pruning")

        from wagtail.models import Revision
        from wagtail.signals import published

        from . import scheduled

        post_save.connect(scheduled.revision_scheduled, sender=Revision, dispatch_uid="masthead-scheduled-revision")
        # Sent for pages too (after page_published), and for snippets with drafts.
        published.connect(scheduled.published_with_expiry, dispatch_uid="masthead-scheduled-expiry")

        from django_tasks.signals import task_finished
        from wagtail import signal_handlers

        from .background import take_up_lost_mail_now_and_then
        from .tasks import update_usage_index

        # Wagtail's save handler queues its usage-index task by this module-level name; ours skips a row deleted
        # before the worker gets to it (core.tasks.update_usage_index says why). There is no setting for it.
        signal_handlers.update_reference_index_task = update_usage_index

        import modelsearch.signal_handlers

        from .indexing import hold

        # Saves inside core.indexing.index_once() (the demo, imports, the tests' factories) index each object once.
        hold(signal_handlers, "update_reference_index_task")
        hold(modelsearch.signal_handlers, "insert_or_update_object_task")

        task_finished.connect(take_up_lost_mail_now_and_then, dispatch_uid="masthead-lost-mail")

        from . import translated_slugs

        translated_slugs.connect()
