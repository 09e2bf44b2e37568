"""Statements PostgreSQL plans once per connection.

Every page runs a few statements whose shape never changes: the site's state, an article by
its slug, cards by their ids, the links of a page's articles. PostgreSQL spent more time
planning them than running them (an article page's links: 2 ms to plan, 0.7 ms to run), so
those are prepared on their connection the first time and planned once.

Only those: a statement whose best plan depends on its values (a search for rare words or
common ones) must be planned for its values every time. Preparing every repeated statement
made PostgreSQL settle on one plan for all searches, and search cost it half as much again.
"""

from contextlib import contextmanager


@contextmanager
def planned_once(connection):
    """Statements run inside are prepared on `connection`, if it sends its parameters apart
    (newsroom/settings.py: PG_PREPARED_STATEMENTS)."""
    options = connection.settings_dict.get("OPTIONS", {})
    if connection.vendor != "postgresql" or not options.get("server_side_binding"):
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    before = raw.prepare_threshold
    raw.prepare_threshold = 0  # prepared at its first run, used as prepared after
    try:
        yield
    finally:
        raw.prepare_threshold = before
