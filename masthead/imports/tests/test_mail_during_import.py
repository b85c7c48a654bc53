"""Mail never waits behind an import: a newsroom moving in imports for many minutes (352 s per 1,000 posts, README)
while readers sign up. Real processes: gunicorn and the two workers `make run` starts (core.queues.WORKERS), on
SQLite (where the import leaves others room to write, core/sqlite_share.py) and PostgreSQL."""

import subprocess
import sys

import pytest
from django.core.files.base import ContentFile

from bench.wxr_generator import write as write_wxr
from masthead.articles.factories import make_site
from masthead.core import queues
from masthead.imports.models import ImportRun
from masthead.newsletters.factories import create_newsletter
from masthead.newsletters.tests.processes import (
    ROOT,
    LightSMTPServer,
    SharedDatabase,
    environment,
    start_gunicorn,
    start_worker,
    stop,
    wait_for,
)

POSTS = 120
# A reader signs up on the site once the import is under way (the process is started beforehand, so its start-up
# is not counted against the import), and says whether the site had answered while the import was still running.
SIGN_UP = """
import json, os, time, urllib.parse, urllib.request, django
django.setup()
from masthead.imports.models import ImportRun
while not ImportRun.objects.filter(state="running", done__gte=2).exists():
    time.sleep(0.05)
body = urllib.parse.urlencode({"email": "reader@example.org", "next": "/"}).encode()
request = urllib.request.Request(
    os.environ["SITE"] + "/newsletters/morning/subscribe/", data=body, headers={"Accept": "application/json"}
)
with urllib.request.urlopen(request, timeout=120) as answer:
    assert answer.status == 200 and json.loads(answer.read())["ok"]
print(ImportRun.objects.get().state)
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_sign_up_made_while_a_site_is_imported_gets_its_confirmation_before_the_import_ends(tmp_path):
    make_site()
    create_newsletter("morning", "The Morning", "Every morning.")
    write_wxr(POSTS, tmp_path / "export.xml", tmp_path / "uploads")
    run = ImportRun(source="wordpress")
    run.export_file.save("export.xml", ContentFile((tmp_path / "export.xml").read_bytes()))
    database = SharedDatabase(tmp_path)

    def state():
        [(value, done)] = database.rows("SELECT state, done FROM imports_importrun WHERE id = %s", [run.pk])
        return value, done

    queue_the_run = f"from masthead.imports.tasks import run_import; run_import.enqueue({run.pk})"
    with LightSMTPServer() as server:
        env = environment(database.url, server.port)
        workers = [
            start_worker(
                env,
                tmp_path / f"worker{number}.log",
                queues=",".join(group),
                first=queue_the_run if number == 0 else "",
            )
            for number, group in enumerate(queues.WORKERS)
        ]
        web, site = start_gunicorn(env, tmp_path / "gunicorn.log", workers=1, threads=2)
        reader = subprocess.Popen(
            [sys.executable, "-c", SIGN_UP], env={**env, "SITE": site}, cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        try:
            answered_during, _ = reader.communicate(timeout=120)
            assert reader.returncode == 0, (tmp_path / "gunicorn.log").read_text()[-3000:]
            assert wait_for(lambda: server.count() >= 1, timeout=300)
            during = state()
            assert wait_for(lambda: state()[0] == "done", timeout=300)
        finally:
            for process in (reader, web, *workers):
                stop(process)

    # The site answered the sign-up, and the email came, while the import was still running, not after it.
    assert answered_during.strip() == "running", "the site answered the sign-up only once the import was over"
    assert [recipient for recipient, _ in server.received] == ["reader@example.org"]
    assert during[0] == "running" and during[1] < POSTS, f"the email came only once the import was {during}"
