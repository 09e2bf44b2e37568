"""The site's state: when it last changed, and the summary every page's frame shows.

Two things change what a reader sees:

- a write (article, registry entity, tag, image, correction…): newsroom.invalidation moves the
  generation counter kept in the database (`newsroom.models.SiteGeneration`) and the keys of
  what the write changed;
- the clock: a scheduled article becomes visible at its `published_at` without any write; the
  first request that sees it due moves its keys (`_settle`).

The counter is in the database because that is the one store every process shares in every
configuration (gunicorn workers, a command-line import, a second server): a change made anywhere
is seen by the next request everywhere. It moves inside the writing transaction, so a
rolled-back write (a dry-run preview) moves nothing. Reading it is the one query every request
makes for the site's frame: the same query reads the summary of what is visible (newest
publication, next scheduled one, the menus; models.SiteSummary), worked out again by the first
request that finds it older than the counter or past its next scheduled publication, and —
for a cached page — the newest move among that page's keys. A write stays cheap (an import
moves the counter thousands of times) and a page costs no more than that one query for its
frame, with or without a cache.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import DatabaseError, connections, router, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article
from articles.nowait import keep_unless_busy
from articles.planned import planned_once
from articles.site import cache_keys
from articles.site.cache_keys import ARTICLES, CHOICES, CHROME, FACTS, SECTIONS
from teams.models import Championship, Manufacturer

from . import invalidation
from .invalidation import GENERATION_PK
from .models import CacheKey, SiteGeneration, SiteSummary

SUMMARY_PK = 1
EPOCH = datetime.fromtimestamp(0, tz=UTC)
# How many series and makes the menus show, and series the home page has a section for: those
# with the most published articles.
MENU_SIZE = 8
SECTION_COUNT = 4
# Moved when the summary's content changes: a summary in the old shape is made again.
FORMAT = 6


@dataclass(frozen=True)
class SiteState:
    generation: int  # moved by every write readers can see
    changed_at: datetime  # when the site last changed, to the second (Last-Modified)
    summary: dict  # see _summarise
    # The newest generation among the keys asked for (None: none of them ever moved), and
    # whether this request found the summary's change still unrecorded (a writer held the
    # database): cached pages cannot be trusted then (newsroom.page_cache).
    keys_generation: int | None = None
    unsettled: bool = False

    def current(self, generation: int) -> bool:
        """Is a page rendered at `generation`, with the keys asked for, still current?"""
        return not self.unsettled and (self.keys_generation or 0) <= generation

    def menu(self, model) -> list:
        """The menu's entries of `model` (Championship or Manufacturer)."""
        cache_keys.record(CHROME)
        return _entities(model, self.summary["chrome"][model._meta.model_name])

    def sections(self) -> list:
        """The series of the home page's sections."""
        cache_keys.record(SECTIONS)
        return _entities(Championship, self.summary["sections"])

    def choices(self, model) -> list[dict]:
        """Every entity of `model` (Championship or Manufacturer) by name: id, name, slug."""
        cache_keys.record(CHOICES)
        return self.summary["choices"][model._meta.model_name]

    @property
    def oldest(self) -> datetime | None:
        cache_keys.record(ARTICLES)
        return _moment(self.summary["oldest"])

    @property
    def newest(self) -> datetime | None:
        cache_keys.record(ARTICLES)
        return _moment(self.summary["newest"])

    @property
    def published(self) -> int:
        """How many articles readers can see: the news list's count, without counting."""
        cache_keys.record(ARTICLES)
        return self.summary["published"]


def _entities(model, rows: list[dict]) -> list:
    """Unsaved instances holding the columns read (see links.py on why not the defaults)."""
    return [model.from_db(None, list(fields), list(fields.values())) for fields in rows]


def site_state(keys: Iterable[str] = ()) -> SiteState:
    """The site's state, and the newest generation among `keys` (a cached page's), in one
    query."""
    now = timezone.now()
    keys = list(keys)
    connection = connections[router.db_for_read(SiteGeneration)]
    with planned_once(connection), connection.cursor() as cursor:
        cursor.execute(
            _state_sql(len(keys)),
            [SUMMARY_PK, *keys, GENERATION_PK],
        )
        row = cursor.fetchone()
    if row is None:
        generation, edited_at, stored, keys_generation = 0, EPOCH, None, None
    else:
        generation, edited_at, stored, keys_generation = row
        edited_at = _aware(edited_at)
    summary = _decoded(stored)
    unsettled = False
    if (
        summary.get("generation") != generation
        or summary.get("format") != FORMAT
        or _due(summary, now)
    ):
        summary, unsettled = _settle(summary, _summarise(generation, now), now)
    newest = _moment(summary["newest"])
    changed = max(edited_at, newest or edited_at)
    # HTTP dates have one-second precision: round up, so a change within a second counts.
    seconds = int(changed.timestamp()) + (changed.microsecond > 0)
    return SiteState(
        generation=summary["generation"],
        changed_at=datetime.fromtimestamp(seconds, tz=UTC),
        summary=summary,
        keys_generation=keys_generation,
        unsettled=unsettled,
    )


