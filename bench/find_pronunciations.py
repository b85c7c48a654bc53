"""Find the pronunciation a listener understands best, for the names Masthead ships (or any you list).

Each candidate in bench/data/pronunciation_candidates.tsv (a respelling the
voice reads, or /IPA/) is spoken in three carrier sentences, twice (the voice
varies from take to take), as Masthead narrates it, and transcribed back by
Whisper tiny.en; so is the voice's own reading of the name, with no entry.
Prints each term's candidates from fewest word errors to most, and as JSON the
best candidate's phonemes for every term where it beat the voice's own reading.
The carriers are not the bench's sentences, so `bench.bench_intelligibility`
then checks the chosen entries on text they were not picked on.

    python -m bench.find_pronunciations [--candidates FILE] [TERM ...]
"""

import json
import subprocess
import sys

from bench.common import PYTHON, ROOT, django_env

CANDIDATES = ROOT / "bench" / "data" / "pronunciation_candidates.tsv"

SCRIPT = r"""
import io, json, logging, sys, django
django.setup()
logging.getLogger("faster_whisper").setLevel(logging.WARNING)
from masthead.narration import intelligibility
from masthead.narration.engines import get_engine, voice_phonemes

wanted = set(sys.argv[2:])
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")
        if line.strip() and not line.startswith("#")]
model, engine = intelligibility.load_transcriber(), get_engine()
found = {}
for term, note, written, candidates in rows:
    if wanted and term not in wanted:
        continue
    tried = [("(the voice's own reading)", None)]
    for candidate in candidates.split("|"):
        ipa = candidate[1:-1] if candidate.startswith("/") else voice_phonemes(candidate)
        tried.append((candidate, ipa))
    scored = []
    for label, phonemes in tried:
        errors, heard = intelligibility.term_errors(term, phonemes, written.split(","), model, engine)
        scored.append((errors, label, phonemes, heard))
        print(f"{term:14} {errors:3}  {label:28} {phonemes or '':24} {heard}", file=sys.stderr, flush=True)
    own = scored[0][0]
    best = min(scored, key=lambda row: row[0])
    if best[0] < own:
        found[term] = {"phonemes": best[2], "note": note, "errors": best[0], "own_errors": own,
                       "also_written": [w for w in written.split(",") if w and w != term], "from": best[1]}
print(json.dumps(found, ensure_ascii=False))
"""


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    args = sys.argv[1:]
    candidates = CANDIDATES
    if args[:1] == ["--candidates"]:
        candidates, args = args[1], args[2:]
    done = subprocess.run(
        [PYTHON, "-c", SCRIPT, str(candidates), *args], env=django_env(), cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    if done.returncode:
        sys.exit(done.returncode)
    print(json.dumps(json.loads(done.stdout.strip().splitlines()[-1]), ensure_ascii=False, indent=1))
