"""import_ghost on the real Ghost 6.65 export of the editor's other cards (fixtures/ghost-cards, see
fixtures/README.md): what a reader of each story finds, and what the report says was not carried over."""

import pytest
from wagtail.documents import get_document_model

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage
from masthead.imports.models import ImportRecord

from .helpers import (
    CARDS_EXPORTED_AT,
    GHOST_CARDS_IMAGES,
    GHOST_CARDS_JSON,
    ImportedStoriesTests,
    blocks_of,
    links_in,
    run,
)

CARDS = "A night at the river market, card by card"


def import_cards():
    return run("import_ghost", GHOST_CARDS_JSON, "--images", GHOST_CARDS_IMAGES, at=CARDS_EXPORTED_AT)


class GhostCardsTests(ImportedStoriesTests):
    LEFTOVERS = ("kg-", "<script", "0:00", "1×", "Email sent!", "jamie@example.com")
    import_export = staticmethod(import_cards)

    def test_every_card_s_text_is_there_in_order(self):
        _page, body = self.story(CARDS)
        text = " ".join(body.get_text(" ").split())
        in_order = [
            "Traders at the Rybalskyi river market start at four.",
            "💡 The market is open every day but Monday",  # callout
            "Where is the market?",  # toggle: its heading, then its content
            "On the left bank, under the Pivdennyi bridge",
            "Rybalskyi market: a history",  # bookmark: title, description
            "How a fish market became the city’s night market.",
            "Send us your market photos",  # button
            "The night shift",  # header
            "Four hours before the city wakes",
            "Read the series",
            "Crates stacked by five.",  # the image card's caption
            "Nobody haggles before seven.",  # the alternative quote style
            "The river market map",  # product: its title, its stars in words, its description
            "Rating: 4 out of 5",
            "A printed map of every stall",
            "Buy the map",
            "def opening_hours(day):",  # code
            "Prices checked on 2 December",  # markdown
            "Market phone line",  # HTML card
            "Thanks for being a subscriber",  # an HTML card shown to members only
            "Four a.m. at the river market: the first crates of perch are in.",  # the embedded post's text
            "By eleven the stalls are folded away.",
        ]
        positions = [text.find(words) for words in in_order]
        self.assertNotIn(-1, positions, text)
        self.assertEqual(positions, sorted(positions))
        self.assert_clean(body)

    def test_buttons_bookmarks_and_embeds_are_links_with_their_addresses(self):
        page, body = self.story(CARDS)
        links = links_in(body)
        self.assertEqual(links["Rybalskyi market: a history"], "https://example.org/markets/rybalskyi")
        self.assertEqual(links["Send us your market photos"], "https://example.org/send-photos")
        self.assertEqual(links["Read the series"], "https://example.org/night-shift")
        self.assertEqual(links["Buy the map"], "https://example.org/shop/map")
        self.assertEqual(links["our method"], "https://example.org/method")
        self.assertEqual(links["044 123 45 67"], "tel:+380441234567")
        tweet = "https://twitter.com/example/status/1600000000000000000"
        self.assertEqual(links[tweet], tweet)
        quote = next(q for q in blocks_of(page, "quote") if "perch" in q["quote"])
        self.assertEqual(quote["attribution"], "Example Newsroom (@example) December 2, 2026")
        # the image card and the product's image; the bookmark's icon and thumbnail are the other site's
        self.assertEqual(
            [image["alt_text"] for image in blocks_of(page, "image")], ["A market stall with crates of vegetables", ""]
        )
        self.assertNotIn("Image https://example.org/", self.output)

    def test_the_report_names_what_was_not_carried_over(self):
        for message in (
            "A newsletter sign-up form (“Sign up for Anchor Ghost”) was left out: the sign-up forms are in every "
            "story's sidebar.",
            'A part written for the newsletter email only was left out: “Hey {first_name, "there"}, this part is '
            "only in the newsletter”.",
            "A part written for the newsletter email only was left out: “Forward this email to a friend who shops "
            "at the market”.",
            "A part Ghost showed to members (free and paid) only is public now: “Thanks for being a subscriber: "
            "members get the stall map in print”.",
            "The link on an image (to https://example.org/markets/photos) was not kept: an image in the body cannot "
            "link.",
            "The embed https://twitter.com/example/status/1600000000000000000 is kept as a link: the body shows "
            "videos from YouTube and Vimeo only.",
        ):
            self.assertIn(f"“{CARDS}”: {message}", self.output)
        _page, body = self.story(CARDS)
        self.assertNotIn("only in the newsletter", body.get_text())  # never shown on the web, so not now either

    def test_video_and_audio_cards_play_with_their_captions_and_the_file_card_links_to_its_file(self):
        page, body = self.story("Sounds of the night shift")
        self.assert_night_shift_players(body)
        # The video card's own thumbnail (an image of the export's images) is the player's poster.
        poster = blocks_of(page, "media")[0]["poster"]
        self.assertEqual(poster.title, "river-dnipro")  # content/images/2026/12/river-dnipro.jpg
        video = body.select_one("figure.media-block video")
        self.assertRegex(video["poster"], r"/images/river-dnipro[^/]*\.webp$")
        link = links_in(body)["Council budget 2027"]
        self.assertRegex(link, r"^/documents/\d+/council-budget-2027")
        self.assertEqual(self.client.get(link).status_code, 200)
        self.assertIn("The summary the council published", body.get_text())
        self.assert_clean(body)

    def test_a_members_only_post_is_public_and_the_report_says_where_the_paywall_was(self):
        _page, body = self.story("The budget, line by line")
        text = body.get_text()
        self.assertIn("The council published its 2027 budget", text)
        self.assertIn("For members: the transport line grows by a fifth", text)
        self.assertIn("Two new trains, and night service on Fridays.", text)
        self.assertIn(
            "“The budget, line by line”: From “For members: the transport line grows by a fifth, the parks line …” "
            "on it was for members (free and paid) only; Masthead has no paywall, so all of it is public now.",
            self.output,
        )

    def test_a_second_import_changes_nothing(self):
        counts = (ArticlePage.objects.count(), ImportRecord.objects.count(), get_document_model().objects.count())
        output = import_cards()
        self.assertIn("Imported: 0 created, 0 updated, 6 unchanged, 0 skipped", output)
        self.assertEqual(
            (ArticlePage.objects.count(), ImportRecord.objects.count(), get_document_model().objects.count()), counts
        )
        self.assertEqual(counts[2], 3)  # the video, the audio and the PDF, each once


@pytest.mark.django_db
def test_the_command_line_takes_ghost_s_whole_content_folder_as_the_images_folder():
    make_site()
    content = GHOST_CARDS_IMAGES.parent  # images/, media/ and files/, as the admin's zip of the content folder
    output = run("import_ghost", GHOST_CARDS_JSON, "--images", content, "--dry-run", at=CARDS_EXPORTED_AT)
    assert "Would import: 6 created" in output
    # The images (the image card's, the product's), the audio, the video and the PDF are all found.
    assert "is missing" not in output
    assert "is not in the folder given" not in output
