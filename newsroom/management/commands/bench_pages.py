"""Time whole public pages rendered in-process with nothing cached, and count their queries.

    manage.py bench_pages --articles 10000   # on an empty, scratch database (make bench)

What a reader's first request of each page costs, as after a publish with no page cache: every
cache is Django's DummyCache, the site's summary is current (it is made once per change, not
per page). Prints the median, p95 and max of this process's CPU time in milliseconds (on
SQLite, the database's work included; on PostgreSQL, the server's is not), which a busy machine
disturbs less than the clock, and the queries of each kind of page.
"""

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from articles.bench.corpus import create_articles
from articles.models import Article, RelatedList
from newsroom.freshness import site_state
from newsroom.search import index_articles
from teams.models import Championship

NOTHING_CACHED = {
    name: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    for name in ("default", "long_tail")
}


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--pages", type=int, default=300, help="articles to render")
        parser.add_argument("--repeat", type=int, default=30, help="renders of each list page")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, articles, pages, repeat, seed, **options):
        if not Championship.objects.exists():
            raise CommandError("Load the registry first (manage.py load_registry).")
        rng = random.Random(seed)
        if not Article.objects.exists():
            started = time.perf_counter()
            index_articles(create_articles(articles, rng))
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")  # as autovacuum would, after a bulk load
            self.stdout.write(
                f"{connection.vendor}: {articles:,} articles written and indexed in "
                f"{time.perf_counter() - started:.1f} s"
            )
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(
            CACHES=NOTHING_CACHED,
            STORAGES={**settings.STORAGES, "staticfiles": plain_static},
        ):
            self._time(rng, pages, repeat)

    def _time(self, rng, pages: int, repeat: int) -> None:
        client = Client()
        site_state()
        ids = list(Article.objects.published().values_list("pk", flat=True))
        sample = Article.objects.filter(pk__in=rng.sample(ids, min(pages, len(ids))))
        hub = Championship.objects.filter(lead_articles__isnull=False).first()
        tag = Article.objects.published().filter(tags__isnull=False).values("tags__slug")[:1]
        articles = [a.get_absolute_url() for a in sample]
        # Their related articles are ranked by the first view of the day (models/related.py).
        RelatedList.objects.filter(article__in=sample).delete()
        kinds = {
            "article, first view": articles,
            "article": articles,
            "news list p1": ["/actualites/"] * repeat,
            "news list p50": ["/actualites/?page=50"] * repeat,
            "home": ["/"] * repeat,
            "series hub": [hub.get_absolute_url()] * repeat,
            "tag": [f"/tags/{tag[0]['tags__slug']}/"] * repeat if tag else [],
            "search": ["/recherche/?q=victoire"] * repeat,
        }
        self.stdout.write(
            f"pages on {connection.vendor}, nothing cached, in-process (CPU ms: p50 / p95 / max):"
        )
        for label, urls in kinds.items():
            if not urls:
                continue
            if label != "article, first view":
                client.get(urls[0])  # the templates are compiled once per process
            timings, queries = [], []
            for url in urls:
                with CaptureQueriesContext(connection) as captured:
                    started = time.process_time()
                    response = client.get(url)
                    timings.append((time.process_time() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                queries.append(len(captured))
            ordered = sorted(timings)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            self.stdout.write(
                f"  {label:<22} {statistics.median(ordered):6.1f} / {p95:6.1f} / "
                f"{ordered[-1]:6.1f}   {max(queries)} queries"
            )
