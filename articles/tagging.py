"""How tags are typed and named: comma-separated, so a tag may hold spaces ("fin de saison"),
and always with a slug, so every tag has a page.

Taggit's default parser splits on spaces when the input has no comma, which turns a single
"fin de saison" into three tags. Wired through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
"""

import hashlib


def split_tags(tag_string: str) -> list[str]:
    names = {" ".join(part.split()).strip('"') for part in (tag_string or "").split(",")}
    return sorted(name for name in names if name)


def join_tags(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))


def fallback_slug(name: str) -> str:
    """A slug for a tag whose name has no letter or digit even once transliterated ("!!!"):
    stable for the name and never empty, so its page and feed always have an address."""
    return "tag-" + hashlib.sha1(name.encode()).hexdigest()[:10]


def ensure_tag_slug(sender, instance, raw=False, **kwargs):
    """pre_save of taggit's Tag: taggit makes the slug from the name (transliterated by
    Unidecode, TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING), which can come out empty."""
    if not raw and not instance.slug:
        instance.slug = fallback_slug(instance.name)
