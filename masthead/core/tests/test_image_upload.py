"""Uploading pictures in the admin: a damaged file is refused with Wagtail's own words, not a 500."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from masthead.core.testing import user_in

pytestmark = pytest.mark.django_db

REFUSAL = "Upload a valid image. The file you uploaded was either not an image or a corrupted image."


def picture(kind="JPEG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300), (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


DAMAGED = {
    "half-a-jpeg.jpg": picture()[: len(picture()) // 2],
    "half-a-png.png": picture("PNG")[: len(picture("PNG")) // 2],
    "a-png-header-only.png": b"\x89PNG\r\n\x1a\n",
    "starts-like-a-jpeg.jpg": b"\xff\xd8\xff" + bytes(range(256)) * 4,
}


@pytest.fixture
def editor(client):
    user = user_in("Editors", "ed")
    client.force_login(user)
    return user


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_image_is_refused_with_a_message(client, editor, name):
    single = client.post(
        "/admin/images/add/",
        {
            "title": "Kharkiv",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, DAMAGED[name]),
        },
    )
    multiple = client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile(name, DAMAGED[name])})

    assert single.status_code == 200 and REFUSAL in single.content.decode()
    assert multiple.status_code == 200 and multiple.json() == {"success": False, "error_message": REFUSAL}
    assert not get_image_model().objects.exists()


def test_a_sound_image_still_uploads_and_its_details_can_be_edited(client, editor):
    uploaded = client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("kharkiv.jpg", picture())})
    image = get_image_model().objects.get()
    edited = client.post(
        f"/admin/images/multiple/{image.pk}/",
        {f"image-{image.pk}-title": "Kharkiv at dusk", f"image-{image.pk}-collection": image.collection_id},
    )

    assert uploaded.json()["success"] and edited.json()["success"]
    image.refresh_from_db()
    assert image.title == "Kharkiv at dusk" and (image.width, image.height) == (400, 300)
