"""Everything articles link to, for a page of articles, in one query.

A card shows its tags; an article page shows its series, makes, teams, drivers, cars, circuits,
events, tags, corrections and authors. Prefetching those is one query per relation: ten for an
article page, whatever else it shows. Here every relation a page needs, for every article it
shows, is read by one UNION ALL of the link tables, each part joined to what it points at, and
the rows are handed to the articles as Django's prefetching would: `article.tags.all()`,
`article.corrections.all()`… then read them without a query, so templates stay as they are.

The same query reads the renditions of the articles' pictures and the small lists of registry
entities a page shows beside its articles (a hub's teams and makes). Linked rows are built with
`Model.from_db` holding only the columns read here: a template that reached for another field
would make a query of its own, which the query budgets catch, rather than read a default.
"""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import CharField, F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from taggit.models import TaggedItem

from teams.models import Car, Championship, Event, Manufacturer, Season

from ..planned import planned_once

# Cards show their tags only; an article page shows every relation (articles/site/views.py).
CARD = ("tags",)
# The people with a public name, for the bylines' addresses (articles/site/bylines.py): read
# in the same query when a page shows authors.
PEOPLE = "people"
COLUMNS = (
    "link_article",
    "link_kind",
    "link_pk",
    "link_name",
    "link_slug",
    "link_extra",
    "link_ref",
    "link_size",
)
# Pictures' renditions come with the links, for the images of the articles shown: the rows of
# kind RENDITIONS belong to an image, not to an article.
RENDITIONS = "renditions"


@dataclass
class Linked:
    """What attach_links read besides the articles' own links."""

    # The people with a public name, (pk, first name, last name) in the order of their accounts,
    # when "authors" was wanted.
    people: list = field(default_factory=list)
    # Each list of registry entities asked for, by name, sorted as the registry sorts them.
    lists: dict = field(default_factory=dict)


def attach_links(wanted: dict, *, pictures=(), lists: dict | None = None) -> Linked:
    """Reads the relations `wanted` names ({relation: [articles]}) in one query and fills each
    article's prefetch cache with them. The same query reads the renditions of the articles'
    hero images (of `pictures`, articles among those wanted), and `lists`, {name: queryset of a
    registry model}: the small lists a page shows beside its articles."""
    from .article import Article

    images = {}  # each article holds its own instance of a picture several articles share
    for article in pictures:
        if article.hero_image_id:
            images.setdefault(article.hero_image_id, []).append(article.hero_image)
    lists = lists or {}
    database = router.db_for_read(Article)
    parts = [
        _compiled(relation, database, [article.pk for article in articles])
        for relation, articles in wanted.items()
        if articles
    ]
    if images:
        parts.append(_compiled(RENDITIONS, database, list(images)))
    for name, queryset in lists.items():
        # A list filtered by none() is empty whatever the rows: it has no SQL.
        with suppress(EmptyResultSet):
            parts.append(_sql(_entities(name, queryset), database))
    if wanted.get("authors"):
        parts.append(_compiled(PEOPLE, database))
    if not parts:
        return Linked(lists={name: [] for name in lists})
    found = {}
    with planned_once(connections[database]), connections[database].cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(sql for sql, _params in parts),
            [param for _sql, params in parts for param in params],
        )
        for row in cursor.fetchall():
            found.setdefault((row[1], row[0]), []).append(row)
    for relation, articles in wanted.items():
        for article in articles:
            _fill(article, relation, found.get((relation, article.pk), []))
    for pk, instances in images.items():
        for image in instances:
            _fill(image, RENDITIONS, found.get((RENDITIONS, pk), []))
    return Linked(
        people=sorted(
            (pk, first, last) for _a, _k, pk, first, last, *_ in found.get((PEOPLE, 0), [])
        ),
        lists={
            name: [
                _entity(queryset.model, row)
                for row in sorted(found.get((name, 0), []), key=_sort_key(queryset.model))
            ]
            for name, queryset in lists.items()
        },
    )


# Each relation's part as SQL, made by the ORM once per process and database: a page's parts
# differ only by the articles' ids, and building them anew with the ORM would cost more than
# running them. Made for one article whose id no article has, then widened to the ids asked for.
_COMPILED = {}
ANY_ID = -7_310_001


