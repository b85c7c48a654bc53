"""`manage.py backup` and `restore`: one checked archive of the database and media, taken while the site writes,
restored into a second, empty installation that then serves the same newsroom."""

import gzip
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import zlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from masthead.articles.factories import make_image
from masthead.newsletters.factories import create_newsletter, make_subscriber
from masthead.newsletters.models import Subscriber, Subscription
from masthead.newsletters.tests.processes import SharedDatabase, wait_for

ROOT = Path(__file__).resolve().parents[3]

READ_BACK = """
import json, django
django.setup()
from django.test import Client
from masthead.newsletters.models import Subscription
client = Client()
home = client.get("/")
article = client.get(ARTICLE_URL)
rows = sorted(
    [s.subscriber.email, s.newsletter.slug, s.state, s.consent_form, s.consent_note, s.consent_at.isoformat()]
    for s in Subscription.objects.select_related("subscriber", "newsletter")
)
print(json.dumps({"home": home.status_code, "article": article.status_code,
                  "article_html": article.content.decode(), "subscriptions": rows}))
"""


class SecondInstallation:
    """Another checkout's settings: its own database (an empty file, or an empty PostgreSQL database) and media."""

    def __init__(self, tmp_path):
        self.var = tmp_path / "second"
        self.var.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
            "MASTHEAD_VAR_DIR": str(self.var),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.pg_name = None
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            self.pg_name = f"{db['NAME']}_restored"
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
            self._admin(f'CREATE DATABASE "{self.pg_name}"')
            password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
            url = f"postgres://{db.get('USER') or 'postgres'}{password}@{db.get('HOST') or '127.0.0.1'}"
            self.env["DATABASE_URL"] = f"{url}:{db.get('PORT') or 5432}/{self.pg_name}"
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{self.var / 'db.sqlite3'}"

    def _admin(self, sql):
        import psycopg

        db = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            autocommit=True,
        ) as admin:
            admin.execute(sql)

    def run(self, *arguments, code=None):
        command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *arguments]
        return subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300)

    def drop(self):
        if self.pg_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


@pytest.fixture
def newsletter(db):
    return create_newsletter("morning-briefing", "The Morning Briefing", "Five stories before breakfast.")


@pytest.fixture
def second(tmp_path):
    installation = SecondInstallation(tmp_path)
    yield installation
    installation.drop()


