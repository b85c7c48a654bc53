"""How news copy is read aloud: a table of examples (no voice needed)."""

import pytest

from masthead.narration.normalise import Lexicon, normalise


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # Dates
        ("Nov. 11", "November eleventh"),
        ("on Nov. 11, 2022 in Kyiv", "on November eleventh, twenty twenty two in Kyiv"),
        ("Sept. 3", "September third"),
        ("March 1st", "March first"),
        ("11 November 2022", "the eleventh of November twenty twenty two"),
        ("2024-02-24", "February twenty fourth, twenty twenty four"),
        ("in the 1990s", "in the nineteen nineties"),
        ("in the '80s", "in the eighties"),
        ("in 2005", "in two thousand five"),
        ("by 1905", "by nineteen oh five"),
        # Times
        ("1:39 PM", "one thirty nine [[pˌiːˈɛm]]"),  # as the voice says "p.m."; "pee em" was misheard
        ("at 10 a.m. on Monday", "at ten [[ˌeɪˈɛm]] on Monday"),
        ("at 9:05 p.m.", "at nine oh five [[pˌiːˈɛm]]."),
        ("the 25th of May.", "the twenty fifth of May."),
        ("Wages grew 5-6% this year", "Wages grew five to six percent this year"),
        ("A Su-25 and a T-72", "A S U twenty five and a T seventy two"),
        # Designations: three digits in two parts, whole hundreds as they are; a capital A is the letter.
        ("Kh-101 and S-300 missiles", "K H one oh one and S three hundred missiles"),
        ("M777 howitzers and a Shahed-136", "M seven seventy seven howitzers and a Shahed one thirty six"),
        ("a Ka-52 and an F16", "a K [[ˈeɪ]] fifty two and an F sixteen"),
        ("Leopard 2A6 tanks and an A320", "Leopard two [[ˈeɪ]] six tanks and an [[ˈeɪ]] three twenty"),
        ("1,200.5 tonnes and 4.5 points", "one thousand two hundred point five tonnes and four point five points"),
        ("the 3rd Assault Brigade", "the third Assault Brigade"),
        ("NATO, the OSCE and HIMARS", "Nato, the O S C E and [[hˈaɪmɑːɹz]]"),
        # A number and unit that describe a noun take the singular; "of" keeps the plural.
        ("a 2.5 m fence", "a two point five meter fence"),
        ("A 500 kg bomb", "A five hundred kilogram bomb"),
        ("a 500-kg bomb", "a five hundred kilogram bomb"),
        ("the 80 mm of rain", "the eighty millimeters of rain"),
        ("It is 2.5 m high", "It is two point five meters high"),
        ("1 t of grain", "one tonne of grain"),
        ("3-4 km away", "three to four kilometers away"),
        ("the 10-15 km stretch", "the ten to [[fˌɪftˈiːn]] kilometer stretch"),
        ("Write to tips@kyivledger.com", "Write to tips at kyivledger dot com"),
        ("See kyivledger.com/map", "See kyivledger dot com slash map"),
        ("on www.mfa.gov.ua", "on W W W dot M F [[ˈeɪ]] dot gov dot U [[ˈeɪ]]"),
        ("at 12:00 p.m. sharp", "at noon sharp"),
        ("at 13:45", "at thirteen forty five"),
        ("at 6.30 p.m. in the square", "at six thirty [[pˌiːˈɛm]] in the square"),
        ("at 11 a.m. Kyiv time", "at eleven [[ˌeɪˈɛm]] Kyiv time"),
        ("until 9 p.m. GMT", "until nine [[pˌiːˈɛm]] G M T"),
        ("at 3 a.m. Residents fled.", "at three [[ˌeɪˈɛm]]. Residents fled."),
        # Money
        ("$5", "five dollars"),
        ("$1", "one dollar"),
        ("$1.50", "one dollar and fifty cents"),
        ("$2.5 million", "two point five million dollars"),
        ("$3bn", "three billion dollars"),
        ("€40", "forty euros"),
        ("£1.2m", "one point two million pounds"),
        ("100 UAH", "one hundred hryvnias"),
        ("₴250", "two hundred fifty hryvnias"),
        ("C$500 million", "five hundred million Canadian dollars"),
        ("A$20m and NZ$5", "twenty million Australian dollars and five New Zealand dollars"),
        ("HK$1", "one Hong Kong dollar"),
        ("300 PLN or 40 CHF", "three hundred zlotys or forty Swiss francs"),
        ("CHF 2bn", "two billion Swiss francs"),
        ("5,000 RUB", "five thousand roubles"),
        ("100 JPY", "one hundred yen"),
        ("a $15.6bn loan", "a [[fˌɪftˈiːn]] point six billion dollar loan"),
        ("a $5 fee", "a five dollar fee"),
        ("from $75–$78 a barrel", "from seventy five to seventy eight dollars a barrel"),
        ("$2-3bn more", "two to three billion dollars more"),
        ("rose to $1.2B", "rose to one point two billion dollars"),
        ("enough for 1.5m homes", "enough for one point five million homes"),
        ("3m people fled", "three million people fled"),
        ("a 2m wall", "a two meter wall"),
        ("155mm shells", "one hundred fifty five millimeter shells"),
        ("won the 400m in 49 seconds", "won the four hundred meters in forty nine seconds"),
        ("rose 1.2 m as the rain fell", "rose one point two meters as the rain fell"),
        ("in 24 hrs", "in twenty four hours"),
        ("a 6 ft fence", "a six foot fence"),
        ("Call +380 44 123 4567 now", "Call plus three eight zero, four four, one two three, four five six seven now"),
        ("from 23:00 to 05:00", "from twenty three hundred hours to five [[ˌeɪˈɛm]]"),
        ("at 01:40", "at one forty [[ˌeɪˈɛm]]"),
        ("won 3:1 at home", "won three to one at home"),
        ("runs Sept. 5–Oct. 20", "runs September fifth to October twentieth"),
        ("on March 5-7 in Lviv", "on March fifth to seventh in Lviv"),
        ("on 5–7 March.", "on the fifth to the seventh of March."),
        ("in 2014–15", "in twenty [[fˌɔːɹtˈiːn]] to twenty [[fˌɪftˈiːn]]"),
        ("from 2022-2024", "from twenty twenty two to twenty twenty four"),
        ("slowed to 4% y/y", "slowed to four percent year on year"),
        ("since WWII", "since World War Two"),
        ("said on Mon. Then", "said on Monday. Then"),
        ("displaced ~4 million", "displaced about four million"),
        ("prices rose 2x", "prices rose two times"),
        ("a 4x4 truck", "a four by four truck"),
        ("A T-90M tank", "A T ninety M tank"),
        ("a Kh-47M2 missile", "a K H forty seven M two missile"),
        ("more F-16s", "more F sixteens"),
        ("UNHCR staff", "U N H C R staff"),
        ("ATACMS missiles", "Atacms missiles"),
        ("at 10.30 GMT today", "at ten thirty G M T today"),
        ("at 00:15 and 00:00", "at twelve [[fˌɪftˈiːn]] [[ˌeɪˈɛm]] and midnight"),
        ("on 03/04/2024 near", "on the third of April twenty twenty four near"),
        ("on 04/23/2024 near", "on the twenty third of April twenty twenty four near"),
        ("The EU's €90bn package", "The E U's ninety billion euro package"),
        ("to 2.1 million t of grain", "to two point one million tonnes of grain"),
        ("the UN's OCHA", "the U N's Ocha"),
        ("RFE/RL and he/she", "R F E R L and he or she"),
        ("error of ±3 points", "error of plus or minus three points"),
        ("Use #StandWithUkraine and #3", "Use hashtag Stand With Ukraine and number three"),
        ("Follow @KyivLedger now", "Follow at Kyiv Ledger now"),
        ("£99/year or 35 UAH/kg", "ninety nine pounds per year or thirty five hryvnias per kilogram"),
        ("Storm Shadow/SCALP and/or he/she", "Storm Shadow or Scalp and or he or she"),
        ("Kyiv/Kiev", "Kyiv or Kiev"),
        ("Resolution No. 1234 passed", "Resolution number one thousand two hundred thirty four passed"),
        ("About 3.7m IDPs", "About three point seven million I D P's"),
        ("It handled 60m t of cargo", "It handled sixty million tonnes of cargo"),
        ("the Commission's €50bn Ukraine Facility", "the Commission's fifty billion euro Ukraine Facility"),
        ("NABU and SAPO", "Nabu and Sapo"),
        ("TASS and RIA", "Tass and Ria"),
        ("fell to -5C", "fell to minus five degrees Celsius"),
        ("Group C and 5 C", "Group C and five C"),
        # Numbers and percentages
        ("1,200 people", "one thousand two hundred people"),
        ("3.5%", "three point five percent"),
        ("a 22nd round", "a twenty second round"),
        ("pages 10-20", "pages ten to twenty"),
        ("-5°C", "minus five degrees Celsius"),
        ("120 km away", "one hundred twenty kilometers away"),
        ("COVID-19", "Covid [[nˌaɪntˈiːn]]"),
        # Abbreviations
        ("Gen. Valerii Zaluzhnyi", "General Valerii Zaluzhnyi"),
        ("Gov. Smith", "Governor Smith"),
        ("Sen. Jones", "Senator Jones"),
        ("Dr. Lee", "Doctor Lee"),
        ("e.g. grain", "for example grain"),
        ("i.e. wheat", "that is wheat"),
        ("tanks, guns, etc. The end.", "tanks, guns, et cetera. The end."),
        ("St. Petersburg", "Saint Petersburg"),
        ("No. 10", "number ten"),
        ("World War II", "World War two"),
        ("Elizabeth II", "Elizabeth the second"),
        # Acronyms: letters, or words
        ("the U.S. and the U.K.", "the U S and the U K."),
        ("U.S. troops", "U S troops"),
        ("The U.S. Senate passed it.", "The U S Senate passed it."),
        ("He flew to the U.S. The talks began.", "He flew to the U S. The talks began."),
        ("the FBI", "the F B I"),
        ("WHO experts", "W H O experts"),
        ("NATO allies", "Nato allies"),
        ("UNESCO sites", "[[juːnˈɛskoʊ]] sites"),  # espeak reads "Unesco" as "un-ESS-co"
        ("the EU and the UN", "the E U and the U N"),
        ("AI tools", "[[ˈeɪ]] I tools"),
        ("MPs voted", "M P's voted"),
        ("AT&T", "[[ˈeɪ]] T and T"),
        ("the IAEA and a UAV", "the I [[ˈeɪ]] E [[ˈeɪ]] and a U [[ˈeɪ]] V"),
        # Typography
        ("“Quoted” — said", '"Quoted", said'),
        ("the Kyiv–Warsaw train – late again – left", "the Kyiv Warsaw train, late again, left"),
        ("starts at 0800 local time", "starts at eight [[ˌeɪˈɛm]] local time"),
        ("the FY2025 budget and FY25", "the F Y twenty twenty five budget and F Y twenty five"),
        ("the 2024/25 season", "the twenty twenty four to twenty twenty five season"),
        ("raised 500k, not a MiG-31K", "raised five hundred thousand, not a MiG thirty one K"),
        ("reached 40ºC", "reached forty degrees Celsius"),
        ("up 0.5pp on a year ago", "up zero point five percentage points on a year ago"),
        ("4.1 mln tonnes and 2 bn cubic metres", "four point one million tonnes and two billion cubic metres"),
        ("sentenced to 9 yrs", "sentenced to nine years"),
        (
            "due to start at 00.01, peaking at 18.30 local time",
            "due to start at twelve oh one [[ˌeɪˈɛm]], peaking at eighteen thirty local time",
        ),
        (
            "moved to the end of Feb. On Tues. the talks began.",
            "moved to the end of February. On Tuesday the talks began.",
        ),
        ("Bread rose 12c, or 1c a slice.", "Bread rose twelve cents, or one cent a slice."),
        (
            "a 3.5% p.a. rate; 5% p.a. The bank",
            "a three point five percent per annum rate; five percent per annum. The bank",
        ),
        ("2,500 sq. km", "two thousand five hundred square kilometers"),
        ("1/3 of homes, 3/4 of the budget", "one third of homes, three quarters of the budget"),
        ("open 24/7 since 9/11", "open twenty four seven since nine eleven"),
        ("Approx. 300 voted 4 vs 3", "Approximately three hundred voted four versus three"),
        ("the hall is 40x60 m", "the hall is forty by sixty meters"),
        ("The MoD and KfW signed an MoU.", "The M O D and K F W signed an M O U."),
        (
            "Residents of Donetsk Obl. left. Sumy Obl. Then more.",
            "Residents of Donetsk Oblast left. Sumy Oblast. Then more.",
        ),
        ("the talks—now in their third day—resumed", "the talks, now in their third day, resumed"),
        ("Tom &amp; Jerry", "Tom and Jerry"),
        # Ranges of times, ratios, counted Roman numerals, fractions, document numbers, degrees.
        ("open 9-11 a.m. and 2–4 p.m.", "open nine to eleven [[ˌeɪˈɛm]] and two to four [[pˌiːˈɛm]]."),
        ("open 10:00-18:00 daily", "open ten o'clock to eighteen hundred hours daily"),
        ("a ratio of 1:400, won 3:1", "a ratio of one to four hundred, won three to one"),
        ("Phase III, World War II, Pope Leo XIV", "Phase three, World War two, Pope Leo the [[fˌɔːɹtˈiːnθ]]"),
        ("½ of homes, 2½ hours, ¾ of it", "half of homes, two and a half hours, three quarters of it"),
        ("Decree No. 1234/2024", "Decree number one thousand two hundred thirty four slash twenty twenty four"),
        ("under Art. 111 of", "under Article one hundred eleven of"),
        ("a Ph.D. in law. Amb. Brink came", "a P H D in law. Ambassador Brink came"),
        ("the hashtag #StandWithUkraine", "the hashtag Stand With Ukraine"),
        # A number and unit before one describing word and a plural noun describe it; a phrase word ends that.
        (
            "120mm mortar rounds, 1.5m new homes",
            "one hundred twenty millimeter mortar rounds, one point five million new homes",
        ),
        ("every 15 min during the rush", "every [[fˌɪftˈiːn]] minutes during the rush"),
        ("rose 2 m above normal levels", "rose two meters above normal levels"),
        # Durations, counts with "+", local phone numbers, and more short forms.
        ("ran 2:06:34 to win", "ran two hours, six minutes and thirty four seconds to win"),
        ("runs 1h 52m, or about 2h", "runs one hour fifty two minutes, or about two hours"),
        (
            "1,000+ km and 120+ drones, rated 18+",
            "more than one thousand kilometers and more than one hundred twenty drones, rated [[ˌeɪtˈiːn]] plus",
        ),
        ("call 0 800 500 123", "call zero, eight zero zero, five zero zero, one two three"),
        ("or 044 123 4567", "or zero four four, one two three, four five six seven"),
        (
            "cut 50 bp; ₴2.2 trln; 2.3 MB",
            "cut fifty basis points; two point two trillion hryvnias; two point three megabytes",
        ),
        ("Art. 114-2, incl. fines", "Article one hundred [[fˌɔːɹtˈiːn]] dash two, including fines"),
        ("80 Shahed-136/131 drones", "eighty Shahed one thirty six or Shahed one thirty one drones"),
        ("S-300/400 systems", "S three hundred or S four hundred systems"),
        ("Sen. Lindsey Graham (R-S.C.) said", "Senator Lindsey Graham (Republican of South Carolina) said"),
        (
            "Rep. Ro Khanna (D-CA) and (I-Vt.)",
            "Representative Ro Khanna (Democrat of California) and (Independent of Vermont)",
        ),
        ("at vul. Khreshchatyk 22 and prosp. Peremohy", "at vulytsia Khreshchatyk twenty two and prospekt Peremohy"),
    ],
)
def test_news_copy_is_read_as_a_person_would(written, spoken):
    assert normalise(written) == spoken


