import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.services import relink_articles


class Command(BaseCommand):
    help = (
        "Link imported articles to the registry again (after adding teams, drivers or aliases). "
        "Links that editors added or removed by hand are left as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--since",
            type=datetime.date.fromisoformat,
            help="only articles imported on or after this day (YYYY-MM-DD)",
        )
        parser.add_argument("--dry-run", action="store_true", help="count changes, save nothing")

    def handle(self, *args, since, dry_run, **options):
        articles = Article.objects.exclude(legacy_id="").order_by("pk")
        if since:
            start = timezone.make_aware(datetime.datetime.combine(since, datetime.time()))
            articles = articles.filter(created_at__gte=start)
        if not articles.exists():
            raise CommandError("No imported article to link again.")
        with transaction.atomic():
            counts = relink_articles(articles=articles.iterator(chunk_size=500))
            if dry_run:
                transaction.set_rollback(True)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.seen} imported articles linked again: {counts.changed} {verb}."
            )
        )