KEEP_WRITING = """
import time, django
django.setup()
from django.db import transaction
from masthead.newsletters.factories import create_newsletter, make_subscriber
newsletter = create_newsletter("busy", "Busy Letter", "Written to during the backup.")
n = 0
while True:  # sign-ups arriving while the backup runs, each a subscriber and its subscription in one transaction
    with transaction.atomic():
        make_subscriber(f"during{n}@example.org", newsletter, "pending", form="sidebar")
    n += 1
    time.sleep(0.005)
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_writing_restores_into_a_second_installation(tmp_path, newsroom, newsletter, second):
    article = newsroom["articles"][0]
    lead = make_image("Backed-up picture")
    make_subscriber("confirmed@example.com", newsletter, form="article sidebar")
    make_subscriber("pending@example.com", newsletter, Subscription.State.PENDING)
    make_subscriber("left@example.com", newsletter, Subscription.State.UNSUBSCRIBED)
    Subscriber.objects.get(email="left@example.com").suppress(Subscriber.Suppression.BOUNCED, "550")
    before = set(
        Subscription.objects.values_list(
            "subscriber__email", "newsletter__slug", "state", "consent_form", "consent_note"
        )
    )

    # The running installation: its database reachable by other processes, a process writing to it.
    database = SharedDatabase(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test", "DATABASE_URL": database.url}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    writer = subprocess.Popen([sys.executable, "-c", KEEP_WRITING], env=env, cwd=ROOT)
    try:
        count = "SELECT COUNT(*) FROM newsletters_subscriber WHERE email LIKE %s"
        assert wait_for(lambda: database.rows(count, ["during%"])[0][0] >= 5, timeout=60)
        archive = tmp_path / "backups"
        archive.mkdir()
        made = subprocess.run(
            [sys.executable, "manage.py", "backup", str(archive)], env=env, cwd=ROOT, capture_output=True, text=True
        )
        assert made.returncode == 0, made.stderr[-3000:]
        assert writer.poll() is None, "the writer was still writing after the backup"
    finally:
        writer.kill()
        writer.wait()
    [archive] = list(archive.iterdir())
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and f"media/{lead.file.name}" in names

    restored = second.run("restore", str(archive))
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert "files checked" in restored.stdout
    answer = second.run(code=READ_BACK.replace("ARTICLE_URL", repr(article.url)))
    assert answer.returncode == 0, answer.stderr[-3000:]
    seen = json.loads(answer.stdout.strip().splitlines()[-1])
    assert (seen["home"], seen["article"]) == (200, 200)
    assert article.title in seen["article_html"]

    copied = {tuple(row[:5]) for row in seen["subscriptions"]}
    assert before <= copied  # every subscriber, state and consent record from before the backup
    during = sorted(row for row in copied if row[0].startswith("during"))
    assert len(during) >= 5  # and a consistent snapshot of what was being written: whole sign-ups only
    assert all(row[2:4] == ("pending", "sidebar") for row in during)
    emails = database.rows("SELECT COUNT(*) FROM newsletters_subscriber WHERE email LIKE %s", ["during%"])[0][0]
    assert emails >= len(during)
    assert (second.var / "test-media" / lead.file.name).read_bytes() == Path(lead.file.path).read_bytes()


@pytest.mark.django_db(transaction=True)  # a backup reads committed data, as it does beside a running site
def test_a_corrupted_archive_is_refused_with_a_clear_message(tmp_path, newsletter):
    make_subscriber("kept@example.com", newsletter)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    # Damage in different places fails differently inside tarfile and zlib (a bad block, a bad length, a
    # checksum that no longer matches): each is the same polite refusal.
    original = archive.read_bytes()
    damaged = tmp_path / "damaged.tar.gz"
    for eighth in range(1, 8):
        data = bytearray(original)
        start = len(data) * eighth // 8
        data[start : start + 64] = b"\0" * 64
        damaged.write_bytes(bytes(data))
        with pytest.raises(CommandError, match="is damaged"):
            call_command("restore", str(damaged), "--force")
    # A compressed stream that zlib itself rejects halfway (a block of the type deflate reserves), which
    # tarfile lets through as zlib.error rather than one of its own errors.
    unpacked = gzip.decompress(original)
    compressor = zlib.compressobj(wbits=31)  # gzip framing
    data = compressor.compress(unpacked[: len(unpacked) // 2]) + compressor.flush(zlib.Z_FULL_FLUSH)
    data += bytes([0b111]) + bytes(64)  # the last block, of type 3
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(damaged), "--force")

    # Damage only gzip's CRC shows: a member's header zeroed where deflate stores bytes as they are (a picture),
    # which tarfile takes for the archive's end, so the restore saw a shorter archive ("incomplete"). Made here by
    # compressing the damaged archive again and keeping the CRC of the archive as it was written.
    with tarfile.open(fileobj=io.BytesIO(unpacked)) as members:
        last = members.getmembers()[-1].offset
    zeroed = bytearray(unpacked)
    zeroed[last : last + 64] = bytes(64)
    data = bytearray(gzip.compress(bytes(zeroed)))
    data[-8:-4] = original[-8:-4]
    damaged.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(damaged), "--force")

    # A well-formed archive whose database copy was altered after the backup: the checksum catches it.
    altered = tmp_path / "altered.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(altered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name.startswith("database."):
                content = content[:-1] + bytes([content[-1] ^ 1])
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(altered), "--force")

    with pytest.raises(CommandError, match="not a Masthead backup"):
        (tmp_path / "plain.txt").write_text("hello")
        call_command("restore", str(tmp_path / "plain.txt"))
    assert Subscriber.objects.filter(email="kept@example.com").exists()


@pytest.mark.django_db(transaction=True)
def test_the_cron_lines_backup_goes_into_its_folder_even_a_new_one(tmp_path, newsletter):
    # `backup /srv/backups/` before that folder existed wrote one file named "backups", which the cron line's
    # `find /srv/backups -name 'masthead-*.tar.gz'` never matched and each night replaced.
    out = io.StringIO()
    call_command("backup", f"{tmp_path}/backups/", stdout=out)
    [archive] = (tmp_path / "backups").iterdir()
    assert re.fullmatch(r"masthead-\d{8}-\d{6}\.tar\.gz", archive.name)
    assert f"Backup written to {archive}" in out.getvalue()


def test_a_backup_without_the_sites_environment_is_refused_and_says_why(tmp_path):
    # The cron line as a crontab runs it: none of the site's environment, so manage.py took the development
    # settings, made an empty SQLite database and backed that up beside the real media, saying "Backup written".
    folder = tmp_path / "backups"
    cron = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "MASTHEAD_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run(
        [sys.executable, "manage.py", "backup", f"{folder}/"], env=cron, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Backup written" not in result.stdout
    assert "has no Masthead tables, so there is nothing to back up" in result.stderr, result.stderr
    assert "masthead.settings.dev" in result.stderr and "DJANGO_SETTINGS_MODULE" in result.stderr
    assert not folder.exists()


@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_newsroom_needs_force(tmp_path, newsroom):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with pytest.raises(CommandError, match="already holds a newsroom"):
        call_command("restore", str(archive))


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the second installation's database is on the small disk")
@pytest.mark.django_db(transaction=True)
def test_a_restore_with_no_room_to_unpack_says_so_and_touches_nothing(tmp_path, settings, second):
    from masthead.core.tests.test_storage_full import mount_namespaces_work

    if not mount_namespaces_work(tmp_path):
        pytest.skip("this machine lets no process mount a small tmpfs of its own (unshare --mount)")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "big.jpg").write_bytes(os.urandom(6 * 2**20))  # pictures do not compress
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())

    # The second installation's folder (its database and media) on a 3 MB disk: the archive is unpacked there,
    # beside the media folder, not in /tmp, so it is that disk which is too small, and restore says so in words.
    script = f'mount -t tmpfs -o size=3m tmpfs "{second.var}" && exec "$0" manage.py restore "$1"'
    restored = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, sys.executable, str(archive)],
        env=second.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert restored.returncode == 1
    assert "Traceback" not in restored.stderr
    said = re.search(
        rf"There is not enough room in {re.escape(str(second.var))} to unpack the archive \((\d+) MB of "
        r"files, (\d+) MB free\)\.",
        restored.stderr,
    )
    assert said and int(said[1]) > 6 and int(said[2]) <= 3, restored.stderr
    assert "Nothing was restored: free some space on that disk and run restore again." in restored.stderr
