"""The intelligibility bench compares words fairly: a time, a number or "a.m." written any of the ways
Whisper writes it counts as the same words for raw Piper and for Masthead alike."""

import pytest

from masthead.narration.intelligibility import comparable_words, word_errors


@pytest.mark.parametrize(
    ("written", "heard"),
    [
        ("The sirens sounded at 3:15 a.m.", "The sirens sounded at 3.15 am"),
        ("The press conference starts at 10 a.m.", "The press conference starts at 10am"),
        ("Trains will run until 11:30 p.m.", "Trains will run until 11.30pm"),
        ("The minister spoke at 7:45 a.m.", "the minister spoke at seven forty-five a m"),
        ("Voting stations close at 8 p.m.", "Voting stations close at 8 PM."),
        ("It was the 3rd Assault Brigade.", "It was the third assault brigade."),
    ],
)
def test_the_same_words_written_another_way_are_no_error(written, heard):
    assert word_errors(comparable_words(written), comparable_words(heard)) == 0


def test_a_wrong_time_or_a_decimal_number_still_counts():
    assert word_errors(comparable_words("at 3:15 a.m."), comparable_words("at 3.50 am")) == 1
    # A decimal that is not followed by a.m. or p.m. stays a number ("two point five").
    assert comparable_words("2.5 percent") == ["two", "point", "five", "percent"]
