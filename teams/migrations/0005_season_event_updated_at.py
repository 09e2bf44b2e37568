import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """Seasons and events say when they last changed, as the other registry entities do."""

    dependencies = [
        ("teams", "0004_season_standings_by_class"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="season",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True, default=django.utils.timezone.now, verbose_name="updated"
            ),
            preserve_default=False,
        ),
    ]
