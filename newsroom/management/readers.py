"""What the benchmarks that run the site in processes share: free ports, waiting for a server,
and the pages readers ask for (bench_varnish, bench_load)."""

import random
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management.base import CommandError

from articles.models import Article
from newsroom.processes import answering


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    if not answering(url, process, seconds=30):
        raise CommandError(f"{what} did not start")


def app_server(port: int, env: dict, *, workers: int = 2) -> subprocess.Popen:
    """gunicorn as deploy/gunicorn.conf.py runs it in production, on 127.0.0.1:`port`."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
        cwd=settings.BASE_DIR,
        env={**env, "BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/robots.txt", server, "gunicorn")
    return server


def reader_mix(rng: random.Random, requests: int) -> tuple[list[str], list[str]]:
    """(the pages, `requests` of them as readers ask for them): most for the home page, the
    news and the newest articles, the rest spread over the archive (Zipf-like: the page of
    rank r is read about 1/r as often as the first)."""
    newest = list(
        Article.objects.published().select_related("primary_championship").newest_first()[:2000]
    )
    paths = ["/", "/actualites/"] + [article.get_absolute_url() for article in newest]
    hubs = {a.primary_championship for a in newest[:200] if a.primary_championship_id}
    paths += sorted(series.get_absolute_url() for series in hubs)
    weights = [1 / rank for rank in range(1, len(paths) + 1)]
    return paths, rng.choices(paths, weights, k=requests)
