"""The emails newsletters send: confirmation, welcome, and editions (HTML with inlined CSS plus plain text).

An edition is rendered once (templates and CSS inlining are the slow part);
each subscriber's copy only swaps in their own unsubscribe and preferences links.
"""

import functools
import html as html_lib
import re
import time
from email.utils import formataddr, formatdate, make_msgid, parseaddr

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from masthead.core.i18n import language_of
from masthead.core.middleware import newsroom_settings

from . import conf, tokens, tracking

UNSUBSCRIBE_MARK = "https://masthead.invalid/personal-unsubscribe-link"
PREFERENCES_MARK = "https://masthead.invalid/personal-preferences-link"
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


def in_language_of(newsletter_of):
    """Runs the decorated function in the newsletter's language (`newsletter_of(*args)` finds it).

    A newsletter is written in one language: its emails, and the pages their
    links open (/uk/newsletters/confirm/… for a Ukrainian one), speak it.
    """

    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with translation.override(language_of(newsletter_of(*args, **kwargs).locale_id)):
                return function(*args, **kwargs)

        return wrapper

    return decorate


def newsroom_from_address():
    """ "The Kyiv Ledger <newsroom@…>": the From of mail that speaks for the newsroom rather than one newsletter
    (a confirmation of several, a fresh preferences link). DEFAULT_FROM_EMAIL gives the address; its name is the
    software's ("Masthead") unless set, so the newsroom's own name is used."""
    default_name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((newsroom_settings(None).name or default_name, address))


