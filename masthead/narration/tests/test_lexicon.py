"""The pronunciation lexicon: phonemes and respellings with the real Piper voice, the sample, the shipped list."""

import io
import re
import unicodedata

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from masthead.core.testing import user_in
from masthead.narration import services
from masthead.narration.audio import mp3_info
from masthead.narration.engines import voice_phonemes
from masthead.narration.models import LexiconEntry, Narration
from masthead.narration.normalise import Lexicon, normalise
from masthead.narration.pronunciations import PRONUNCIATIONS, load_pronunciations

pytestmark = pytest.mark.django_db

LETTER_H = "eɪtʃ"  # how the voice says the letter "H"


def test_a_phoneme_entry_changes_the_audio_and_the_narration_key(publish_article, run_commit_hooks):
    article = publish_article(body=["Trains left Odesa on time."])
    before = Narration.objects.get(article=article)

    run_commit_hooks(LexiconEntry.objects.create, term="Odesa", phonemes="oʊdˈɛsə")
    after = Narration.objects.get(article=article)
    assert after.state == Narration.State.READY
    assert after.key != before.key
    assert after.audio.name != before.audio.name  # new audio, under a new content-hashed name
    assert "[[oʊdˈɛsə]]" in after.script


def test_a_respelling_with_capitals_is_read_as_a_word_not_spelled_out():
    lexicon = Lexicon([("Odesa", "Oh-DEH-sah")])
    spoken = normalise("Trains left Odesa.", lexicon)
    assert "oh-deh-sah" in spoken
    # Written as the editor typed it, the voice would spell "DEH" out: "dee ee aitch".
    assert LETTER_H in voice_phonemes("Oh-DEH-sah")
    assert LETTER_H not in voice_phonemes(spoken)


def test_punctuation_after_a_phoneme_entry_is_kept_and_a_possessive_is_said_as_one_word():
    lexicon = Lexicon([("Kuleba", "", "kuːlˈɛbɐ", False, "")])
    spoken = normalise("The minister, Kuleba, left. Kuleba’s plan failed at 3 a.m. Talks went on.", lexicon)
    assert spoken == ("The minister, [[kuːlˈɛbɐ]], left. [[kuːlˈɛbɐz]] plan failed at three [[ˌeɪˈɛm]]. Talks went on.")
    # Piper itself drops the comma and the full stop after a [[ … ]] block and runs the sentences together; the
    # voice says every comma, and a block that starts or ends a sentence is a sentence of its own.
    assert voice_phonemes(spoken) == (
        "ðə mˈɪnɪstɚ, kuːlˈɛbɐ, lˈɛft. kuːlˈɛbɐz plˈæn fˈeɪld æt θɹˈiː ˌeɪˈɛm. tˈɔːks wɛnt ˈɔn."
    )
    from masthead.narration.engines import get_engine, phonemize

    sentences = phonemize(get_engine().voice, spoken)
    assert [unicodedata.normalize("NFC", "".join(sentence)).split()[-1] for sentence in sentences] == [
        "lˈɛft.",
        "ˌeɪˈɛm.",
        "ˈɔn.",
    ]


