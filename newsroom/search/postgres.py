"""PostgreSQL backend: a stored, GIN-indexed tsvector per article, per-language configurations.

The configurations paddock_<language> (migration 0002) run unaccent before the Snowball
stemmer, so "Citroen" finds "Citroën" and "victoires" finds "victoire".
"""

from dataclasses import dataclass

from django.db import connection

from .documents import load_documents
from .results import COUNT_CAP
from .snippets import START, STOP, render
from .suggest import MIN_SIMILARITY

CONFIGURATIONS = {
    "fr": "paddock_french",
    "en": "paddock_english",
    "it": "paddock_italian",
    "de": "paddock_german",
    "es": "paddock_spanish",
    "pt": "paddock_portuguese",
    "nl": "paddock_dutch",
}
FALLBACK = "paddock_simple"
ALL_CONFIGURATIONS = [*CONFIGURATIONS.values(), FALLBACK]
# Candidates ranked per search: the newest matches, and the newest strong matches (page()).
# As many as the count shows, so that every page the count promises exists.
POOL = COUNT_CAP

HEADLINE_OPTIONS = (
    f'StartSel="{START}", StopSel="{STOP}", MaxWords=30, MinWords=15, ShortWord=1, '
    "MaxFragments=1, HighlightAll=false"
)
# Rank: ts_rank with the default weights (A 1.0, B 0.4, C 0.2), divided by 1 + log(length) so
# long texts do not win by size alone; then a mild boost for recent articles (+25% today,
# +12.5% a year ago, fading), so equal matches come newest first.
SCORE = (
    "ts_rank(c.vector, q.query, 1) * "
    "(1 + 0.25 / (1 + greatest(extract(epoch from (%s - c.published_at)), 0) / 31557600.0))"
)


def configuration(language: str) -> str:
    return CONFIGURATIONS.get(language, FALLBACK)


@dataclass(frozen=True)
class Prepared:
    terms: tuple[str, ...]  # the query terms that survived, in order
    groups: tuple[str, ...]  # one tsquery per term: its lexemes in every configuration, OR-ed

    @property
    def tsquery(self) -> str:
        return " & ".join(self.groups)


def index(ids: list[int]) -> None:
    documents = load_documents(ids)
    if not documents:
        return
    columns = list(
        zip(
            *[
                (d.article_id, configuration(d.language), d.title, d.names, d.standfirst, d.body)
                for d in documents
            ],
            strict=True,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO newsroom_searchdocument (article_id, head, vector)
            SELECT d.id, h.head, h.head || setweight(to_tsvector(d.config::regconfig, d.body), 'C')
            FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
                 AS d(id, config, title, names, standfirst, body),
            LATERAL (
                SELECT setweight(to_tsvector(d.config::regconfig, d.title), 'A')
                    || setweight(to_tsvector(d.config::regconfig, d.names), 'B')
                    || setweight(to_tsvector(d.config::regconfig, d.standfirst), 'B') AS head
            ) h
            ON CONFLICT (article_id) DO UPDATE SET head = EXCLUDED.head, vector = EXCLUDED.vector
            """,
            [list(column) for column in columns],
        )


def remove(ids: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM newsroom_searchdocument WHERE article_id = ANY(%s)", [ids])


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM newsroom_searchdocument")


def prepare(terms: tuple[str, ...]) -> Prepared:
    """Ask PostgreSQL what each term becomes in every configuration (one query).

    A term that some configuration drops is a stop word there; it is left out everywhere, or
    French articles, whose index lacks "les", would not match "les victoires" through the
    English reading of "les".
    """
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.i, tsvector_to_array(to_tsvector(c.config::regconfig, t.term))
            FROM unnest(%s::text[]) WITH ORDINALITY AS t(term, i)
            CROSS JOIN unnest(%s::text[]) AS c(config)
            """,
            [list(terms), ALL_CONFIGURATIONS],
        )
        readings = {}
        for i, lexemes in cursor.fetchall():
            readings.setdefault(i - 1, []).append(tuple(lexemes))
    kept, groups = [], []
    for i, term in enumerate(terms):
        alternatives = readings.get(i, [])
        if not alternatives or not all(alternatives):
            continue
        kept.append(term)
        groups.append(
            "(" + " | ".join(" & ".join(map(_quote, a)) for a in sorted(set(alternatives))) + ")"
        )
    return Prepared(terms=tuple(kept), groups=tuple(groups))


def _quote(lexeme: str) -> str:
    """A lexeme as a tsquery literal, so no character of it is read as an operator."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _matches(visible, column="vector"):
    sql, params = visible.query.sql_with_params()
    return (
        f"FROM newsroom_searchdocument d JOIN ({sql}) v ON v.id = d.article_id, "
        f"(SELECT %s::tsquery AS query) q WHERE d.{column} @@ q.query",
        list(params),
    )


def page(prepared: Prepared, visible, *, now, offset: int, limit: int) -> tuple[list[int], int]:
    """One page of the best matches, and how many matches there are (at most POOL).

    Ranking reads every candidate's vector, which is what makes a common word slow on a large
    archive. So the candidates are the POOL newest matches, plus the POOL newest whose title,
    names or standfirst match (each with its vector: joined again, PostgreSQL would read every
    document to hash them): a page is never worse than "the best of the recent matches and
    of the strong matches", and costs the same for "victoire" as for a rare name. PostgreSQL
    finds the newest matches by walking the publication-date index for common words and
    through the GIN index for rare ones. The newest matches also give the (capped) count, so
    one query does it all; the count comes back even when the page is past the end.
    """
    visible = visible.values("id", "published_at")
    everywhere, params = _matches(visible)
    strong, strong_params = _matches(visible, "head")
    newest = "ORDER BY v.published_at DESC, v.id DESC LIMIT %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH everywhere AS (
                SELECT d.article_id, v.published_at, d.vector {everywhere} {newest}
            ),
            strong AS (SELECT d.article_id, v.published_at, d.vector {strong} {newest}),
            ranked AS (
                SELECT DISTINCT ON (c.article_id) c.article_id, {SCORE} AS score, c.published_at
                FROM (SELECT * FROM everywhere UNION ALL SELECT * FROM strong) c,
                (SELECT %s::tsquery AS query) q
                ORDER BY c.article_id
            ),
            page AS (
                SELECT * FROM ranked
                ORDER BY score DESC, published_at DESC, article_id DESC LIMIT %s OFFSET %s
            )
            SELECT (SELECT count(*) FROM everywhere), r.article_id
            FROM (SELECT 1) AS one LEFT JOIN page r ON true
            ORDER BY r.score DESC, r.published_at DESC, r.article_id DESC
            """,
            [
                *params,
                prepared.tsquery,
                POOL,
                *strong_params,
                prepared.tsquery,
                POOL,
                now,
                prepared.tsquery,
                limit,
                offset,
            ],
        )
        rows = cursor.fetchall()
    return [pk for _, pk in rows if pk is not None], rows[0][0]


