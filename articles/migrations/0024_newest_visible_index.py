# The visibility index with the id after the date: the newest-first order of every list is the
# index's own, and a deep page's ids are read from the index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0023_article_events"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="article_visibility",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "published_at", "id"], name="article_newest_visible"
            ),
        ),
    ]
