"""import_wordpress on the real WordPress 6.1.9 export of the block editor's other blocks and the classic
shortcodes (fixtures/wordpress-blocks, see fixtures/README.md): what a reader of each story finds."""

import re

import pytest
from wagtail.documents import get_document_model

from masthead.articles.factories import make_site
from masthead.articles.models import ArticlePage
from masthead.imports.models import ImportRecord

from .helpers import (
    CARDS_EXPORTED_AT,
    UPLOADS_BLOCKS,
    WXR_BLOCKS,
    ImportedStoriesTests,
    blocks_of,
    body_of,
    links_in,
    one_post_wxr,
    run,
)


def import_blocks():
    return run("import_wordpress", WXR_BLOCKS, "--uploads", UPLOADS_BLOCKS, at=CARDS_EXPORTED_AT)


class WordPressBlocksTests(ImportedStoriesTests):
    LEFTOVERS = ("<!-- wp:", "wp:", "[audio", "[video", "[gallery", "[contact-form-7")
    import_export = staticmethod(import_blocks)

    def assert_clean(self, body):
        super().assert_clean(body)
        # The file block's "Download" button is left out; a player's own download link is the body's.
        for link in body.select(".media-block__download"):
            link.extract()
        self.assertNotIn("Download", str(body))

    def test_layout_blocks_keep_their_text_in_reading_order(self):
        page, body = self.story("The river market, laid out")
        text = " ".join(body.get_text(" ").split())
        in_order = [
            "Four hours on the river",  # the cover's text
            "Before dawn",  # the first column
            "The fish arrives first",
            "After dawn",  # the second column
            "Vegetables follow",
            "A group holds this paragraph.",
            "Crates are stacked by five",  # media & text
            "Send us your market photos",  # the button
            "Nobody haggles before seven.",  # the pullquote
            "Our reporting is free to read.",  # the reusable block
            "By eleven the stalls are folded away.",
        ]
        positions = [text.find(words) for words in in_order]
        self.assertNotIn(-1, positions, text)
        self.assertEqual(positions, sorted(positions))
        self.assertEqual(links_in(body)["Send us your market photos"], "https://example.org/send-photos")
        self.assertEqual(len(blocks_of(page, "image")), 2)  # the cover's image, the media & text image
        self.assertIn("A fishmonger", body.select_one("figure.pullquote figcaption").get_text())
        self.assert_clean(body)

    def test_code_preformatted_and_verse_keep_their_lines(self):
        page, body = self.story("The river market, laid out")
        code = body.select_one("figure.preformatted--code pre code")
        self.assertIn('def opening_hours(day):\n    if day == "Monday":\n        return None', code.get_text())
        listing = body.select_one("figure.preformatted--text pre")
        self.assertIn("Perch     95 UAH", listing.get_text())  # the columns, kept
        verse = body.select_one("figure.preformatted--verse pre")
        self.assertIn("The river keeps its hours,\n", verse.get_text())
        self.assertIn("the market keeps the river's.", verse.get_text())
        self.assertEqual([value["kind"] for value in blocks_of(page, "preformatted")], ["code", "text", "verse"])

    def test_a_reusable_block_is_inlined_and_dynamic_blocks_are_reported(self):
        _page, body = self.story("The river market, laid out")
        self.assertIn("Our reporting is free to read.", body.get_text())
        self.assertEqual(links_in(body)["Become a supporter"], "https://example.org/donate")
        for name in ("latest-posts", "social-link"):
            self.assertIn(
                f"“The river market, laid out”: The WordPress block “{name}” was left out: WordPress builds it when "
                "the page is shown.",
                self.output,
            )

    def test_audio_and_video_play_with_their_captions_and_the_file_links_to_its_file(self):
        _page, body = self.story("Sounds of the night shift")
        for response in self.assert_night_shift_players(body):
            self.assertGreater(len(b"".join(response.streaming_content)), 500)
        link = links_in(body)["council-budget-2027"]
        self.assertRegex(link, r"^/documents/\d+/council-budget-2027")
        self.assertEqual(self.client.get(link).status_code, 200)
        self.assertEqual(get_document_model().objects.count(), 3)
        self.assert_clean(body)

    def test_embeds_vimeo_plays_and_another_provider_is_a_link_reported(self):
        page, body = self.story("Sounds of the night shift")
        self.assertEqual([embed["embed"].url for embed in blocks_of(page, "embed")], ["https://vimeo.com/76979871"])
        self.assertIn('src="https://player.vimeo.com/video/76979871"', str(body))
        self.assertEqual(
            links_in(body)["Our first post from the market"], "https://twitter.com/example/status/1600000000000000000"
        )
        self.assertIn(
            "“Sounds of the night shift”: The embed https://twitter.com/example/status/1600000000000000000 is kept as "
            "a link: the body shows videos from YouTube and Vimeo only.",
            self.output,
        )

    def test_classic_shortcodes_become_a_gallery_and_links_and_a_plugin_s_is_reported(self):
        page, body = self.story("Two rooms, in the classic editor")
        gallery = blocks_of(page, "gallery")[0]
        self.assertEqual([image["alt_text"] for image in gallery["images"]], ["A green wall", "A violet wall"])
        self.assertEqual([image["caption"] for image in gallery["images"]], ["The first room", "The second room"])
        self.assertEqual(len(body.select("figure.gallery img")), 2)
        self.assertRegex(body.select_one("figure.media-block audio")["src"], r"^/documents/\d+/night-shift-interview")
        self.assertRegex(body.select_one("figure.media-block video")["src"], r"^/documents/\d+/river-timelapse")
        self.assertIn("The show runs until March.", body.get_text())
        self.assertIn(
            "“Two rooms, in the classic editor”: The shortcode [contact-form-7] was removed: it needs a WordPress "
            "plugin.",
            self.output,
        )
        self.assert_clean(body)

    def test_a_second_import_changes_nothing(self):
        counts = (ArticlePage.objects.count(), ImportRecord.objects.count(), get_document_model().objects.count())
        output = import_blocks()
        self.assertIn("Imported: 0 created, 0 updated, 7 unchanged, 0 skipped", output)
        self.assertEqual(
            (ArticlePage.objects.count(), ImportRecord.objects.count(), get_document_model().objects.count()), counts
        )
        self.assertEqual(counts[2], 3)  # the video, the audio and the PDF, each once


