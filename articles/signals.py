"""Signals articles sends for apps that build on it (articles knows nothing of them)."""

from django.dispatch import Signal

# Sent by every article service (articles/services/) once its writes are done, with
# ids=[the articles written]: the search index and the public site's validators (newsroom)
# listen. Bulk writes (the importer, tag merges) send no model signals; this one they send.
articles_changed = Signal()
