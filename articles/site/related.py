"""Related articles: the published articles that share the most with one article.

Each shared link scores its relation's weight (a team or a driver says more about what an
article is about than a tag does); the newest article wins a tie.

The score is one aggregation over the link rows that point at what the article links to: a
UNION ALL of the five link tables, summed per article. Its cost follows the number of links
shared, never the size of the archive: with 100,000 articles a popular tag or series still
means tens of thousands of rows, which a GROUP BY adds up at once where a subquery per
candidate article would run a hundred thousand times. Django cannot aggregate over a UNION,
so the pieces are built with the ORM (the visibility rule included, from
ArticleQuerySet.published) and only their assembly is written in SQL.
"""

from datetime import timedelta

from django.db import connections
from django.db.models import IntegerField, Value
from django.utils import timezone
from taggit.models import TaggedItem

from ..models import Article, RelatedList
from ..nowait import keep_unless_busy
from . import compiled

WEIGHTS = {"teams": 3, "drivers": 3, "championships": 2, "manufacturers": 2, "tags": 1}
RELATED_COUNT = 4
# Kept: more than a page shows, for those unpublished since; for a day, so that the articles
# published since find their place.
KEPT = 8
KEPT_FOR = timedelta(days=1)

RANKING = """
SELECT visible.id
FROM ({shared}) shared
INNER JOIN ({visible}) visible ON visible.id = shared.article_id
GROUP BY visible.id, visible.published_at
ORDER BY SUM(shared.weight) DESC, visible.published_at DESC, visible.id DESC
LIMIT %s
"""


def related_articles(article: Article, *, limit: int = RELATED_COUNT) -> list[Article]:
    """Up to `limit` published articles ranked by what they share with `article`, for cards
    (their tags and pictures are read with the article's links): one query when the ranking
    kept for it is current (models/related.py), else the ranking and its keeping first."""
    ids = kept_ranking(article)
    if ids is None:
        ids = ranked_ids(article, limit=KEPT)
        keep_ranking(article, ids)
    # The first `limit` are nearly always still published: the others are read only when some
    # were withdrawn since the ranking was kept.
    shown = _cards(ids[:limit])
    if len(shown) < limit and len(ids) > limit:
        shown = _cards(ids)
    return shown[:limit]


def _cards(ids: list[int]) -> list[Article]:
    if not ids:
        return []
    # Article.objects.published().filter(pk__in=ids).cards(), compiled once (compiled.py).
    cards = {card.pk: card for card in compiled.CARDS.rows(now=timezone.now(), ids=ids)}
    return [cards[pk] for pk in ids if pk in cards]


def kept_ranking(article: Article) -> list[int] | None:
    """The ids kept for `article` (read with it: ArticleQuerySet.for_detail), unless too old."""
    try:
        kept = article.related_list
    except RelatedList.DoesNotExist:
        return None
    if kept.made_at < timezone.now() - KEPT_FOR:
        return None
    return kept.ids


def keep_ranking(article: Article, ids: list[int]) -> None:
    # Two first readers may rank at once: the last one's ranking stays, both are right. Never
    # waiting for a writer (nowait.py): the next view keeps it then.
    keep_unless_busy(
        RelatedList,
        lambda: RelatedList.objects.bulk_create(
            [RelatedList(article=article, ids=ids, made_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=["ids", "made_at"],
        ),
    )


def ranked_ids(article: Article, *, limit: int) -> list[int]:
    shared = _shared_links(article)
    visible = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .order_by()  # the derived table needs no order; the ranking sets its own
        .values("id", "published_at")
    )
    shared_sql, shared_params = shared.query.sql_with_params()
    visible_sql, visible_params = visible.query.sql_with_params()
    sql = RANKING.format(shared=shared_sql, visible=visible_sql)
    # The database Django would read articles from (a replica, where there are some).
    with connections[visible.db].cursor() as cursor:
        cursor.execute(sql, (*shared_params, *visible_params, limit))
        return [row[0] for row in cursor.fetchall()]


def _shared_links(article: Article):
    """(article id, weight) for every link row pointing at something `article` links to; the
    columns are named after the first part's: article_id and weight."""
    parts = []
    for relation, weight in WEIGHTS.items():
        links, source, target = _link_table(relation)
        mine = links.filter(**{source: article.pk}).values(target)
        parts.append(
            links.filter(**{f"{target}__in": mine})
            .values(source)
            .annotate(weight=Value(weight, output_field=IntegerField()))
            .order_by()
        )
    return parts[0].union(*parts[1:], all=True)


def _link_table(relation: str):
    """The rows linking articles through `relation`, with their article and target columns."""
    if relation == "tags":
        # Tags are generic (taggit): only rows about articles count.
        rows = TaggedItem.objects.filter(
            content_type__app_label=Article._meta.app_label,
            content_type__model=Article._meta.model_name,
        )
        return rows, "object_id", "tag_id"
    field = Article._meta.get_field(relation)
    return (
        field.remote_field.through.objects.all(),
        field.m2m_column_name(),
        field.m2m_reverse_name(),
    )
