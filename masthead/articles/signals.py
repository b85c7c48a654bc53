"""Drops cached navigation, picks and restrictions when editors change them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from masthead.core.cache import forget

from .models import ArticlePage, EditorsPick, EditorsPicks, SectionPage


def forget_sections(**kwargs):
    forget("sections", "restricted-paths")


for signal in (page_published, page_unpublished):
    signal.connect(forget_sections, sender=SectionPage, dispatch_uid=f"masthead-sections-{id(signal)}")
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
    forget(f"editors-picks:{site_id}")


def forget_all_picks(**kwargs):
    """An article that leaves the site leaves Editors' Picks at once (they list only live articles)."""
    from wagtail.models import Site

    forget(*[f"editors-picks:{site_id}" for site_id in Site.objects.values_list("pk", flat=True)])


page_unpublished.connect(forget_all_picks, sender=ArticlePage, dispatch_uid="masthead-picks-unpublished")
post_delete.connect(forget_all_picks, sender=ArticlePage, dispatch_uid="masthead-picks-deleted")
