"""Narration: real-time factor, publish → audio-ready time with an idle worker, worker memory, audio size.

Everything runs in subprocesses against a fresh SQLite file, with the real
Piper voice: `python -m bench.bench_narration` prints the rows alone.
"""

import json
import os
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
while time.perf_counter() - started < 300:
    narration = Narration.objects.filter(article=draft).first()
    if narration and narration.state in ("ready", "failed"):
        break
    time.sleep(0.1)
total = time.perf_counter() - started
print(json.dumps({"publish": published, "total": total, "state": narration.state if narration else None,
                  "error": narration.error if narration else "", "duration": narration.duration_seconds,
                  "size": narration.size_bytes, "made_in": narration.synthesis_seconds}))
"""


def run_django(script, env, *args):
    output = subprocess.run(
        [PYTHON, "-c", script, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run(report):
    paragraphs = article_body(1000)
    words = sum(len(paragraph.split()) for paragraph in paragraphs) + 5
    body = json.dumps(paragraphs)
    _path, url = prepared_sqlite("narration")
    env = django_env(url)

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

    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(5)  # let the worker start and go idle
        result = run_django(PUBLISH_SCRIPT, env, body)
        memory = peak_rss_mb(worker)
    finally:
        worker.terminate()
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
    report("narration", "worker peak memory (VmHWM)", memory, "MB", "< 600 MB", "db_worker after narrating the article")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run(lambda *row: print(" · ".join(str(value) for value in row)))
