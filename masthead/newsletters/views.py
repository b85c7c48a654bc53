"""Readers' pages: sign up, confirm, unsubscribe (one click), preferences and their data."""

import base64
import functools
import json
import re
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from masthead.core.clients import local_path

from . import conf, signup, tokens
from .forms import (
    THANKS,
    THANKS_SEVERAL,
    DeleteDataForm,
    LinkRequestForm,
    MultiSignupForm,
    PreferencesForm,
    SignupForm,
    thanked_slugs,
)
from .models import Consent, Edition, Newsletter, Subscription

TOO_MANY = gettext_lazy("Too many sign-ups from your network. Please try again later.")
TOO_MANY_LINKS = gettext_lazy("Too many requests for new links from your network. Please try again later.")
ONLY_LINK_NOW = gettext_lazy(
    "We emailed you this link a moment ago, and every older link stopped working then: it is the only one that works."
)
CHECK_IT_IS_YOU = gettext_lazy(
    "This link is too old to download or delete your data. We'll email you a link to confirm it's you."
)


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def form_answer(form_page):
    """For an address that only answers a form: GET or HEAD there goes to `form_page`, the page with the form.

    The answer's address is opened again by the language switcher (the same address
    in the other edition), a reload from the address bar or a bookmark; a bare 405
    showed the browser's own error page. Other methods are still refused.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                return redirect(form_page, *args, **kwargs)
            return view(request, *args, **kwargs)

        return require_http_methods(["GET", "HEAD", "POST"])(wrapper)

    return decorator


def offered_newsletters():
    """The newsletters the reader's edition offers, with their hosts: what every sign-up form lists."""
    return list(Newsletter.objects.active().in_edition().select_related("host"))


def index(request):
    """Every active newsletter, with one form to sign up for several at once, and a link to each one's past
    editions where it has sent some and shows them."""
    newsletters = offered_newsletters()
    with_past_editions = set(
        Edition.objects.filter(newsletter__in=newsletters, newsletter__show_archive=True, state=Edition.State.SENT)
        .values_list("newsletter_id", flat=True)
        .distinct()
    )
    for newsletter in newsletters:
        newsletter.has_past_editions = newsletter.pk in with_past_editions
    subscribed = thanked_slugs(request)
    return render(
        request,
        "newsletters/index.html",
        {
            "newsletters": newsletters,
            "form": MultiSignupForm(),
            "thanks": (THANKS if len(subscribed) == 1 else THANKS_SEVERAL) if subscribed else "",
        },
    )


def _safe_next(request, value, fallback):
    path = local_path(request, value)
    return path.split("?")[0].split("#")[0] if path else fallback


def _thanks_redirect(request, form, slugs, fallback):
    target = _safe_next(request, form.data.get("next", ""), fallback)
    anchor = f"signup-{slugs[0]}" if len(slugs) == 1 and target != fallback else "signup-answer"
    return HttpResponseRedirect(f"{target}?{urlencode({'subscribed': ','.join(slugs)})}#{anchor}", status=303)


def _consent(request, form, default_source):
    source = (form.cleaned_data.get("source") or default_source)[:40]
    page = _safe_next(request, form.cleaned_data.get("next", ""), request.path)
    return Consent(source, page=page)


def _too_many(request, template, context):
    if wants_json(request):
        return JsonResponse({"ok": False, "message": TOO_MANY}, status=429)
    return render(request, template, {**context, "notice": TOO_MANY}, status=429)


# Sign-ups are CSRF-exempt on purpose: the forms sit on pages a CDN caches for
# everyone, and a CSRF token would need a cookie on each of those pages. The
# risk CSRF guards against does not apply: a forged sign-up only creates a
# *pending* subscription that the address's owner must confirm from their
# inbox, and the honeypot plus the per-client and per-address limits stop
# anyone from using the form to mail-bomb strangers.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, slug):
    """One newsletter's sign-up: JSON for the enhanced form, post/redirect/get without JavaScript."""
    newsletter = Newsletter.objects.active().select_related("host").filter(slug=slug).first()
    if newsletter is None:
        if Newsletter.objects.filter(slug=slug).exists():
            return _retired(request)
        raise Http404
    context = {"newsletter": newsletter}
    if request.method != "POST":  # GET, or HEAD (a link checker): ask, change nothing
        return render(request, "newsletters/signup_page.html", {**context, "form": SignupForm()})
    form = SignupForm(request.POST)
    if signup.over_client_limit(request):
        return _too_many(request, "newsletters/signup_page.html", {**context, "form": form})
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"ok": False, "errors": {k: v[0] for k, v in form.errors.items()}}, status=400)
        return render(request, "newsletters/signup_page.html", {**context, "form": form}, status=400)
    if not form.is_bot:
        signup.request_later(form.cleaned_data["email"], [newsletter], _consent(request, form, "form"))
    if wants_json(request):
        return JsonResponse({"ok": True, "message": str(THANKS)})
    return _thanks_redirect(request, form, [newsletter.slug], fallback="/newsletters/")