def test_a_past_tense_before_a_consonant_keeps_its_last_sound_and_the_bench_raw_side_does_not(monkeypatch):
    from masthead.narration.engines import get_engine
    from masthead.narration.intelligibility import raw_piper_audio

    text = "The army moved more troops. Police searched the office, then left. The ministry reported fewer cases."
    # The voice alone (what an editor compares an entry with, and the bench's raw side) says the text as written.
    assert voice_phonemes(text) == (
        "ðɪʲ ˈɑːɹmi mˈuːvd mˈɔːɹ tɹˈuːps. pəlˈiːs sˈɜːtʃt ðɪʲ ˈɑːfɪs, ðˈɛn lˈɛft. "
        "ðə mˈɪnɪstɹi ɹᵻpˈɔːɹɾᵻd fjˈuːɚ kˈeɪsᵻz."
    )
    # The narration gives "moved" and "searched" their last stop twice, so it is heard; "reported" is its own
    # syllable, which the voice says, and "left" is not a past tense written "-ed".
    assert voice_phonemes(text, narration=True) == (
        "ðɪʲ ˈɑːɹmi mˈuːvdd mˈɔːɹ tɹˈuːps. pəlˈiːs sˈɜːtʃtt ðɪʲ ˈɑːfɪs, ðˈɛn lˈɛft. "
        "ðə mˈɪnɪstɹi ɹᵻpˈɔːɹɾᵻd fjˈuːɚ kˈeɪsᵻz."
    )
    # Before a vowel or a pause, and inside a phoneme entry, nothing changes.
    unchanged = "Schools reopened on Monday. It was cancelled, then [[tɹˈiːtɪd]] moved."
    assert voice_phonemes(unchanged, narration=True) == voice_phonemes(unchanged)
    # What reaches the voice model: the narration's audio has the held stop, the bench's raw side has not.
    engine = get_engine()
    given = []
    monkeypatch.setattr(engine.voice, "phonemes_to_ids", lambda phonemes: given.append("".join(phonemes)) or [])
    monkeypatch.setattr(engine.voice, "phoneme_ids_to_audio", lambda ids, config: np.zeros(10, dtype=np.float32))
    list(engine.sentences("Prices dropped sharply."))
    raw_piper_audio(engine, "Prices dropped sharply.")
    assert [unicodedata.normalize("NFC", phonemes) for phonemes in given] == [
        "pɹˈaɪsᵻz dɹˈɑːptt ʃˈɑːɹpli.",
        "pɹˈaɪsᵻz dɹˈɑːpt ʃˈɑːɹpli.",
    ]


def test_case_sensitive_entries_match_only_that_spelling_and_scoped_entries_only_their_part():
    lexicon = Lexicon([("US", "", "jˈuːˈɛs", True, ""), ("Marchenko", "mar-chen-ko", "", False, "byline")])
    assert "[[" in normalise("The US agreed.", lexicon)
    assert "[[" not in normalise("Tell us more.", lexicon)
    assert "mar-chen-ko" in normalise("By Olena Marchenko", lexicon, part="byline")
    assert "mar-chen-ko" not in normalise("Marchenko said so.", lexicon, part="paragraph")


def test_an_entry_needs_a_respelling_or_phonemes_the_voice_knows():

    with pytest.raises(ValidationError, match="respelling or phonemes"):
        LexiconEntry(term="Odesa").full_clean()
    with pytest.raises(ValidationError, match="does not know these symbols: Ж"):
        LexiconEntry(term="Odesa", phonemes="oʊЖ").full_clean()
    LexiconEntry(term="Odesa", phonemes="oʊdˈɛsə").full_clean()


def test_a_respelling_the_voice_would_read_as_a_letter_is_refused_with_a_way_out():
    """Real voice: "Shmihal" starts "ess aitch", "Hriv-nyah" "aitch"; "Shmihal" with phonemes, or "Oh-DEH-sah", pass."""

    with pytest.raises(ValidationError, match="“shmihal” as the letter S") as refused:
        LexiconEntry(term="Shmyhal", spoken="Shmihal").full_clean()
    assert "give phonemes" in str(refused.value)
    with pytest.raises(ValidationError, match="“hriv” as the letter H"):
        LexiconEntry(term="hryvnia", spoken="HRIV-nyah").full_clean()
    LexiconEntry(term="hryvnia", spoken="HRIVnyah").full_clean()  # joined, the voice says "hriv" as a syllable
    with pytest.raises(ValidationError, match="“t” on its own as the letter T"):
        LexiconEntry(term="Tkachuk", spoken="T-kah-CHOOK").full_clean()
    LexiconEntry(term="Shmyhal", spoken="Shmihal", phonemes="ʃmˈɪhəl").full_clean()
    LexiconEntry(term="Odesa", spoken="Oh-DEH-sah").full_clean()


