"""The admin's image forms: Wagtail's, with a damaged image file refused in words instead of a 500.

Wagtail checks an upload's header, then reads the whole picture to count its
pixels, and lets the image library's error out: a truncated download, a
header with nothing after it or bytes that only start like a JPEG were a 500
on "Add an image" and on the multiple upload (wagtail/wagtail#1354).
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except (OSError, SyntaxError, ValueError) as error:  # what Pillow raises on a damaged file
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail builds this field itself (images.forms.formfield_for_dbfield); a declared one would
        # also appear on the forms that leave the file out.
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget, help_text=field.help_text
            )
