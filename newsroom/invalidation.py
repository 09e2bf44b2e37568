"""What a write changed, as keys (newsroom.cache_keys): the write path moves them, and the
cached pages that show any of them are rendered again — those alone.

- A row of a public model saved or deleted moves its own key ("championship-3"), and the keys
  of the public rows it belongs to (a correction, its article's). A championship, make, team,
  driver… created or deleted also moves "registry": directories list them. Any write of the
  registry moves "facts": the seasons' sheets kept in the process are computed from it.
- An article written (by a service, which announces it: articles.signals.articles_changed, or
  by a plain save; the model signals of a service's writes wait for its announcement) moves
  its key, and "search" (any word may now match). When what lists it
  changed — published or withdrawn, another date, another series, team, tag or author — it
  moves "articles" and the keys of every list it was on or is on now: compared with what it
  was when last written (newsroom.models.ListedArticle), so correcting a title re-renders the
  article and the lists showing its card, not every list of the site.
- A scheduled article coming due is announced by the first request that sees it due
  (newsroom.freshness).

Keys move inside the writing transaction, with the site generation: a rolled-back write moves
nothing, and a committed one is seen by the next request of every process.
"""

from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article
from articles.signals import announcement_follows, articles_changed
from articles.site import cache_keys
from articles.site.cache_keys import ARTICLES, FACTS, PEOPLE, REGISTRY, SEARCH, TAGS, key_of
from teams import signals as registry_signals

from . import purge
from .models import CacheKey, ListedArticle, SiteGeneration

GENERATION_PK = 1
# What signing in writes to an account: nothing a reader sees.
SIGN_IN = {"last_login", "password"}
# The relations that put an article on a list of its own (a hub, a tag page, an author's page).
LISTED_BY = (*Article.LINK_FIELDS, "authors")
# Third-party models shown on public pages; the project's own apps declare theirs. Taggit's
# link rows are not listed: adding or removing a tag sends m2m_changed from the tagged
# article, and the cascade of a deleted tag or article is covered by that deletion (one
# counter move, not one per link row).
THIRD_PARTY_PUBLIC = {"taggit.tag"}
# The registry: any write of it moves FACTS.
REGISTRY_APP = "teams"


def mark_changed() -> int:
    """Moves the site generation; returns its new value."""
    now = timezone.now()
    generations = SiteGeneration.objects.filter(pk=GENERATION_PK)
    if not generations.update(value=F("value") + 1, changed_at=now):
        # A database made without the migration's row (e.g. flushed by a test).
        SiteGeneration.objects.get_or_create(pk=GENERATION_PK, defaults={"changed_at": now})
    return generations.values_list("value", flat=True).get()


def bump(keys: Iterable[str]) -> int:
    """Moves the generation and `keys` with it; returns the generation."""
    generation = mark_changed()
    keys = sorted(set(keys))
    if keys:
        purge.purge_on_commit(keys)
        now = timezone.now()
        CacheKey.objects.bulk_create(
            [CacheKey(key=key, generation=generation, changed_at=now) for key in keys],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["generation", "changed_at"],
        )
    return generation


def listing(ids: Iterable[int]) -> dict[int, tuple]:
    """{pk: (published_at, frozenset of list keys)} of the articles among `ids` that are
    published (scheduled ones included: they are listed when due)."""
    ids = list(ids)
    listed = dict(
        Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED).values_list(
            "pk", "published_at"
        )
    )
    if not listed:
        return {}
    parts = []
    for relation in LISTED_BY:
        field = Article._meta.get_field(relation)
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        parts.append(
            field.remote_field.through.objects.filter(**{f"{source}_id__in": listed})
            .annotate(kind=Value(field.related_model._meta.model_name, output_field=CharField()))
            .values_list(f"{source}_id", f"{target}_id", "kind")
        )
    tags = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=listed
    )
    parts.append(
        tags.annotate(kind=Value("tag", output_field=CharField())).values_list(
            "object_id", "tag_id", "kind"
        )
    )
    keys = {pk: set() for pk in listed}
    for article, pk, kind in parts[0].union(*parts[1:], all=True):
        keys[article].add(f"{ARTICLES}:{kind}-{pk}")
    return {pk: (published_at, frozenset(keys[pk])) for pk, published_at in listed.items()}


