"""Renditions: resized and cropped copies of library images, made with Pillow once and stored.

They are stored through default_storage (the local disk today, S3-compatible storage in
production) under deterministic names; pages only read their URLs.
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from PIL import ExifTags, ImageOps
from PIL import Image as Pillow

from ..audit import record
from ..models import AuditEntry, Image, Rendition
from .originals import stored_original
from .validation import PILLOW_ERRORS

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 1024, 1600)
CARD_RATIO = 16 / 9
ENCODERS = {
    Rendition.Format.WEBP: ("WEBP", "webp", {"quality": 80, "method": 4}),
    Rendition.Format.JPEG: ("JPEG", "jpg", {"quality": 82, "optimize": True, "progressive": True}),
}
# Axis-swapping EXIF orientations (rotated by 90° one way or the other).
SWAPPED_ORIENTATIONS = {5, 6, 7, 8}

# Every list page shows hero images with their renditions: two queries, whatever the count.
HERO_RENDITIONS = Prefetch("hero_image__renditions")


@dataclass(frozen=True)
class Spec:
    """One rendition an image should have."""

    crop: str
    format: str
    width: int
    height: int
    name: str


def save_image(*, image: Image, user, new_file: bool) -> list[Rendition]:
    """Save `image` (validated by its form), note an upload in the audit trail and make the
    renditions it lacks. Returns the renditions made."""
    if image.pk is None:
        image.uploaded_by = user if user is not None and user.is_authenticated else None
    if new_file:
        image.file = stored_original(image.file)
    image.full_clean()
    image.save()
    if new_file:
        record(AuditEntry.Action.IMAGE_UPLOAD, user=user, object_repr=image.alt_text)
    try:
        return ensure_renditions(image)
    except PILLOW_ERRORS:
        # The upload was validated, so this is a fault of ours (or of the storage): pages show
        # the original meanwhile, and `manage.py make_renditions` makes what is missing.
        logger.exception("Renditions of image %s could not be made", image.pk)
        return []


def ensure_renditions(image: Image) -> list[Rendition]:
    """Make the renditions `image` lacks, or whose source or focal point changed since.

    Idempotent: once an image has them all, this only reads the original's header.
    """
    stored = {(r.crop, r.format, r.width): r for r in Rendition.objects.filter(image=image)}
    image.file.open("rb")
    try:
        with Pillow.open(image.file) as original:
            specs = rendition_specs(image, display_size(original))
            missing = [s for s in specs if _stale(stored.get((s.crop, s.format, s.width)), s)]
            made = _make(image, original, missing, stored) if missing else []
    finally:
        image.file.close()
    wanted = {(s.crop, s.format, s.width) for s in specs}
    _delete([r for key, r in stored.items() if key not in wanted])
    return made


def rendition_specs(image: Image, size: tuple[int, int]) -> list[Spec]:
    """The renditions of `image`, whose original shows `size` pixels once EXIF-rotated."""
    specs = []
    for crop in Rendition.Crop.values:
        left, top, right, bottom = crop_box(size, crop, (image.focal_x, image.focal_y))
        crop_width, crop_height = right - left, bottom - top
        token = _version_token(image, crop)
        for width in target_widths(crop_width):
            height = max(1, round(width * crop_height / crop_width))
            for fmt, (_codec, extension, _options) in ENCODERS.items():
                name = f"images/renditions/{image.pk}-{crop}-{width}-{token}.{extension}"
                specs.append(Spec(crop, fmt, width, height, name))
    return specs


def target_widths(source_width: int) -> list[int]:
    """The standard widths, never wider than the source, plus the source's own when narrower
    than the widest standard one (so a small image still gets its full size)."""
    widths = [width for width in WIDTHS if width <= source_width]
    if source_width < WIDTHS[-1] and source_width not in widths:
        widths.append(source_width)
    return widths


def crop_box(
    size: tuple[int, int], crop: str, focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The (left, top, right, bottom) region of `crop`: all of it, or the largest 16:9 region
    centred on the focal point, pushed back inside the image near its edges."""
    width, height = size
    if crop == Rendition.Crop.ORIGINAL:
        return (0, 0, width, height)
    crop_width = min(width, round(height * CARD_RATIO))
    crop_height = min(height, round(crop_width / CARD_RATIO))
    left = _clamp(round(focal[0] * width - crop_width / 2), 0, width - crop_width)
    top = _clamp(round(focal[1] * height - crop_height / 2), 0, height - crop_height)
    return (left, top, left + crop_width, top + crop_height)


