"""How the library stores an uploaded original: as a new image, never as the uploaded bytes.

Pillow decodes the upload (already validated) and encodes it again in its real format, under a
name made here. So whatever came with the pixels stays out: camera data and GPS position, and
anything appended to or hidden in the file (an HTML page after a PNG's last chunk, a PHP
script in a comment). The name and extension come from the content, never from the uploader,
so a file can only ever be served as the image it is. Orientation is applied to the pixels,
since the EXIF tag that carried it is gone.
"""

import uuid
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as Pillow
from PIL import ImageOps

# Formats the library takes (validation.ALLOWED_FORMATS), with their extension and how the
# original is encoded again: near-lossless, since renditions are made from it.
ENCODINGS = {
    "JPEG": ("jpg", {"quality": 95}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 95, "method": 4}),
}


# What the original keeps besides its pixels: its colours and its transparent colour.
KEPT = ("icc_profile", "transparency")


def stored_original(upload) -> ContentFile:
    """The upload as the library stores it: re-encoded, stripped, named from its format."""
    upload.seek(0)
    with Pillow.open(upload) as source:
        codec = source.format
        extension, options = ENCODINGS[codec]
        kept = {
            key: source.info[key] for key in ("icc_profile", "transparency") if key in source.info
        }
        picture = ImageOps.exif_transpose(source)
        if codec == "WEBP" and source.info.get("lossless"):
            options = {"lossless": True}
        out = BytesIO()
        picture.save(out, codec, **kept, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
