"""An article is always among the articles of its primary championship (its hub and feed list
it): add the missing championship links. Nothing to undo: the links are true."""

from django.db import migrations
from django.db.models import Exists, OuterRef


def add_missing_links(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    through = Article.championships.through
    linked = through.objects.filter(
        article_id=OuterRef("pk"), championship_id=OuterRef("primary_championship_id")
    )
    missing = (
        Article.objects.filter(primary_championship__isnull=False)
        .exclude(Exists(linked))
        .values_list("pk", "primary_championship_id")
    )
    rows = [through(article_id=pk, championship_id=primary) for pk, primary in missing.iterator()]
    through.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_audit_import_update")]

    operations = [migrations.RunPython(add_missing_links, migrations.RunPython.noop)]
