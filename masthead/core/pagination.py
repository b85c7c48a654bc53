from django.core.paginator import Paginator


def paginate(request, object_list, per_page, param="page"):
    """A page of `object_list` for the ?page= value, whatever a reader typed.

    Paginator.get_page turns "abc" into page 1 and 0, -1 or 99999 into the
    nearest real page, so a hand-edited URL never gives an error page.
    """
    page = Paginator(object_list, per_page).get_page(request.GET.get(param))
    # Evaluate once: templates index and loop over the page, which would otherwise query twice.
    page.object_list = list(page.object_list)
    return page