def _retired(request):
    """A newsletter switched off since the reader's page (or bookmark) was made: say so, offer the others.

    The address the reader typed stays in the form; the answer is 410 Gone (JSON for the enhanced form).
    """
    if wants_json(request):  # said beside the form, on whatever page it was
        message = _("This newsletter is no longer offered. Our other newsletters are on the Newsletters page.")
        return JsonResponse({"ok": False, "message": message}, status=410)
    notice = _("This newsletter is no longer offered. You can sign up for our other newsletters here.")
    newsletters = offered_newsletters()
    form = MultiSignupForm(initial={"email": request.POST.get("email", "")[:254]})
    context = {"newsletters": newsletters, "form": form, "notice": notice}
    return render(request, "newsletters/index.html", context, status=410)


@csrf_exempt  # the same reasons as `subscribe`
@form_answer("newsletters:index")
def subscribe_many(request):
    """The /newsletters/ page's form: several newsletters, one address, one confirmation email."""
    form = MultiSignupForm(request.POST)
    context = {"newsletters": offered_newsletters(), "form": form}
    if signup.over_client_limit(request):
        return _too_many(request, "newsletters/index.html", context)
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"ok": False, "errors": {k: v[0] for k, v in form.errors.items()}}, status=400)
        return render(request, "newsletters/index.html", context, status=400)
    chosen = list(form.cleaned_data["newsletters"])
    if not form.is_bot:
        signup.request_later(form.cleaned_data["email"], chosen, _consent(request, form, "newsletters page"))
    message = THANKS if len(chosen) == 1 else THANKS_SEVERAL
    if wants_json(request):
        return JsonResponse({"ok": True, "message": str(message)})
    return _thanks_redirect(request, form, [n.slug for n in chosen], fallback="/newsletters/")


# CSRF-exempt like `unsubscribe`: the signed token in the URL is the authority, and a
# reader who opened the link from their inbox has no session with us.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation email. GET asks (mail scanners open every link and must confirm nothing);
    the "Confirm my subscription" button POSTs, confirms, and says so again on a second press."""
    try:
        key, newsletter_ids = tokens.read_confirm_token(token)
    except tokens.ExpiredToken:
        return render(request, "newsletters/link_expired.html", {"token": token}, status=410)
    except tokens.BadToken:
        return _bad_link(request)
    subscriber = signup.subscriber_for_key(key)
    if subscriber is None:
        return _bad_link(request)
    if request.method != "POST":  # GET, or HEAD (a link checker): ask, change nothing
        waiting = signup.pending_newsletters(subscriber, newsletter_ids)
        if waiting:
            return render(request, "newsletters/confirm.html", {"newsletters": waiting})
    results = signup.confirm(subscriber, newsletter_ids)
    if not results:
        # An authentic link whose newsletters have all been deleted since: nothing to confirm, and no fault of the link.
        closed = not Newsletter.objects.filter(pk__in=newsletter_ids).exists()
        return _bad_link(request, closed=closed)
    return render(
        request,
        "newsletters/confirmed.html",
        {
            "results": results,
            "any_new": any(outcome == "confirmed" for _, outcome in results),
            "preferences_url": tokens.preferences_url(subscriber),
        },
    )


def _bad_link(request, closed=False):
    """A confirmation link that does not work (`closed`: its newsletters were deleted since), with our newsletters'
    sign-up form."""
    context = {"newsletters": offered_newsletters(), "form": MultiSignupForm(), "closed": closed}
    return render(request, "newsletters/link_invalid.html", context, status=410 if closed else 400)


# CSRF-exempt: the expired link's own (authentic) token is the credential, the
# only effect is an email to the address that asked, and it is rate limited.
@csrf_exempt
@form_answer("newsletters:index")
@never_cache
def resend_confirmation(request):
    token = request.POST.get("token", "")
    try:
        sent = signup.resend_confirmation(token)
    except tokens.BadToken:
        sent = False
    if not sent:
        return _bad_link(request)
    return render(request, "newsletters/confirmation_resent.html")


# RFC 8058 one-click unsubscribe: mail apps POST "List-Unsubscribe=One-Click"
# to this URL with no cookie and no CSRF token, and the reader expects it to
# work at once. The signed token in the URL is the authority.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET asks "Unsubscribe?" (link scanners must not unsubscribe anyone); POST unsubscribes at once."""
    # A reader who wants to leave is offered a way out, not a sign-up form: a link to their settings, where every
    # newsletter can be left.
    try:
        key, newsletter_id = tokens.read_unsubscribe_token(token)
    except tokens.BadToken:
        return _link_refused(request, "unsubscribe", status=400)
    subscriber = signup.subscriber_for_key(key)
    if subscriber is None:
        return _link_refused(request, "gone", status=410)  # an authentic link to an address whose data was deleted
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is None:  # an authentic link to a newsletter deleted since: nothing left to leave
        return _link_refused(request, "newsletter_gone", status=410)
    # No preferences link here: an unsubscribe link never expires, so it must not lead to one
    # (the page links to "send me a new link" instead).
    context = {"newsletter": newsletter}
    if request.method == "POST":
        signup.unsubscribe(subscriber, newsletter)
        return render(request, "newsletters/unsubscribed.html", context)
    subscription = Subscription.objects.filter(subscriber=subscriber, newsletter=newsletter).first()
    already = subscription is None or subscription.state == Subscription.State.UNSUBSCRIBED
    return render(request, "newsletters/unsubscribe.html", {**context, "already": already})