def refresh_articles(ids: Iterable[int]) -> None:
    """Moves the keys of what writing these articles changed (see the module's docstring)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return
    was = {
        row.article_id: (row.published_at, frozenset(row.keys))
        for row in ListedArticle.objects.filter(article_id__in=ids)
    }
    now = listing(ids)
    keys = {SEARCH} | {f"article-{pk}" for pk in ids}
    relisted, unlisted = [], []
    for pk in ids:
        before, after = was.get(pk), now.get(pk)
        if before == after:
            continue
        keys.add(ARTICLES)
        for state in (before, after):
            if state:
                keys |= state[1]
        if after:
            relisted.append(
                ListedArticle(article_id=pk, published_at=after[0], keys=sorted(after[1]))
            )
        else:
            unlisted.append(pk)
    bump(keys)
    if relisted:
        ListedArticle.objects.bulk_create(
            relisted,
            update_conflicts=True,
            unique_fields=["article_id"],
            update_fields=["published_at", "keys"],
        )
    if unlisted:
        ListedArticle.objects.filter(article_id__in=unlisted).delete()


def due_keys(since, until) -> set[str]:
    """The keys of the articles scheduled in (since, until]: they appeared without a write."""
    due = listing(
        Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=until
        ).values_list("pk", flat=True)
    )
    keys = {f"article-{pk}" for pk in due}
    for _published_at, lists in due.values():
        keys |= lists
    return keys | {ARTICLES, SEARCH} if due else set()


def owners(instance) -> set[str]:
    """The keys of the public rows `instance` belongs to (a correction's article, a
    rendition's picture)."""
    keys = set()
    for field in instance._meta.concrete_fields:
        if field.many_to_one and is_public(field.related_model):
            pk = getattr(instance, field.attname)
            if pk is not None:
                keys.add(f"{field.related_model._meta.model_name}-{pk}")
    return keys


def on_model_change(sender, instance, created=False, raw=False, **kwargs) -> None:
    """Receiver for post_save and post_delete of any model."""
    if raw:  # loaddata
        return
    if sender is Article:
        if not announcement_follows():
            refresh_articles([instance.pk])
    elif is_public(sender):
        if sender._meta.app_label == REGISTRY_APP and registry_signals.announcement_follows():
            return  # registry_loaded will name this row
        keys = {key_of(instance)} | owners(instance)
        # A row made or removed: directories and the lists of the registry change.
        deleted = kwargs.get("signal") is post_delete
        if sender._meta.app_label == REGISTRY_APP:
            keys.add(FACTS)
            if created or deleted:
                keys.add(REGISTRY)
        if sender is Tag:
            keys.add(TAGS)
        bump(keys)
    elif sender is get_user_model() and not set(kwargs.get("update_fields") or {"all"}) <= SIGN_IN:
        bump([key_of(instance), PEOPLE])  # a name that signs articles


def on_links_change(sender, instance, action, model, pk_set, **kwargs) -> None:
    """Receiver for m2m_changed: links of a public row (or to one) were written."""
    if not action.startswith("post_") or not (is_public(sender) or is_public(type(instance))):
        return
    if isinstance(instance, Article):
        if not announcement_follows():
            refresh_articles([instance.pk])
    elif instance._meta.app_label == REGISTRY_APP and registry_signals.announcement_follows():
        return  # registry_loaded will name the row and its linked rows
    elif model is Article and pk_set:  # written from the other side: series.articles.add(…)
        refresh_articles(pk_set)
    elif model is Article:  # series.articles.clear(): which ones is no longer known
        bump({key_of(instance), cache_keys.list_of(instance), ARTICLES, SEARCH})
    else:
        related = model._meta.model_name
        keys = {key_of(instance)} | {f"{related}-{pk}" for pk in pk_set or ()}
        if instance._meta.app_label == REGISTRY_APP:  # an entry's or a result's drivers
            keys.add(FACTS)
        bump(keys)


def on_articles_changed(sender, ids, **kwargs) -> None:
    refresh_articles(ids)


def on_registry_loaded(sender, written, **kwargs) -> None:
    """Registry rows were written in bulk: their keys, those of the rows they belong to (a
    result's event and entry), and the registry's."""
    keys = {REGISTRY, FACTS}
    for row in written:
        keys |= {key_of(row)} | owners(row)
    bump(keys)


def shown_models() -> list:
    """The models whose rows pages show: the public ones (is_public) and
    the accounts whose names sign articles."""
    return [model for model in apps.get_models() if is_public(model)] + [get_user_model()]


def connect() -> None:
    """Called once from NewsroomConfig.ready(): watch every write that readers can see."""
    post_save.connect(on_model_change, dispatch_uid="paddock-invalidation-save")
    post_delete.connect(on_model_change, dispatch_uid="paddock-invalidation-delete")
    m2m_changed.connect(on_links_change, dispatch_uid="paddock-invalidation-m2m")
    articles_changed.connect(on_articles_changed, dispatch_uid="paddock-invalidation-articles")
    registry_signals.registry_loaded.connect(
        on_registry_loaded, dispatch_uid="paddock-invalidation-registry"
    )
    cache_keys.connect(shown_models())


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