def test_the_lexicon_wins_and_its_spoken_form_is_kept_as_written():
    lexicon = Lexicon([("Zelenskyy", "zeh-LEN-skee"), ("Kyiv", "Keev"), ("Volodymyr", "vo-lo-DY-myr")])
    spoken = normalise("Volodymyr Zelenskyy visited KYIV on Nov. 11.", lexicon)
    # "LEN" and "DY" are not spelled out as acronyms; matching ignores case.
    assert spoken == "vo-lo-dy-myr zeh-len-skee visited keev on November eleventh."


def test_the_lexicon_matches_whole_words_only():
    lexicon = Lexicon([("Lviv", "Lveev")])
    assert normalise("Lvivska street in Lviv", lexicon) == "Lvivska street in lveev"


def test_a_long_sentence_is_spoken_in_clauses_split_after_commas_or_else_between_words():
    from masthead.narration.engines import split_phonemes

    phonemes = list("aaaa bbbb, cccc dddd eeee, ffff.")
    pieces = split_phonemes(phonemes, 12)
    assert ["".join(piece) for piece in pieces] == ["aaaa bbbb,", "cccc dddd ", "eeee, ffff."]
    assert all(len(piece) <= 12 for piece in pieces)
    assert split_phonemes(list("short."), 12) == [list("short.")]