def _link_refused(request, refused, form=None, notice="", status=None):
    """The polite page for an expired, replaced or broken preferences link: an address form for a new one."""
    status = status or {"expired": 410, "gone": 410, "invalid": 400}.get(refused, 200)
    context = {"refused": refused, "form": form or LinkRequestForm(), "notice": notice}
    return render(request, "newsletters/preferences_link.html", context, status=status)


def with_preferences_link(view):
    """Calls `view(request, subscriber, link, token)` for a working preferences link, else answers politely.

    A link works while it is younger than conf.preferences_max_age() and no newer
    link has replaced it (Subscriber.link_generation).
    """

    @functools.wraps(view)
    def wrapper(request, token):
        try:
            link = tokens.read_preferences_token(token)
        except tokens.ExpiredToken:
            return _link_refused(request, "expired")
        except tokens.BadToken:
            return _link_refused(request, "invalid")
        subscriber = signup.subscriber_for_key(link.key)
        if subscriber is None:
            # A key of a subscriber's shape: an authentic link to an address since deleted (its reader's own
            # "Delete my data"); anything else could only be forged.
            return _link_refused(request, "gone" if re.fullmatch(r"[0-9a-f]{32}", link.key) else "invalid")
        if link.generation != subscriber.link_generation:
            return _link_refused(request, "expired")
        return view(request, subscriber, link, token)

    return wrapper


def is_fresh(link):
    """Whether a preferences link is recent enough to download or delete the reader's data."""
    return timezone.now() - link.made_at <= conf.data_link_max_age()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@with_preferences_link
def preferences(request, subscriber, link, token):
    """A reader's own page (reached from the footer of every email): choose newsletters, or leave them all."""
    saved = ""
    if request.method == "POST":
        subscriptions = {s.newsletter_id: s for s in subscriber.subscriptions.all()}
        form = PreferencesForm(request.POST)
        if "unsubscribe_all" in request.POST:
            for subscription in subscriptions.values():
                subscription.unsubscribe()
            saved = _("You have been unsubscribed from all our newsletters.")
        elif form.is_valid():
            chosen = {n.pk for n in form.cleaned_data["newsletters"]}
            consent = Consent("preferences page")
            for newsletter in form.cleaned_data["newsletters"]:
                subscription = subscriptions.get(newsletter.pk) or Subscription(
                    subscriber=subscriber, newsletter=newsletter
                )
                # The link came by email to this address: that proves it is theirs.
                subscription.confirm_with(consent)
            for newsletter_id, subscription in subscriptions.items():
                if newsletter_id not in chosen:
                    subscription.unsubscribe()
            saved = _("Your choices have been saved.")
        else:
            # Nothing saved (a newsletter was retired while the page was open): the reader's ticks again, and why.
            return _preferences_page(request, subscriber, link, token, form=form, status=400)
    return _preferences_page(request, subscriber, link, token, saved=saved)


