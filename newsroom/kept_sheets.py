"""Seasons' sheets, and the hubs' sections showing them, kept in the process until the
registry changes.

A season's sheet (teams/season_sheet.py) reads every event, entry and result of the season and
computes the standings from them: for a season of three hundred results, most of what a
series' hub or a season's page costs. It changes only when the registry does, so it is kept
under the registry's generation, the key FACTS that every write of the registry moves
(newsroom/invalidation.py), which the site's summary carries: no query more than the one each
page makes for its frame. A write in any process moves it, and the next request of every
process reads the sheet anew. The day is part of the key too: which events are over and which
is next depend on it.

Pages showing a kept sheet depend on FACTS: the rows it was read from are not read again, so
they cannot record their own keys.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from articles.site import cache_keys
from articles.site.cache_keys import FACTS
from teams.models import Season
from teams.season_sheet import SeasonSheet, read_season

from .freshness import site_state_of
from .kept import KeptRenders

SUMMARY_TEMPLATE = "newsroom/seasons/_current_season.html"
# A few seasons are read at once (the hubs' running ones); the rest are past generations.
_sheets = KeptRenders(size=64)
# Each of those in each language.
_summaries = KeptRenders(size=256)


def season_sheet(request, season: Season) -> SeasonSheet:
    """The sheet of `season` (whose championship is set), kept or read now."""
    key = _key(request, season)
    return _sheets.get(key, lambda: read_season(season, today=key[-1]))


def season_summary(request, season: Season, context: Callable[[SeasonSheet], dict]) -> str:
    """A hub's section on `season` (SUMMARY_TEMPLATE): its calendar, standings and entry list.
    `context(sheet)` gives what the section shows besides the sheet, which the registry and the
    day decide alone (the series, its seasons, the next event): so the section is kept under
    its sheet's key, in each language."""
    key = (*_key(request, season), get_language(), get_script_prefix())

    def render():
        sheet = season_sheet(request, season)
        return mark_safe(render_to_string(SUMMARY_TEMPLATE, {"sheet": sheet, **context(sheet)}))

    return _summaries.get(key, render)


def _key(request, season: Season) -> tuple:
    cache_keys.record(FACTS)
    return (season.pk, site_state_of(request).summary.get("facts"), timezone.localdate())
