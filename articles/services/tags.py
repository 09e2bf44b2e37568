"""Tag housekeeping: rename a tag, merge duplicates, count how much each tag is used.

Tags are taggit's shared `Tag` rows linked to articles through `TaggedItem`. A merge moves
those link rows in bulk instead of calling `article.tags.add/remove` per article, so its cost
does not grow with the number of articles; bulk updates send no model signals, so both
services announce the articles they retagged (search index, page validators).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from taggit.models import Tag, TaggedItem

from .. import permissions
from ..audit import record
from ..models import AuditEntry
from ..models.article import published_count
from .effects import announce


def tag_usage(queryset: QuerySet[Tag] | None = None) -> QuerySet[Tag]:
    """Tags annotated with `article_count` (all articles) and `published_count` (visible ones)."""
    queryset = Tag.objects.all() if queryset is None else queryset
    return queryset.annotate(
        article_count=Count("article", distinct=True),
        published_count=published_count("tags"),
    )


def clean_tag_name(name: str) -> str:
    """The name as taggit stores it from the article form: inner runs of spaces collapsed."""
    return " ".join((name or "").split())


def validate_tag_name(name: str, *, tag: Tag | None = None) -> str:
    """The cleaned name, or a ValidationError when `tag` (None for a new tag) cannot take it.

    Another tag with the same name, whatever the case, is refused: tags are case-insensitive
    (TAGGIT_CASE_INSENSITIVE) and two of them would split the articles between two pages.
    """
    name = clean_tag_name(name)
    if not name:
        raise ValidationError(_("A tag needs a name."), code="required")
    if "," in name:
        # The article form splits its tag field on commas (articles/tagging.py).
        raise ValidationError(
            _("A tag name cannot contain a comma: commas separate tags."), code="tag_comma"
        )
    clashes = Tag.objects.filter(name__iexact=name)
    if tag is not None and tag.pk is not None:
        clashes = clashes.exclude(pk=tag.pk)
    existing = clashes.first()
    if existing is not None:
        raise ValidationError(
            _(
                "A tag named “%(name)s” already exists. To turn these two tags into one, "
                "select both in the tag list and use the “Merge selected tags” action."
            ),
            code="tag_exists",
            params={"name": existing.name},
        )
    return name


def unique_slug(tag: Tag, name: str) -> str:
    """A slug for `name` no other tag uses, suffixed the way taggit does on a clash."""
    base = tag.slugify(name)
    if not base:
        raise ValidationError(
            _("A tag name needs at least one letter or digit."), code="tag_without_slug"
        )
    taken = set(
        Tag.objects.filter(slug__startswith=base).exclude(pk=tag.pk).values_list("slug", flat=True)
    )
    slug, i = base, 0
    while slug in taken:
        i += 1
        slug = tag.slugify(name, i)
    return slug


def articles_count(detail_names: str, count: int) -> str:
    return ngettext("%(names)s, %(count)d article", "%(names)s, %(count)d articles", count) % {
        "names": detail_names,
        "count": count,
    }


def quoted(name: str) -> str:
    return f"« {name} »"


@transaction.atomic
def rename_tag(*, tag: Tag, new_name: str, user) -> Tag:
    """Rename `tag` and regenerate its slug; refuse a name another tag has (merge instead)."""
    refuse_unless_allowed(user)
    # Read the stored row: an admin form has already written the new name on its instance.
    locked = Tag.objects.select_for_update().get(pk=tag.pk)
    old_name = locked.name
    new_name = validate_tag_name(new_name, tag=locked)
    if new_name == old_name:
        return locked
    locked.name = new_name
    locked.slug = unique_slug(locked, new_name)
    locked.full_clean()
    locked.save()
    tagged = tagged_articles(TaggedItem.objects.filter(tag=locked))
    used = len(tagged)
    announce(tagged)
    record(
        AuditEntry.Action.TAG_RENAME,
        user=user,
        object_repr=new_name,
        detail=articles_count(f"{quoted(old_name)} → {quoted(new_name)}", used),
    )
    return locked


@transaction.atomic
def merge_tags(*, sources: Iterable[Tag], into: Tag, user) -> int:
    """Move every use of `sources` to `into`, delete `sources`; returns the articles retagged.

    Runs a fixed number of queries whatever the number of articles.
    """
    refuse_unless_allowed(user)
    source_ids = {tag.pk for tag in sources}
    if into.pk in source_ids:
        raise ValidationError(_("A tag cannot be merged into itself."), code="merge_into_self")
    if not source_ids:
        raise ValidationError(_("Choose at least one tag to merge."), code="no_source")
    # Locking the tag rows also holds back, on PostgreSQL, anyone tagging an article with one
    # of them until the merge is done (inserting a link row locks the tag row it points to).
    locked = list(
        Tag.objects.select_for_update()
        .filter(pk__in=source_ids | {into.pk})
        .order_by("pk")
        .values_list("pk", "name")
    )
    names = dict(locked)
    if into.pk not in names or len(names) != len(source_ids) + 1:
        raise ValidationError(_("One of these tags no longer exists."), code="tag_gone")

    links = TaggedItem.objects.filter(tag_id__in=source_ids)
    articles = tagged_articles(links)
    retagged = links.values("content_type_id", "object_id").distinct().count()
    move_links(links, into)
    # The links left on the sources belong to objects that already carry `into`: deleting
    # the tags cascades to them.
    Tag.objects.filter(pk__in=source_ids).delete()

    announce(articles)
    source_names = ", ".join(quoted(names[pk]) for pk in sorted(source_ids))
    record(
        AuditEntry.Action.TAG_MERGE,
        user=user,
        object_repr=f"{', '.join(names[pk] for pk in sorted(source_ids))} → {names[into.pk]}",
        detail=articles_count(f"{source_names} → {quoted(names[into.pk])}", retagged),
    )
    return retagged


def refuse_unless_allowed(user) -> None:
    if user is not None and not permissions.can_manage_tags(user):
        raise PermissionDenied(_("Only editors can rename or merge tags."))


def tagged_articles(links: QuerySet[TaggedItem]) -> list[int]:
    """The ids of the articles among the objects `links` tag."""
    return list(
        links.filter(content_type__app_label="articles", content_type__model="article")
        .values_list("object_id", flat=True)
        .distinct()
    )


def move_links(links: QuerySet[TaggedItem], into: Tag) -> int:
    """Point one link per tagged object at `into`, skipping objects that already carry it.

    One row per object, because an article tagged with two of the sources must end up with
    a single `into` link (the table has a unique constraint on object and tag).
    """
    carries_into = TaggedItem.objects.filter(
        tag=into, content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
    )
    kept = (
        links.exclude(Exists(carries_into))
        .order_by()
        .values("content_type_id", "object_id")
        .annotate(first=Min("pk"))
        .values("first")
    )
    return TaggedItem.objects.filter(pk__in=Subquery(kept)).update(tag=into)
