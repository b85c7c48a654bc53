"""Editors' Picks from the article editor: add a story at a chosen place (first by default) in one step.

Wagtail's inline panel only appends, so putting a new pick first took one
"move up" click per pick already there; this view inserts it where the editor says.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Site

from .models import ArticlePage, EditorsPick, EditorsPicks

PERMISSION = "articles.change_editorspicks"


class PositionForm(forms.Form):
    position = forms.TypedChoiceField(label=gettext_lazy("Place in the list"), coerce=int)

    def __init__(self, *args, count, limit, **kwargs):
        """`count` picks of the edition besides this story; the list shows `limit`, so no place beyond it."""
        super().__init__(*args, **kwargs)
        places = max(1, min(count + 1, limit))
        choices = [(1, _("First"))] + [(n, _("Number %(n)s") % {"n": n}) for n in range(2, places + 1)]
        if places > 1:
            choices[-1] = (places, _("Last (number %(n)s)") % {"n": places})
        self.fields["position"].choices = choices
        self.fields["position"].initial = 1


def insert_pick(setting, article, position):
    """Puts `article` at `position` (1 = first) among its edition's picks, moving it if it was already there.

    One list holds every edition's picks and each edition shows its own: the others keep their places. A full list
    ("How many to show") loses its last: a pick beyond the limit would be hidden from readers without a word, and
    the picks form refuses to keep one. Returns (the edition's picks in their new order, the ones that left), as
    article ids.
    """
    with transaction.atomic():
        picks = setting.picks.order_by("sort_order").values_list("article_id", "article__locale_id")
        rest = [(pk, locale) for pk, locale in picks if pk != article.pk]
        edition = [pk for pk, locale in rest if locale == article.locale_id]
        edition.insert(max(0, min(position - 1, len(edition))), article.pk)
        edition, left = edition[: max(setting.limit, 1)], edition[max(setting.limit, 1) :]
        places = iter(edition)
        ids = [next(places) if locale == article.locale_id else pk for pk, locale in rest if pk not in left]
        ids.extend(places)
        setting.picks.all().delete()
        EditorsPick.objects.bulk_create(
            [EditorsPick(setting=setting, article_id=pk, sort_order=order) for order, pk in enumerate(ids)]
        )
        setting.save()  # forgets the cached picks (articles/signals.py)
    return edition, left


def add_pick(request, article_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    article = get_object_or_404(ArticlePage, pk=article_id)
    setting = EditorsPicks.for_site(article.get_site() or Site.objects.get(is_default_site=True))
    # The picks of the article's edition: the others are shown in their own edition, and counted there.
    picks = list(
        setting.picks.filter(article__locale_id=article.locale_id).order_by("sort_order").select_related("article")
    )
    others = [pick for pick in picks if pick.article_id != article.pk]
    form = PositionForm(request.POST or None, count=len(others), limit=setting.limit)
    if request.method == "POST" and form.is_valid():
        ids, left = insert_pick(setting, article, form.cleaned_data["position"])
        place = ids.index(article.pk) + 1
        said = _("“%(title)s” is number %(place)s of %(count)s in Editors’ Picks.") % {
            "title": article.title,
            "place": place,
            "count": len(ids),
        }
        if left:
            titles = [pick.article.title for pick in others if pick.article_id in left]
            said += " " + _("To make room, “%(titles)s” left the list.") % {"titles": "”, “".join(titles)}
        messages.success(request, said)
        return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    # Adding to a full list takes its last pick (or every one already beyond the limit) off it: said beforehand.
    leaving = [pick.article.title for pick in others[max(setting.limit, 1) - 1 :]]
    return TemplateResponse(
        request,
        "articles/admin/add_pick.html",
        {
            "form": form,
            "article": article,
            "picks": picks,
            "limit": setting.limit,
            "leaving": leaving,
            "page_title": _("Add “%(title)s” to Editors’ Picks") % {"title": article.title},
            "header_icon": "pick",
        },
        status=400 if form.is_bound else 200,
    )
