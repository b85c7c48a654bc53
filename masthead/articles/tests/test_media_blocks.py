"""The body's audio and video block and its preformatted text / code block: what a reader, a listener, a feed
reader and an editor get."""

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.files import File
from wagtail.blocks import StreamBlockValidationError
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from masthead.articles import factories as f
from masthead.articles.blocks import ArticleBodyBlock
from masthead.articles.models import ArticlePage
from masthead.core.testing import article_edit_form, user_in
from masthead.narration.script import build_script, script_text
from masthead.syndication.models import SyndicationSettings

MEDIA = Path(__file__).resolve().parents[2] / "imports" / "tests" / "fixtures" / "ghost-cards" / "content" / "media"
VIDEO = MEDIA / "2026" / "12" / "river-timelapse.mp4"
AUDIO = MEDIA / "2026" / "12" / "night-shift-interview.mp3"
PDF = MEDIA.parent / "files" / "2026" / "12" / "council-budget-2027.pdf"
CODE = 'def opening_hours(day):\n    if day < "Tuesday":\n        return None\n    return ("04:00", "11:00")'
VERSE = "The river keeps its hours,\nthe market keeps the river's\n\nand nobody keeps the night"

pytestmark = pytest.mark.django_db


def make_document(path, title, collection=None):
    with path.open("rb") as handle:
        document = get_document_model()(title=title, file=File(handle, name=path.name))
        if collection is not None:
            document.collection = collection
        document.save()
    return document


def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password="embargo"
    )
    return collection


@pytest.fixture
def documents():
    return {"video": make_document(VIDEO, "River timelapse"), "audio": make_document(AUDIO, "Night-shift interview")}


@pytest.fixture
def story(newsroom, documents):
    poster = f.make_image("Dawn over the river")
    return f.make_article(
        newsroom["sections"]["business"],
        "A night on the river",
        [newsroom["contributors"]["olena"]],
        body=[
            "We recorded one night on the river.",
            (
                "media",
                {"file": documents["video"], "caption": "Dawn over the river in two seconds", "poster": poster},
            ),
            ("media", {"file": documents["audio"], "caption": "Interview with a night-shift driver"}),
            ("preformatted", {"kind": "code", "text": CODE, "caption": "The market's hours, as code"}),
            ("preformatted", {"kind": "verse", "text": VERSE, "caption": ""}),
            "By eleven the stalls are folded away.",
        ],
        standfirst="Four hours before the city wakes.",
    )


def body_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(".article__body")


def test_the_article_page_plays_the_audio_and_the_video_with_their_captions(client, story, documents):
    body = body_of(client.get(story.url))
    video, audio = body.select_one("figure.media-block video"), body.select_one("figure.media-block audio")
    assert video["src"] == documents["video"].url and audio["src"] == documents["audio"].url
    assert video.has_attr("controls") and video["preload"] == "none" and video.has_attr("playsinline")
    assert audio.has_attr("controls") and audio["preload"] == "none"
    assert video["poster"].startswith("/media/images/") and video["width"] and video["height"]
    for player, caption in (
        (video, "Dawn over the river in two seconds"),
        (audio, "Interview with a night-shift driver"),
    ):
        figcaption = player.find_parent("figure").figcaption
        assert body.find(id=player["aria-labelledby"]).get_text() == caption  # the player's accessible name
        download = figcaption.select_one("a.media-block__download")
        assert download["href"] == player["src"] and download.has_attr("download")
    download = body.select_one("figure.media-block--video a.media-block__download")
    assert re.sub(r"[ \n]+", " ", download.get_text()) == "Download the video (MP4, 2.7\xa0KB)"
    assert not body.find("script")


def test_code_and_a_poem_are_shown_exactly_as_typed(client, story):
    body = body_of(client.get(story.url))
    code = body.select_one("figure.preformatted--code pre > code")
    assert code.get_text() == CODE  # indents, quotes and "<" kept
    assert code.find_parent("pre")["tabindex"] == "0"  # it scrolls sideways: the keyboard can scroll it
    assert code.find_parent("figure").figcaption.get_text() == "The market's hours, as code"
    verse = body.select_one("figure.preformatted--verse pre")
    # (a browser drops the newline that opens a <pre>: the template writes one, so that the text's own stays)
    assert verse.get_text().removeprefix("\n") == VERSE and verse.find("code") is None


def test_a_range_request_on_the_media_file_answers_206_with_those_bytes(client, documents):
    url, data = documents["video"].url, VIDEO.read_bytes()
    whole = client.get(url)
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    part = client.get(url, HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}" and part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == data[100:200]
    assert part["Content-Type"] == "video/mp4"
    tail = client.get(url, HTTP_RANGE="bytes=-10")
    assert tail.status_code == 206 and b"".join(tail.streaming_content) == data[-10:]
    outside = client.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert outside.status_code == 416 and outside["Content-Range"] == f"bytes */{len(data)}"


