"""The unknown names queue: names the linker could not resolve, and what the desk decides.

Imports and saves record, per article, the capitalised names no registry spelling covers
(`queue_unknown_names`, called by write_import_chunk and save_article). A chief editor then
adds one to the registry — a new entity of any kind, or an alias of an existing one — or
ignores it (`add_unknown_name`, `ignore_unknown_names`); the articles that write it are then
linked to that entity, through the importer's linker, adding only that entity: links editors
set or removed stay as they are.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teams.models import Car, Championship, Circuit, Driver, Manufacturer, Team

from ..audit import record
from ..models import Article, AuditEntry, UnknownName, UnknownNameMention, slug_base
from .effects import announce

# The kinds a name can become, by the Article relation it links (Article.LINK_FIELDS).
KINDS = {
    "championships": Championship,
    "manufacturers": Manufacturer,
    "teams": Team,
    "drivers": Driver,
    "cars": Car,
    "circuits": Circuit,
}
EXCERPT_CONTEXT = 120  # characters each side of the name
NAME_LENGTH = UnknownName._meta.get_field("name").max_length


def fold_name(name: str) -> str:
    from ..importing.linkrules import fold_spelling

    return fold_spelling(name)[:NAME_LENGTH]


def excerpt(text: str, name: str) -> str:
    """The words around the first mention of `name` in `text`, on one line."""
    at = text.find(name)
    if at < 0:
        return ""
    start, end = max(0, at - EXCERPT_CONTEXT), min(len(text), at + len(name) + EXCERPT_CONTEXT)
    if start > 0:
        start = text.find(" ", start, at) + 1 or start  # not in the middle of a word
    if end < len(text):
        space = text.rfind(" ", at + len(name), end)
        end = space if space > 0 else end
    piece = " ".join(text[start:end].split())
    return f"{'…' if start > 0 else ''}{piece}{'…' if end < len(text) else ''}"[:300]


def queue_unknown_names(found: Iterable[tuple[int, str, list[str]]]) -> None:
    """Record the unknown names of articles: (article id, the text linked, its unknown names).

    An article's mentions are replaced: a name its text no longer writes leaves the queue.
    Bulk writes, so an import chunk costs a handful of queries.
    """
    found = [(pk, text, [n[:NAME_LENGTH] for n in names]) for pk, text, names in found]
    if not found:
        return
    by_key: dict[str, str] = {}
    for _pk, _text, names in found:
        for name in names:
            by_key.setdefault(fold_name(name), name)
    by_key.pop("", None)
    with transaction.atomic():
        UnknownNameMention.objects.filter(article_id__in=[pk for pk, _t, _n in found]).delete()
        UnknownName.objects.bulk_create(
            [UnknownName(name=name, key=key) for key, name in by_key.items()],
            ignore_conflicts=True,
        )
        ids = dict(UnknownName.objects.filter(key__in=list(by_key)).values_list("key", "pk"))
        mentions = {}
        for pk, text, names in found:
            for name in names:
                name_id = ids.get(fold_name(name))
                if name_id is not None and (name_id, pk) not in mentions:
                    mentions[name_id, pk] = UnknownNameMention(
                        unknown_name_id=name_id, article_id=pk, excerpt=excerpt(text, name)
                    )
        UnknownNameMention.objects.bulk_create(mentions.values(), ignore_conflicts=True)


def queue_article_names(article: Article) -> None:
    """After a save: the names of the article's text that the registry does not know."""
    from ..importing.relink import article_text
    from ..suggestions import current_linker

    text = article_text(article)
    queue_unknown_names([(article.pk, text, current_linker().link(text).unknown_names)])


def may_add_to_registry(user, kind: str) -> bool:
    model = KINDS[kind]
    return user.has_perm(f"teams.add_{model._meta.model_name}") and user.has_perm(
        f"teams.change_{model._meta.model_name}"
    )


