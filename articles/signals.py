"""Signals articles sends for apps that build on it (articles knows nothing of them)."""

from django.dispatch import Signal

# Sent by the legacy importer after a chunk is written, with ids=[article ids created or
# updated]. bulk_create sends no post_save, so this is how the search index hears of them.
articles_imported = Signal()
