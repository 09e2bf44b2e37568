"""Benchmark reader search on a scratch database filled with synthetic articles."""

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.http import QueryDict
from django.test import RequestFactory, override_settings

from articles.bench.corpus import create_articles
from articles.models import Article
from newsroom.freshness import site_state
from newsroom.search import index_articles, search
from newsroom.search.filters import PARAMS, FilterChoices
from newsroom.search.views import SearchView
from teams.models import Championship, Manufacturer

# (label, query, filters by slug and year, page): single words, stemmed words, names,
# misspellings, with and without filters, first and third pages.
MIX = [
    ("word", "victoire", {}, 1),
    ("word p3", "victoire", {}, 3),
    ("stemmed", "victoires", {}, 1),
    ("rare word", "drapeaux", {}, 1),
    ("name", "Alfa Romeo", {}, 1),
    ("words + name", "victoires Alfa", {}, 1),
    ("words + name p3", "victoires Alfa", {}, 3),
    ("filtered", "victoire", {"championship": 0}, 1),
    ("filtered p3", "pénalité", {"championship": 0, "year": 0}, 3),
    ("name + make filter", "stratégie", {"manufacturer": 0}, 1),
    ("misspelt", "Citroan", {}, 1),
    ("misspelt name", "Alfa Romé0", {}, 1),
    ("no match", "xylophone", {}, 1),
]


class Command(BaseCommand):
    help = (
        "Fill a scratch database with N synthetic published articles, index them, then time a "
        "mix of searches (p50/p95/max in ms). Run it on an empty database (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=20_000)
        parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--queries-only",
            action="store_true",
            help="time the queries on the articles a previous run left (no new articles)",
        )

    def handle(self, *args, articles, repeat, seed, queries_only, **options):
        if not Championship.objects.exists():
            raise CommandError("Load the registry first (manage.py load_registry).")
        vendor = connection.vendor
        if not queries_only:
            self._fill(articles, seed, vendor)
        # Pages render as in production, less the static manifest a scratch run has not built.
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain_static}):
            self._time_queries(repeat, vendor)

    def _fill(self, articles: int, seed: int, vendor: str) -> None:
        if Article.objects.exists():
            raise CommandError("Run the benchmark on an empty, scratch database.")
        rng = random.Random(seed)
        started = time.perf_counter()
        ids = create_articles(articles, rng)
        self.stdout.write(
            f"{vendor}: {len(ids)} articles written in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        with transaction.atomic():
            index_articles(ids)
        if vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # as autovacuum would, after a bulk load
        self.stdout.write(f"{vendor}: indexed in {time.perf_counter() - started:.1f} s")

    def _time_queries(self, repeat: int, vendor: str) -> None:
        """Each query of MIX, `repeat` times: what the search view does, then whole pages."""
        slugs = {
            "championship": Article.objects.values_list(
                "primary_championship__slug", flat=True
            ).first(),
            "manufacturer": Manufacturer.objects.filter(articles__isnull=False)
            .values_list("slug", flat=True)
            .first(),
            "year": "2019",
        }
        everything, lines = [], []
        for label, query, filters, page in MIX:
            params = QueryDict(mutable=True)
            params.update({"q": query, "page": page})
            for name in filters:
                params[PARAMS[name]] = slugs[name]
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                choices = FilterChoices.load(site_state())
                results = search(query, filters=choices.filters(params)[0], page=params.get("page"))
                timings.append((time.perf_counter() - started) * 1000)
            everything += timings
            lines.append(
                f"  {label:<20} {_figures(timings)}  "
                f"({results.count}{'+' if results.count_is_capped else ''} results"
                f"{', suggests ' + repr(results.suggestion) if results.suggestion else ''})"
            )
        self.stdout.write(f"search on {vendor}, {repeat} runs per query (ms):")
        self.stdout.write("\n".join(lines))
        self.stdout.write(f"  {'all queries':<20} {_figures(everything)}")
        self._time_pages(repeat, vendor)

    def _time_pages(self, repeat: int, vendor: str) -> None:
        """Whole pages (template, site menu included) for one query, as a reader gets them."""
        view, factory = SearchView.as_view(), RequestFactory()
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            view(factory.get("/recherche/", {"q": "victoires Alfa"})).render()
            timings.append((time.perf_counter() - started) * 1000)
        self.stdout.write(f"  {'whole page':<20} {_figures(timings)}  (base template included)")


def _figures(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}  max {ordered[-1]:6.1f}"
