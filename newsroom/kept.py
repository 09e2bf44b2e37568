"""Renders kept in the process under every value they show.

A fragment whose key holds every value it shows, and what decides how they are written
(language, time zone, script prefix), can never be stale: a change makes another key and the
old render is simply never asked for again. Nothing needs to forget it, so it holds with any
cache configuration, DummyCache included, and whatever process made the change. Each store is
bounded: the renders used least recently go first.

The article cards (articles/site/kept_cards.py) and the site header
(newsroom/templatetags/frame.py) are kept this way. The seasons' sheets and the hubs' sections
showing them (newsroom/kept_sheets.py) are kept under the registry's last change instead, which
the database holds.
"""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.signals import setting_changed
from django.dispatch import receiver

_stores: weakref.WeakSet = weakref.WeakSet()


class KeptRenders:
    """At most `size` renders, each under its key; thread-safe (gthread workers)."""

    def __init__(self, size: int):
        self.size = size
        self._renders: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        _stores.add(self)

    def get(self, key: Hashable, render: Callable[[], str]) -> str:
        """The render kept under `key`, made by `render()` when there is none."""
        with self._lock:
            html = self._renders.get(key)
            if html is not None:
                self._renders.move_to_end(key)
                return html
        # Rendered outside the lock: two threads may both render a new key, never block.
        html = render()
        with self._lock:
            self._renders[key] = html
            while len(self._renders) > self.size:
                self._renders.popitem(last=False)
        return html

    def __len__(self) -> int:
        return len(self._renders)

    def clear(self) -> None:
        with self._lock:
            self._renders.clear()


def forget_all() -> None:
    for store in list(_stores):
        store.clear()


@receiver(setting_changed)
def _forget_all(**kwargs):
    # Media addresses, templates and languages are settings, which tests change: a render
    # made under the old ones must not answer under the new.
    forget_all()
