import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from articles.models import Article
from newsroom.search import INDEX_CHUNK, clear_index, index_articles


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every article, in chunks (after an upgrade, a restore, "
        "or changes made behind Django's back)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", action="store_true", help="update in place instead of clearing first"
        )

    def handle(self, *args, keep, verbosity, **options):
        total = Article.objects.count()
        if not keep:
            clear_index()
        # tqdm redraws its line with "\r": it writes to the real stderr, not to the command's
        # OutputWrapper, which would end every redraw with a newline.
        progress = tqdm(total=total, unit="article", disable=verbosity < 1, file=sys.stderr)
        last = 0
        while True:
            # Keyset pagination: each chunk is a cheap index range scan, however deep.
            ids = list(
                Article.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[:INDEX_CHUNK]
            )
            if not ids:
                break
            with transaction.atomic():
                index_articles(ids)
            progress.update(len(ids))
            last = ids[-1]
        progress.close()
        self.stdout.write(f"{total} articles indexed.")