def _compiled(relation: str, database: str, ids=()) -> tuple[str, list]:
    if (relation, database) not in _COMPILED:
        part = _people() if relation == PEOPLE else _part(relation, [ANY_ID])
        _COMPILED[relation, database] = _sql(part, database)
    sql, params = _COMPILED[relation, database]
    if relation == PEOPLE:
        return sql, params
    slot = params.index(ANY_ID)
    pieces = sql.split("%s")
    widened = ", ".join(["%s"] * len(ids))
    return (
        "%s".join(pieces[: slot + 1]) + widened + "%s".join(pieces[slot + 1 :]),
        [*params[:slot], *ids, *params[slot + 1 :]],
    )


def _sql(queryset, database: str) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=database).as_sql()
    return sql, list(params)


def _columns(queryset, relation: str, **expressions):
    """`queryset` as the COLUMNS, annotated in their order (the parts of a UNION must agree)."""
    expressions["link_kind"] = Value(relation, output_field=CharField())
    expressions.setdefault("link_extra", Value("", output_field=CharField()))
    expressions.setdefault("link_ref", Value(0, output_field=IntegerField()))
    expressions.setdefault("link_size", Value(0, output_field=IntegerField()))
    return (
        queryset.annotate(**{name: expressions[name] for name in COLUMNS})
        .values_list(*COLUMNS)
        .order_by()
    )


def _part(relation: str, ids: list[int]):
    """The rows of one relation for `ids`."""
    from .article import Article
    from .editorial import Correction
    from .images import Rendition

    if relation == RENDITIONS:
        return _columns(
            Rendition.objects.filter(image_id__in=ids),
            relation,
            link_article=F("image_id"),
            link_pk=F("pk"),
            link_name=F("file"),
            link_slug=F("format"),
            link_extra=F("crop"),
            link_ref=F("width"),
            link_size=F("height"),
        )
    if relation == "corrections":
        return _columns(
            Correction.objects.filter(article_id__in=ids),
            relation,
            link_article=F("article_id"),
            link_pk=F("pk"),
            link_name=F("text"),
            # A date as text: each column has one type in every part.
            link_slug=Cast("published_on", CharField()),
        )
    if relation == "tags":
        return _columns(
            # Tags are generic (taggit): only rows about articles count. Named, not looked up:
            # the content type's id would cost a query of its own in each new process.
            TaggedItem.objects.filter(
                content_type__app_label=Article._meta.app_label,
                content_type__model=Article._meta.model_name,
                object_id__in=ids,
            ),
            relation,
            link_article=F("object_id"),
            link_pk=F("tag_id"),
            link_name=F("tag__name"),
            link_slug=F("tag__slug"),
        )
    field = Article._meta.get_field(relation)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(**{f"{source}_id__in": ids})
    expressions = {"link_article": F(f"{source}_id"), "link_pk": F(f"{target}_id")}
    if relation == "authors":
        # Their names, and the order they were credited in.
        expressions.update(
            link_name=F(f"{target}__first_name"),
            link_slug=F(f"{target}__last_name"),
            link_ref=F("pk"),
        )
    else:
        expressions.update(link_name=F(f"{target}__name"), link_slug=F(f"{target}__slug"))
    if relation == "championships":
        expressions["link_extra"] = F(f"{target}__short_name")
    if relation == "events":  # shown with their season, at their season's address
        expressions.update(
            link_extra=Concat(
                F(f"{target}__season__championship__slug"),
                Value(" "),
                F(f"{target}__season__label"),
                output_field=CharField(),
            ),
            link_ref=F(f"{target}__season_id"),
            link_size=F(f"{target}__season__championship_id"),
        )
    if relation == "cars":  # shown with their make
        expressions.update(
            link_extra=F(f"{target}__manufacturer__name"),
            link_ref=F(f"{target}__manufacturer_id"),
        )
    return _columns(rows, relation, **expressions)


