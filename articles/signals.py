"""Signals articles sends for apps that build on it (articles knows nothing of them)."""

from contextvars import ContextVar

from django.dispatch import Signal

# Sent by every article service (articles/services/) once its writes are done, with
# ids=[the articles written]: the search index and the public site's validators (newsroom)
# listen. Bulk writes (the importer, tag merges) send no model signals; this one they send.
articles_changed = Signal()

# True while a service writes inside articles/services/effects.announced_writes: it sends
# articles_changed for every article it wrote before its transaction ends, so a receiver may
# leave the model signals of those articles (their save, each link and tag written) to that
# one announcement instead of doing its work again for each of them.
announcing: ContextVar[bool] = ContextVar("announcing", default=False)


def announcement_follows() -> bool:
    """Will the article writes being made now be announced by articles_changed?"""
    return announcing.get()
