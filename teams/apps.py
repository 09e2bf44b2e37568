from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Motorsport registry")
    # Every registry entity has a public page or shows on one (newsroom.freshness).
    public_models = (
        "championship",
        "manufacturer",
        "team",
        "driver",
        "car",
        "circuit",
        "season",
        "event",
        "entry",
        "result",
    )