# ts_headline drops what its parser reads as HTML tags or entities ("<b>", "&amp;"); in plain
# text they are the writer's own characters, so they travel as stand-ins and come back after.
_STAND_INS = {"<": "\ue002", ">": "\ue003", "&": "\ue004"}


def _swap(text: str, pairs) -> str:
    # str.replace, not str.translate: three passes in C beat one that looks every character up.
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def _hide(text: str) -> str:
    return _swap(text, _STAND_INS.items())


def _show(text: str) -> str:
    return _swap(text, ((new, old) for old, new in _STAND_INS.items()))


def snippets(prepared: Prepared, texts: dict[int, tuple[str, str]]) -> dict:
    """ts_headline over each article's plain text; texts maps id → (language, text)."""
    ids = list(texts)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT h.id, ts_headline(h.config::regconfig, h.body, %s::tsquery, %s)
            FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS h(id, config, body)
            """,
            [
                prepared.tsquery,
                HEADLINE_OPTIONS,
                ids,
                [configuration(texts[i][0]) for i in ids],
                [_hide(texts[i][1]) for i in ids],
            ],
        )
        return {
            pk: render(_show(marked), full_text=texts[pk][1]) for pk, marked in cursor.fetchall()
        }


def presence(prepared: Prepared, visible) -> list[bool]:
    """Whether each term, alone, occurs in a published article (one query).

    The matches are a MATERIALIZED CTE: planned for all rows, PostgreSQL uses the GIN index for
    a word it believes rare (a plain EXISTS would scan the table hoping to stop early, in vain
    for a misspelling), while the outer EXISTS still stops at the first visible one.
    """
    sql, params = visible.values("id").query.sql_with_params()
    exists = " UNION ALL ".join(
        f"(WITH m{i} AS MATERIALIZED (SELECT article_id FROM newsroom_searchdocument "
        f"WHERE vector @@ %s::tsquery) SELECT {i}, EXISTS(SELECT 1 FROM m{i} "
        f"JOIN ({sql}) v ON v.id = m{i}.article_id))"
        for i in range(len(prepared.groups))
    )
    with connection.cursor() as cursor:
        cursor.execute(exists, [p for group in prepared.groups for p in (group, *params)])
        return [found for _, found in sorted(cursor.fetchall())]


def closest(terms: list[str], words: list[str]) -> dict[str, tuple[str, float]]:
    """pg_trgm's similarity between each term and each vocabulary word (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT ON (t) t, w, similarity(t, w) AS s
            FROM unnest(%s::text[]) AS t CROSS JOIN unnest(%s::text[]) AS w
            WHERE similarity(t, w) >= %s
            ORDER BY t, s DESC, length(w), w
            """,
            [terms, words, MIN_SIMILARITY],
        )
        return {t: (w, s) for t, w, s in cursor.fetchall()}
