"""Signals the registry sends for apps that build on it (teams knows nothing of them)."""

from django.dispatch import Signal

# The reference data was loaded in bulk (teams/registry.load_registry), which sends no model
# signal: `written` holds the rows created or updated (the public site re-renders what shows
# them and what the registry's facts are computed from).
registry_loaded = Signal()
