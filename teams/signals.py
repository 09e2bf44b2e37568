"""Signals the registry sends for apps that build on it (teams knows nothing of them)."""

from contextvars import ContextVar

from django.dispatch import Signal

# Rows of the registry were written in bulk: the reference data (teams/registry.load_registry,
# whose bulk writes send no model signal) or an import of calendars, entry lists and results
# (teams/csv_import.import_files). `written` holds the rows created or updated (the public site
# re-renders what shows them and what the registry's facts are computed from).
registry_loaded = Signal()

# True while an import writes rows that registry_loaded will announce before its transaction
# ends: a receiver may leave the model signals of those rows to that one announcement instead
# of doing its work again for each of the hundreds of rows a season's results hold.
loading: ContextVar[bool] = ContextVar("loading", default=False)


def announcement_follows() -> bool:
    """Will the registry writes being made now be announced by registry_loaded?"""
    return loading.get()
