"""Uploaded media (pictures, narration audio) served by the site itself, with byte ranges.

`make run` and a one-machine production install keep media in MEDIA_ROOT and
have no separate file server. Django's own `static.serve` answers every request
with the whole file, so an audio player cannot seek (every marker restarts at
0:00). WhiteNoise answers `Range` with 206 and sets ETag and Last-Modified; in
autorefresh mode it finds files written after start (new narrations, renditions).

Only the folders named in MASTHEAD_PUBLIC_MEDIA_FOLDERS are served: Wagtail's
documents (which have their own permission-checked view) and uploaded import
files stay private.
"""

from pathlib import Path

from django.conf import settings
from whitenoise import WhiteNoise


def serve_media(application):
    """Wrap a WSGI application so that public media folders are answered before Django sees them."""
    if not settings.MASTHEAD_SERVE_MEDIA or not settings.MEDIA_URL.startswith("/"):
        return application
    files = WhiteNoise(
        application,
        autorefresh=True,
        max_age=settings.MASTHEAD_MEDIA_MAX_AGE,
        add_headers_function=say_ranges_are_taken,
    )
    root = Path(settings.MEDIA_ROOT)
    for folder in settings.MASTHEAD_PUBLIC_MEDIA_FOLDERS:
        files.add_files(root / folder, prefix=f"{settings.MEDIA_URL}{folder}/")
    return files


def say_ranges_are_taken(headers, path, url):
    """`Accept-Ranges: bytes` on every answer, the whole file's too. WhiteNoise answers ranges without saying so,
    and a cache in front (nginx's proxy_cache, deploy/nginx.conf) answers ranges from its copy only for an
    answer that says so: without it, listeners behind nginx got the whole file and a player that could not seek.
    """
    headers["Accept-Ranges"] = "bytes"
