"""The article editor's topics field suggests the topics of the article's own edition.

Wagtail's tag autocomplete offers every tag in the database, so a Ukrainian story was offered "war" and "Kharkiv"
beside «війна» and «Харків», and an English one the Cyrillic names: a topic picked from the other edition links
to a search that finds nothing in this one. Topics are one tag table shared by both editions (a translation gives
its article tags of its own, TopicsField), so the suggestions are the tags that articles of the edition carry.
"""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.urls import reverse
from taggit.models import Tag
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.admin.widgets import AdminTagWidget


class EditionTagWidget(AdminTagWidget):
    """Wagtail's tag field, asking for suggestions from the edition `locale_id`."""

    def __init__(self, locale_id, *args, **kwargs):
        self.locale_id = locale_id
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-w-tag-url-value"] = reverse("articles_edition_topics", args=[self.locale_id])
        return context


@permission_required("wagtailadmin.access_admin")
def edition_topics(request, locale_id):
    """JSON list of the edition's topic names that begin with `term`, as Wagtail's tag field expects."""
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    names = (
        Tag.objects.filter(name__istartswith=term, articles_articletag_items__content_object__locale_id=locale_id)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]  # as many as Wagtail offers
    )
    return JsonResponse(list(names), safe=False)
