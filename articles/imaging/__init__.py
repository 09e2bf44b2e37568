"""The image library's processing: what an upload must be, and the renditions made from it."""

from .renditions import (
    HERO_RENDITIONS,
    crop_box,
    ensure_renditions,
    save_image,
    select_renditions,
    target_widths,
    thumbnail_url,
)
from .validation import (
    PILLOW_ERRORS,
    max_bytes,
    max_pixels,
    megapixels,
    validate_image_upload,
)

__all__ = [
    "HERO_RENDITIONS",
    "PILLOW_ERRORS",
    "crop_box",
    "ensure_renditions",
    "max_bytes",
    "max_pixels",
    "megapixels",
    "save_image",
    "select_renditions",
    "target_widths",
    "thumbnail_url",
    "validate_image_upload",
]
