"""`make bench`: runs every bench/bench_*.py and prints one table with the machine's context.

Each module has `run(report)` and calls `report(area, measure, value, unit, target="", note="")`
once per row. A module that fails is reported as a row, and the others still run.

    bench/run.py [AREA ...] [--against NAME=URL ...]

`--against ghost=http://127.0.0.1:2368/some-article/` (repeatable) loads that page in the
same run as Masthead's article page, with the same wrk settings, and prints the ratio.
"""

import argparse
import datetime
import importlib
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def machine_context():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return (
        f"{datetime.date.today().isoformat()} · {os.cpu_count()} cores ({cpu}) · {memory_gb:.0f} GB RAM · "
        f"Python {platform.python_version()} · {platform.system()} {platform.release()} · commit {commit.strip()}"
    )


def format_value(value):
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def main(selected=()):
    rows = []

    def report(area, measure, value, unit, target="", note=""):
        rows.append((area, measure, format_value(value), unit, target, note))
        print(f"  {area} · {measure}: {format_value(value)} {unit}", flush=True)

    modules = sorted(path.stem for path in (ROOT / "bench").glob("bench_*.py"))
    if selected:
        modules = [name for name in modules if any(word in name for word in selected)]
    started = time.monotonic()
    for name in modules:
        print(f"== {name}", flush=True)
        try:
            importlib.import_module(f"bench.{name}").run(report)
        except Exception as error:  # one broken bench must not hide the others' rows
            traceback.print_exc()
            report(name.removeprefix("bench_"), "benchmark failed", type(error).__name__, "", "", str(error)[:80])

    print()
    print(f"Masthead benchmarks — {machine_context()} — {time.monotonic() - started:.0f} s")
    print()
    header = ("Area", "Measure", "Value", "Unit", "Target", "Note")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")


def parse_against(value):
    name, separator, url = value.partition("=")
    if not separator or not name or not url.startswith("http://"):
        raise argparse.ArgumentTypeError("use NAME=http://127.0.0.1:PORT/path/")
    return name, url


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Masthead benchmarks (one table).")
    parser.add_argument("areas", nargs="*", help="only the bench modules whose names contain these words")
    parser.add_argument("--against", action="append", type=parse_against, default=[], metavar="NAME=URL")
    arguments = parser.parse_args()
    if arguments.against:
        from bench import bench_pages

        bench_pages.AGAINST[:] = arguments.against
    main(arguments.areas)
