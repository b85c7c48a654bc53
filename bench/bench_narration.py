"""Narration: real-time factor, publish → audio-ready time, mail during narration, worker memory, audio size.

Everything runs in subprocesses against a fresh SQLite file, with the real
Piper voice: `python -m bench.bench_narration` prints the rows alone.
"""

import json
import os
import shutil
import subprocess
import sys
import time

from bench.common import PYTHON, ROOT, django_env, peak_rss_mb, prepared_sqlite

SENTENCES = [
    "Lawmakers in Kyiv approved the budget on Nov. 11 after a debate that ran past 1:39 AM.",
    "The plan sets aside $3.5bn for air defense, up 12% on last year, and 1,200 new posts for teachers.",
    "Gen. Valerii Zaluzhnyi told the U.S. delegation that NATO support had changed the course of the war.",
    "Grain exports through the Black Sea corridor rose for the 4th month in a row, the ministry said.",
    "Farmers in the south still face mines in their fields, and many have lost a season's income.",
    "The central bank kept its key rate at 13%, saying inflation had slowed to 5.1% in October.",
    "Officials from the EU and the IMF will review the figures at a meeting in Brussels on Dec. 4.",
    "Residents of Kharkiv spent the night in metro stations as sirens sounded from 10 p.m. until dawn.",
    "A spokesman for the city council said 38 buildings had been damaged and 2 schools would stay closed.",
    "Engineers restored power to most districts by noon, and trams were running again by the afternoon.",
    "The mayor thanked volunteers who cleared glass from the streets and brought tea to the shelters.",
    "Economists expect growth of between 3 and 4 percent next year if the ports stay open.",
]


def article_body(words=1000):
    """About `words` words of news copy in paragraphs of three sentences, the same every run."""
    paragraphs, paragraph, count, index = [], [], 0, 0
    while count < words:
        sentence = SENTENCES[index % len(SENTENCES)]
        paragraph.append(sentence)
        count += len(sentence.split())
        index += 1
        if len(paragraph) == 3:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    return paragraphs


# Runs in a subprocess with Django set up: synthesise one 1,000-word article in-process.
RTF_SCRIPT = """
import json, os, sys, time, django
django.setup()
from masthead.narration.engines import get_engine
from masthead.narration.normalise import normalise
from masthead.narration.script import Segment
from masthead.narration.audio import render
paragraphs = json.loads(sys.argv[1])
started = time.perf_counter()
engine = get_engine()
load = time.perf_counter() - started
segments = [Segment("headline", "Parliament passes the wartime budget")]
segments += [Segment("paragraph", normalise(text), index) for index, text in enumerate(paragraphs)]
started, cpu = time.perf_counter(), os.times()
rendered = render(segments, engine)
elapsed = time.perf_counter() - started
cpu = sum(os.times()[:2]) - sum(cpu[:2])
print(json.dumps({"load": load, "elapsed": elapsed, "cpu": cpu, "duration": rendered.duration_seconds,
                  "size": len(rendered.mp3)}))
"""

