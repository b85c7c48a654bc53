from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from masthead.core.pagination import paginate
from masthead.syndication.head import contributor_meta, view_meta

from .models import ArticlePage, Contributor, fragment_generation

CONTRIBUTOR_PER_PAGE = 12


def contributor_page(request, slug):
    """A contributor's profile and their articles, newest first."""
    contributor = get_object_or_404(Contributor.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.published().filter(byline__contributor=contributor).for_listing().newest_first()
    return render(
        request,
        "articles/contributor_page.html",
        {
            "contributor": contributor,
            # Rendered inside a fragment kept until the site changes (contributor_page.html).
            "articles": SimpleLazyObject(lambda: paginate(request, articles, CONTRIBUTOR_PER_PAGE)),
            "site_generation": fragment_generation(request),
            "meta": contributor_meta(request, contributor).uses("sidebar"),
        },
    )


def contributor_index(request):
    """Everyone who writes for the newsroom."""
    contributors = Contributor.objects.select_related("photo").prefetch_related("photo__renditions")
    meta = view_meta(request, title=_("Our journalists"))
    return render(request, "articles/contributor_index.html", {"contributors": contributors, "meta": meta})
