from django.http import Http404
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from masthead.core.i18n import current_locale_id
from masthead.core.pagination import paginate
from masthead.syndication.head import contributor_meta, view_meta

from .models import (
    ArticleContributor,
    ArticleCorrection,
    ArticlePage,
    Contributor,
    contributor_in_edition,
    fragment_generation,
)

CONTRIBUTOR_PER_PAGE = 12
CORRECTIONS_PER_PAGE = 20


def contributor_page(request, slug):
    """A contributor's profile and their articles in this edition, newest first."""
    contributor = contributor_in_edition(slug)
    if contributor is None:
        raise Http404
    # A byline names the contributor of the article's own edition, or the
    # original one while the profile is not translated: either counts.
    same_person = Contributor.objects.filter(translation_key=contributor.translation_key)
    articles = (
        ArticlePage.objects.published()
        .in_edition()
        .filter(pk__in=ArticleContributor.objects.filter(contributor__in=same_person).values("article_id"))
        .for_listing()
        .newest_first()
    )
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
    """Everyone who writes for the newsroom, as this edition shows them."""
    contributors = Contributor.objects.in_edition().select_related("photo").prefetch_related("photo__renditions")
    meta = view_meta(request, title=_("Our journalists"))
    return render(request, "articles/contributor_index.html", {"contributors": contributors, "meta": meta})


def corrections(request):
    """Every correction and clarification under this edition's published stories, newest first: the newsroom's
    public record of what it got wrong."""
    notes = (
        ArticleCorrection.objects.filter(article__in=ArticlePage.objects.published().in_edition())
        .select_related("article")
        .order_by("-noted_at", "-pk")
    )
    page = paginate(request, notes, CORRECTIONS_PER_PAGE)
    ArticleCorrection.mark_untranslated(page.object_list, current_locale_id())
    meta = view_meta(
        request,
        title=_("Corrections"),
        description=_("What we got wrong or left unclear in our stories, and what we put right, newest first."),
    )
    return render(request, "articles/corrections.html", {"notes": page, "meta": meta.uses("sidebar")})
