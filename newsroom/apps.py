from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("Public site")

    def ready(self):
        # Both watch every write readers can see: the search index and the page validators.
        from . import auth_labels, invalidation, logins, lookups, purge
        from .search import signals as search_signals

        lookups.register()
        auth_labels.install()
        search_signals.connect()
        invalidation.connect()
        checks.register(purge.check_configuration)
        logins.connect()
