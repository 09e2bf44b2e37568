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
moves nothing. Reading it is one single-row query per request; the summary of the visible
articles (newest visible publication, next scheduled one) is cached per generation.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.apps import apps
from django.core.cache import cache
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from articles.models import Article
from articles.signals import articles_changed

from .models import SiteGeneration

STATE_KEY = "paddock:site-state"
GENERATION_PK = 1
# Third-party models shown on public pages; the project's own apps declare theirs. Taggit's
# link rows are not listed: adding or removing a tag sends m2m_changed from the tagged
# article, and the cascade of a deleted tag or article is covered by that deletion (one
# counter move, not one per link row).
THIRD_PARTY_PUBLIC = {"taggit.tag"}


@dataclass(frozen=True)
class SiteState:
    token: str  # changes whenever any public page may have changed
    changed_at: datetime  # what Last-Modified says, to the second


def mark_changed(**_signal_kwargs) -> None:
    """Public content changed (usable directly as a signal receiver)."""
    now = timezone.now()
    moved = SiteGeneration.objects.filter(pk=GENERATION_PK).update(
        value=F("value") + 1, changed_at=now
    )
    if not moved:  # a database made without the migration's row (e.g. flushed by a test)
        SiteGeneration.objects.get_or_create(pk=GENERATION_PK, defaults={"changed_at": now})


def current_generation() -> tuple[int, datetime]:
    row = SiteGeneration.objects.filter(pk=GENERATION_PK).values_list("value", "changed_at")
    found = row.first()
    return found if found is not None else (0, datetime.fromtimestamp(0, tz=UTC))


def site_state() -> SiteState:
    generation, edited_at = current_generation()
    now = timezone.now()
    state = cache.get(STATE_KEY)
    if (
        state is None
        or state["generation"] != generation
        or (state["next_due"] is not None and state["next_due"] <= now)
    ):
        state = _summarise(generation, now)
        cache.set(STATE_KEY, state, timeout=None)
    changed = max(edited_at, state["newest"] or edited_at)
    # HTTP dates have one-second precision: round up, so a change within a second counts.
    seconds = int(changed.timestamp()) + (changed.microsecond > 0)
    return SiteState(
        # The newest visible time is part of the token: a scheduled article coming out changes
        # the pages although nobody edited anything.
        token=f"{generation}.{state['newest'].timestamp() if state['newest'] else 0}",
        changed_at=datetime.fromtimestamp(seconds, tz=UTC),
    )


def _summarise(generation: int, now: datetime) -> dict:
    """One query: the newest visible publication and the next scheduled one."""
    summary = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        newest=Max("published_at", filter=Q(published_at__lte=now)),
        next_due=Min("published_at", filter=Q(published_at__gt=now)),
    )
    return {"generation": generation, **summary}


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
