"""The keys of what a page shows, gathered while it renders.

A page is cached with the keys of everything it showed (newsroom.page_cache), and a write moves
the keys of what it changed (newsroom.invalidation): the page is rendered again only when one
of its keys moved.

- Rows: every row of a public model the page loaded from the database is recorded as it is
  built (post_init), "article-12", "championship-3", "tag-5"… — cards, menus, links and
  pictures alike, whatever code loaded them, so no view can forget one.
- Lists: which rows a list holds is not a row. A page that lists articles declares the lists it
  shows (`lists(...)`): a hub, "articles:championship-3"; a tag page, "articles:tag-5". A page
  that declares nothing depends on every list ("articles") and on the registry's membership
  ("registry"): home, news, archives, feeds, sitemaps and directories change with any
  publication, and are never left stale for want of a declaration.
- The registry's facts: a season's calendar, entries, results and standings are computed from
  hundreds of rows and kept in the process (newsroom/kept_sheets.py); any write of the registry
  moves "facts", which pages showing them depend on.
- The frame: menus and the search filters' choices come from the site summary, whose changes
  move "chrome" and "choices" (newsroom.freshness); every author's address follows every
  account's name ("people").

Kept here, beside the pages that declare their lists; the public site (newsroom) caches the
pages and moves the keys.
"""

from contextlib import contextmanager
from contextvars import ContextVar

ARTICLES = "articles"  # which articles the site lists
REGISTRY = "registry"  # which championships, makes, teams, drivers… exist
SEARCH = "search"  # what any article says (search results)
CHROME = "chrome"  # the menus of every page
SECTIONS = "sections"  # the series of the home page's sections
CHOICES = "choices"  # every series and make by name (the search filters)
TAGS = "tags"  # every tag's name and address (the tags' sitemap)
PEOPLE = "people"  # every account's public name (bylines and authors' addresses)
FACTS = "facts"  # anything of the registry: seasons' calendars, entries, results, standings
EVERY_LIST = (ARTICLES, REGISTRY)


class Collected:
    def __init__(self):
        self.rows: set[str] = set()
        self.lists: set[str] | None = None  # None: not declared, every list

    def keys(self) -> frozenset[str]:
        lists = EVERY_LIST if self.lists is None else self.lists
        return frozenset(self.rows | set(lists))


_collected: ContextVar[Collected | None] = ContextVar("paddock_cache_keys", default=None)


@contextmanager
def collecting():
    collected = Collected()
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)


def key_of(instance) -> str:
    return f"{instance._meta.model_name}-{instance.pk}"


def list_of(instance) -> str:
    """The key of the articles linked to `instance` (a series, a tag, an author…)."""
    return f"{ARTICLES}:{key_of(instance)}"


def record(*keys: str) -> None:
    collected = _collected.get()
    if collected is not None:
        collected.rows.update(keys)


def lists(*keys: str) -> None:
    """The page lists these lists of articles, and no other (see the module's docstring)."""
    collected = _collected.get()
    if collected is not None:
        collected.lists = (collected.lists or set()) | set(keys)


def _loaded(sender, instance, **kwargs) -> None:
    if instance.pk is not None and _collected.get() is not None:
        record(key_of(instance))


def connect(models) -> None:
    """Record the rows of `models` that pages load (called once, by the public site's app)."""
    from django.db.models.signals import post_init

    for model in models:
        post_init.connect(_loaded, sender=model, dispatch_uid=f"paddock-shown-{model._meta}")