def add_unknown_name(
    *,
    unknown: UnknownName,
    user,
    kind: str,
    alias_of=None,
    fields: dict | None = None,
) -> tuple[object, int]:
    """Add `unknown` to the registry as a new entity of `kind` ("drivers"…), or as an alias of
    the existing entity `alias_of`; then link the articles that write it. `fields` are the
    new entity's other required fields (a car's manufacturer). Returns the entity and the
    number of articles newly linked to it."""
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of registry entity."))
    if user is not None and not may_add_to_registry(user, kind):
        raise PermissionDenied(_("You may not add to the registry."))
    model = KINDS[kind]
    with transaction.atomic():
        unknown = UnknownName.objects.select_for_update().get(pk=unknown.pk)
        # Decided before the entity is saved, so that settle_known_names leaves it to us.
        unknown.status = UnknownName.Status.ADDED
        unknown.save(update_fields=["status"])
        if alias_of is not None:
            entity = model.objects.select_for_update().get(pk=alias_of.pk)
            if unknown.name not in entity.names:
                entity.aliases = [*entity.aliases, unknown.name]
            entity.full_clean()
            entity.save()
        else:
            entity = model(name=unknown.name, slug=free_slug(model, unknown.name), **(fields or {}))
            entity.full_clean()
            entity.save()
        unknown.status = UnknownName.Status.ADDED
        unknown.resolved_as = f"{kind}:{entity.pk}"
        unknown.resolved_by = user
        unknown.resolved_at = timezone.now()
        unknown.save()
        article_ids = list(unknown.mentions.values_list("article_id", flat=True))
        linked = link_entity(kind, entity, Article.objects.filter(pk__in=article_ids))
        record(
            AuditEntry.Action.REGISTRY_ADD,
            user=user,
            object_repr=unknown.name,
            detail=_("“%(name)s” added to the registry (%(entity)s): %(count)d article(s) linked")
            % {"name": unknown.name, "entity": entity, "count": len(linked)},
        )
    announce(linked)
    return entity, len(linked)


def settle_known_names(sender, instance, raw=False, **kwargs) -> None:
    """post_save of registry entities: names of the queue it now spells are added to it."""
    if raw:
        return
    keys = {fold_name(spelling) for spelling in instance.names}
    waiting = list(UnknownName.objects.filter(key__in=keys, status=UnknownName.Status.NEW))
    if not waiting:
        return
    kind = next(kind for kind, model in KINDS.items() if model is sender)
    linked = []
    for unknown in waiting:
        unknown.status = UnknownName.Status.ADDED
        unknown.resolved_as = f"{kind}:{instance.pk}"
        unknown.resolved_at = timezone.now()
        unknown.save(update_fields=["status", "resolved_as", "resolved_at"])
        article_ids = unknown.mentions.values_list("article_id", flat=True)
        linked += link_entity(kind, instance, Article.objects.filter(pk__in=list(article_ids)))
    transaction.on_commit(lambda: announce(linked))


def ignore_unknown_names(*, names: Iterable[UnknownName], user) -> int:
    """Leave names out of the queue for good (common words, a one-off mention…)."""
    waiting = UnknownName.objects.filter(
        pk__in=[n.pk for n in names], status=UnknownName.Status.NEW
    )
    with transaction.atomic():
        ignored = list(waiting.select_for_update().values_list("name", flat=True))
        waiting.update(
            status=UnknownName.Status.IGNORED, resolved_by=user, resolved_at=timezone.now()
        )
        if ignored:
            record(
                AuditEntry.Action.NAMES_IGNORED,
                user=user,
                object_repr=", ".join(ignored),
                detail=_("Left out of the unknown names queue"),
            )
    return len(ignored)


def link_entity(kind: str, entity, articles) -> list[int]:
    """Link `entity` to those of `articles` whose text the linker now finds it in, unless the
    article's form dismissed it. Only this entity is added: nothing else changes."""
    from ..importing.relink import article_text
    from ..suggestions import current_linker
    from .imports import article_day

    linker = current_linker()  # compiled again: the registry has just grown
    key = f"{kind}:{entity.pk}"
    linked = []
    for article in articles:
        if key in (article.dismissed_links or []):
            continue
        result = linker.link(article_text(article), day=article_day(article))
        if not any(found.pk == entity.pk for found in getattr(result, kind)):
            continue
        relation = getattr(article, kind)
        if relation.filter(pk=entity.pk).exists():
            continue
        relation.add(entity)
        update = {}
        if article.import_batch_id is not None:
            # The importer proposed it now: a later relink keeps it, and an editor removing
            # it later is remembered like any imported link.
            proposed = dict(article.imported_links or {})
            proposed[kind] = sorted({*proposed.get(kind, []), entity.pk})
            update["imported_links"] = proposed
        if kind == "championships" and article.primary_championship_id is None:
            primary = result.primary_championship
            if primary is not None and primary.pk == entity.pk:
                update["primary_championship_id"] = entity.pk
        if update:
            # Only these fields: an editor may be saving the article's text right now.
            Article.objects.filter(pk=article.pk).update(**update)
        linked.append(article.pk)
    return linked


def free_slug(model, name: str) -> str:
    base = slug_base(name)  # transliterated, never empty
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
