"""The article page's two reads of articles, with SQL the ORM writes once per process.

An article page reads its article (with its series, picture and kept ranking of related
articles) and the cards of those related articles. Building those querysets and compiling
them to SQL cost the ORM more CPU than PostgreSQL or SQLite spend running them, and their
shape never changes: only the slug or the ids, and the moment that decides what is published.

So each shape is built and compiled by the ORM once per process, database and thread, for
values no read asks about (the markers below); each read puts its own values in their
places, runs the SQL, and hands the rows to what the ORM would have used to build its
instances (the compiler's converters, Model.from_db and select_related's populators). The
visibility rule stays ArticleQuerySet.published's, the columns ArticleQuerySet.cards's and
for_detail's: the shapes are those querysets.
"""

import threading
from datetime import UTC, datetime

from django.db import connections, router
from django.db.models.query import get_related_populators

from ..models import Article
from ..models.article import published_q
from ..planned import planned_once

# Values no read asks about, found again in the compiled parameters.
NOW = datetime(1971, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)
SLUG = "\ue00fslug"
ANY_ID = -7_310_002


class Shape:
    """One queryset shape, compiled once per database and thread."""

    def __init__(self, build):
        self.build = build  # build(now, slug, ids) -> queryset
        self._local = threading.local()

    def rows(self, *, now, slug=None, ids=()) -> list:
        """The instances the queryset would give for these values."""
        database = router.db_for_read(Article)
        compiled = self._local.__dict__.setdefault("by_database", {})
        if database not in compiled:
            compiled[database] = _compile(self.build(NOW, SLUG, [ANY_ID]), database)
        sql, params, slots, convert, make = compiled[database]
        connection = connections[database]
        values = {
            "now": connection.ops.adapt_datetimefield_value(now),
            "slug": slug,
        }
        ids = list(ids)
        filled = []
        for param, slot in zip(params, slots, strict=True):
            if slot == "ids":
                filled.extend(ids)
            else:
                filled.append(values[slot] if slot else param)
        if "ids" in slots:
            if not ids:
                return []
            sql = sql.replace("%s /* ids */", ", ".join(["%s"] * len(ids)))
        with planned_once(connection), connection.cursor() as cursor:
            cursor.execute(sql, filled)
            fetched = cursor.fetchall()
        return [make(row) for row in convert(fetched)]


def _compile(queryset, database: str):
    compiler = queryset.query.get_compiler(using=database)
    sql, params = compiler.as_sql()
    now = connections[database].ops.adapt_datetimefield_value(NOW)
    slots = [
        "now" if param == now else "slug" if param == SLUG else "ids" if param == ANY_ID else None
        for param in params
    ]
    if "ids" in slots:
        # The one placeholder of the ids, marked so that each read widens it to its own.
        pieces = sql.split("%s")
        at = slots.index("ids")
        sql = "%s".join(pieces[: at + 1]) + "%s /* ids */" + "%s".join(pieces[at + 1 :])
    klass_info, select = compiler.klass_info, compiler.select
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    names = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, database)
    model = klass_info["model"]
    # What results_iter would find for each read: the columns' converters, found once here.
    converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])

    def convert(rows):
        return compiler.apply_converters(rows, converters) if converters else rows

    def make(row):
        instance = model.from_db(database, names, row[start:end])
        for populator in populators:
            populator.populate(row, instance)
        return instance

    return sql, list(params), slots, convert, make


# The page's article: published, by its slug.
DETAIL = Shape(
    lambda now, slug, ids: (
        Article.objects.filter(published_q(now=now)).for_detail().filter(slug=slug)
    )
)
# Cards of articles by id, if still published (in no order: the caller orders them).
CARDS = Shape(
    lambda now, slug, ids: (
        Article.objects.filter(published_q(now=now)).filter(pk__in=ids).cards().order_by()
    )
)
