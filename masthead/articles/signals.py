"""Drops cached navigation, picks and restrictions when editors change them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.core.cache import forget
from masthead.core.i18n import versions_cache_name

from .models import ArticlePage, EditorsPick, EditorsPicks, HomePage, SectionPage, forget_editors_picks


def forget_sections(**kwargs):
    from wagtail.models import Site

    forget("sections", "restricted-paths", *(f"edition-roots:{pk}" for pk in Site.objects.values_list("pk", flat=True)))


for signal in (page_published, page_unpublished):
    signal.connect(forget_sections, sender=SectionPage, dispatch_uid=f"masthead-sections-{id(signal)}")
    signal.connect(forget_sections, sender=HomePage, dispatch_uid=f"masthead-editions-{id(signal)}")
post_page_move.connect(forget_sections, dispatch_uid="masthead-sections-move")
page_slug_changed.connect(forget_sections, dispatch_uid="masthead-sections-slug")
post_delete.connect(forget_sections, sender=SectionPage, dispatch_uid="masthead-sections-delete")


@receiver([post_save, post_delete], sender=PageViewRestriction)
def forget_restrictions(**kwargs):
    forget("restricted-paths")


@receiver([post_save, post_delete], sender=EditorsPicks)
@receiver([post_save, post_delete], sender=EditorsPick)
def forget_picks(instance, **kwargs):
    site_id = (
        instance.site_id
        if isinstance(instance, EditorsPicks)
        else EditorsPicks.objects.filter(pk=instance.setting_id).values_list("site_id", flat=True).first()
    )
    forget_editors_picks(site_id)


def forget_page_versions(instance, **kwargs):
    """The language switcher's list of a page's editions changes when one is published, unpublished or moved."""
    forget(versions_cache_name(instance.translation_key))


for signal in (page_published, page_unpublished):
    signal.connect(forget_page_versions, dispatch_uid=f"masthead-edition-versions-{id(signal)}")
post_delete.connect(forget_page_versions, sender=Page, dispatch_uid="masthead-edition-versions-delete")
post_page_move.connect(forget_page_versions, dispatch_uid="masthead-edition-versions-move")
page_slug_changed.connect(forget_page_versions, dispatch_uid="masthead-edition-versions-slug")


def forget_all_picks(**kwargs):
    """An article that leaves the site leaves Editors' Picks at once (they list only live articles)."""
    from wagtail.models import Site

    for site_id in Site.objects.values_list("pk", flat=True):
        forget_editors_picks(site_id)


page_unpublished.connect(forget_all_picks, sender=ArticlePage, dispatch_uid="masthead-picks-unpublished")
post_delete.connect(forget_all_picks, sender=ArticlePage, dispatch_uid="masthead-picks-deleted")


def note_untranslated_text(instance, **kwargs):
    """A translation published from wagtail-localize notes which of its texts are still the original's words."""
    instance.note_untranslated_text()
    type(instance).objects.filter(pk=instance.pk).update(
        untranslated=instance.untranslated, original_language=instance.original_language
    )


for model in (ArticlePage, SectionPage):
    page_published.connect(note_untranslated_text, sender=model, dispatch_uid=f"masthead-untranslated-{model.__name__}")