def sender_domain(address=None):
    return parseaddr(address or settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "masthead.localhost"


def new_message_id(domain=None):
    return make_msgid(domain=domain or sender_domain())


def unsubscribe_mailto(newsletter, token, address=None):
    address = address or conf.unsubscribe_mailto() or f"unsubscribe@{sender_domain(newsletter.sender_email or None)}"
    return f"mailto:{address}?subject=unsubscribe%20{token}"


def list_headers_static(newsletter):
    return {"List-Id": f"{newsletter.name} <{newsletter.slug}.{sender_domain(newsletter.sender_email or None)}>"}


def list_headers(newsletter, subscriber, message_id):
    """RFC 2369 / RFC 8058 headers: one-click unsubscribe by HTTPS POST, or by mail."""
    token = tokens.unsubscribe_token(subscriber, newsletter)
    return {
        "Message-ID": message_id,
        **list_headers_static(newsletter),
        "List-Unsubscribe": f"<{tokens.unsubscribe_url_for(token)}>, <{unsubscribe_mailto(newsletter, token)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def fold_lines(html, width=700, marks=(), growth=200):
    """HTML in lines of at most `width` characters: long lines broken at spaces, short ones joined.

    A newline is a space in HTML, so neither changes what readers see. Lines
    stay well below SMTP's 998-character limit even after each of `marks` (a
    placeholder for a reader's own link) has grown by up to `growth` characters.
    Fewer lines also mean less work for the mail server, which reads the message
    line by line.
    """

    def size(line):
        return len(line) + growth * sum(line.count(mark) for mark in marks)

    pieces = []
    for line in html.splitlines():
        while size(line) > width:
            cut = line.rfind(" ", 0, width)
            while cut > 0 and size(line[:cut]) > width:
                cut = line.rfind(" ", 0, cut)
            if cut <= 0:
                break
            pieces.append(line[:cut])
            line = line[cut + 1 :]
        pieces.append(line)
    lines, current = [], None
    for piece in pieces:
        if current is not None and size(current) + 1 + size(piece) <= width:
            current = f"{current} {piece}" if piece else current
        else:
            if current is not None:
                lines.append(current)
            current = piece
    if current is not None:
        lines.append(current)
    return "\n".join(lines)


def inline_css(html):
    return _INLINER.inline(html)


def html_to_text(html):
    """Plain text from email HTML: links kept as "text (url)", paragraphs kept apart."""
    html = re.sub(r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html, flags=re.S | re.I)
    html = re.sub(r"<(br|/p|/h\d|/li|/tr)\b[^>]*>", "\n", html, flags=re.I)
    html = re.sub(r"<li\b[^>]*>", "- ", html, flags=re.I)
    text = html_lib.unescape(strip_tags(html))  # "&amp;" in a link is "&" in plain text
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _message(subject, text, html, from_email, to, headers=None, reply_to=None, connection=None):
    message = EmailMultiAlternatives(
        subject, text, from_email, [to], headers=headers or {}, reply_to=reply_to or None, connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


@in_language_of(lambda subscriber, newsletters: newsletters[0])
def confirmation_message(subscriber, newsletters):
    """ "Please confirm": one email for all the newsletters asked for at once, with a link that expires."""
    context = {
        "newsroom": newsroom_settings(None),
        "newsletters": newsletters,
        "confirm_url": tokens.confirm_url(subscriber, [n.pk for n in newsletters]),
        "days": conf.confirmation_max_age().days,
        "email": subscriber.email,
    }
    from_email = newsletters[0].from_address if len(newsletters) == 1 else newsroom_from_address()
    subject = (
        _("Please confirm your subscription to %(name)s") % {"name": newsletters[0].name}
        if len(newsletters) == 1
        else _("Please confirm your newsletter subscriptions")
    )
    html = inline_css(render_to_string("newsletters/email/confirm.html", {**context, "subject": subject}))
    text = render_to_string("newsletters/email/confirm.txt", context)
    return _message(subject, text, html, from_email, subscriber.email, {"Message-ID": new_message_id()})


def preferences_link_message(subscriber, language):
    """A fresh link to the reader's preferences page, which they asked for on the site (in `language`)."""
    with translation.override(language):
        context = {
            "newsroom": newsroom_settings(None),
            "preferences_url": tokens.preferences_url(subscriber),
            "days": conf.preferences_max_age().days,
            "hours": int(conf.data_link_max_age().total_seconds() // 3600),
            "email": subscriber.email,
        }
        subject = _("Your link to manage your newsletters")
        html = inline_css(render_to_string("newsletters/email/preferences_link.html", {**context, "subject": subject}))
        text = render_to_string("newsletters/email/preferences_link.txt", context)
    return _message(subject, text, html, newsroom_from_address(), subscriber.email, {"Message-ID": new_message_id()})


@in_language_of(lambda subscription: subscription.newsletter)
def welcome_message(subscription):
    subscriber, newsletter = subscription.subscriber, subscription.newsletter
    message_id = new_message_id(sender_domain(newsletter.sender_email or None))
    context = {
        "newsroom": newsroom_settings(None),
        "newsletter": newsletter,
        "unsubscribe_url": tokens.unsubscribe_url(subscriber, newsletter),
        "preferences_url": tokens.preferences_url(subscriber),
    }
    subject = _("Welcome to %(name)s") % {"name": newsletter.name}
    html = inline_css(render_to_string("newsletters/email/welcome.html", {**context, "subject": subject}))
    text = render_to_string("newsletters/email/welcome.txt", context)
    reply_to = [newsletter.reply_to] if newsletter.reply_to else None
    headers = list_headers(newsletter, subscriber, message_id)
    return _message(subject, text, html, newsletter.from_address, subscriber.email, headers, reply_to)


@in_language_of(lambda subscription, step, connection=None, test_address=None: step.newsletter)
def welcome_step_message(subscription, step, connection=None, test_address=None):
    """One email of a welcome series, with the reader's own unsubscribe link (or harmless links for a test)."""
    newsletter = step.newsletter
    if test_address:
        subscriber, to = None, test_address
        unsubscribe = preferences = conf.base_url() + "/newsletters/"
    else:
        subscriber, to = subscription.subscriber, subscription.subscriber.email
        unsubscribe, preferences = tokens.unsubscribe_url(subscriber, newsletter), tokens.preferences_url(subscriber)
    message_id = new_message_id(sender_domain(newsletter.sender_email or None))
    subject = step.subject if not test_address else _("[Test] %(subject)s") % {"subject": step.subject}
    context = {
        "newsroom": newsroom_settings(None),
        "newsletter": newsletter,
        "step": step,
        "subject": subject,
        "unsubscribe_url": unsubscribe,
        "preferences_url": preferences,
        "test": bool(test_address),
    }
    html = inline_css(render_to_string("newsletters/email/welcome_step.html", context))
    text = render_to_string("newsletters/email/welcome_step.txt", context)
    headers = list_headers(newsletter, subscriber, message_id) if subscriber else {"Message-ID": message_id}
    reply_to = [newsletter.reply_to] if newsletter.reply_to else None
    message = _message(subject, text, html, newsletter.from_address, to, headers, reply_to)
    message.connection = connection
    return message


def welcome_step_test_message(step, address):
    return welcome_step_message(None, step, test_address=address)


def edition_items(edition):
    """The body as a list of dicts the templates can show without further queries."""
    from masthead.articles.models import ArticlePage

    article_ids = [
        block.value["article"].pk for block in edition.body if block.block_type == "article" and block.value["article"]
    ]
    articles = {page.pk: page for page in ArticlePage.objects.published().filter(pk__in=article_ids).for_listing()}
    items = []
    for block in edition.body:
        if block.block_type == "text":
            items.append({"type": "text", "html": str(block.value)})
        elif block.block_type == "heading":
            items.append({"type": "heading", "text": block.value})
        elif block.block_type == "article":
            chosen = block.value["article"]
            article = articles.get(chosen.pk) if chosen else None
            if article is None:
                continue  # unpublished since it was chosen: leave it out rather than send a dead link
            url = article.url or ""
            items.append(
                {
                    "type": "article",
                    "title": article.title,
                    "url": url if url.startswith("http") else conf.base_url() + url,
                    "summary": block.value["note"] or article.standfirst,
                    "byline": ", ".join(contributor.name for contributor in article.contributors),
                    "image": lead_image(article),
                }
            )
    return items


# Twice the 544 px column, for sharp pictures on high-density screens; shown at most 544 px wide.
EMAIL_RENDITION = "fill-1088x612|format-jpeg|jpegquality-70"


def lead_image(article):
    """The lead picture for an email: an absolute JPEG rendition (every mail client shows JPEG) and alt text."""
    image = article.lead_image
    if image is None:
        return None
    # The listing's prefetch holds only the card sizes; with it in place Wagtail would not look for
    # (and would try to create again) an email rendition that already exists.
    getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    rendition = image.get_rendition(EMAIL_RENDITION)
    url = rendition.url if rendition.url.startswith("http") else conf.base_url() + rendition.url
    return {"url": url, "alt": article.lead_image_alt or image.title, "width": 544, "height": 306}


def web_token(edition):
    """The unguessable part of an edition's web-version address (editions' ids are easy to count)."""
    return salted_hmac("masthead.newsletters.edition-web", str(edition.pk)).hexdigest()[:20]


def web_path(edition):
    """The path of the edition's web version (its past editions on the site link to it)."""
    return reverse("newsletters:edition_web", args=[edition.pk, web_token(edition)])


def web_url(edition):
    """The edition's web version ("" for an edition not saved yet, such as the preview of an automatic one)."""
    if edition.pk is None:
        return ""
    return conf.base_url() + web_path(edition)


def web_token_matches(edition, token):
    return constant_time_compare(web_token(edition), token)


def edition_date(edition):
    """The edition's date as its readers' language says it, in the newsroom's zone ("December 2, 2026",
    "2 грудня 2026")."""
    from masthead.core.templatetags.newsroom import format_moment
    from masthead.core.zones import newsroom_zone

    return format_moment(edition.started_at or edition.scheduled_at or timezone.now(), "date", newsroom_zone())


class _RawMessage:
    """Stands in for email.message.Message where Django's backends only need the finished bytes."""

    def __init__(self, data_by_linesep):
        self.data_by_linesep = data_by_linesep

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self.data_by_linesep(linesep)

    def get_charset(self):
        return None


class PersonalCopy(EmailMultiAlternatives):
    """One subscriber's copy of an edition, made from bytes rendered once for the whole edition.

    Its attributes are those of an ordinary message, so email-service backends
    (anymail) and the test outbox work unchanged; only `message()`, which the
    SMTP and file backends call to serialise it, returns the pre-rendered bytes
    with this reader's address, Message-ID and links filled in. That is what
    makes sending fast: Python's MIME generator runs once per edition, not once
    per subscriber.
    """

    def __init__(self, *args, fill=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._fill = fill

    def message(self):
        return _RawMessage(self._fill)


MARK = "masthead-personal-{}.invalid"


class PreparedEdition:
    """An edition rendered once; `message_for(subscriber)` makes each personal copy cheaply."""

    @in_language_of(lambda self, edition, test=False, track=False, web=False: edition.newsletter)
    def __init__(self, edition, test=False, track=False, web=False):
        """`track`: for the real send, links go through counted redirects (and the open image, if switched on).
        `web`: for the web version, a page of its own (its main landmark, no link to itself)."""
        self.edition, self.newsletter = edition, edition.newsletter
        # Where the harmless stand-ins for a reader's own links lead (a test copy, the web version): the newsletters
        # page of the newsletter's edition, which offers it (/uk/newsletters/ for a Ukrainian one).
        self.newsletters_url = conf.base_url() + reverse("newsletters:index")
        self.subject = edition.subject if not test else _("[Test] %(subject)s") % {"subject": edition.subject}
        context = {
            "subject": self.subject,  # the email's <title> and the name of its article region
            "newsroom": newsroom_settings(None),
            "edition": edition,
            "newsletter": self.newsletter,
            "items": edition_items(edition),
            "edition_date": edition_date(edition),
            "web_url": "" if web else web_url(edition),
            "web": web,
            "unsubscribe_url": UNSUBSCRIBE_MARK,
            "preferences_url": PREFERENCES_MARK,
            "test": test,
        }
        self.html = inline_css(render_to_string("newsletters/email/edition.html", context))
        self.text = render_to_string("newsletters/email/edition.txt", context)
        # Tracked links: mark → (link id, original address); each copy gets its own signed redirect per link.
        self.links = {}
        if track and self.newsletter.track_clicks:
            skip = (UNSUBSCRIBE_MARK, PREFERENCES_MARK)
            self.html, self.text, links = tracking.rewrite_links(edition, self.html, self.text, skip=skip)
            self.links = {mark: (link_id, url) for mark, link_id, url in links}
        self.track_opens = bool(track and self.newsletter.track_opens)
        if self.track_opens:
            self.html = tracking.add_open_pixel(self.html)
        # Short lines keep the HTML in 8bit transfer encoding (no quoted-printable),
        # so the personal links can be filled into the finished bytes.
        personal_marks = [UNSUBSCRIBE_MARK, PREFERENCES_MARK, tracking.OPEN_MARK, *self.links]
        self.html = fold_lines(self.html, marks=[mark for mark in personal_marks if mark in self.html])
        self._signer = tracking.LinkSigner(
            [(mark, link_id) for mark, (link_id, _url) in self.links.items()],
            *tracking.url_prefixes(),
            self.track_opens,
        )
        self.domain = sender_domain(self.newsletter.sender_email or None)
        self.reply_to = [self.newsletter.reply_to] if self.newsletter.reply_to else None
        self._templates = {}
        self._date_cache = (0, b"")
        self._unsubscribe_url = tokens.url_filler("newsletters:unsubscribe")
        self._preferences_url = tokens.url_filler("newsletters:preferences")
        # Worked out once, not per subscriber.
        self.from_address = self.newsletter.from_address
        self.list_id = list_headers_static(self.newsletter)["List-Id"]
        self.mailto_address = unsubscribe_mailto(self.newsletter, "").partition("?")[0].removeprefix("mailto:")

    def new_message_id(self):
        return new_message_id(self.domain)

    def personal_links(self, delivery_id=None):
        """{mark: address} for the tracked links (and the open image) of one copy; the plain addresses without one."""
        if delivery_id is None:
            swap = {mark: url for mark, (_link_id, url) in self.links.items()}
            if self.track_opens:
                swap[tracking.OPEN_MARK] = conf.base_url() + "/newsletters/"
            return swap
        return self._signer.urls(delivery_id)

    def personal_bodies(self, unsubscribe_url, preferences_url, personal=None):
        if personal is None:
            personal = self.personal_links()
        swap = {UNSUBSCRIBE_MARK: unsubscribe_url, PREFERENCES_MARK: preferences_url, **personal}
        pattern = re.compile("|".join(re.escape(mark) for mark in swap))
        text = pattern.sub(lambda match: swap[match[0]], self.text)
        return text, pattern.sub(lambda match: swap[match[0]], self.html)

    def _template(self, linesep, dot_stuffed=False):
        """The message split at the marks where each reader's details go; None if the marks did not survive."""
        if dot_stuffed:
            key = (linesep, True)
            if key not in self._templates:
                chunks = self._template(linesep)
                # No reader's value starts with a dot, so stuffing the template's lines is enough.
                stuff = re.compile(rb"(?m)^\.")
                self._templates[key] = None if chunks is None else [stuff.sub(b"..", chunk) for chunk in chunks]
            return self._templates[key]
        if linesep not in self._templates:
            marks = {name: MARK.format(name) for name in ("to", "msgid", "token", "date")}
            headers = {
                "Message-ID": f"<{marks['msgid']}>",
                "Date": marks["date"],
                "List-Id": self.list_id,
                "List-Unsubscribe": f"<{UNSUBSCRIBE_MARK}>, <{unsubscribe_mailto(self.newsletter, marks['token'])}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
            sample = _message(
                self.subject,
                self.text,
                self.html,
                self.newsletter.from_address,
                f"reader@{marks['to']}",
                headers,
                self.reply_to,
            )
            data = sample.message().as_bytes(linesep=linesep)
            expected = {
                f"reader@{marks['to']}".encode(): 1,
                marks["msgid"].encode(): 1,
                marks["date"].encode(): 1,
                marks["token"].encode(): 1,
                UNSUBSCRIBE_MARK.encode(): 1 + self.text.count(UNSUBSCRIBE_MARK) + self.html.count(UNSUBSCRIBE_MARK),
                PREFERENCES_MARK.encode(): self.text.count(PREFERENCES_MARK) + self.html.count(PREFERENCES_MARK),
            }
            for mark in [*self.links, *([tracking.OPEN_MARK] if self.track_opens else [])]:
                expected[mark.encode()] = self.text.count(mark) + self.html.count(mark)
            intact = all(data.count(mark) == count for mark, count in expected.items())
            # Split once at the marks: [bytes, mark, bytes, mark, …, bytes]. A copy is then one join,
            # not a search through the whole message (longest marks first, so none cuts another short).
            marks = sorted(expected, key=len, reverse=True)
            splitter = re.compile(b"(" + b"|".join(re.escape(mark) for mark in marks) + b")")
            self._templates[linesep] = splitter.split(data) if intact else None
        return self._templates[linesep]

    def _personal(self, subscriber, delivery_id):
        """(unsubscribe token, unsubscribe URL, preferences URL, {link mark: URL}) for one reader's copy."""
        token = tokens.unsubscribe_token(subscriber, self.newsletter)
        return (
            token,
            self._unsubscribe_url(token),
            self._preferences_url(tokens.preferences_token(subscriber)),
            self.personal_links(delivery_id),
        )

    def _date(self):
        """The Date header, worked out once a second rather than once a message."""
        second = int(time.time())
        if self._date_cache[0] != second:
            self._date_cache = (second, formatdate(second, localtime=settings.EMAIL_USE_LOCALTIME).encode())
        return self._date_cache[1]

    def personal_bytes(
        self, subscriber, message_id, delivery_id=None, linesep="\r\n", personal=None, dot_stuffed=False
    ):
        """One reader's whole message as bytes, filled into the edition's template; None if that cannot be done.

        `dot_stuffed`: lines starting with "." doubled, as SMTP's DATA wants them (sending.offer).
        """
        chunks = self._template(linesep, dot_stuffed) if subscriber.email.isascii() else None
        if chunks is None:
            return None
        token, unsubscribe, preferences, links = personal or self._personal(subscriber, delivery_id)
        values = {
            f"reader@{MARK.format('to')}".encode(): subscriber.email.encode(),
            MARK.format("msgid").encode(): message_id.strip("<>").encode(),
            MARK.format("date").encode(): self._date(),
            MARK.format("token").encode(): token.encode(),
            UNSUBSCRIBE_MARK.encode(): unsubscribe.encode(),
            PREFERENCES_MARK.encode(): preferences.encode(),
            **{mark.encode(): url.encode() for mark, url in links.items()},
        }
        parts = list(chunks)
        parts[1::2] = [values[mark] for mark in chunks[1::2]]
        return b"".join(parts)

    def message_for(self, subscriber, message_id, connection=None, delivery_id=None):
        """One reader's copy as an email message (for email-service and file backends; SMTP takes personal_bytes)."""
        personal = self._personal(subscriber, delivery_id)
        token, unsubscribe, preferences, links = personal
        headers = {
            "Message-ID": message_id,
            "List-Id": self.list_id,
            "List-Unsubscribe": f"<{unsubscribe}>, <{unsubscribe_mailto(self.newsletter, token, self.mailto_address)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        text, html = self.personal_bodies(unsubscribe, preferences, links)
        fill = None
        if subscriber.email.isascii():

            def fill(linesep):
                data = self.personal_bytes(subscriber, message_id, delivery_id, linesep, personal)
                if data is None:  # an unusual edition the marks cannot survive: build it the usual way
                    return EmailMultiAlternatives.message(copy).as_bytes(linesep=linesep)
                return data

        copy = (PersonalCopy if fill else EmailMultiAlternatives)(
            self.subject,
            text,
            self.from_address,
            [subscriber.email],
            headers=headers,
            reply_to=self.reply_to,
            connection=connection,
            **({"fill": fill} if fill else {}),
        )
        copy.attach_alternative(html, "text/html")
        return copy

    def preview_html(self):
        """The HTML as a reader will see it, with harmless links in place of the personal ones."""
        return self.personal_bodies(self.newsletters_url, self.newsletters_url)[1]

    def test_message(self, address, connection=None):
        """A copy for an editor's address: real content, links that lead to the newsletters page."""
        text, html = self.personal_bodies(self.newsletters_url, self.newsletters_url)
        headers = {"Message-ID": self.new_message_id()}
        return _message(
            self.subject, text, html, self.newsletter.from_address, address, headers, self.reply_to, connection
        )