@lru_cache(maxsize=256)
def _state_sql(key_count: int) -> str:
    """The state's query for `key_count` keys, written once per number of keys: the ORM would
    build the same statement, with its two subqueries, anew for every request, which cost more
    than running it. Names are quoted as standard SQL, which SQLite and PostgreSQL both read."""
    generation, summary, key = (m._meta.db_table for m in (SiteGeneration, SiteSummary, CacheKey))
    newest_key = (
        f'(SELECT MAX("generation") FROM "{key}" WHERE "key" IN ({", ".join(["%s"] * key_count)}))'
        if key_count
        else "NULL"
    )
    return (
        f'SELECT "value", "changed_at", '
        f'(SELECT CAST("data" AS TEXT) FROM "{summary}" WHERE "id" = %s), '
        f'{newest_key} FROM "{generation}" WHERE "id" = %s'
    )


def _aware(moment) -> datetime:
    # SQLite answers a raw query's datetime column with the text it stores, in UTC.
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)


def _settle(previous: dict, summary: dict, now: datetime) -> tuple[dict, bool]:
    """Keeps the new summary, first moving the keys of what changed without a write of its own:
    the frame's menus or choices (the counts behind them moved), the articles that came due.
    Returns the summary kept and whether a change is left unrecorded (a writer held the
    database: the next request tries again)."""
    if previous.get("format") == FORMAT:
        keys = {
            key
            for key, part in ((CHROME, "chrome"), (SECTIONS, "sections"), (CHOICES, "choices"))
            if previous[part] != summary[part]
        }
        keys |= invalidation.due_keys(_moment(previous["computed_at"]), now)
    else:  # no summary yet, or one of another shape: every page may be out of date
        keys = {CHROME}

    def write():
        with transaction.atomic():
            if keys:
                # A writer holds this row until it commits (an import, for a whole chunk): the
                # page does not wait for it.
                list(SiteGeneration.objects.select_for_update(nowait=True).filter(pk=GENERATION_PK))
                summary["generation"] = invalidation.bump(keys)
            _store(summary)

    try:
        kept = keep_unless_busy(SiteSummary, write)
    except DatabaseError:  # the row is locked (select_for_update's nowait)
        kept = False
    return summary, bool(keys) and not kept


def _decoded(stored: str | None) -> dict:
    """The summary, read as text: it changes with the site's generation, so the process decodes
    it once per change rather than on every request. Readers never change it (_settle makes a
    new one)."""
    if stored is None:
        return {}
    return _decode(stored)


@lru_cache(maxsize=2)
def _decode(stored: str) -> dict:
    return json.loads(stored)


def _store(summary: dict) -> None:
    SiteSummary.objects.bulk_create(
        [SiteSummary(pk=SUMMARY_PK, data=summary)],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["data"],
    )


def site_state_of(request) -> SiteState:
    """The state read for this request (by the page cache, where it ran), else read now."""
    state = getattr(request, "site_state", None)
    if state is None:
        state = request.site_state = site_state()
    return state


def _due(summary: dict, now: datetime) -> bool:
    next_due = _moment(summary.get("next_due"))
    return next_due is not None and next_due <= now


def _moment(value: str | None) -> datetime | None:
    return parse_datetime(value) if value else None


def _summarise(generation: int, now: datetime) -> dict:
    """What the frame of the pages shows and what every page may read, made once per
    generation: the oldest, newest and next scheduled publications, the menus, the series the
    home page has sections for, and the choices of the search filters."""
    times = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        oldest=Min("published_at", filter=Q(published_at__lte=now)),
        newest=Max("published_at", filter=Q(published_at__lte=now)),
        next_due=Min("published_at", filter=Q(published_at__gt=now)),
        # Exact until the next write or the next due article, which make another summary.
        published=Count("pk", filter=Q(published_at__lte=now)),
    )
    published = times.pop("published")
    return {
        "generation": generation,
        "format": FORMAT,
        # Written out in full: JSON's usual encoder would cut the microseconds, and the token
        # of the first request must be the token of the next ones.
        **{name: value and value.isoformat() for name, value in times.items()},
        "published": published,
        # When the registry last changed: the seasons' sheets are kept under it
        # (kept_sheets.py). With its time, as a counter reads the same again after a restore.
        "facts": _moved(FACTS),
        # When it was made: the articles due since are found from there (_settle).
        "computed_at": now.isoformat(),
        # The menus of every page: the most covered, shown by name, so that a publication
        # that only reorders the counts leaves every page as it was (CHROME does not move).
        "chrome": {
            "championship": _by_name(
                _most_covered(Championship, "articles", MENU_SIZE, "short_name")
            ),
            "manufacturer": _by_name(_most_covered(Manufacturer, "articles", MENU_SIZE)),
        },
        # The home page's sections: the series with the most articles about them first.
        "sections": _most_covered(Championship, "lead_articles", SECTION_COUNT, "short_name"),
        "choices": {
            model._meta.model_name: list(
                model.objects.order_by("name").values("id", "name", "slug")
            )
            for model in (Championship, Manufacturer)
        },
    }


def _moved(key: str) -> str | None:
    """When `key` last moved, as its generation and time (None: never)."""
    moved = CacheKey.objects.filter(key=key).values_list("generation", "changed_at").first()
    return moved and f"{moved[0]}@{moved[1].isoformat()}"


def _by_name(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (row.get("short_name") or row["name"]).casefold())


def _most_covered(model, relation: str, size: int, *fields) -> list[dict]:
    """The entities with the most published articles through `relation`: one grouped count
    over the links (a join, not a subquery per entity)."""
    visible = Article.objects.published().values("pk")
    return list(
        model.objects.filter(**{f"{relation}__in": visible})
        .annotate(article_count=Count(relation))
        .order_by("-article_count", "name")
        .values("id", "name", "slug", *fields)[:size]
    )
