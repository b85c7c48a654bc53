"""An edition's editor answers a post whose body did not arrive whole (a crafted form, a page that had not finished
loading, a proxy that cut the request short) with the form and a message, never a server error, and saves nothing."""

import json

import pytest

from masthead.core.testing import user_in
from masthead.newsletters.factories import make_edition
from masthead.newsletters.models import Edition

NOT_WHOLE = "did not arrive whole"


def rich_text(words):
    block = {"key": "a1", "type": "unstyled", "depth": 0, "text": words, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def body_fields(**fields):
    return {"body-0-type": "text", "body-0-deleted": "", "body-0-order": "0", "body-0-id": "", **fields}


BROKEN_BODIES = {
    "no body fields at all": {},
    "a count that is not a number": {"body-count": "abc"},
    "more blocks counted than sent": {"body-count": "3", **body_fields(**{"body-0-value": rich_text("One.")})},
    "a block without its deleted flag": {"body-count": "1", "body-0-type": "text", "body-0-value": rich_text("x")},
    "text that is not the editor's JSON": {"body-count": "1", **body_fields(**{"body-0-value": "not json"})},
    "JSON of the wrong shape": {"body-count": "1", **body_fields(**{"body-0-value": "[1, 2]"})},
    "an order that is not a number": {"body-count": "1", **body_fields(**{"body-0-order": "x"})},
}


@pytest.mark.django_db
@pytest.mark.parametrize("body", BROKEN_BODIES.values(), ids=BROKEN_BODIES.keys())
def test_an_edition_whose_body_did_not_arrive_whole_is_not_saved_and_the_form_says_why(client, newsletter, body):
    edition = make_edition(newsletter, "Saved subject", body=["Saved words."])
    client.force_login(user_in("Writers", "wr"))

    page = client.post(
        f"/admin/edition/edit/{edition.pk}/", {"newsletter": newsletter.pk, "subject": "New subject", **body}
    )

    assert page.status_code == 200
    html = page.content.decode()
    assert NOT_WHOLE in html
    assert 'value="New subject"' in html  # what arrived whole is kept in the form
    assert "Saved words." in html  # the body shown is the saved one
    edition.refresh_from_db()
    assert edition.subject == "Saved subject"
    assert [block.value.source for block in edition.body] == ["<p>Saved words.</p>"]


@pytest.mark.django_db
def test_a_new_edition_whose_body_did_not_arrive_whole_is_not_made(client, newsletter):
    client.force_login(user_in("Editors", "ed"))

    page = client.post("/admin/edition/new/", {"newsletter": newsletter.pk, "subject": "Half a form"})

    assert page.status_code == 200
    assert NOT_WHOLE in page.content.decode()
    assert not Edition.objects.exists()


@pytest.mark.django_db
def test_an_edition_whose_body_arrives_whole_is_saved(client, newsletter):
    edition = make_edition(newsletter, "Saved subject", body=["Saved words."])
    client.force_login(user_in("Editors", "ed"))

    body = {"body-count": "1", **body_fields(**{"body-0-value": rich_text("Rewritten.")})}
    response = client.post(
        f"/admin/edition/edit/{edition.pk}/", {"newsletter": newsletter.pk, "subject": "New subject", **body}
    )

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.subject == "New subject"
    assert [block.value.source for block in edition.body] == ['<p data-block-key="a1">Rewritten.</p>']