@pytest.mark.parametrize("spoken", ["---", "KEEV-123", "Київ", "Kee/yiv", " "])
def test_a_respelling_that_is_not_letters_is_refused_in_words(spoken):
    """Digits are read as numbers and another script's letters by their names (or not at all)."""

    with pytest.raises(ValidationError) as refused:
        LexiconEntry(term="Kyiv", spoken=spoken).full_clean()
    message = str(refused.value)
    assert "letters a to z" in message or "respelling or phonemes" in message
    LexiconEntry(term="Kyiv", spoken="Kyiv", phonemes="kˈiːjɪv").full_clean()  # phonemes win; the respelling is a note
    LexiconEntry(term="O'Neill", spoken="oh NEEL").full_clean()


def test_the_demo_and_shipped_pronunciations_are_all_read_as_sounds():
    from masthead.articles.demo_content import LEXICON

    for data in LEXICON:
        LexiconEntry(term=data["term"], spoken=data.get("spoken", ""), phonemes=data.get("phonemes", "")).full_clean()
    for data in PRONUNCIATIONS:
        LexiconEntry(term=data["term"], phonemes=data["phonemes"]).full_clean()


def test_the_sample_answers_audio_to_an_editor_and_403_to_a_writer(client):
    url = "/admin/narration/lexicon/sample/"
    form = {"term": "Odesa", "spoken": "", "phonemes": "oʊdˈɛsə"}
    client.force_login(user_in("Editors", "editors"))
    response = client.post(url, form)
    assert response.status_code == 200 and response["Content-Type"] == "audio/mpeg"
    assert mp3_info(response.content).duration_seconds > 0.5
    assert response["X-Voice-Phonemes"]  # what the voice says without the entry
    assert (
        client.post(url, {"term": "Odesa", "phonemes": "oʊЖ"})
        .content.decode()
        .startswith("The voice does not know these symbols")
    )

    # What Save refuses is not played either, with the same words: a respelling the voice reads with a letter's
    # name, letters it cannot read, a term with nothing to match.
    refused = client.post(url, {"term": "Shmyhal", "spoken": "SHMI-hal"})
    assert refused.status_code == 400 and "as the letter S" in refused.content.decode()
    saved = LexiconEntry(term="Shmyhal", spoken="SHMI-hal")
    with pytest.raises(ValidationError) as said:
        saved.full_clean()
    assert refused.content.decode() in said.value.message_dict["spoken"]
    for typed in ({"term": "Kyiv", "spoken": "KEEV-123"}, {"term": "Kyiv", "spoken": "КИЇВ"}):
        assert client.post(url, typed).content.decode().startswith("Write a respelling in the letters a to z")
    assert client.post(url, {"term": "(", "spoken": "open"}).content.decode() == (
        "Write the word or name as articles spell it: it has no letter or digit."
    )
    with pytest.raises(ValidationError):
        LexiconEntry(term="(", spoken="open").full_clean()

    client.force_login(user_in("Writers", "writers"))
    assert client.post(url, form).status_code == 403


@pytest.mark.parametrize(
    "form", [{"term": "Ode\x00sa", "spoken": "Oh-DEH-sah"}, {"term": "Odesa", "spoken": "Oh\x00DEH"}]
)
def test_the_sample_refuses_a_null_character_with_a_clear_message(client, form):
    # The voice's phonemiser raises ValueError on one (a 500); the entry's own form refuses it on saving.
    client.force_login(user_in("Editors", "editors"))

    response = client.post("/admin/narration/lexicon/sample/", form)

    assert response.status_code == 400
    assert response.content.decode() == (
        "The text has a null character (an invisible one copied text can carry): delete it and try again."
    )


@pytest.mark.parametrize(
    "phonemes, refused",
    [
        ("ˈ", "The phonemes have no sound in them"),  # a stress mark alone: the word went silent
        ("ː.", "The phonemes have no sound in them"),
        ("kuːl$^lˈeɪbə", "does not know these symbols: $ ^"),  # Piper's end and start of a sentence
        ("kuːl_ˈeɪbə", "does not know these symbols: _"),  # and its padding
        ("]] Hello [[", "does not know these symbols: H [ ]"),
        ("kuː\x01lˈeɪbə", "does not know these symbols: \x01"),
    ],
)
def test_phonemes_that_are_no_sound_or_the_voices_own_marks_are_refused_by_save_and_by_the_sample(
    client, phonemes, refused
):
    client.force_login(user_in("Editors", "editors"))

    sample = client.post("/admin/narration/lexicon/sample/", {"term": "Kuleba", "phonemes": phonemes})

    assert sample.status_code == 400 and refused in sample.content.decode()
    with pytest.raises(ValidationError) as said:
        LexiconEntry(term="Kuleba", phonemes=phonemes).full_clean()
    assert said.value.message_dict["phonemes"] == [sample.content.decode()]