def _entities(name: str, queryset):
    """A list of registry entities as the COLUMNS (article 0: they belong to the page)."""
    model = queryset.model
    expressions = {
        "link_article": Value(0, output_field=IntegerField()),
        "link_pk": F("pk"),
        "link_name": F("name"),
        "link_slug": F("slug"),
    }
    if model is Championship:
        expressions["link_extra"] = F("short_name")
    if model is Car:
        expressions.update(link_extra=F("manufacturer__name"), link_ref=F("manufacturer_id"))
    return _columns(queryset, name, **expressions)


def _people():
    return _columns(
        get_user_model().objects.exclude(first_name="", last_name=""),
        PEOPLE,
        link_article=Value(0, output_field=IntegerField()),
        link_pk=F("pk"),
        link_name=F("first_name"),
        link_slug=F("last_name"),
    )


def _fill(article, relation: str, rows: list) -> None:
    """`article` (or an image, for its renditions) as if `relation` had been prefetched."""
    manager = getattr(article, relation)
    model = type(article)._meta.get_field(relation).related_model
    if relation == RENDITIONS:
        linked = [
            model.from_db(
                None,
                ["id", "image_id", "crop", "format", "width", "height", "file"],
                [pk, article.pk, crop, kind, width, height, file],
            )
            for _a, _k, pk, file, kind, crop, width, height in sorted(rows, key=itemgetter(5, 4, 6))
        ]
    elif relation == "corrections":
        linked = [
            model.from_db(
                None,
                ["id", "article_id", "published_on", "text"],
                [pk, article.pk, date.fromisoformat(day[:10]), text],
            )
            for _a, _k, pk, text, day, *_ in sorted(rows, key=itemgetter(4, 2))
        ]
    elif relation == "authors":
        linked = [
            model.from_db(None, ["id", "first_name", "last_name"], [pk, first, last])
            for _a, _k, pk, first, last, *_ in sorted(rows, key=itemgetter(6))
        ]
    else:
        linked = [_entity(model, row) for row in sorted(rows, key=_sort_key(model))]
    # What Django's prefetching leaves behind: the manager answers from this list.
    queryset = ReadRows(model=model)
    queryset._result_cache = linked
    queryset._prefetch_done = True
    queryset._relation = lambda: _relation(manager, relation, article)
    article.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = queryset


class ReadRows(QuerySet):
    """The rows read for one relation of one row, as Django's prefetching leaves them: `.all()`,
    iteration, `len`, `count()` and `exists()` answer from them. Asked for anything more (a
    filter, another order…), it asks the database through the relation, as a prefetched
    relation does. Made bare rather than from the relation's manager: building the relation's
    filter for every article shown cost more than reading all their links."""

    def _chain(self):
        return self._relation()._chain()


def _relation(manager, relation: str, instance):
    if relation == "tags":  # taggit's manager builds its query its own way
        return manager.through.tags_for(manager.model, instance)
    return manager._apply_rel_filters(manager.model._default_manager.all())


def _sort_key(model):
    """As the registry sorts: by name; cars by make, then name."""
    if model is Car:
        return lambda row: (row[5].casefold(), row[3].casefold(), row[2])
    return lambda row: (row[3].casefold(), row[2])


def _entity(model, row):
    _a, _k, pk, name, slug, extra, ref, size = row
    if model is Event:
        # Slugs and labels hold no space.
        championship_slug, label = extra.split(" ", 1)
        event = _built(model, id=pk, season_id=ref, name=name, slug=slug)
        event.season = _built(Season, id=ref, championship_id=size, label=label)
        event.season.championship = _built(Championship, id=size, slug=championship_slug)
        return event
    if model is Championship:
        return model.from_db(None, ["id", "name", "slug", "short_name"], [pk, name, slug, extra])
    if model is Car:
        car = model.from_db(None, ["id", "name", "slug", "manufacturer_id"], [pk, name, slug, ref])
        car.manufacturer = Manufacturer.from_db(None, ["id", "name"], [ref, extra])
        return car
    return model.from_db(None, ["id", "name", "slug"], [pk, name, slug])


def _built(model, **values):
    """A row of `model` holding only `values`: from_db takes them in the model's field order."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, names, [values[name] for name in names])
