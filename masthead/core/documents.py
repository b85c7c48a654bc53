"""Wagtail's document view, answering byte ranges, so that the browser's player can seek in a story's audio or video.

Wagtail sends a document whole (wagtail.utils.sendfile_streaming_backend, Django's FileResponse): a <video> that
asks for the bytes at 12:00 gets the file from its first byte, and the player cannot seek (Safari will not play a
video at all from a server that does not answer ranges). Wagtail's own checks stay as they are (a document in a
private collection asks for its password first); only its answer with the whole file is cut to the range asked for.
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

# One range, "bytes=100-199", "bytes=100-" or "bytes=-500" (the last 500). Several ranges in one request are
# allowed to get the whole file (RFC 9110, 14.2), which is what they get.
RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def is_private(document):
    """True when the document's collection, or one above it, is password-protected or for signed-in users only."""
    return document.collection.get_view_restrictions().exists()


def serve(request, document_id, document_filename):
    response = wagtail_serve(request, document_id, document_filename)
    if response.status_code != 200 or not isinstance(response, FileResponse):
        return response  # the password form, a redirect to the storage, 304 Not Modified
    document = get_document_model().objects.select_related("collection").get(pk=document_id)
    if is_private(document):
        # Whoever gave the password may keep it; no cache between them and us may (a CDN would serve it to all).
        patch_cache_control(response, private=True, no_store=True)
    response["Accept-Ranges"] = "bytes"
    return ranged(request, response)


def ranged(request, response):
    """`response` (a FileResponse of the whole file) cut to the request's Range: 206 with that part, 416 for a range
    outside the file, or `response` itself when there is no range to honour."""
    header = request.headers.get("Range", "").strip()
    if not header or request.method not in ("GET", "HEAD") or not response.has_header("Content-Length"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range not in (response.get("ETag"), response.get("Last-Modified")):
        return response  # the file changed since the part the client has: the whole of the new one
    match = RANGE_RE.match(header)
    if not match or match.groups() == ("", ""):
        return response
    size = int(response["Content-Length"])
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    else:
        start, end = max(size - int(last), 0), size - 1
    if start >= size or (not first and int(last) == 0):
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        refused["Accept-Ranges"] = "bytes"
        response.close()
        return refused
    if start > end:
        return response  # not a valid range: ignored, as RFC 9110 says
    handle = response.file_to_stream
    handle.seek(start)
    part = StreamingHttpResponse(read_part(handle, end - start + 1), status=206)
    for name, value in response.items():
        if name.lower() != "content-length":
            part[name] = value
    part["Content-Range"] = f"bytes {start}-{end}/{size}"
    part["Content-Length"] = str(end - start + 1)
    part._resource_closers.append(handle.close)
    return part


def read_part(handle, length):
    while length > 0:
        chunk = handle.read(min(CHUNK, length))
        if not chunk:
            break
        length -= len(chunk)
        yield chunk