@pytest.mark.parametrize(
    "form, refused",
    [
        ({"term": "K" * 121, "spoken": "kay"}, "“Word or name” is longer than 120 characters"),
        ({"term": "Kuleba", "spoken": "koo-leh-bah " * 17}, "“Say it as” is longer than 200 characters"),
        ({"term": "Kuleba", "phonemes": "kuːlˈeɪbə " * 21}, "“Phonemes (IPA)” is longer than 200 characters"),
    ],
)
def test_the_sample_refuses_what_is_too_long_to_save_instead_of_playing_it_cut_short(client, form, refused):
    client.force_login(user_in("Editors", "editors"))

    response = client.post("/admin/narration/lexicon/sample/", form)

    assert response.status_code == 400
    assert response.content.decode() == f"{refused}: shorten it, as saving the entry asks too."


def test_the_shipped_pronunciations_load_idempotently_and_keep_what_editors_changed():
    assert PRONUNCIATIONS, "Masthead ships pronunciations"
    added, updated, removed, kept = load_pronunciations()
    assert (added, updated, removed, kept) == (len(PRONUNCIATIONS), 0, 0, 0)
    assert LexiconEntry.objects.filter(shipped=True).count() == len(PRONUNCIATIONS)

    first = LexiconEntry.objects.get(term=PRONUNCIATIONS[0]["term"])
    first.phonemes = "ɐbˈɐ"
    first.shipped = False  # an editor changed it
    first.save()
    call_command("load_pronunciations", stdout=open("/dev/null", "w"))
    assert LexiconEntry.objects.count() == len(PRONUNCIATIONS)
    assert LexiconEntry.objects.get(pk=first.pk).phonemes == "ɐbˈɐ"
    assert load_pronunciations() == (0, 0, 0, len(PRONUNCIATIONS))


def test_an_entry_a_release_no_longer_ships_is_removed_unless_an_editor_made_it_their_own():
    # An earlier release shipped "Oleg" for Oleh and "Sergei" for Serhiy, and other phonemes for Kuleba.
    LexiconEntry.objects.create(term="Oleh", phonemes="ˈoʊləɡ", shipped=True)
    LexiconEntry.objects.create(term="Serhiy", phonemes="sˈɛɹɡeɪ", shipped=True)
    LexiconEntry.objects.create(term="Kuleba", phonemes="kjʊlˈiːbə", shipped=True)
    LexiconEntry.objects.create(term="Mazur", phonemes="mˈɑːzɔːɹ", shipped=False)  # an editor's
    out = io.StringIO()
    call_command("load_pronunciations", stdout=out)
    assert "2 no longer shipped removed" in out.getvalue()
    assert not LexiconEntry.objects.filter(term__in=["Oleh", "Serhiy"]).exists()
    kuleba = next(entry for entry in PRONUNCIATIONS if entry["term"] == "Kuleba")
    assert LexiconEntry.objects.get(term="Kuleba").phonemes == kuleba["phonemes"] != "kjʊlˈiːbə"
    assert LexiconEntry.objects.get(term="Mazur").phonemes == "mˈɑːzɔːɹ"


