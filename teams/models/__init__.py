"""The motorsport registry (registry.py) and its time: seasons, events, entries and results
(seasons.py). This app knows nothing of articles."""

from .imports import RegistryImport
from .registry import (
    Car,
    Championship,
    Circuit,
    Driver,
    Manufacturer,
    RegistryEntity,
    RegistryQuerySet,
    Team,
    UnicodeJSONEncoder,
    clean_aliases,
)
from .seasons import Entry, Event, Result, Season

__all__ = [
    "Car",
    "Championship",
    "Circuit",
    "Driver",
    "Entry",
    "Event",
    "Manufacturer",
    "RegistryEntity",
    "RegistryImport",
    "RegistryQuerySet",
    "Result",
    "Season",
    "Team",
    "UnicodeJSONEncoder",
    "clean_aliases",
]
