import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from articles.bench.synthetic import Names, synthetic_text
from articles.suggestions import _cache
from teams.models import Championship


class Command(BaseCommand):
    help = (
        "Benchmark the article form's link suggestions: time to answer for a body of N "
        "characters, through the admin endpoint (session, CSRF, JSON), the linker compiled once "
        "per process. Run it on a scratch database holding the registry (make bench)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chars", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args, chars, runs, **options):
        if not Championship.objects.exists():
            raise CommandError("Load the registry first (manage.py load_registry).")
        body = self.body(chars)
        user, _ = get_user_model().objects.get_or_create(
            username="bench-suggestions", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        url = reverse("admin:articles_article_link_suggestions")
        form = {"title": "Essais du vendredi", "standfirst": "", "body": body}

        _cache["state"] = None  # the first request compiles the registry
        started = time.perf_counter()
        answer = client.post(url, form)
        cold = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            raise CommandError(f"the endpoint answered {answer.status_code}")
        found = answer.json()
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.post(url, form)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        self.stdout.write(
            f"suggestions for a {chars:,}-character body: {len(found['links'])} links, "
            f"{len(found['unknown_names'])} unknown names; first request (compiles the registry) "
            f"{cold:.1f} ms; then median {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms over {runs} requests "
            f"(target ≤ 100 ms)"
        )

    def body(self, chars: int) -> str:
        rng, names = random.Random(2026), Names.from_registry()
        paragraphs: list[str] = []
        while sum(map(len, paragraphs)) < chars:
            text = synthetic_text(rng, names).split(" ", 3)[-1]
            paragraphs.extend(p for p in text.split("\n\n") if p.strip())
        text = "\n\n".join(paragraphs)[:chars]
        return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
