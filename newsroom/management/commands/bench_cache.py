"""After one publish, how many cached pages survive: exact invalidation, measured.

    manage.py bench_cache --pages 500   # after bench_pages, on its database (make bench)

A reader mix — `--pages` article pages, the hubs of the series, makes, teams and drivers they
link to, their tags, the home page, the news list's first pages, the feeds and sitemaps — is
rendered into a cache large enough to hold it all. Then one article is published through the
write path, linked as the corpus links its articles (a series, a make, a team, a driver, two
tags), and every page is asked again. Prints how many were still served from the cache; of
those rendered again, how many changed (they show the new article, or moved with it) and how
many came out the same (needless work); and, checked against a fresh rendering of every page,
how many pages were served stale (must be 0).
"""

import random
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article
from newsroom.freshness import site_state

ROOMY = {
    name: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"bench-{name}",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
    for name in ("default", "long_tail")
}
NONCE = re.compile(rb'nonce="[^"]*"')


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=500, help="article pages in the mix")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, pages, seed, **options):
        published = list(Article.objects.published().values_list("pk", flat=True))
        if not published:
            raise CommandError("No articles: run bench_pages first, on the same database.")
        plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(
            CACHES=ROOMY, STORAGES={**settings.STORAGES, "staticfiles": plain_static}
        ):
            for cache in caches.all():
                cache.clear()
            self._measure(random.Random(seed), published, pages)

    def _measure(self, rng, published, pages):
        sample = list(
            Article.objects.filter(
                pk__in=rng.sample(published, min(pages, len(published)))
            ).prefetch_related("championships", "manufacturers", "teams", "drivers", "tags")
        )
        urls = {"/", "/flux/rss/", "/flux/atom/", "/sitemap-news.xml", "/sitemap-tags.xml"}
        urls |= {f"/actualites/?page={n}" for n in range(1, 6)}
        for article in sample:
            urls.add(article.get_absolute_url())
            for relation in ("championships", "manufacturers", "teams", "drivers"):
                urls |= {entity.get_absolute_url() for entity in getattr(article, relation).all()}
            urls |= {f"/tags/{tag.slug}/" for tag in article.tags.all()}
        urls = sorted(urls)
        client = Client()
        before = {url: self._get(client, url)[0] for url in urls}

        model = sample[0]
        article = Article(
            title="Une victoire de plus pour la mesure du cache",
            standfirst="Un article publié au milieu des lecteurs.",
            body="<p>Texte.</p>",
            primary_championship=model.championships.all()[0],
        )
        started = time.perf_counter()
        services.save_article(
            article=article,
            user=None,
            transition="publish",
            add_links={
                relation: list(getattr(model, relation).all())
                for relation in ("championships", "manufacturers", "teams", "drivers")
            }
            | {"tags": [tag.name for tag in model.tags.all()]},
        )
        publish_ms = (time.perf_counter() - started) * 1000
        site_state()  # the first request after a change makes the site's summary, once

        kept, changed, same, served = 0, 0, 0, {}
        for url in urls:
            body, rendered = self._get(client, url)
            served[url] = body
            if not rendered:
                kept += 1
            elif body != before[url]:
                changed += 1
            else:
                same += 1
        for cache in caches.all():
            cache.clear()
        stale = sum(self._get(client, url)[0] != served[url] for url in urls)
        self.stdout.write(
            f"cache after one publish on {connection.vendor}: {len(urls):,} pages cached "
            f"({len(sample)} articles and their hubs, tags, lists, feeds, sitemaps); "
            f"publish took {publish_ms:.0f} ms"
        )
        self.stdout.write(
            f"  served again from the cache: {kept:,} ({kept / len(urls):.1%}); rendered again: "
            f"{changed:,} changed (they show the new article or moved with it), {same:,} came "
            f"out the same; stale: {stale}"
        )

    @staticmethod
    def _get(client, url) -> tuple[bytes, bool]:
        """(the body, nonces aside; whether it was rendered: a cached page costs 1 query)."""
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        return NONCE.sub(b"", response.content), len(queries) > 1
