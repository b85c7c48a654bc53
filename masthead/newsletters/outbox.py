"""/outbox/: the emails the site "sent" in development, readable in the browser with working links.

Django's file-based email backend writes each connection's messages to one
.log file in EMAIL_FILE_PATH, separated by a line of 79 dashes. This page only
reads those files; it exists only when settings.MASTHEAD_SHOW_OUTBOX is true.
"""

import email
import email.policy
import re
from pathlib import Path

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin

from . import conf

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
SAFE_NAME = re.compile(r"^[\w.-]+\.log$")
LIST_LIMIT = 300


def _folder():
    if not conf.outbox_enabled() or not conf.outbox_path():
        raise Http404("The outbox is only available in development.")
    return Path(conf.outbox_path())


def _files(folder):
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if SAFE_NAME.match(p.name)), key=lambda p: p.stat().st_mtime, reverse=True
    )


def _messages_in(path):
    chunks = [chunk for chunk in path.read_bytes().split(SEPARATOR) if chunk.strip()]
    return [email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default) for chunk in chunks]


def _part(message, content_type):
    part = message.get_body(preferencelist=(content_type,))
    return part.get_content() if part is not None else ""


def _find(name, index):
    folder = _folder()
    if not SAFE_NAME.match(name) or not (folder / name).is_file():
        raise Http404("No such message.")
    messages = _messages_in(folder / name)
    if not 0 <= index < len(messages):
        raise Http404("No such message.")
    return messages[index]


@never_cache
def outbox_index(request):
    folder = _folder()
    rows = []
    for path in _files(folder):
        messages = _messages_in(path)
        for index in reversed(range(len(messages))):
            message = messages[index]
            rows.append(
                {
                    "name": path.name,
                    "index": index,
                    "subject": message["subject"],
                    "to": message["to"],
                    "from": message["from"],
                    "date": message["date"],
                }
            )
            if len(rows) >= LIST_LIMIT:
                break
        if len(rows) >= LIST_LIMIT:
            break
    return render(request, "newsletters/outbox/index.html", {"rows": rows, "folder": folder})


@never_cache
def outbox_message(request, name, index):
    message = _find(name, index)
    headers = [
        (key, message[key])
        for key in (
            "From",
            "To",
            "Reply-To",
            "Subject",
            "Date",
            "Message-ID",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
        )
        if message[key]
    ]
    return render(
        request,
        "newsletters/outbox/message.html",
        {
            "message": message,
            "headers": headers,
            "name": name,
            "index": index,
            "has_html": bool(_part(message, "html")),
            "text": _part(message, "plain"),
        },
    )


@never_cache
@xframe_options_sameorigin
def outbox_message_html(request, name, index):
    """The HTML part alone, for the sandboxed frame on the message page; links open in the whole window."""
    html = _part(_find(name, index), "html") or f"<pre>{escape(_part(_find(name, index), 'plain'))}</pre>"
    base = '<base target="_top">'
    html = re.sub(r"(<head[^>]*>)", r"\1" + base, html, count=1, flags=re.I) if "<head" in html.lower() else base + html
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    # The message is mail, not part of the site: no scripts, whatever it contains.
    response["Content-Security-Policy"] = "script-src 'none'; frame-ancestors 'self'"
    return response
