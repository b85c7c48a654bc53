"""Find the pronunciation a listener understands best, for the names Masthead ships (or any you list).

Each candidate in bench/data/pronunciation_candidates.tsv (a respelling the
voice reads, or /IPA/) is spoken in three carrier sentences, twice (the voice
varies from take to take), as Masthead narrates it, and transcribed back by
Whisper tiny.en; so is the voice's own reading of the name, with no entry.
Prints each term's candidates with their word errors. The best candidate, if
it beat the voice's own reading, is then checked on news sentences that name
the term (bench/data/pronunciation_checks.tsv: neither the carriers nor the
bench's sentences), and printed as a JSON entry for pronunciations.py only if
it is heard better there too, by at least two words. `bench.bench_intelligibility` repeats that check
for every shipped entry on each run.

With --generate, each term also tries the candidates `bench.name_variants`
makes from its romanisation (every syllable stressed in turn); Kherson,
Bakhmut, Dnipro and Yermak were found that way.

    python -m bench.find_pronunciations [--candidates FILE] [--generate] [TERM ...]
"""

import json
import subprocess
import sys

from bench.common import PYTHON, ROOT, django_env

CANDIDATES = ROOT / "bench" / "data" / "pronunciation_candidates.tsv"
CHECKS = ROOT / "bench" / "data" / "pronunciation_checks.tsv"

SCRIPT = r"""
import io, json, logging, sys, django
django.setup()
logging.getLogger("faster_whisper").setLevel(logging.WARNING)
from masthead.narration import intelligibility
from masthead.narration.engines import get_engine, respelling_problem, voice_phonemes
from bench.name_variants import variants

MARGIN = 2
generate = sys.argv[3] == "--generate"
wanted = set(sys.argv[4:])
in_context = intelligibility.sentences_by_term(sys.argv[2])
rows = intelligibility.read_tsv(sys.argv[1], 4)
model, engine = intelligibility.load_transcriber(), get_engine()
found = {}
for term, note, written, candidates in rows:
    if wanted and term not in wanted:
        continue
    tried = [("(the voice's own reading)", None)]
    listed = candidates.split("|")
    generated = [f"/{ipa}/" for ipa in variants(term) if f"/{ipa}/" not in listed] if generate else []
    for candidate in listed + generated:
        # A respelling the voice reads with a letter's name ("Shmihal": "ess aitch …") is never an entry.
        problem = None if candidate.startswith("/") else respelling_problem(candidate)
        if problem:
            print(f"{term:14}  skip {candidate}: {problem}", file=sys.stderr, flush=True)
            continue
        ipa = candidate[1:-1] if candidate.startswith("/") else voice_phonemes(candidate.lower())
        tried.append((candidate, ipa))
    scored = []
    for label, phonemes in tried:
        errors, heard = intelligibility.term_errors(term, phonemes, written.split(","), model, engine)
        scored.append((errors, label, phonemes, heard))
        print(f"{term:14} {errors:3}  {label:28} {phonemes or '':24} {heard}", file=sys.stderr, flush=True)
    own = scored[0][0]
    best = min(scored[1:], key=lambda row: row[0])
    if best[0] >= own or best[2] == voice_phonemes(term):
        continue
    entry = {"term": term, "phonemes": best[2], "note": note, "from": best[1],
             "also_written": [w for w in written.split(",") if w and w != term]}
    # The second opinion: news sentences naming the term, which the search did not use.
    check_own, check_entry, _h, heard = intelligibility.check_term(entry, model, engine, in_context.get(term))
    print(f"{term:14} check on other sentences: voice alone {check_own}, with {best[1]} {check_entry}: {heard}",
          file=sys.stderr, flush=True)
    # The voice varies from take to take: one word either way is noise, so an entry must win by two.
    if check_entry <= check_own - MARGIN:
        found[term] = dict(entry, search=[own, best[0]], check=[check_own, check_entry])
print(json.dumps(found, ensure_ascii=False))
"""


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    args = sys.argv[1:]
    candidates = CANDIDATES
    if args[:1] == ["--candidates"]:
        candidates, args = args[1], args[2:]
    generate = "--generate" if args[:1] == ["--generate"] else "--listed-only"
    if generate == "--generate":
        args = args[1:]
    command = [PYTHON, "-c", SCRIPT, str(candidates), str(CHECKS), generate, *args]
    done = subprocess.run(command, env=django_env(), cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        sys.exit(done.returncode)
    print(json.dumps(json.loads(done.stdout.strip().splitlines()[-1]), ensure_ascii=False, indent=1))
