"""When the public site last changed: the validator behind ETag, Last-Modified and the page cache.

Two things change what a reader sees:

- an edit (article, registry entity, tag, image, correction…): saves, deletes and link changes
  call `mark_changed()`, which moves a generation counter in the shared cache;
- the clock: a scheduled article becomes visible at its `published_at` without any write.

`site_state()` reads the counter and a small summary of the visible articles (newest visible
publication, next scheduled one) kept in the cache, so most requests touch no table at all; the
summary is recomputed (one query) after an edit or once the next scheduled time has passed.
If the cache loses its keys (restart, eviction), the next request starts a new generation:
pages are rendered again, never served stale.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from articles.models import Article

GENERATION_KEY = "paddock:site-generation"
STATE_KEY = "paddock:site-state"
# Apps whose rows show on public pages. Writes to their private models (history, audit,
# presence pings every 15 seconds, per-file import records) must not empty the page cache.
# An import batch does count: the importer writes articles in bulk (no signals) and saves its
# batch when it ends.
PUBLIC_APPS = {"articles", "teams", "taggit"}
PRIVATE_MODELS = {
    "articles.revision",
    "articles.auditentry",
    "articles.editingpresence",
    "articles.workflowstep",
    "articles.importrecord",
}


@dataclass(frozen=True)
class SiteState:
    token: str  # changes whenever any public page may have changed
    changed_at: datetime  # what Last-Modified says, to the second


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (fresh or evicted cache)
        _generation()


def mark_changed(**_signal_kwargs) -> None:
    """Public content changed (usable directly as a signal receiver).

    The counter moves now, so this request and tests see the change at once, and again when
    the transaction commits, so a page rendered by another request between the write and the
    commit (from the old rows) is not kept under the new generation.
    """
    _bump()
    cache.delete(STATE_KEY)
    transaction.on_commit(_bump)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A random start, so a restarted cache never reuses a generation already served.
        cache.add(GENERATION_KEY, random.randrange(1, 2**40), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def site_state() -> SiteState:
    generation = _generation()
    now = timezone.now()
    state = cache.get(STATE_KEY)
    if (
        state is None
        or state["generation"] != generation
        or (state["next_due"] is not None and state["next_due"] <= now)
    ):
        state = _summarise(generation, now)
        cache.set(STATE_KEY, state, timeout=None)
    changed = max(state["edited_at"], state["newest"] or state["edited_at"])
    # HTTP dates have one-second precision: round up, so a change within a second counts.
    seconds = int(changed.timestamp()) + (changed.microsecond > 0)
    return SiteState(
        # The newest visible time is part of the generation: a scheduled article coming out
        # changes the pages although nobody edited anything.
        token=f"{generation}.{state['newest'].timestamp() if state['newest'] else 0}",
        changed_at=datetime.fromtimestamp(seconds, tz=UTC),
    )


def _summarise(generation: int, now: datetime) -> dict:
    """One query: the newest visible publication and the next scheduled one."""
    summary = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        newest=Max("published_at", filter=Q(published_at__lte=now)),
        next_due=Min("published_at", filter=Q(published_at__gt=now)),
    )
    return {"generation": generation, "edited_at": now, **summary}


def is_public(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return (
        meta is not None
        and meta.app_label in PUBLIC_APPS
        and meta.label_lower not in PRIVATE_MODELS
    )


def on_model_change(sender, **kwargs) -> None:
    """Receiver for post_save, post_delete and m2m_changed of any model."""
    if is_public(sender):
        mark_changed()


def connect() -> None:
    """Called once from NewsroomConfig.ready(): watch every write that readers can see."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
        signal.connect(on_model_change, dispatch_uid=f"paddock-freshness-{name}")
