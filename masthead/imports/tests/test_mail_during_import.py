"""Mail never waits behind an import: a newsroom moving in imports for many minutes (352 s per 1,000 posts, README)
while readers sign up. Real processes, with the two workers `make run` starts (core.queues.WORKERS), on SQLite
(where the import leaves the mail worker room to write, core/sqlite_share.py) and PostgreSQL."""

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
    start_worker,
    stop,
    wait_for,
)

POSTS = 80
# A reader signs up once the import is under way (the process is started beforehand, so its start-up is not
# counted against the import).
SIGN_UP = """
import time, django
django.setup()
from masthead.imports.models import ImportRun
from masthead.newsletters import signup
from masthead.newsletters.models import Consent, Newsletter
while not ImportRun.objects.filter(state="running", done__gte=2).exists():
    time.sleep(0.05)
signup.request_later("reader@example.org", Newsletter.objects.all(), Consent(form="test", page="/"))
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
        reader = subprocess.Popen([sys.executable, "-c", SIGN_UP], env=env, cwd=ROOT)
        try:
            assert reader.wait(timeout=120) == 0, (tmp_path / "worker0.log").read_text()[-3000:]
            assert wait_for(lambda: server.count() >= 1, timeout=300)
            during = state()
            assert wait_for(lambda: state()[0] == "done", timeout=300)
        finally:
            for process in (reader, *workers):
                stop(process)

    assert [recipient for recipient, _ in server.received] == ["reader@example.org"]
    # The email came while the import was still running, not after it.
    assert during[0] == "running" and during[1] < POSTS, f"the email came only once the import was {during}"