@pytest.mark.parametrize(
    "written, spoken",
    [
        # A teen is stressed on "teen", so it is not heard as the tens ("15" as "50", "3:15" as "3:50").
        ("approved 15 new bus routes", "approved [[fˌɪftˈiːn]] new bus routes"),
        ("gusts of 18 m/s", "gusts of [[ˌeɪtˈiːn]] meters per second"),
        ("at 3:15 a.m.", "at three [[fˌɪftˈiːn]] [[ˌeɪˈɛm]]."),
        ("the 13th week, on Nov. 19.", "the [[θˌɜːtˈiːnθ]] week, on November [[nˌaɪntˈiːnθ]]."),
        ("Seventeen people", "[[sˌɛvəntˈiːn]] people"),
        # Before another number word it begins a year or hundreds, stressed as the voice stresses it.
        ("in the 1960s and in 1905", "in the nineteen sixties and in nineteen oh five"),
        ("in 1919", "in nineteen [[nˌaɪntˈiːn]]"),
        # A designation keeps the voice's own reading, as does a word the teen is only part of.
        ("an F-16 for a 15-year-old", "an F sixteen for a fifteen-year-old"),
    ],
)
def test_teens_are_stressed_on_teen_except_in_years_and_designations(written, spoken):
    assert normalise(written) == spoken


def test_what_a_writer_types_is_never_spoken_as_phonemes_or_taken_for_a_placeholder():
    # "[[ … ]]" is the voice's phoneme block: only the lexicon and the rules write it.
    assert normalise("Visit [[Kyiv]] now.") == "Visit [Kyiv] now."
    assert "[[" not in normalise("Odd [[[ˈeɪ\x01]]] text") and "\x01" not in normalise("Odd [[ˈeɪ\x01]] text")
    # The private-use marks the rules protect their words with, typed into a story, are dropped, not looked up.
    assert normalise("A \ue000\ue105\ue001 mark on 5 May") == "A mark on the fifth of May"
    # The lexicon's own blocks still reach the voice.
    assert normalise("Kyiv", Lexicon([("Kyiv", "", "kˈiːjɪw")])).startswith("[[")
