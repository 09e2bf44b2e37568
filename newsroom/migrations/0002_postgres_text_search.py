"""PostgreSQL only: unaccent and pg_trgm, one text search configuration per article language
(unaccent, then the language's Snowball stemmer), and the GIN indexes of the search vectors.
Nothing happens on other databases."""

from django.db import migrations

STEMMERS = {
    "paddock_french": "french",
    "paddock_english": "english",
    "paddock_italian": "italian",
    "paddock_german": "german",
    "paddock_spanish": "spanish",
    "paddock_portuguese": "portuguese",
    "paddock_dutch": "dutch",
}
INDEXES = {"head": "newsroom_searchdocument_head_gin", "vector": "newsroom_searchdocument_vector_gin"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run("CREATE EXTENSION IF NOT EXISTS unaccent")
    run("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, language in STEMMERS.items():
        run(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{language})")
        # Words with accents (word, hword…) go through unaccent before the stemmer; ASCII-only
        # words need no unaccent and keep the language's own mapping.
        run(
            f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
            f"WITH unaccent, {language}_stem"
        )
        _unaccent_words_with_digits(run, name)
    run("CREATE TEXT SEARCH CONFIGURATION paddock_simple (COPY = pg_catalog.simple)")
    run(
        "ALTER TEXT SEARCH CONFIGURATION paddock_simple ALTER MAPPING FOR hword, hword_part, word "
        "WITH unaccent, simple"
    )
    _unaccent_words_with_digits(run, "paddock_simple")
    for column, index in INDEXES.items():
        run(f"CREATE INDEX {index} ON newsroom_searchdocument USING gin ({column})")


def _unaccent_words_with_digits(run, name):
    # "Romé0", "Citroën2": words mixing letters and digits are not stemmed, but unaccented.
    run(
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR numword, hword_numpart "
        "WITH unaccent, simple"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES.values():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    for name in [*STEMMERS, "paddock_simple"]:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
    # The extensions stay: other code may use them, and they cost nothing.


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_search_document")]

    operations = [migrations.RunPython(create, drop)]
