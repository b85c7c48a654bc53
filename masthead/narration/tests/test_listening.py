"""Listen analytics: the player's beacons counted per article per day, with no cookie and no reader tracked."""

import re
import time
from collections import Counter
from urllib.parse import parse_qs

import pytest
from django.contrib.auth.models import User

from masthead.articles import factories as f
from masthead.narration.models import ListenDay, Narration

BEACON = "/narration/listen/"


def listening(client, article):
    html = client.get(f"/admin/narration/{article.pk}/").content.decode()
    return dict(re.findall(r'data-listening="(\w+)">([^<]*)<', html))


def answered(tab, finished, *events):
    """Waits until the page's beacons for `events` have been answered, and returns their statuses.

    The counts are read only then, once nothing is writing them.
    """
    deadline = time.monotonic() + 20
    wanted = Counter(events)
    while time.monotonic() < deadline:
        sent = Counter(parse_qs(request.post_data or "").get("event", [""])[0] for request in finished)
        if all(sent[event] >= count for event, count in wanted.items()):
            break
        tab.wait_for_timeout(100)
    return {request.response().status for request in finished}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_playing_to_the_end_counts_one_play_and_100_percent_and_a_replayed_beacon_counts_nothing(
    desk, live_server, browser, client
):
    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left the port at dawn."])
    assert Narration.objects.get(article=article).state == Narration.State.READY
    # Playwright's wait_for_function evaluates a string, which the page's strict CSP forbids;
    # the CSP itself is enforced by core's CSP browser test.
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    beacons, finished = [], []
    tab.on("request", lambda request: beacons.append(request) if BEACON in request.url else None)
    tab.on("requestfinished", lambda request: finished.append(request) if BEACON in request.url else None)

    response = tab.goto(live_server.url + article.url)
    assert "set-cookie" not in response.headers
    tab.get_by_label("Speed").select_option("2")
    tab.get_by_role("button", name="Play", exact=True).click()
    tab.wait_for_function("document.querySelector('.narration__audio').ended", timeout=30_000)
    assert answered(tab, finished, "play", "speed", "25", "50", "75", "100") == {204}
    day = ListenDay.objects.get(article=article)
    assert (day.plays, day.reached_25, day.reached_50, day.reached_75, day.reached_100) == (1, 1, 1, 1, 1)
    assert day.speed_changes == 1

    # A replayed beacon (the same page view and event) is not counted again.
    play = next(request for request in beacons if "event=play" in (request.post_data or ""))
    replay = tab.request.post(
        live_server.url + BEACON,
        data=play.post_data,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert replay.status == 204
    assert ListenDay.objects.get(article=article).plays == 1
    # A second page view counts again.
    tab.reload()
    tab.get_by_role("button", name="Play", exact=True).click()
    assert answered(tab, finished, "play", "play") == {204}
    day = ListenDay.objects.get(article=article)
    assert day.plays == 2 and day.reached_100 == 1
    assert context.cookies() == []  # the anonymous page with the player set no cookie
    context.close()

    client.force_login(User.objects.create_superuser("admin", password="pw"))
    assert listening(client, article) == {"plays": "2", "share": "50 %", "completion": "50 %"}
    csv = client.get("/admin/narration/listening.csv")
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[1].split(",")[1:4] == [str(article.pk), "Ships leave the port", "2"]


@pytest.mark.django_db
def test_bots_bad_beacons_and_articles_without_audio_are_not_counted(client, desk):
    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])
    browser = {"HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"}
    beacon = {"article": str(article.pk), "event": "play", "view": "abcdefgh1234"}
    assert client.post(BEACON, beacon, **browser).status_code == 204  # no audio yet: nothing counted
    assert client.post(BEACON, {**beacon, "event": "delete"}, **browser).status_code == 400
    # A view id is the id alone: one followed by a line break is refused, not stored in a cache key.
    assert client.post(BEACON, {**beacon, "view": "abcdefgh1234\n"}, **browser).status_code == 400
    # Digits of other scripts and numbers no id column holds are bad beacons, not server errors.
    for odd in ("²", "١٢", "9223372036854775808", "9" * 5000, f" {article.pk}x"):
        assert client.post(BEACON, {**beacon, "article": odd}, **browser).status_code == 400
    assert client.get(BEACON).status_code == 405
    Narration.objects.filter(article=article).update(state=Narration.State.READY, audio="narration/x.mp3")
    assert client.post(BEACON, beacon, HTTP_USER_AGENT="Googlebot/2.1").status_code == 204
    assert not ListenDay.objects.exists()
    client.post(BEACON, beacon, **browser)
    assert ListenDay.objects.get(article=article).plays == 1
    assert not client.cookies


@pytest.mark.django_db
def test_the_article_editor_shows_plays_share_and_completion(client, desk):
    import datetime

    article = f.make_article(desk["section"], "Ships leave the port", body=["Ships left."])
    Narration.objects.filter(article=article).update(state=Narration.State.READY, audio="narration/x.mp3")
    ListenDay.objects.create(
        article=article,
        day=datetime.date(2026, 12, 1),
        plays=4,
        reached_25=4,
        reached_50=2,
        reached_75=2,
        reached_100=1,
    )
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    editor = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    summary = editor[editor.index("data-listening-summary") :]
    # Four plays; quarters reached 4+2+2+1 of 16 = 56 % on average; one of four to the end.
    assert dict(re.findall(r'data-listening="(\w+)">([^<]*)<', summary)) == {
        "plays": "4",
        "share": "56 %",
        "completion": "25 %",
    }


@pytest.mark.django_db
def test_the_listening_csv_keeps_every_title_a_spreadsheet_would_run_as_text(client, desk):
    """A title from an import is not stripped as the editor's field strips it: a leading tab or carriage return
    before "=" made a spreadsheet run the cell as a formula, as "=" alone would."""
    import csv
    import io
    from datetime import date

    from masthead.articles.models import ArticlePage

    titles = ["\t=HYPERLINK(1)", "\r=1+2", "=SUM(1)", "@cmd", "Ships leave the port"]
    for n, title in enumerate(titles):
        article = f.make_article(desk["section"], f"Story {n}", body=["Text."])
        ArticlePage.objects.filter(pk=article.pk).update(title=title)
        ListenDay.objects.create(article=article, day=date(2026, 12, 1 + n), plays=1)
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    answer = client.get("/admin/narration/listening.csv")
    rows = list(csv.reader(io.StringIO(b"".join(answer.streaming_content).decode(), newline="")))
    assert sorted(row[2] for row in rows[1:]) == sorted(
        ["'\t=HYPERLINK(1)", "'\r=1+2", "'=SUM(1)", "'@cmd", "Ships leave the port"]
    )