# Publishes the article (the worker is already idle and waiting), then waits for its audio.
PUBLISH_SCRIPT = """
import json, sys, time, django
django.setup()
from masthead.articles import factories as f
from masthead.narration.models import Narration
paragraphs = json.loads(sys.argv[1])
home = f.make_site()
section = f.make_section(home, "Politics")
author = f.make_contributor("Olena Marchenko")
draft = f.make_article(section, "Parliament passes the wartime budget", [author], body=paragraphs, publish=False)
revision = draft.save_revision()
started = time.perf_counter()
revision.publish()
published = time.perf_counter() - started

# A reader signs up while the article is being narrated; when is the confirmation in the outbox?
from pathlib import Path
from django.conf import settings
from django.test import Client
from masthead.newsletters.factories import create_newsletter
from masthead.narration.models import Narration
create_newsletter("morning", "The Morning", "Every morning.")
while time.perf_counter() - started < 60 and not Narration.objects.filter(article=draft, attempts__gte=1).exists():
    time.sleep(0.1)
time.sleep(3)  # well into the synthesis
outbox = Path(settings.EMAIL_FILE_PATH)
signed_up = time.perf_counter()
answer = Client(HTTP_HOST="127.0.0.1").post(
    "/newsletters/morning/subscribe/", {"email": "reader@example.org", "next": "/"}
)
assert answer.status_code in (200, 302, 303), answer.status_code
mail_after = None
while time.perf_counter() - signed_up < 300:
    if outbox.exists() and any(outbox.iterdir()):
        mail_after = time.perf_counter() - signed_up
        break
    time.sleep(0.05)
narrating_at_mail = Narration.objects.get(article=draft).state == "pending"
while time.perf_counter() - started < 300:
    narration = Narration.objects.filter(article=draft).first()
    if narration and narration.state in ("ready", "failed"):
        break
    time.sleep(0.1)
total = time.perf_counter() - started
print(json.dumps({"publish": published, "total": total, "state": narration.state if narration else None,
                  "error": narration.error if narration else "", "duration": narration.duration_seconds,
                  "size": narration.size_bytes, "made_in": narration.synthesis_seconds,
                  "mail_after": mail_after, "narrating_at_mail": narrating_at_mail}))
"""


def run_django(script, env, *args):
    done = subprocess.run([PYTHON, "-c", script, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"the bench script failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(report):
    paragraphs = article_body(1000)
    words = sum(len(paragraph.split()) for paragraph in paragraphs) + 5
    body = json.dumps(paragraphs)
    path, url = prepared_sqlite("narration")
    outbox = path.parent / "narration-outbox"
    shutil.rmtree(outbox, ignore_errors=True)
    env = django_env(url, EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=outbox)

    load_before = os.getloadavg()[0]
    rtf = run_django(RTF_SCRIPT, env, body)
    report(
        "narration",
        f"real-time factor, {words:,}-word article",
        rtf["elapsed"] / rtf["duration"],
        "s per s of audio",
        "≤ 0.1",
        f"{rtf['elapsed']:.1f} s of synthesis + MP3 encoding for {rtf['duration'] / 60:.1f} min of audio "
        f"(voice load {rtf['load']:.1f} s, once per process); {rtf['cpu'] / rtf['duration']:.2f} CPU-s per s "
        f"on 2 threads; load average {load_before:.1f} when it started",
    )
    report(
        "narration",
        "audio size per minute",
        rtf["size"] / 1024 / (rtf["duration"] / 60),
        "KB/min",
        "",
        "MP3, 48 kbit/s CBR mono, 22,050 Hz",
    )

    # The workers `make run` starts: one for mail and quick jobs, one for narration.
    workers = [
        subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--queue-name", queues, "--interval", "0.1", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for queues in ("narration", "default,mail")
    ]
    try:
        time.sleep(5)  # let the workers start and go idle
        result = run_django(PUBLISH_SCRIPT, env, body)
        memory = peak_rss_mb(workers[0])
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
    if result["state"] != "ready":
        raise RuntimeError(f"narration did not finish: {result['state']} {result['error']}")
    report(
        "narration",
        "publish → audio ready, idle worker",
        result["total"],
        "s",
        "< 60 s",
        f"{result['duration'] / 60:.1f} min of audio made in {result['made_in']:.1f} s; "
        f"publish itself took {result['publish'] * 1000:.0f} ms (narration never delays it); includes the voice load; "
        f"load average {os.getloadavg()[0]:.1f}",
    )
    mail_after = result["mail_after"]
    report(
        "narration",
        f"confirmation email while a {words:,}-word article is narrated",
        mail_after if mail_after is not None else float("nan"),
        "s",
        "≤ 5 s",
        "sign-up → file in the outbox; mail worker (default,mail) beside the narration worker; "
        + ("the narration was still running" if result["narrating_at_mail"] else "the narration had finished"),
    )
    report("narration", "worker peak memory (VmHWM)", memory, "MB", "< 600 MB", "db_worker after narrating the article")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run(lambda *row: print(" · ".join(str(value) for value in row)))
