"""Moving a newsroom in: import_wordpress on a generated WXR of 5,000 posts (bench/wxr_generator.py).

A fresh SQLite file with a home page; the import runs in its own process so its
peak memory (ru_maxrss) is its own. Then the same file again, which changes
nothing. `python -m bench.bench_imports` prints the rows alone;
BENCH_IMPORT_POSTS=500 makes a shorter run.
"""

import os
import subprocess
import time

from bench.common import BENCH_DIR, PYTHON, ROOT, django_env, manage, prepared_sqlite
from bench.wxr_generator import write

POSTS = int(os.environ.get("BENCH_IMPORT_POSTS", "5000"))


def timed_import(export, uploads, env):
    """(seconds, peak resident memory in MB, last line printed) of one import_wordpress run."""
    started = time.monotonic()
    process = subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "import_wordpress", str(export), "--uploads", str(uploads), "--no-progress"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    if status != 0:
        raise RuntimeError(f"import_wordpress exited with {status}: {output[-300:]}")
    summary = next((line for line in output.splitlines() if line.startswith("Imported:")), "")
    return elapsed, usage.ru_maxrss / 1024, summary


def run(report):
    _path, url = prepared_sqlite("imports")
    env = django_env(url)
    manage("shell", "-c", "from masthead.articles.factories import make_site; make_site()", env=env)
    export = write(POSTS, BENCH_DIR / f"generated-{POSTS}.xml", BENCH_DIR / "generated-uploads")
    size_mb = export.stat().st_size / 1024**2
    load = os.getloadavg()[0]
    seconds, peak, summary = timed_import(export, BENCH_DIR / "generated-uploads", env)
    note = f"{summary}; WXR {size_mb:.0f} MB; load average {load:.1f} at the start"
    report("imports", f"import_wordpress, generated WXR of {POSTS:,} posts", seconds, "s", "", note)
    report("imports", "time per 1,000 posts", seconds / POSTS * 1000, "s", "", "SQLite, one transaction per post")
    report("imports", "import peak memory (ru_maxrss)", peak, "MB", "", "the whole export is parsed at once")
    seconds, peak, summary = timed_import(export, BENCH_DIR / "generated-uploads", env)
    report("imports", f"the same {POSTS:,} posts again (nothing changed)", seconds, "s", "", summary)


if __name__ == "__main__":

    def print_row(*row):
        print(" | ".join(str(cell) for cell in row), flush=True)

    run(print_row)