def test_a_private_document_is_neither_played_nor_served_in_part(client, newsroom):
    secret = make_document(VIDEO, "Embargoed footage", private_collection())
    story = f.make_article(
        newsroom["sections"]["business"],
        "An embargoed story",
        body=["Text.", ("media", {"file": secret, "caption": "Embargoed footage"})],
    )
    page = client.get(story.url).content.decode()
    assert secret.url not in page and "<video" not in page
    answer = client.get(secret.url, HTTP_RANGE="bytes=0-99")
    assert answer.status_code == 200 and b"password" in answer.content.lower()
    assert VIDEO.read_bytes()[:100] not in answer.content
    # With the password, the reader gets the part asked for; no cache between us may keep it for others.
    restriction = CollectionViewRestriction.objects.get()
    client.post(f"/documents/authenticate_with_password/{restriction.pk}/", {"password": "embargo", "return_url": "/"})
    part = client.get(secret.url, HTTP_RANGE="bytes=0-99")
    assert part.status_code == 206 and b"".join(part.streaming_content) == VIDEO.read_bytes()[:100]
    assert "private" in part["Cache-Control"] and "no-store" in part["Cache-Control"]
    with pytest.raises(StreamBlockValidationError) as refused:
        ArticleBodyBlock().clean(ArticleBodyBlock().to_python([{"type": "media", "value": {"file": secret.pk}}]))
    assert "is in a private collection, so readers could not play it" in str(refused.value.as_json_data())


def test_the_narration_reads_the_poem_but_not_the_media_nor_the_code(story):
    script = script_text(build_script(story))
    assert "We recorded one night on the river." in script
    assert "The river keeps its hours, the market keeps the river's. and nobody keeps the night." in script
    assert "By eleven the stalls are folded away." in script
    for unheard in ("Dawn over the river", "Interview with a night-shift driver", "opening_hours", "04:00", "code"):
        assert unheard not in script


def test_a_full_text_feed_links_to_the_media_file_and_shows_the_code(client, story, documents):
    setting = SyndicationSettings.for_site(story.get_site())
    setting.full_text_feeds = True
    setting.save()
    feed = feedparser.parse(client.get("/feed/").content)
    html = next(c.value for c in feed.entries[0].content if c.type == "text/html")
    item = BeautifulSoup(html, "html.parser")
    links = {" ".join(a.get_text().split()): a["href"] for a in item.find_all("a")}
    assert links["Watch the video: Dawn over the river in two seconds"] == "http://localhost" + documents["video"].url
    assert links["Listen to the audio: Interview with a night-shift driver"] == (
        "http://localhost" + documents["audio"].url
    )
    assert item.select_one("pre code").get_text() == CODE
    assert "<video" not in html and "<audio" not in html
    data = json.loads(client.get("/feed.json").content)
    assert documents["audio"].url in data["items"][0]["content_html"]


def test_search_finds_a_story_by_a_caption_and_by_its_code(client, story):
    for words in ("driver", "opening_hours"):
        page = client.get("/search/", {"q": words}).content.decode()
        assert "A night on the river" in page, words


def edit_form(article, body):
    """The article editor's form as a browser sends it on Publish, with `body` as the body's blocks."""
    return article_edit_form(article, body=body)


def test_the_editor_refuses_a_pdf_as_audio_or_video_and_keeps_code_as_typed(client, newsroom):
    article = newsroom["articles"][0]
    pdf = make_document(PDF, "Council budget 2027")
    client.force_login(user_in("Editors", "ed"))
    media = ("media", {"file": pdf.pk, "caption": "The budget", "poster": ""})
    answer = client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, [media]))
    assert answer.status_code == 200  # the form again, not published
    assert (
        "“Council budget 2027” is not an audio or video file a browser can play. Choose an MP3, M4A, AAC, OGG or "
        "WAV file, or an MP4, M4V or WebM video."
    ) in answer.content.decode().replace("&quot;", '"').replace("\\u201c", "“").replace("\\u201d", "”")
    assert not ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["type"] == "media"

    indented = "\n    two spaces would not do:\r\n        return None\r\n"
    code = ("preformatted", {"kind": "code", "text": indented, "caption": ""})
    answer = client.post(f"/admin/pages/{article.pk}/edit/", edit_form(article, [code]))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    client.logout()
    shown = body_of(client.get(ArticlePage.objects.get(pk=article.pk).url)).select_one("pre code").get_text()
    assert shown == indented.replace("\r\n", "\n")  # the first line's indent, the blank first line: all kept
