"""What is read aloud for an article, in order, and the key that says whether it changed.

Headline, "By" and the byline, standfirst, then the body's text blocks
(paragraphs, subheadings, quotes, and a poem's lines). Captions, credits, embeds, audio and video are not read, nor
code or other preformatted text: read aloud, code is symbols and a listing's columns lose what lines them up, so a
listener hears nothing of them rather than noise (the page has them).
"""

import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from masthead.core.i18n import language_of

from . import conf
from .audio import AUDIO_FORMAT
from .engines import voice_identity
from .normalise import Lexicon, normalise

# Bump when the way scripts are built or spoken changes in a way the text does not show (2: the punctuation
# around a [[ … ]] block is spoken, engines.phonemize; 3: a past tense's last sound is audible before a consonant,
# engines.audible_endings).
SCRIPT_VERSION = 3


@dataclass(frozen=True)
class Segment:
    part: str
    text: str
    block: int | None = None


def load_lexicon():
    from .models import LexiconEntry

    return Lexicon(LexiconEntry.objects.spoken().values_list("term", "spoken", "phonemes", "match_case", "scope"))


def rich_text_to_plain(source):
    """Readable text of a rich-text paragraph: list items and line breaks become sentence ends."""
    text = re.sub(r"<br\s*/?>", "\n", source)
    text = re.sub(r"</(p|li|h\d|blockquote)>", "\n", text)
    lines = [html.unescape(strip_tags(line)).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    return (
        " ".join(line if line[-1] in ".!?:;\"'”’" else line + "." for line in lines)
        if len(lines) > 1
        else "".join(lines)
    )


def verse_to_plain(text):
    """A poem's lines as one paragraph to speak: each line end a pause (a comma where the line has no punctuation of
    its own), each stanza a sentence."""
    spoken = []
    for stanza in re.split(r"\n\s*\n", text.strip()):
        lines = [" ".join(line.split()) for line in stanza.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        joined = [line if line[-1] in ",;:.!?\"'”’»…—–-" else line + "," for line in lines[:-1]]
        last = lines[-1]
        joined.append(last if last[-1] in ".!?\"'”’»…" else last.rstrip(",;:—–-") + ".")
        spoken.append(" ".join(joined))
    return " ".join(spoken)


def byline_text(article):
    names = [credit.contributor.name for credit in article.byline.all() if credit.contributor_id]
    if not names:
        return ""
    if len(names) == 1:
        listed = names[0]
    else:
        listed = _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    return _("By %(names)s") % {"names": listed}


def source_parts(article):
    """[(part, block index or None, plain text)] before normalisation."""
    parts = [("headline", None, article.title)]
    byline = byline_text(article)
    if byline:
        parts.append(("byline", None, byline))
    if article.standfirst.strip():
        parts.append(("standfirst", None, article.standfirst))
    for index, block in enumerate(article.body):
        if block.block_type == "paragraph":
            parts.append(("paragraph", index, rich_text_to_plain(block.value.source)))
        elif block.block_type == "subheading":
            parts.append(("subheading", index, str(block.value)))
        elif block.block_type == "quote":
            quote = block.value["quote"].strip()
            attribution = (block.value.get("attribution") or "").strip()
            if attribution and quote:
                quote = quote if quote[-1] in ".!?\"'”’" else quote + "."
                quote = f"{quote} {attribution}."
            parts.append(("quote", index, quote))
        elif block.block_type == "preformatted" and block.value["kind"] == "verse":
            parts.append(("paragraph", index, verse_to_plain(block.value["text"])))
    return [(part, block, text) for part, block, text in parts if text and text.strip()]


def build_script(article, lexicon=None):
    """The article's spoken script: a list of Segments, normalised and with the lexicon applied."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    segments = []
    # "By …" and the like in the article's own language, whatever the caller's is.
    with translation.override(language_of(article.locale_id)):
        parts = list(source_parts(article))
    for part, block, text in parts:
        spoken = normalise(text, lexicon, part)
        if spoken:
            segments.append(Segment(part=part, text=spoken, block=block))
    return segments


def script_key(segments, voice_id):
    """sha256 of the normalised script, the voice and the engine version: same key, same audio."""
    payload = {
        "script": [asdict(segment) for segment in segments],
        "voice": voice_identity(voice_id),
        "format": AUDIO_FORMAT,
        "bitrate": conf.bitrate_kbps(),
        "version": SCRIPT_VERSION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def script_text(segments):
    return "\n\n".join(segment.text for segment in segments)
