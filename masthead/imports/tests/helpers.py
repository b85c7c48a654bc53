"""Paths of the committed real exports (see fixtures/README.md) and a way to run an import command."""

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WXR = FIXTURES / "wordpress" / "anchorwordpress.WordPress.2026-12-02.xml"
UPLOADS = FIXTURES / "wordpress" / "uploads"
GHOST_JSON = FIXTURES / "ghost" / "anchor-ghost.ghost.2026-12-02.json"
GHOST_IMAGES = FIXTURES / "ghost" / "content" / "images"
GHOST_MEMBERS = FIXTURES / "ghost" / "members.2026-12-02.csv"
SUBSTACK_DIR = FIXTURES / "substack"
# The exports holding the editors' other cards and blocks (fixtures/README.md, "ghost-cards/" and "wordpress-blocks/").
GHOST_CARDS_JSON = FIXTURES / "ghost-cards" / "anchor-ghost.ghost.2026-12-08.json"
GHOST_CARDS_IMAGES = FIXTURES / "ghost-cards" / "content" / "images"
WXR_BLOCKS = FIXTURES / "wordpress-blocks" / "anchorwordpress.WordPress.2026-12-08.xml"
UPLOADS_BLOCKS = FIXTURES / "wordpress-blocks" / "uploads"
SHARED = Path("/work/shared/fixtures/import")
# The exports were made on this day; their scheduled posts (2027-01-01) are in the future then.
# Imports in the tests run on that day, so that "scheduled stays scheduled" holds whatever the date is.
EXPORTED_AT = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
CARDS_EXPORTED_AT = datetime(2026, 12, 8, 2, 0, tzinfo=UTC)


def body_of(response):
    """The story's body on the reader's page, parsed (BeautifulSoup's element for .article__body)."""
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(".article__body")


class ImportedStoriesTests(TestCase):
    """Tests that import one export once (`import_export`) and read its stories as a reader does."""

    LEFTOVERS = ()  # the platform's markup that must never reach a reader

    @staticmethod
    def import_export():
        raise NotImplementedError

    @classmethod
    def setUpTestData(cls):
        from masthead.articles.factories import make_site

        make_site()
        cls.output = cls.import_export()

    def story(self, title):
        """(the imported page called `title`, its body as a reader gets it)."""
        from masthead.articles.models import ArticlePage

        page = ArticlePage.objects.get(title=title)
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return page, body_of(response)

    def assert_night_shift_players(self, body):
        """The story both exports hold, "Sounds of the night shift": its video and audio play from their documents,
        each named by its caption. Returns the two answers for their files."""
        answers = []
        for player, caption, name in (
            ("video", "Dawn over the river in two seconds", "river-timelapse"),
            ("audio", "Interview with a night-shift driver", "night-shift-interview"),
        ):
            element = body.select_one(f"figure.media-block {player}")
            self.assertIsNotNone(element, f"no <{player}> in {body}")
            self.assertRegex(element["src"], rf"^/documents/\d+/{name}")
            self.assertEqual(element.find_parent("figure").figcaption.span.get_text(), caption)
            answers.append(self.client.get(element["src"]))
            self.assertEqual(answers[-1].status_code, 200)
        return answers

    def assert_clean(self, body):
        """No leftover of the platform's markup, and no empty paragraph."""
        html = str(body)
        for leftover in self.LEFTOVERS:
            self.assertNotIn(leftover, html)
        for paragraph in body.find_all("p"):
            self.assertTrue(paragraph.get_text(strip=True), f"an empty paragraph in {html}")


def links_in(body):
    """{link text: address} of the links in a body."""
    return {" ".join(link.get_text(" ").split()): link["href"] for link in body.find_all("a", href=True)}


def run(command, *args, at=EXPORTED_AT):
    """Runs a management command on the day the exports were made (or `at`); returns what it printed."""
    out = io.StringIO()
    with time_machine.travel(at, tick=True):
        call_command(command, *[str(arg) for arg in args], "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def block_types(page):
    return [block.block_type for block in page.body]


def blocks_of(page, block_type):
    return [block.value for block in page.body if block.block_type == block_type]


def with_a_broken_member(zip_bytes, name):
    """The zip `zip_bytes` again, compressed, with the compressed stream of its file `name` broken where it starts
    (a block of the type deflate reserves): its directory is intact, and reading that file fails in zlib."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            out.writestr(member.filename, source.read(member))
    data = bytearray(buffer.getvalue())
    member = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    # The local header: 30 bytes, then the name and the extra field, whose lengths are at offsets 26 and 28.
    start = member.header_offset
    name_length = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_length = int.from_bytes(data[start + 28 : start + 30], "little")
    data[start + 30 + name_length + extra_length] = 0b111  # the last block, of type 3
    return bytes(data)


def one_post_wxr(path, title, slug, content):
    """A WordPress export (WXR 1.2) of one published post with `content` as its body, written to `path`."""
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Harbour News</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://harbour.example</wp:base_site_url>
  <item>
    <title>{title}</title>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <wp:post_id>1</wp:post_id>
    <wp:post_date_gmt><![CDATA[2026-12-01 09:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
</channel>
</rss>
""",
        encoding="utf-8",
    )
    return path
