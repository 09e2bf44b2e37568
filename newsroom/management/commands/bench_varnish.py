"""Varnish in front of gunicorn, on a replayed reader mix with publications among the reads.

    manage.py bench_varnish --requests 5000   # after bench_pages, on its database (make bench)

Starts gunicorn (2 workers) and Debian's varnishd (deploy/varnish.vcl.template) on 127.0.0.1,
both stopped at the end. Readers ask for pages as readers do: most for the home page, the news
and the newest articles, the rest spread over the archive (Zipf-like). The mix is read once to
fill Varnish, then replayed, measured, while every
`--publish-every` requests an editor publishes an article through the write path, which
purges by key. Prints the share of requests Varnish answered itself, then withdraws a
much-read article and prints how long its pages took to stop showing it, seen through Varnish.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from articles import services
from articles.models import Article
from newsroom import varnish as varnish_server
from newsroom.management.readers import free_port, reader_mix, wait_for


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            return answer.status, answer.headers.get("X-Cache", ""), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", ""), ""


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=5000)
        parser.add_argument("--publish-every", type=int, default=500)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, requests, publish_every, seed, **options):
        if not varnish_server.installed():
            raise CommandError("varnishd not found: apt-get install varnish varnish-modules")
        if not Article.objects.published().exists():
            raise CommandError("No articles: run bench_pages first, on the same database.")
        call_command("collectstatic", interactive=False, verbosity=0)  # as a release does
        app_port, varnish_port = free_port(), free_port()
        front = f"http://127.0.0.1:{varnish_port}"
        with tempfile.TemporaryDirectory(prefix="paddock-varnish-") as scratch:
            app = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2",
                 "--bind", f"127.0.0.1:{app_port}"],
                cwd=settings.BASE_DIR,
                # Its pages name their keys for Varnish, and its writes purge them: Varnish can
                # keep pages for an hour, as a deployment with purges would let it.
                env={
                    **os.environ,
                    "PADDOCK_PURGE": "varnish",
                    "PADDOCK_PURGE_URLS": front,
                    "PADDOCK_SHARED_CACHE_SECONDS": "3600",
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
            varnish = None
            try:
                wait_for(f"http://127.0.0.1:{app_port}/robots.txt", app, "gunicorn")
                varnish = varnish_server.start(
                    Path(scratch), backend=f"127.0.0.1:{app_port}", port=varnish_port,
                    storage="malloc,256m",
                )  # fmt: skip
                purging = {"PADDOCK_PURGE": "varnish", "PADDOCK_PURGE_URLS": [front]}
                with override_settings(**purging):
                    self._replay(front, random.Random(seed), requests, publish_every)
            finally:
                for process in (varnish, app):
                    if process is not None:
                        process.terminate()
                        process.communicate(timeout=30)

    def _replay(self, front, rng, requests, publish_every):
        paths, mix = reader_mix(rng, requests)
        newest = list(Article.objects.published().newest_first()[:2])
        for path in mix:  # what Varnish holds when the replay starts
            fetch(front + path)
        hits = published = 0
        started = time.perf_counter()
        for n, path in enumerate(mix, start=1):
            status, cache, _ = fetch(front + path)
            if status != 200:
                raise CommandError(f"a reader got {status}")
            hits += cache == "HIT"
            if n % publish_every == 0:
                services.save_article(
                    article=Article(
                        title=f"Dernière minute {n}",
                        standfirst="Publié pendant la lecture.",
                        body="<p>Texte.</p>",
                        primary_championship=newest[0].primary_championship,
                    ),
                    user=None,
                    transition="publish",
                )
                published += 1
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"varnish in front of gunicorn: {requests:,} reader requests over {len(paths):,} "
            f"pages (Zipf-like) with {published} publications among them, in {elapsed:.1f} s: "
            f"{hits / requests:.1%} answered by Varnish"
        )

        story = newest[1]  # much read: on the home page, the news and its series' hub
        showing = ["/", "/actualites/", story.get_absolute_url()]
        for path in showing:
            fetch(front + path)
        withdrawn = time.perf_counter()
        services.transition(article=story, name="unpublish", user=None)
        address = story.get_absolute_url()  # titles repeat in a synthetic corpus; addresses not
        while any(address in fetch(front + path)[2] for path in showing):
            if time.perf_counter() - withdrawn > 30:
                raise CommandError("the withdrawn article was still shown after 30 s")
            time.sleep(0.005)
        self.stdout.write(
            f"  withdrawn article gone from every page Varnish serves after "
            f"{(time.perf_counter() - withdrawn) * 1000:.0f} ms"
        )
