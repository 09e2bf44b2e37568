"""Reader search: one interface, PostgreSQL full-text search or SQLite FTS5 underneath.

    search("victoires Alfa", filters=Filters(year=2019), page=2) -> SearchResults
    index_articles([article ids])  # after any change; signals and the importer call it

Visibility is decided when searching (Article.objects.published()), never when indexing: every
article is indexed whatever its status, so a scheduled one appears by itself when due.
"""

from django.conf import settings
from django.db import connection
from django.utils import timezone

from articles.models import Article

from . import postgres, sqlite
from .documents import plain_text, tidy
from .query import ParsedQuery, parse
from .results import SUGGEST_BELOW, Filters, Hit, SearchResults, requested_page
from .suggest import suggestion

__all__ = ["Filters", "SearchResults", "index_articles", "remove_articles", "search"]

INDEX_CHUNK = 1000


def backend():
    return postgres if connection.vendor == "postgresql" else sqlite


def index_articles(ids) -> None:
    """(Re)index these articles, in chunks; ids of deleted articles are dropped from the index."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), INDEX_CHUNK):
        chunk = ids[start : start + INDEX_CHUNK]
        backend().index(chunk)


def remove_articles(ids) -> None:
    ids = list(ids)
    if ids:
        backend().remove(ids)


def clear_index() -> None:
    backend().clear()


NO_FILTERS = Filters()


def search(raw_query: str, *, filters: Filters = NO_FILTERS, page=1, moment=None) -> SearchResults:
    """One page of published articles matching the query, best first, with snippets.
    `moment`: the site's generation, under which the vocabulary of suggestions is kept."""
    engine = backend()
    query = parse(raw_query)
    page_size = settings.PADDOCK_PAGE_SIZE
    if not query.is_searchable:
        return SearchResults(query=query, page_size=page_size)
    prepared = engine.prepare(query.terms)
    if not prepared.terms:
        # Every word was a stop word in one of the languages (PostgreSQL's dictionaries).
        query = ParsedQuery(text=query.text, problem=ParsedQuery.COMMON_WORDS, common=query.terms)
        return SearchResults(query=query, page_size=page_size)
    # No transaction: the count and the page come from one query, and on SQLite a transaction
    # would begin by taking the write lock (transaction_mode IMMEDIATE), so that a search
    # waited for any import.
    return _search(engine, query, prepared, filters, page, page_size, moment)


def _search(engine, query, prepared, filters, page, page_size, moment) -> SearchResults:
    visible = filters.apply(Article.objects.published()).order_by()
    results = SearchResults(query=query, page_size=page_size, number=requested_page(page))

    def fetch():
        return engine.page(
            prepared,
            visible,
            now=connection.ops.adapt_datetimefield_value(timezone.now()),
            offset=(results.number - 1) * page_size,
            limit=page_size,
        )

    ids, results.count = fetch()
    if results.number > results.num_pages:
        # ?page=999: the last page, as ForgivingPaginationMixin does (one more query, only then).
        results.number = results.num_pages
        ids, results.count = fetch() if results.count else ([], 0)
    results.hits = _hits(engine, prepared, ids) if ids else []
    if results.count < SUGGEST_BELOW:
        # Whether each word occurs at all, whatever the filters: only unknown words are corrected.
        found = engine.presence(prepared, Article.objects.published().order_by())
        results.suggestion = suggestion(
            ParsedQuery(text=query.text, terms=prepared.terms),
            found=found,
            closest=engine.closest,
            moment=moment,
        )
    return results


def _hits(engine, prepared, ids: list[int]) -> list[Hit]:
    articles = Article.objects.filter(pk__in=ids).select_related("primary_championship")
    by_id = {a.pk: a for a in articles}
    texts = {
        pk: (a.language, f"{tidy(a.standfirst)} {plain_text(a.body)}".strip())
        for pk, a in by_id.items()
    }
    snippets = engine.snippets(prepared, texts) if texts else {}
    return [Hit(article=by_id[pk], snippet=snippets[pk]) for pk in ids if pk in by_id]
