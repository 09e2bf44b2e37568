"""When the public site last changed: the validator behind ETag, Last-Modified and the page cache.

Two things change what a reader sees:

- a write (article, registry entity, tag, image, correction…): the article services announce
  theirs (`articles.signals.articles_changed`), and saves, deletes and link changes of every
  model an app declares public (`public_models` on its AppConfig) are caught by model signals;
  each moves the generation counter kept in the database (`newsroom.models.SiteGeneration`);
- the clock: a scheduled article becomes visible at its `published_at` without any write.

The counter is in the database because that is the one store every process shares in every
configuration (gunicorn workers, a command-line import, a second server): a change made anywhere
is seen by the next request everywhere, and the validators move with it, so no 304 confirms a
stale copy. It moves inside the writing transaction, so a rolled-back write (a dry-run preview)
moves nothing. Reading it is the one query every request makes for the site's frame: the same
query reads the summary of what is visible (newest publication, next scheduled one, the menus;
models.SiteSummary), worked out again by the first request that finds it older than the
counter or past its next scheduled publication. A write stays cheap (an import moves the
counter thousands of times) and a page costs no more than that one query for its frame, with or
without a cache.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from django.apps import apps
from django.db.models import Count, F, Max, Min, Q, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article
from articles.nowait import keep_unless_busy
from articles.signals import articles_changed
from teams.models import Championship, Manufacturer

from .models import SiteGeneration, SiteSummary

GENERATION_PK = SUMMARY_PK = 1
# How many series and makes the menus show, and series the home page has a section for: those
# with the most published articles.
MENU_SIZE = 8
SECTIONS = 4
# Moved when the summary's content changes: a summary in the old shape is made again.
FORMAT = 1
# Third-party models shown on public pages; the project's own apps declare theirs. Taggit's
# link rows are not listed: adding or removing a tag sends m2m_changed from the tagged
# article, and the cascade of a deleted tag or article is covered by that deletion (one
# counter move, not one per link row).
THIRD_PARTY_PUBLIC = {"taggit.tag"}


@dataclass(frozen=True)
class SiteState:
    token: str  # changes whenever any public page may have changed
    changed_at: datetime  # what Last-Modified says, to the second
    summary: dict  # see _summarise

    def menu(self, model) -> list:
        """The menu's entries of `model` (Championship or Manufacturer)."""
        return _entities(model, self.summary["menu"][model._meta.model_name])

    def sections(self) -> list:
        """The series of the home page's sections."""
        return _entities(Championship, self.summary["sections"])

    def choices(self, model) -> list[dict]:
        """Every entity of `model` (Championship or Manufacturer) by name: id, name, slug."""
        return self.summary["choices"][model._meta.model_name]

    @property
    def oldest(self) -> datetime | None:
        return _moment(self.summary["oldest"])

    @property
    def newest(self) -> datetime | None:
        return _moment(self.summary["newest"])


def _entities(model, rows: list[dict]) -> list:
    """Unsaved instances holding the columns read (see links.py on why not the defaults)."""
    return [model.from_db(None, list(fields), list(fields.values())) for fields in rows]


def mark_changed(**_signal_kwargs) -> None:
    """Public content changed (usable directly as a signal receiver)."""
    now = timezone.now()
    moved = SiteGeneration.objects.filter(pk=GENERATION_PK).update(
        value=F("value") + 1, changed_at=now
    )
    if not moved:  # a database made without the migration's row (e.g. flushed by a test)
        SiteGeneration.objects.get_or_create(pk=GENERATION_PK, defaults={"changed_at": now})


def site_state() -> SiteState:
    now = timezone.now()
    kept = SiteSummary.objects.filter(pk=SUMMARY_PK).values("data")
    row = SiteGeneration.objects.filter(pk=GENERATION_PK).values_list(
        "value", "changed_at", Subquery(kept)
    )
    generation, edited_at, stored = row.first() or (0, datetime.fromtimestamp(0, tz=UTC), None)
    summary = _decoded(stored)
    if (
        summary.get("generation") != generation
        or summary.get("format") != FORMAT
        or _due(summary, now)
    ):
        summary = _summarise(generation, now)
        _keep(summary)
    newest = _moment(summary["newest"])
    changed = max(edited_at, newest or edited_at)
    # HTTP dates have one-second precision: round up, so a change within a second counts.
    seconds = int(changed.timestamp()) + (changed.microsecond > 0)
    return SiteState(
        # The newest visible time is part of the token: a scheduled article coming out changes
        # the pages although nobody edited anything.
        token=f"{generation}.{newest.timestamp() if newest else 0}",
        changed_at=datetime.fromtimestamp(seconds, tz=UTC),
        summary=summary,
    )


def _decoded(stored) -> dict:
    # A JSON column read through a subquery comes back as text on some databases.
    if isinstance(stored, str):
        return json.loads(stored)
    return stored or {}


def _keep(summary: dict) -> None:
    """Stores the summary for the next requests, unless that means waiting for a writer."""
    keep_unless_busy(
        SiteSummary,
        lambda: SiteSummary.objects.bulk_create(
            [SiteSummary(pk=SUMMARY_PK, data=summary)],
            update_conflicts=True,
            unique_fields=["id"],
            update_fields=["data"],
        ),
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
    )
    return {
        "generation": generation,
        "format": FORMAT,
        # Written out in full: JSON's usual encoder would cut the microseconds, and the token
        # of the first request must be the token of the next ones.
        **{name: value and value.isoformat() for name, value in times.items()},
        "menu": {
            "championship": _most_covered(Championship, "articles", MENU_SIZE, "short_name"),
            "manufacturer": _most_covered(Manufacturer, "articles", MENU_SIZE),
        },
        # The series with the most articles about them first.
        "sections": _most_covered(Championship, "lead_articles", SECTIONS, "short_name"),
        "choices": {
            model._meta.model_name: list(
                model.objects.order_by("name").values("id", "name", "slug")
            )
            for model in (Championship, Manufacturer)
        },
    }


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


def is_public(model) -> bool:
    """Does a write to `model` (or to a link table of one) change what readers see?"""
    meta = getattr(model, "_meta", None)
    if meta is None:
        return False
    if meta.auto_created:  # the link table of a many-to-many field: its owner decides
        return is_public(meta.auto_created)
    if meta.label_lower in THIRD_PARTY_PUBLIC:
        return True
    try:
        config = apps.get_app_config(meta.app_label)
    except LookupError:  # e.g. Django's own migration records
        return False
    return meta.model_name in getattr(config, "public_models", ())


def on_model_change(sender, **kwargs) -> None:
    """Receiver for post_save and post_delete of any model."""
    if not kwargs.get("raw") and is_public(sender):  # raw: loaddata
        mark_changed()


def on_links_change(sender, instance, action, **kwargs) -> None:
    """Receiver for m2m_changed: links of a public row (or to one) were written."""
    if action.startswith("post_") and (is_public(sender) or is_public(type(instance))):
        mark_changed()


def connect() -> None:
    """Called once from NewsroomConfig.ready(): watch every write that readers can see."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    post_save.connect(on_model_change, dispatch_uid="paddock-freshness-save")
    post_delete.connect(on_model_change, dispatch_uid="paddock-freshness-delete")
    m2m_changed.connect(on_links_change, dispatch_uid="paddock-freshness-m2m")
    articles_changed.connect(mark_changed, dispatch_uid="paddock-freshness-articles")
