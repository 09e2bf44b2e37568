"""What an uploaded image must be before the library stores it.

Everything is read from the header with Pillow's lazy Image.open first: format and pixel count
are checked before a single pixel is decoded.
"""

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat, floatformat
from django.utils.translation import gettext as _
from PIL import Image as Pillow

# Phones and cameras often write JPEGs with extra pictures inside, which Pillow calls MPO.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
SVG_EXTENSIONS = {".svg", ".svgz"}
# What Pillow raises on files it cannot read (UnidentifiedImageError is an OSError).
PILLOW_ERRORS = (OSError, ValueError, SyntaxError, EOFError, struct.error)


def max_bytes() -> int:
    return getattr(settings, "PADDOCK_IMAGE_MAX_BYTES", 10 * 1024 * 1024)


def max_pixels() -> int:
    return getattr(settings, "PADDOCK_IMAGE_MAX_PIXELS", 40_000_000)


def megapixels(pixels: int) -> str:
    """Megapixels as readers write them: 40, or 40,5 in French."""
    return floatformat(pixels / 1_000_000, -1)


def validate_image_upload(uploaded_file) -> None:
    """Refuse what the library must not store: too heavy, SVG, not JPEG/PNG/WebP, too many
    pixels, a decompression bomb, a damaged file. Each refusal says what to upload instead."""
    _check_weight(uploaded_file)
    _check_not_svg(uploaded_file)
    with _read_safely(), _opened(uploaded_file) as picture:
        # Image.open only reads the header: format and size are known before any decoding.
        _check_format(picture)
        _check_pixels(picture)
        picture.verify()
    with _read_safely(), _opened(uploaded_file) as picture:
        # verify() does not read JPEG data at all: decoding is the only way to find a truncated
        # file. The pixel count is known to be reasonable by now, and draft() lets JPEGs decode
        # at an eighth of their size.
        picture.draft("RGB", (picture.width // 8, picture.height // 8))
        picture.load()


def _check_weight(uploaded_file) -> None:
    if uploaded_file.size > max_bytes():
        raise ValidationError(
            _("This file weighs %(size)s; the limit is %(limit)s."),
            code="file_too_large",
            params={
                "size": filesizeformat(uploaded_file.size),
                "limit": filesizeformat(max_bytes()),
            },
        )


def _check_not_svg(uploaded_file) -> None:
    uploaded_file.seek(0)
    head = uploaded_file.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    uploaded_file.seek(0)
    extension = PurePosixPath(uploaded_file.name or "").suffix.lower()
    # SVG can carry scripts: it is refused whatever it is named.
    if extension in SVG_EXTENSIONS or head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        raise ValidationError(
            _("SVG images are not accepted: upload a JPEG, PNG or WebP."), code="svg"
        )


def _check_format(picture: Pillow.Image) -> None:
    if picture.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted: upload a JPEG, PNG or WebP."),
            code="image_format",
            params={"format": picture.format},
        )


def _check_pixels(picture: Pillow.Image) -> None:
    width, height = picture.size
    if width * height > max_pixels():
        raise ValidationError(
            _(
                "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
                "the limit is %(limit)s megapixels."
            ),
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "megapixels": megapixels(width * height),
                "limit": megapixels(max_pixels()),
            },
        )


@contextmanager
def _opened(uploaded_file) -> Iterator[Pillow.Image]:
    uploaded_file.seek(0)
    try:
        with Pillow.open(uploaded_file) as picture:
            yield picture
    finally:
        uploaded_file.seek(0)


@contextmanager
def _read_safely() -> Iterator[None]:
    """Turn what Pillow raises into refusals the uploader understands."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that: a warning is a refusal too.
        warnings.simplefilter("error", Pillow.DecompressionBombWarning)
        try:
            yield
        except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as error:
            raise ValidationError(
                _(
                    "This file declares far more pixels than an image of its size can hold "
                    "(a decompression bomb): it was refused."
                ),
                code="decompression_bomb",
            ) from error
        except Pillow.UnidentifiedImageError as error:
            raise ValidationError(
                _("This file is not an image: upload a JPEG, PNG or WebP."), code="not_an_image"
            ) from error
        except PILLOW_ERRORS as error:
            raise ValidationError(
                _("This image is damaged or incomplete: export it again and upload the new file."),
                code="corrupt_image",
            ) from error
