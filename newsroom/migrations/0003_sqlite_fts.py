"""SQLite only: the FTS5 table of stemmed article words (newsroom.search.sqlite).
Nothing happens on other databases."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    # rowid is the article id. Case and accents are folded by the tokenizer; stemming is done
    # in Python before the words reach the table.
    schema_editor.execute(
        "CREATE VIRTUAL TABLE newsroom_search_fts USING fts5("
        "title, names, standfirst, body, tokenize = 'unicode61 remove_diacritics 2')"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS newsroom_search_fts")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_postgres_text_search")]

    operations = [migrations.RunPython(create, drop)]
