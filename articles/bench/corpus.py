"""Published articles in bulk for the benchmarks that read pages and search (bench_search,
bench_pages): synthetic French texts linked to the registry entities they name, with tags."""

import random
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from taggit.models import Tag, TaggedItem

from articles.models import Article
from articles.statistics import refresh_statistics
from teams.models import Championship, Driver, Manufacturer, Team

from .synthetic import Names, synthetic_text

INSERT_CHUNK = 2000
# Each article gets two of these tags, as a newsroom's tags are few and reused.
TAGS = 60


def create_articles(count: int, rng: random.Random) -> list[int]:
    """`count` published articles, linked to one series, make, team and driver each and tagged
    twice; returns their ids."""
    registry = {
        "championship": list(Championship.objects.all()),
        "make": list(Manufacturer.objects.all()),
        "team": list(Team.objects.all()),
        "driver": list(Driver.objects.all()),
    }
    tags = _tags()
    others = Names.from_registry()
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    ids = []
    for start in range(0, count, INSERT_CHUNK):
        batch, links = [], []
        for n in range(start, min(count, start + INSERT_CHUNK)):
            picks = {kind: rng.choice(entities) for kind, entities in registry.items()}
            picks["tags"] = rng.sample(tags, 2)
            names = Names(
                championship=[picks["championship"].name],
                make=[picks["make"].name],
                team=[picks["team"].name],
                driver=[picks["driver"].name],
                car=others.car,
                circuit=others.circuit,
            )
            _, _, header, text = synthetic_text(rng, names).split(" ", 3)
            paragraphs = text.strip().split("\n\n")
            year, month = map(int, header.split("-")[:2])
            batch.append(
                Article(
                    title=paragraphs[0].split(". ")[0][:300],
                    slug=f"bench-{n}",
                    standfirst=paragraphs[1] if len(paragraphs) > 1 else "",
                    body="".join(f"<p>{p}</p>" for p in paragraphs[2:]),
                    status=Article.Status.PUBLISHED,
                    published_at=datetime(year, month, 1 + n % 28, 12, tzinfo=tz),
                    date_precision=Article.DatePrecision.DAY,
                    primary_championship=picks["championship"],
                )
            )
            links.append(picks)
        with transaction.atomic():
            Article.objects.bulk_create(batch)
            _link(batch, links)
        ids += [a.pk for a in batch]
    refresh_statistics()  # as an import does (articles/importing/run.py)
    return ids


def _tags() -> list[Tag]:
    Tag.objects.bulk_create(
        [Tag(name=f"sujet {n}", slug=f"sujet-{n}") for n in range(TAGS)], ignore_conflicts=True
    )
    return list(Tag.objects.filter(slug__startswith="sujet-"))


def _link(batch, links) -> None:
    for relation, kind, column in [
        ("championships", "championship", "championship_id"),
        ("manufacturers", "make", "manufacturer_id"),
        ("teams", "team", "team_id"),
        ("drivers", "driver", "driver_id"),
    ]:
        through = getattr(Article, relation).through
        through.objects.bulk_create(
            [
                through(article_id=a.pk, **{column: picks[kind].pk})
                for a, picks in zip(batch, links, strict=True)
            ]
        )
    content_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(content_type=content_type, object_id=a.pk, tag=tag)
            for a, picks in zip(batch, links, strict=True)
            for tag in picks["tags"]
        ]
    )
