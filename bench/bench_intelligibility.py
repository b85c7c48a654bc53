"""Narration intelligibility: the voice's speech transcribed back by Whisper tiny.en, word error rate per category.

Raw Piper (the same voice, the text as written) against Masthead's narration
(its normaliser and the demo newsroom's lexicon: the shipped pronunciations
plus the demo's respellings), in the same run, on the sentences in
bench/data/narration_sentences.tsv, which were written for this bench. With
--pronunciations, also checks each shipped pronunciation against raw Piper.
Runs in a subprocess with Django set up: `python -m bench.bench_intelligibility`.
"""

import json
import subprocess
import sys

from bench.common import PYTHON, ROOT, django_env

SENTENCES = ROOT / "bench" / "data" / "narration_sentences.tsv"
# News sentences naming each shipped pronunciation, for its check (not the bench's sentences, not the search's).
CHECKS = ROOT / "bench" / "data" / "pronunciation_checks.tsv"

SCRIPT = """
import json, logging, sys, django
django.setup()
logging.getLogger("faster_whisper").setLevel(logging.WARNING)
from masthead.articles.demo_content import LEXICON as DEMO_RESPELLINGS
from masthead.narration import intelligibility
from masthead.narration.normalise import Lexicon
from masthead.narration.pronunciations import PRONUNCIATIONS

shipped = [(entry["term"], "", entry["phonemes"], False, "") for entry in PRONUNCIATIONS]
names = {entry["term"].lower() for entry in PRONUNCIATIONS}
demo = [(entry["term"], entry["spoken"]) for entry in DEMO_RESPELLINGS if entry["term"].lower() not in names]
lexicon = Lexicon(shipped + demo)
sentences = intelligibility.read_tsv(sys.argv[1], 2)
model = intelligibility.load_transcriber()
takes = int(sys.argv[2])
results = intelligibility.compare(sentences, lexicon=lexicon, model=model, takes=takes)
out = {"categories": {category: [raw.wer, ours.wer, raw.words // takes, len(raw.samples) // takes,
                                 ours.same_sound // takes] for category, (raw, ours) in results.items()},
       "sentences": len(sentences), "takes": takes, "samples": {category: [raw.samples, ours.samples]
                                                for category, (raw, ours) in results.items() if category != "all"}}
if "--pronunciations" in sys.argv:
    checks, in_context = [], intelligibility.sentences_by_term(sys.argv[3])
    for entry in PRONUNCIATIONS:
        raw, ours, raw_heard, our_heard = intelligibility.check_term(entry, model, None, in_context.get(entry["term"]))
        checks.append([entry["term"], raw, ours, raw_heard, our_heard])
    out["pronunciations"] = checks
print(json.dumps(out))
"""


# The voice varies from take to take; each side is spoken this many times and its WER is the mean.
TAKES = 2


def measure(pronunciations=True, takes=TAKES, sentences=SENTENCES):
    args = [PYTHON, "-c", SCRIPT, str(sentences), str(takes), str(CHECKS)]
    args += ["--pronunciations"] if pronunciations else []
    done = subprocess.run(args, env=django_env(), cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(report, pronunciations=True, sentences=SENTENCES):
    result = measure(pronunciations, sentences=sentences)
    categories = result["categories"]
    raw_all, ours_all, words, sentences, same_all = categories.pop("all")
    report(
        "intelligibility",
        "WER, raw Piper (all categories)",
        raw_all,
        "",
        "",
        f"{sentences} news sentences ({words:,} words), Whisper tiny.en, mean of {result['takes']} takes",
    )
    report(
        "intelligibility",
        "WER, Masthead's narration (all)",
        ours_all,
        "",
        f"≤ {raw_all / 2:.3f} (half of raw)",
        f"{same_all} of {sentences} sentences spoken exactly as raw Piper speaks them (scored on the same takes)",
    )
    worse = [name for name, (raw, ours, *_counts) in categories.items() if ours >= raw and raw > 0]
    for name, (raw, ours, count, sentences, same) in categories.items():
        note = f"{count} words; {same} of {sentences} sentences spoken as raw"
        if ours >= raw and raw > 0:
            note += "; not lower" + (" (all spoken as raw: nothing to tell apart)" if same == sentences else "")
        report("intelligibility", f"WER {name}: raw → Masthead", f"{raw:.3f} → {ours:.3f}", "", "lower than raw", note)
    report("intelligibility", "categories where Masthead is not lower than raw", len(worse), "", "0", ", ".join(worse))
    if "pronunciations" in result:
        checks = result["pronunciations"]
        better = [term for term, raw, ours, _r, _o in checks if ours < raw]
        not_worse = [term for term, raw, ours, _r, _o in checks if ours <= raw]
        failing = [f"{term} ({raw}→{ours}, heard “{heard}”)" for term, raw, ours, _r, heard in checks if ours > raw]
        report(
            "intelligibility",
            "shipped pronunciations heard better than raw Piper",
            f"{len(better)} of {len(checks)}",
            "",
            "every entry lowers its word's error",
            f"{len(not_worse)} at least as good; worse: " + ("; ".join(failing) or "none"),
        )
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    # --sentences FILE: another sentence set (such as narration_sentences_heldout.tsv), without the entry checks.
    chosen = sys.argv[sys.argv.index("--sentences") + 1] if "--sentences" in sys.argv else None
    detail = run(
        lambda *row: print(" · ".join(str(value) for value in row)),
        pronunciations=chosen is None,
        sentences=chosen or SENTENCES,
    )
    if "-v" in sys.argv:
        for category, (raw, ours) in detail["samples"].items():
            print(f"\n## {category}")
            for (reference, raw_heard, raw_errors), (_ref, our_heard, our_errors) in zip(raw, ours, strict=True):
                if not (raw_errors or our_errors):
                    continue
                print(f"  said:    {reference}\n  raw  {raw_errors:2}: {raw_heard}\n  ours {our_errors:2}: {our_heard}")
        for term, raw, ours, raw_heard, our_heard in detail.get("pronunciations", []):
            print(f"{term}: raw {raw} “{raw_heard}” / ours {ours} “{our_heard}”")
