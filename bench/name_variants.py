"""Candidate pronunciations made from a Ukrainian name's romanisation, for `find_pronunciations --generate`.

The hand-written candidates in bench/data/pronunciation_candidates.tsv are
what a person guesses; this tries every syllable as the stressed one, with
full or reduced vowels in the others, and "kh" said as h or as k. It reads
the national romanisation (the spelling our names use: "Chernihiv",
"Zaluzhnyi"), letter groups first, and writes IPA in the voice's own
phoneme set, with the stress mark before the vowel as espeak puts it.
Our own rules, because no library maps this romanisation back to sounds an
English voice can say.
"""

import re
import sys

# Letter groups, longest first. Capital letters stand for vowels, said full or reduced by VOWELS.
SPELLINGS = [
    ("shch", "ʃtʃ"),
    ("kh", "{kh}"),
    ("zh", "ʒ"),
    ("ch", "tʃ"),
    ("sh", "ʃ"),
    ("yy", "I"),
    ("yi", "jI"),
    ("ia", "jA"),
    ("ya", "jA"),
    ("iu", "jU"),
    ("yu", "jU"),
    ("ie", "jE"),
    ("ye", "jE"),
    ("ii", "I"),
    ("iy", "I"),
    ("a", "A"),
    ("e", "E"),
    ("y", "Y"),
    ("i", "I"),
    ("o", "O"),
    ("u", "U"),
    ("g", "ɡ"),
    ("r", "ɹ"),
    *((letter, letter) for letter in "bvhdzklmnpstfj"),
]
# (stressed, unstressed) for each vowel, in two styles: full vowels throughout, or reduced when unstressed.
VOWELS = {
    "full": {"A": ("ɑː", "ɑ"), "E": ("ɛ", "ɛ"), "Y": ("ɪ", "ɪ"), "I": ("iː", "i"), "O": ("oʊ", "ɔ"), "U": ("uː", "u")},
    "reduced": {
        "A": ("ɑː", "ə"),
        "E": ("ɛ", "ə"),
        "Y": ("ɪ", "ɪ"),
        "I": ("iː", "ɪ"),
        "O": ("ɔː", "ə"),
        "U": ("uː", "ʊ"),
    },
}
VOWEL = re.compile(r"^(j?)([AEYIOU])$")


def _sounds(name):
    text, sounds, at = name.lower().replace("-", " "), [], 0
    while at < len(text):
        if text[at] == " ":
            sounds.append(" ")
            at += 1
            continue
        match = next(((letters, sound) for letters, sound in SPELLINGS if text.startswith(letters, at)), None)
        if match:
            sounds.append(match[1])
            at += len(match[0])
        else:
            at += 1  # an apostrophe (the soft sign) or a letter the romanisation does not use
    merged = []
    for sound in sounds:
        if not (merged and sound == merged[-1] and not VOWEL.match(sound)):  # "nn" is one n
            merged.append(sound)
    if len(merged) > 1 and merged[-1] == "jI":  # a final -yi after a consonant is an ending: "Syrskyi" is -ski
        merged[-1] = "I"
    return merged


def _spoken(sounds, stressed, style, kh):
    out, vowel = [], 0
    for sound in sounds:
        match = VOWEL.match(sound)
        if not match:
            out.append(sound.replace("{kh}", kh))
            continue
        full, reduced = VOWELS[style][match.group(2)]
        out.append(match.group(1) + ("ˈ" + full if vowel == stressed else reduced))
        vowel += 1
    return "".join(out).replace("ttʃ", "tʃ").replace("nk", "ŋk")


def variants(name):
    """IPA candidates for `name`: each syllable stressed in turn, in both vowel styles, kh as h and as k."""
    sounds = _sounds(name)
    syllables = sum(1 for sound in sounds if VOWEL.match(sound))
    khs = ("h", "k") if any("{kh}" in sound for sound in sounds) else ("h",)
    found = []
    for stressed in range(syllables):
        for style in VOWELS:
            for kh in khs:
                spoken = _spoken(sounds, stressed, style, kh)
                if spoken not in found:
                    found.append(spoken)
    return found


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name, " ".join(f"/{variant}/" for variant in variants(name)))
