"""deploy/nginx.conf is a tested recipe: Debian's nginx runs it in front of the site under gunicorn, all on
127.0.0.1, and the test looks at what readers and operators get from nginx.

The same helper starts nginx for the bench (masthead/core/testing_nginx.py): only the listen port, the
upstream address and the cache folder of the recipe are replaced.
"""

import gzip
import http.client
import logging
import os
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode, urlsplit

import brotli
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from wagtail.contrib.frontend_cache.backends import HTTPBackend

from masthead.articles.factories import make_small_newsroom
from masthead.core.testing_nginx import CACHE_FOLDER, NGINX, RECIPE, free_port, nginx_in_front
from masthead.newsletters.tests.processes import SharedDatabase, environment, start_gunicorn, stop

pytestmark = pytest.mark.skipif(
    not os.access(NGINX, os.X_OK), reason=f"Debian's nginx is not installed ({NGINX}; `make test` installs it)"
)

# Readers ask for the site's own host name (the test site's is localhost), as Wagtail's purges do.
HOST = "localhost"
NEW_HEADLINE = "Parliament passes the budget after a second vote"


CSRF_SECRET = "n" * 32  # a CSRF cookie and the form's token, as a browser that loaded the form sends them


def fetch(base, path, method="GET", headers=None, source="127.0.0.1", body=b""):
    """One request with exactly these headers (no Accept-Encoding unless given), from address `source`.

    A `body` nginx refuses (413) may be cut short: nginx answers before it has read it all.
    """
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30, source_address=(source, 0))
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        sized = {"Content-Type": "application/octet-stream", "Content-Length": str(len(body))} if body else {}
        for name, value in {"Host": HOST, **sized, **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders()
        try:
            for start in range(0, len(body), 65536):
                connection.send(body[start : start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass  # nginx refused the body and closed; its answer is already on the way
        response = connection.getresponse()
        received = response.read()
        return SimpleNamespace(
            status=response.status,
            location=response.headers.get("Location"),
            cache=response.headers.get("X-Cache-Status"),
            encoding=response.headers.get("Content-Encoding"),
            cache_control=response.headers.get("Cache-Control", ""),
            body=received,
        )
    finally:
        connection.close()


def html(answer):
    """The page's HTML, as a browser shows it (gzip or Brotli undone once)."""
    text = {"gzip": gzip.decompress, "br": brotli.decompress}.get(answer.encoding, bytes)(answer.body)
    assert text[:2] != b"\x1f\x8b", "compressed twice"
    return text.decode()


GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_deploy_nginx_conf_caches_anonymous_pages_bypasses_sessions_and_honours_purge(tmp_path, caplog):
    newsroom = make_small_newsroom()
    article, other = newsroom["articles"][0], newsroom["articles"][1]
    old_headline = article.title
    path, other_path = urlsplit(article.full_url).path, urlsplit(other.full_url).path
    # A visitor with a session but not logged in: Masthead answers `public` (CacheHeadersMiddleware), so only
    # the recipe's session-cookie rule keeps the answer out of nginx's cache.
    session = SessionStore()
    session["seen"] = True
    session.create()
    with_session = {**GZIP, "Cookie": f"sessionid={session.session_key}"}
    # An Admin, logged in, for the Import screen's upload.
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("admin", "admin@example.com", "pw"))
    admin_cookies = f"sessionid={admin.cookies['sessionid'].value}; csrftoken={CSRF_SECRET}"

    database = SharedDatabase(tmp_path)
    # A long s-maxage, so that nothing expires while the test runs on a busy machine.
    env = environment(database.url, MASTHEAD_PAGE_S_MAXAGE=600)
    # The access log tells an answer of the site from one of nginx's own when the test fails.
    env["GUNICORN_CMD_ARGS"] = "--access-logfile -"
    web, origin = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1, threads=4)
    try:
        with nginx_in_front(origin) as front:
            # An anonymous article page: stored on the first request, served from nginx's cache on the second.
            first = fetch(front, path, headers=GZIP)
            second = fetch(front, path, headers=GZIP)
            assert (first.status, first.cache) == (200, "MISS")
            assert (second.status, second.cache) == (200, "HIT")
            assert second.body == first.body
            assert "s-maxage=600" in second.cache_control
            # One gzip copy: a gzip client gets it as it is (compressed once), a client that accepts no
            # compression gets plain HTML that nginx unzipped.
            assert second.encoding == "gzip" and old_headline in html(second)
            plain = fetch(front, path)
            assert (plain.cache, plain.encoding) == ("HIT", None)
            assert plain.body.decode() == html(second)

            # Django's session cookie: never served from the cache, and its answer is never stored.
            assert fetch(front, path, headers=with_session).cache == "BYPASS"
            bypassed = fetch(front, other_path, headers=with_session)
            assert (bypassed.status, bypassed.cache) == (200, "BYPASS")
            assert "public" in bypassed.cache_control  # Masthead would let it be kept; the recipe does not
            assert fetch(front, other_path, headers=GZIP).cache == "MISS"
            assert fetch(front, other_path, headers=GZIP).cache == "HIT"
            assert fetch(front, other_path, headers=with_session).cache == "BYPASS"

            # The article is edited and published; the site under gunicorn shows the new headline at once ...
            article.title = NEW_HEADLINE
            article.save_revision().publish()
            database.copy_again()
            assert NEW_HEADLINE in html(fetch(origin, path, headers=GZIP))
            # ... but without a PURGE, nginx serves its copy for as long as Cache-Control allows.
            stale = fetch(front, path, headers=GZIP)
            assert stale.cache == "HIT" and old_headline in html(stale) and NEW_HEADLINE not in html(stale)
            # Only the web and worker machines may purge: here, any address but 127.0.0.1 and ::1.
            assert fetch(front, path, method="PURGE", source="127.0.0.2").status == 403
            assert NEW_HEADLINE not in html(fetch(front, path, headers=GZIP))
            # The PURGE Wagtail sends on publish (FRONTEND_CACHE_PURGE_URL), from 127.0.0.1, stores a fresh copy.
            with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
                HTTPBackend({"LOCATION": front}).purge(f"http://{HOST}{path}")
            assert not caplog.records, caplog.text
            # nginx puts the fresh copy in place as it finishes answering the purge: on a busy machine the
            # next request can still meet the old one for a moment, so look for a few seconds at most.
            deadline = time.monotonic() + 5
            fresh = fetch(front, path, headers=GZIP)
            while NEW_HEADLINE not in html(fresh) and time.monotonic() < deadline:
                time.sleep(0.1)
                fresh = fetch(front, path, headers=GZIP)
            assert fresh.cache == "HIT" and NEW_HEADLINE in html(fresh)
            assert fetch(front, path).body.decode() == html(fresh)

            # The admin and the newsletter pages, in both editions, never go through the cache.
            for never in ("/admin/login/", "/newsletters/", "/uk/newsletters/"):
                for _ in range(2):
                    answer = fetch(front, never, headers=GZIP)
                    assert answer.status == 200, never
                    assert answer.cache is None, f"{never}: X-Cache-Status {answer.cache}"

            # A browser on a port other than 80 or 443 names it in Host and Origin. Masthead gets that Host, so the
            # admin's sign-in is not refused as forged (with nginx's $host, Django compared the Origin with a host
            # of no port) and absolute links keep the port; a page asked for under another port is kept apart.
            on_port = f"{HOST}:{urlsplit(front).port}"
            sign_in = fetch(
                front,
                "/admin/login/",
                method="POST",
                body=urlencode({"csrfmiddlewaretoken": CSRF_SECRET, "username": "admin", "password": "pw"}).encode(),
                headers={
                    "Host": on_port,
                    "Origin": f"http://{on_port}",
                    "Referer": f"http://{on_port}/admin/login/",
                    "Cookie": f"csrftoken={CSRF_SECRET}",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            assert (sign_in.status, sign_in.location) == (302, "/admin/"), sign_in.body.decode()[:2000]
            canonical = '<link rel="canonical" href="http://{}/news-feed/">'
            assert canonical.format(f"{HOST}:1") in html(fetch(front, "/news-feed/", headers={"Host": f"{HOST}:1"}))
            assert canonical.format(on_port) in html(fetch(front, "/news-feed/", headers={"Host": on_port}))

            # Uploads: the Import screen takes a whole export and its images; every other form keeps the 25 MB
            # limit, so a reader's form cannot be used to fill the disk. The Admin's 30 MB file reaches Django,
            # which reads it all and answers that it is not a WordPress export (only its name is wrong).
            thirty_mb = b"x" * (30 * 1024 * 1024)
            export = SimpleUploadedFile("export.txt", thirty_mb, content_type="application/octet-stream")
            form = {"csrfmiddlewaretoken": CSRF_SECRET, "source": "wordpress", "export_file": export}
            upload = encode_multipart(BOUNDARY, form)
            imports = fetch(
                front,
                "/admin/imports/",
                method="POST",
                body=upload,
                headers={"Cookie": admin_cookies, "Content-Type": MULTIPART_CONTENT},
            )
            assert imports.status == 200 and "A WordPress export is a .xml file." in imports.body.decode()
            # The same upload from a browser that lost its cookies is refused before Django reads it, and read to
            # its end before the answer (core.middleware.read_unread_body): without that, gunicorn closed the
            # connection on an unread body and nginx answered its own 502 page, 3 times in 60 such posts on a
            # busy machine. Each of these gets the site's page that says what to do.
            for _ in range(10):
                refused = fetch(
                    front, "/admin/imports/", method="POST", body=upload, headers={"Content-Type": MULTIPART_CONTENT}
                )
                assert refused.status == 403 and "We couldn’t send your form" in refused.body.decode()
            assert fetch(front, "/newsletters/", method="POST", body=thirty_mb).status == 413
    except BaseException:
        print((tmp_path / "gunicorn.log").read_text()[-5000:])  # shown by pytest with the failure
        raise
    finally:
        stop(web)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_deploy_nginx_conf_answers_a_listeners_byte_range_from_its_cache(tmp_path):
    # Audio players ask for byte ranges to seek (and Safari plays only an answer of 206). Masthead answers them,
    # but nginx answers ranges from its cache only for an answer that says `Accept-Ranges: bytes`: without it,
    # every listener behind the recipe got the whole file, 200, and a player that could not seek.
    audio = b"ID3" + bytes(range(256)) * 40
    narration = Path(settings.MEDIA_ROOT) / "narration"
    narration.mkdir(parents=True, exist_ok=True)
    (narration / "range-test-story.mp3").write_bytes(audio)
    path = f"{settings.MEDIA_URL}narration/range-test-story.mp3"
    database = SharedDatabase(tmp_path)
    web, origin = start_gunicorn(environment(database.url), tmp_path / "gunicorn.log", workers=1, threads=2)
    try:
        with nginx_in_front(origin) as front:
            for expected_cache in ("MISS", "HIT"):
                answer = fetch(front, path, headers={"Range": "bytes=100-199"})
                assert (answer.status, answer.cache) == (206, expected_cache), answer
                assert answer.body == audio[100:200]
            assert fetch(front, path).body == audio  # a player that asks for all of it gets all of it
    finally:
        stop(web)
        (narration / "range-test-story.mp3").unlink()


def debians_nginx(folder, with_welcome_site):
    """`nginx -t` of Debian's /etc/nginx/nginx.conf with the recipe in conf.d, as its header says to put it, and
    Debian's welcome site in sites-enabled or not; (exit status, what nginx said).

    Everything is moved into `folder`, the folders under /var that exist on this machine included (Debian's
    nginx package makes some, not others), and the port 80 becomes a free one of 127.0.0.1.
    """
    folder.mkdir()
    port = free_port()
    main = Path("/etc/nginx/nginx.conf").read_text()
    main = (
        main.replace("/run/nginx.pid", str(folder / "nginx.pid"))
        .replace("/var/log/nginx/", f"{folder}/")
        .replace("/etc/nginx/conf.d/", f"{folder}/conf.d/")
        .replace("/etc/nginx/sites-enabled/", f"{folder}/sites-enabled/")
        .replace("http {", "http {\n" + "".join(f"{kind}_temp_path {folder}/{kind};\n" for kind in TEMP_PATHS), 1)
    )
    (folder / "nginx.conf").write_text(main)
    for name in ("conf.d", "sites-enabled"):
        (folder / name).mkdir()
    cache_parent = Path(CACHE_FOLDER).parent
    if cache_parent.is_dir():
        (folder / cache_parent.relative_to("/")).mkdir(parents=True)
    recipe = RECIPE.read_text().replace("listen 80 ", f"listen 127.0.0.1:{port} ").replace("/var/", f"{folder}/var/")
    (folder / "conf.d" / "masthead.conf").write_text(recipe)
    if with_welcome_site:
        welcome = Path("/etc/nginx/sites-available/default").read_text()
        welcome = welcome.replace("listen 80 ", f"listen 127.0.0.1:{port} ").replace("listen [::]:80 ", "# ")
        (folder / "sites-enabled" / "default").write_text(welcome)
    answer = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True)
    return answer.returncode, answer.stderr.decode()


TEMP_PATHS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


@pytest.mark.skipif(
    not Path("/etc/nginx/sites-available/default").is_file(), reason="Debian's nginx configuration is not here"
)
def test_deploy_nginx_conf_starts_in_debians_nginx_as_its_header_says(tmp_path):
    # Dropped into conf.d beside Debian's welcome site: nginx names the site to remove. (The cache folder was
    # in /var/cache/nginx, which Debian does not make: nginx stopped at "mkdir() ... failed". And both servers
    # were port 80's "_": nginx took the welcome site's, so every page was "Welcome to nginx!".)
    status, told = debians_nginx(tmp_path / "with-welcome", with_welcome_site=True)
    assert status == 1, told
    assert "a duplicate default server" in told and "sites-enabled/default" in told, told
    # With the welcome site removed, as the header says, the configuration is good and nothing is ignored.
    status, told = debians_nginx(tmp_path / "without", with_welcome_site=False)
    assert status == 0, told
    assert "test is successful" in told and "[warn]" not in told and "[emerg]" not in told, told
