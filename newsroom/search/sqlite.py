"""SQLite backend: an FTS5 table of words stemmed in Python (FTS5 has no French stemmer).

Each article is stemmed in its own language when indexed; each query term is stemmed in every
language and the readings are OR-ed, since the reader's language is unknown. The tokenizer
(unicode61, remove_diacritics 2) folds case and accents on both sides.
"""

from dataclasses import dataclass

from django.db import connection

from .documents import Document, load_documents
from .query import WORD, fold
from .results import COUNT_CAP
from .snippets import python_snippet
from .stemming import stem, stems_in_every_language
from .suggest import closest_in_python

TABLE = "newsroom_search_fts"
# bm25 weight of each column, as PostgreSQL weighs them: title A, names and standfirst B, body C.
WEIGHTS = "5.0, 2.0, 2.0, 1.0"
SCORE = (
    f"-bm25({TABLE}, {WEIGHTS}) * "
    "(1 + 0.25 / (1 + max(julianday(%s) - julianday(v.published_at), 0) / 365.25))"
)


@dataclass(frozen=True)
class Prepared:
    terms: tuple[str, ...]
    groups: tuple[str, ...]  # one FTS5 expression per term: its stems, OR-ed
    stems: frozenset[str]  # every stem of every term, folded (for snippets)

    @property
    def match(self) -> str:
        return " AND ".join(self.groups)


def _stemmed(text: str, language: str) -> str:
    return " ".join(stem(word, language) for word in WORD.findall(text))


def _row(document: Document) -> tuple:
    language = document.language
    return (
        document.article_id,
        _stemmed(document.title, language),
        _stemmed(document.names, language),
        _stemmed(document.standfirst, language),
        _stemmed(document.body, language),
    )


def index(ids: list[int]) -> None:
    rows = [_row(d) for d in load_documents(ids)]
    with connection.cursor() as cursor:
        remove(ids, cursor=cursor)
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, title, names, standfirst, body) "
            "VALUES (%s, %s, %s, %s, %s)",
            rows,
        )


def remove(ids: list[int], *, cursor=None) -> None:
    if cursor is None:
        with connection.cursor() as cursor:
            return remove(ids, cursor=cursor)
    placeholders = ", ".join(["%s"] * len(ids))
    cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({placeholders})", ids)


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def prepare(terms: tuple[str, ...]) -> Prepared:
    groups, stems = [], set()
    for term in terms:
        readings = sorted(stems_in_every_language(term))
        stems.update(fold(r) for r in readings)
        # Quoted, with quotes doubled: FTS5 reads the inside as words, never as syntax.
        groups.append("(" + " OR ".join('"' + r.replace('"', '""') + '"' for r in readings) + ")")
    return Prepared(terms=terms, groups=tuple(groups), stems=frozenset(stems))


def _matches(visible):
    sql, params = visible.query.sql_with_params()
    return (
        # CROSS JOIN keeps SQLite from driving the join from the articles, which would run the
        # full-text match once per published article.
        f"FROM {TABLE} CROSS JOIN ({sql}) v ON v.id = {TABLE}.rowid WHERE {TABLE} MATCH %s",
        list(params),
    )


def page(prepared: Prepared, visible, *, now, offset: int, limit: int) -> tuple[list[int], int]:
    """One page of the best matches, and how many matches there are (at most COUNT_CAP)."""
    matches, params = _matches(visible.values("id", "published_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT %s)",
            [*params, prepared.match, COUNT_CAP],
        )
        count = cursor.fetchone()[0]
        if offset >= count:
            return [], count
        cursor.execute(
            f"SELECT v.id, {SCORE} AS score {matches} "
            "ORDER BY score DESC, v.published_at DESC, v.id DESC LIMIT %s OFFSET %s",
            [now, *params, prepared.match, limit, offset],
        )
        return [row[0] for row in cursor.fetchall()], count


def snippets(prepared: Prepared, texts: dict[int, tuple[str, str]]) -> dict:
    return {
        pk: python_snippet(text, language=language, stems=prepared.stems)
        for pk, (language, text) in texts.items()
    }


def presence(prepared: Prepared, visible) -> list[bool]:
    matches, params = _matches(visible.values("id"))
    exists = " UNION ALL ".join(
        f"SELECT {i}, EXISTS(SELECT 1 {matches})" for i in range(len(prepared.groups))
    )
    with connection.cursor() as cursor:
        cursor.execute(exists, [p for group in prepared.groups for p in (*params, group)])
        return [bool(found) for _, found in sorted(cursor.fetchall())]


closest = closest_in_python