def display_size(picture: Pillow.Image) -> tuple[int, int]:
    """Width and height as shown, after EXIF orientation, read from the header only."""
    orientation = picture.getexif().get(ExifTags.Base.Orientation, 1)
    width, height = picture.size
    return (height, width) if orientation in SWAPPED_ORIENTATIONS else (width, height)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _version_token(image: Image, crop: str) -> str:
    # Part of the file name, so that a new original or focal point gets new URLs: a CDN may
    # keep a rendition for as long as it likes.
    source = f"{image.file.name}|{image.width}x{image.height}"
    if crop == Rendition.Crop.CARD:
        source += f"|{image.focal_x:.4f},{image.focal_y:.4f}"
    return hashlib.sha256(source.encode()).hexdigest()[:8]


def _stale(rendition: Rendition | None, spec: Spec) -> bool:
    return rendition is None or rendition.file.name != spec.name


def _make(image: Image, original: Pillow.Image, specs: list[Spec], stored: dict) -> list[Rendition]:
    picture = ImageOps.exif_transpose(original)
    picture = picture.convert("RGBA" if picture.has_transparency_data else "RGB")
    size = picture.size
    made, crops, encoded = [], {}, {}
    for spec in specs:
        box = crop_box(size, spec.crop, (image.focal_x, image.focal_y))
        if box not in crops:
            crops[box] = picture.crop(box)
        # A 16:9 original is its own card crop: each of its sizes is encoded once, for both.
        key = (box, spec.width, spec.height, spec.format)
        if key not in encoded:
            encoded[key] = _encode(_resized(crops[box], spec), spec.format)
        previous = stored.get((spec.crop, spec.format, spec.width))
        made.append(_store(image, encoded[key], spec, previous))
    return made


def _resized(cropped: Pillow.Image, spec: Spec) -> Pillow.Image:
    if cropped.width == spec.width:
        return cropped
    return cropped.resize((spec.width, spec.height), Pillow.Resampling.LANCZOS, reducing_gap=3.0)


def _store(image: Image, data: bytes, spec: Spec, previous: Rendition | None) -> Rendition:
    # The name is deterministic: a file left by an interrupted run is replaced, not duplicated.
    if default_storage.exists(spec.name):
        default_storage.delete(spec.name)
    stored_name = default_storage.save(spec.name, ContentFile(data))
    rendition, _created = Rendition.objects.update_or_create(
        image=image,
        crop=spec.crop,
        format=spec.format,
        width=spec.width,
        defaults={"height": spec.height, "file": stored_name},
    )
    if previous is not None and previous.file.name != stored_name:
        default_storage.delete(previous.file.name)
    return rendition


def _encode(picture: Pillow.Image, fmt: str) -> bytes:
    codec, _extension, options = ENCODERS[fmt]
    # The colour profile is kept, or wide-gamut photos would show washed-out colours. No exif=
    # argument: camera data and GPS position stay out of what readers download.
    icc_profile = picture.info.get("icc_profile")
    if codec == "JPEG" and picture.mode == "RGBA":
        # JPEG has no transparency: transparent areas become white, as on the page.
        flat = Pillow.new("RGB", picture.size, (255, 255, 255))
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    out = BytesIO()
    picture.save(out, codec, icc_profile=icc_profile, **options)
    return out.getvalue()


def _delete(renditions: list[Rendition]) -> None:
    for rendition in renditions:
        default_storage.delete(rendition.file.name)
        rendition.delete()


# Reading renditions


def select_renditions(renditions: Iterable[Rendition], crop: str, fmt: str) -> list[Rendition]:
    """The renditions of one crop and format among `renditions` (prefetched), narrowest first."""
    return sorted((r for r in renditions if r.crop == crop and r.format == fmt), key=_width)


def thumbnail_url(image: Image) -> str:
    """A small card-shaped preview (the 320 rendition), or the original while there is none."""
    cards = select_renditions(image.renditions.all(), Rendition.Crop.CARD, Rendition.Format.WEBP)
    return cards[0].file.url if cards else image.file.url


def _width(rendition: Rendition) -> int:
    return rendition.width