def _preferences_page(request, subscriber, link, token, saved="", notice="", form=None, delete_form=None, status=200):
    subscriptions = list(subscriber.subscriptions.select_related("newsletter"))
    current = [s.newsletter_id for s in subscriptions if s.state == Subscription.State.CONFIRMED]
    return render(
        request,
        "newsletters/preferences.html",
        {
            "subscriber": subscriber,
            "form": form or PreferencesForm(initial={"newsletters": current}),
            "saved": saved,
            "notice": notice,
            "token": token,
            "fresh": is_fresh(link),
            "max_age_days": conf.preferences_max_age().days,
            "pending": [s.newsletter for s in subscriptions if s.state == Subscription.State.PENDING],
            "delete_form": delete_form or DeleteDataForm(),
        },
        status=status,
    )


@never_cache
@with_preferences_link
def preferences_data(request, subscriber, link, token):
    """Everything we hold about the reader, as a JSON download (from a link emailed in the last day)."""
    if not is_fresh(link):
        return _preferences_page(request, subscriber, link, token, notice=CHECK_IT_IS_YOU, status=403)
    data = {
        "email": subscriber.email,
        "first_seen": subscriber.created_at.isoformat(),
        "suppressed": subscriber.suppressed_reason or None,
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "state": s.state,
                "signed_up": s.created_at.isoformat(),
                "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
                "unsubscribed": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
                "consent": {
                    "at": s.consent_at.isoformat() if s.consent_at else None,
                    "form": s.consent_form,
                    "page": s.consent_page,
                    "note": s.consent_note,
                },
            }
            for s in subscriber.subscriptions.select_related("newsletter").order_by("created_at")
        ],
        "emails_sent": [
            {
                "edition": d.edition.subject,
                "newsletter": d.edition.newsletter.name,
                "state": d.state,
                "sent": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in subscriber.deliveries.select_related("edition__newsletter").order_by("pk")
        ],
        "exported_at": timezone.now().isoformat(),
    }
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="my-newsletter-data.json"'
    return response


@never_cache
@form_answer("newsletters:preferences")
@with_preferences_link
def preferences_delete(request, subscriber, link, token):
    """Deletes the reader's address and everything attached to it (from a link emailed in the last day)."""
    if not is_fresh(link):
        return _preferences_page(request, subscriber, link, token, notice=CHECK_IT_IS_YOU, status=403)
    form = DeleteDataForm(request.POST)
    if not form.is_valid():
        return _preferences_page(request, subscriber, link, token, delete_form=form, status=400)
    subscriber.delete()
    return render(request, "newsletters/deleted.html")


@never_cache
@form_answer("newsletters:preferences")
@with_preferences_link
def preferences_send_link(request, subscriber, link, token):
    """ "We'll email you a link to confirm it's you": a fresh link to the reader's own address, voiding older ones."""
    if signup.over_client_limit(request, "links"):
        return _preferences_page(request, subscriber, link, token, notice=TOO_MANY_LINKS, status=429)
    if subscriber.made_a_link_just_now():  # older links were voided when it was made; another email adds nothing
        return _preferences_page(request, subscriber, link, token, notice=ONLY_LINK_NOW)
    signup.request_preferences_link(subscriber.email, translation.get_language())
    return render(request, "newsletters/preferences_link_sent.html", {"from_page": True})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences_request(request):
    """ "Send me a new link": the same answer whether or not the address is a reader's (the work is queued)."""
    if request.method != "POST":  # GET, or HEAD (a link checker): ask, change nothing
        return _link_refused(request, "")
    form = LinkRequestForm(request.POST)
    if signup.over_client_limit(request, "links"):
        return _link_refused(request, "", form=form, notice=TOO_MANY_LINKS, status=429)
    if not form.is_valid():
        return _link_refused(request, "", form=form, status=400)
    if not form.is_bot:
        signup.request_preferences_link(form.cleaned_data["email"], translation.get_language())
    return render(request, "newsletters/preferences_link_sent.html", {"from_page": False})


@never_cache
def click(request, token):
    """A tracked link in an edition: counts the click (once per reader and link) and redirects to the address."""
    from . import tracking

    url = tracking.record_click(token)
    if url is None:
        raise Http404("This link is not valid.")
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"  # the token stays with us
    return response


# The smallest transparent GIF (43 bytes).
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
def opened(request, token):
    """The open-tracking image (only in editions of newsletters that count opens)."""
    from . import tracking

    if not tracking.record_open(token):
        raise Http404("This image is not valid.")
    return HttpResponse(PIXEL, content_type="image/gif")
