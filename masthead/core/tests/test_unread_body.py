"""An upload the site answers without reading is read to its end first (core.middleware.read_unread_body).

The same request through nginx and gunicorn is in test_nginx_recipe.py; there the unread body could turn the
site's answer into nginx's 502 page, but only now and then, on a busy machine. Here the WSGI input stream shows
what was read, every time.
"""

import io
import sys

import pytest
from django.test.client import MULTIPART_CONTENT, ClientHandler

from masthead.core import middleware


def post_unread(path, body):
    """POST `body` to `path` as a browser without the CSRF cookie would: (status, page, bytes of the body read)."""
    stream = io.BytesIO(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
    }
    # Django's handler as the test client runs it (it keeps the test's database connection open), with CSRF checked.
    response = ClientHandler(enforce_csrf_checks=True)(environ)
    return response.status_code, response.content.decode(), stream.tell()


@pytest.mark.django_db
def test_an_upload_refused_before_it_was_read_is_read_to_its_end_before_the_answer():
    body = b"x" * (3 * 1024 * 1024)
    status, page, read = post_unread("/admin/imports/", body)
    # The site's own page for a form sent without its cookie, after the whole upload was taken in.
    assert status == 403 and "We couldn’t send your form" in page
    assert read == len(body)


@pytest.mark.django_db
def test_a_body_past_the_limit_is_left_unread(monkeypatch):
    monkeypatch.setattr(middleware, "UNREAD_BODY_LIMIT", 1024 * 1024)
    status, page, read = post_unread("/admin/imports/", b"x" * (2 * 1024 * 1024))
    assert status == 403 and "We couldn’t send your form" in page
    assert read == 0
