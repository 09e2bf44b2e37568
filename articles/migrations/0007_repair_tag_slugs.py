"""Every tag gets a slug its page can be reached at: names in other scripts are transliterated
("Москва" -> "moskva"), names without a letter or digit get a stable "tag-…" slug. Before,
such tags had an empty or non-ASCII slug, and every page listing them answered 500."""

import hashlib
import re

from django.db import migrations
from django.utils.text import slugify
from unidecode import unidecode

URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def repair(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if URL_SLUG.fullmatch(tag.slug or ""):
            continue
        base = slugify(unidecode(tag.name)) or "tag-" + hashlib.sha1(tag.name.encode()).hexdigest()[:10]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_primary_championship_among_championships"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
