"""How tags are typed: comma-separated, so a tag may hold spaces ("fin de saison").

Taggit's default parser splits on spaces when the input has no comma, which turns a single
"fin de saison" into three tags. Wired through TAGGIT_TAGS_FROM_STRING / TAGGIT_STRING_FROM_TAGS.
"""


def split_tags(tag_string: str) -> list[str]:
    names = {" ".join(part.split()).strip('"') for part in (tag_string or "").split(",")}
    return sorted(name for name in names if name)


def join_tags(tags) -> str:
    return ", ".join(sorted(tag.name for tag in tags))