def test_a_writer_may_only_propose_an_entry_which_is_not_spoken_until_an_editor_approves_it(client, desk):
    from masthead.narration.script import load_lexicon

    writer = user_in("Writers", "writers")
    assert not writer.has_perm("narration.change_lexiconentry")
    client.force_login(writer)
    response = client.post(
        "/admin/snippets/narration/lexiconentry/add/",
        {"term": "Kyiv", "spoken": "writer was here", "phonemes": "", "scope": "", "note": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = LexiconEntry.objects.get(term="Kyiv")
    assert not proposal.approved
    assert "writer was here" not in normalise("Kyiv", load_lexicon())
    assert client.get(f"/admin/snippets/narration/lexiconentry/edit/{proposal.pk}/").status_code in (302, 403)

    client.force_login(user_in("Editors", "editors"))
    response = client.post(
        f"/admin/snippets/narration/lexiconentry/edit/{proposal.pk}/",
        {"term": "Kyiv", "spoken": "keev", "phonemes": "", "scope": "", "note": "", "approved": "on"},
    )
    assert response.status_code == 302
    assert normalise("Kyiv", load_lexicon()) == "keev"


def test_a_term_in_most_articles_is_held_back_from_re_narration_until_an_editor_confirms(
    desk, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from masthead.articles import factories as f
    from masthead.core import queues

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": queues.QUEUES}}
    settings.MASTHEAD_NARRATION_LEXICON_BROAD_MINIMUM = 2
    for number in range(4):
        f.make_article(desk["section"], f"Story {number}", body=["The ships left the port."])
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        entry = LexiconEntry.objects.create(term="the", spoken="thee")
    [task] = DBTaskResult.objects.filter(task_path__endswith="renarrate_terms")
    assert (task.queue_name, task.priority) == (queues.NARRATION, queues.NARRATION_BULK)
    assert task.task.call(*task.args_kwargs["args"]) == 0  # nothing queued
    entry.refresh_from_db()
    assert entry.renarration_said().startswith("Held back: “the” is in 4 of 4 published articles.")
    assert not DBTaskResult.objects.filter(task_path__endswith="narrate_article").exists()

    entry.confirm_broad = True
    entry.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.renarrate_for_lexicon(["the"]) == 4
    narrations = DBTaskResult.objects.filter(task_path__endswith="narrate_article")
    assert narrations.count() == 4 and {task.priority for task in narrations} == {queues.NARRATION_BULK}


def test_a_term_already_in_the_lexicon_is_refused_in_words_with_what_was_typed_kept(client, desk):
    LexiconEntry.objects.create(term="Kyivstar", spoken="KEEV-star")
    client.force_login(user_in("Editors", "editors"))

    response = client.post(
        "/admin/snippets/narration/lexiconentry/add/",
        {"term": "KYIVSTAR", "spoken": "KEEV-stahr", "phonemes": "", "scope": "", "note": "the operator"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is already a pronunciation for this word or name (capitals aside): edit that one instead." in page
    assert "narration_lexicon_term_unique_ci" not in page
    assert 'value="KEEV-stahr"' in page and 'value="the operator"' in page
    assert LexiconEntry.objects.get().spoken == "KEEV-star"


def test_the_lexicon_list_says_what_re_narration_did_in_the_editors_language_and_the_newsrooms_time(client, desk):
    from datetime import UTC, datetime

    import time_machine
    from wagtail.users.models import UserProfile

    from masthead.articles import factories as f

    f.make_article(desk["section"], "Trams in Kyiv", body=["Kyiv trams ran late."])
    f.make_article(desk["section"], "Bridges of Kyiv", body=["Kyiv has many bridges."])
    LexiconEntry.objects.create(term="Kyiv", spoken="keev")
    # The worker runs the task in English and in UTC: 13:49 UTC is 15:49 in Kyiv.
    with time_machine.travel(datetime(2026, 12, 6, 13, 49, tzinfo=UTC), tick=False):
        services.renarrate_for_lexicon(["Kyiv"])
    editor = user_in("Editors", "olena")
    client.force_login(editor)

    english = client.get("/admin/snippets/narration/lexiconentry/").content.decode()
    assert "Re-narration queued Dec. 6, 2026, 3:49 p.m.: 2 published articles mention it." in english

    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "uk"})
    ukrainian = client.get("/admin/snippets/narration/lexiconentry/").content.decode()
    assert "Переозвучення поставлено в чергу 06 грудня 2026 р. 15:49: про це йдеться в 2 опублікованих статтях." in (
        ukrainian
    )
    assert "published articles" not in ukrainian
    headings = re.findall(r"<th[^>]*>\s*(?:<a[^>]*>)?\s*([^<]+?)\s*<", ukrainian)
    assert "Схвалено" in headings and "Approved" not in headings, headings  # every column heading in Ukrainian
