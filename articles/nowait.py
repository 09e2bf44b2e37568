"""Writes a reader's request makes for the next readers, made only if they need not wait.

Pages keep what they work out for the pages after them (the site's summary, an article's
ranking of related articles). A writer's open transaction — an import's chunk — holds the whole
database on SQLite until it commits: waiting for it would hold the reader's page for as long.
The page has what it worked out already; the next request tries to keep it again.
"""

from collections.abc import Callable

from django.db import OperationalError, connections, router


def keep_unless_busy(model, write: Callable[[], object]) -> bool:
    """Runs `write` (a write to `model`'s table) at once, or not at all when the database is
    busy with a writer: on SQLite, without its busy timeout; elsewhere, rows other than the
    writers' are never locked by them, so the write goes through. Returns whether it ran."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        write()
        return True
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (patience,) = cursor.fetchone()
        cursor.execute("PRAGMA busy_timeout = 0")
    try:
        write()
    except OperationalError:
        return False  # "database is locked": a writer is at work
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(patience)}")
    return True