# Covers whose picture is the block's CSS background: WordPress 5.0's cover, and a cover with a fixed background
# (WordPress 6.1's markup for one), as the block editor saves them (the tags broken over lines here).
BACKGROUND_COVERS = """<!-- wp:cover {"url":"{uploads}/river-dnipro.jpg","id":6} -->
<div class="wp-block-cover has-background-dim" style="background-image:url({uploads}/river-dnipro.jpg)"><p
class="wp-block-cover-text">Four hours on the river</p></div>
<!-- /wp:cover -->

<!-- wp:cover {"url":"{uploads}/market-stall.jpg","id":7,"hasParallax":true} -->
<div class="wp-block-cover is-light has-parallax"><span aria-hidden="true"
class="wp-block-cover__background has-background-dim"></span><div role="img"
class="wp-block-cover__image-background wp-image-7 has-parallax"
style="background-position:50% 50%;background-image:url({uploads}/market-stall.jpg)"></div><div
class="wp-block-cover__inner-container"><!-- wp:paragraph {"align":"center"} -->
<p class="has-text-align-center">Crates stacked by five.</p>
<!-- /wp:paragraph --></div></div>
<!-- /wp:cover -->""".replace("{uploads}", "https://harbour.example/wp-content/uploads/2026/12")


@pytest.mark.django_db
def test_a_cover_whose_picture_is_its_css_background_keeps_the_picture(tmp_path, client):
    make_site()
    path = one_post_wxr(tmp_path / "export.xml", "Two covers", "two-covers", BACKGROUND_COVERS)
    output = run("import_wordpress", path, "--uploads", UPLOADS_BLOCKS)
    assert "is missing" not in output

    page = ArticlePage.objects.get(slug="two-covers")
    assert [image["image"].title for image in blocks_of(page, "image")] == ["river-dnipro", "market-stall"]
    body = body_of(client.get(page.url))
    pictures = [img["src"] for img in body.find_all("img")]
    assert len(pictures) == 2 and "river-dnipro" in pictures[0] and "market-stall" in pictures[1], pictures
    text = " ".join(body.get_text(" ").split())
    assert text.index("Four hours on the river") < text.index("Crates stacked by five.")


# Two video blocks as WordPress 6.1 saves one with a poster image: the first's poster is in the uploads, the
# second's is not (its file was never copied).
VIDEOS_WITH_POSTERS = """<!-- wp:video {"id":9} -->
<figure class="wp-block-video"><video controls poster="{uploads}/river-dnipro.jpg"
src="{uploads}/river-timelapse.mp4"></video><figcaption class="wp-element-caption">Dawn over the river</figcaption>
</figure>
<!-- /wp:video -->

<!-- wp:video {"id":9} -->
<figure class="wp-block-video"><video controls poster="{uploads}/ferry-at-night.jpg"
src="{uploads}/river-timelapse.mp4"></video><figcaption class="wp-element-caption">The ferry at night</figcaption>
</figure>
<!-- /wp:video -->""".replace("{uploads}", "https://harbour.example/wp-content/uploads/2026/12")


@pytest.mark.django_db
def test_a_video_block_s_poster_image_is_the_player_s_poster(tmp_path, client):
    make_site()
    path = one_post_wxr(tmp_path / "export.xml", "Two videos", "two-videos", VIDEOS_WITH_POSTERS)
    output = run("import_wordpress", path, "--uploads", UPLOADS_BLOCKS)
    missing = "https://harbour.example/wp-content/uploads/2026/12/ferry-at-night.jpg"
    assert f"Image {missing} is missing (not in the images folder)." in output
    assert "river-dnipro.jpg is missing" not in output

    page = ArticlePage.objects.get(slug="two-videos")
    assert [media["poster"] and media["poster"].title for media in blocks_of(page, "media")] == ["river-dnipro", None]
    videos = body_of(client.get(page.url)).select("figure.media-block video")
    assert len(videos) == 2, videos
    assert re.search(r"/images/river-dnipro[^/]*\.webp$", videos[0].get("poster", "")), videos[0]
    assert not videos[1].has_attr("poster"), videos[1]  # the ferry's video plays without one
