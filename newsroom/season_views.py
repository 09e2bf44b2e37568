"""A championship's seasons on the site: a season's page (calendar, entry list, standings,
results and the news of its years), an event's page (its results by session and the articles
linked to it) and the championship's calendar for calendar apps (.ics).

Every fact comes from the registry's seasons (teams/season_sheet.py); nothing is inferred from
articles. The news of a season are the series' articles published in the season's years.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView

from articles.models import Article
from articles.site import cache_keys
from articles.site.addresses import reverse
from articles.site.archives import season_news
from articles.site.seo import PageMeta, describe, trail
from articles.site.views import ForgivingPaginationMixin, PageMetadataMixin
from teams.models import Event, Season
from teams.season_sheet import event_sessions
from teams.standings import event_points

from .kept_sheets import season_sheet
from .structured_data import sports_event


def season_trail(season: Season, *more: tuple[str, str]):
    championship = season.championship
    return trail(
        (_("Championships"), reverse("newsroom:championships")),
        (championship.display_name, championship.get_absolute_url()),
        (_("%(season)s season") % {"season": season.name}, season.get_absolute_url()),
        *more,
    )


def season_of(kwargs) -> Season:
    return get_object_or_404(
        Season.objects.select_related("championship"),
        championship__slug=kwargs["slug"],
        label=kwargs["season"],
    )


class SeasonView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    template_name = "newsroom/season_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.season = season_of(self.kwargs)
        championship = self.season.championship
        cache_keys.lists(cache_keys.list_of(championship))
        return season_news(self.season).cards().newest_first()

    def get_trail(self):
        return season_trail(self.season)

    def get_page_meta(self):
        season = self.season
        title = _("%(championship)s %(season)s season") % {
            "championship": season.championship.display_name,
            "season": season.name,
        }
        return PageMeta(
            title=title,
            description=describe(
                _("%(title)s: calendar, entry list, results, standings and news.")
                % {"title": title}
            ),
        )

    def get_context_data(self, **kwargs):
        sheet, today = season_sheet(self.request, self.season), timezone.localdate()
        seasons = list(self.season.championship.seasons.all())
        for season in seasons:
            season.championship = self.season.championship
        return super().get_context_data(
            season=self.season,
            championship=self.season.championship,
            seasons=seasons,
            sheet=sheet,
            next_event=sheet.next_event(today),
            today=today,
            **kwargs,
        )


class EventView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    template_name = "newsroom/event_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.event = get_object_or_404(
            Event.objects.select_related("season__championship", "circuit"),
            season__championship__slug=self.kwargs["slug"],
            season__label=self.kwargs["season"],
            slug=self.kwargs["event"],
        )
        cache_keys.lists(cache_keys.list_of(self.event))
        return Article.objects.published().filter(events=self.event).cards().newest_first()

    def get_trail(self):
        return season_trail(self.event.season, (self.event.name, self.event.get_absolute_url()))

    def get_page_meta(self):
        event, season = self.event, self.event.season
        return PageMeta(
            title=f"{event.name} {season.name}",
            description=describe(
                _("%(event)s, %(championship)s %(season)s season: results by session.")
                % {
                    "event": event.name,
                    "championship": season.championship.display_name,
                    "season": season.name,
                }
            ),
            structured_data=[sports_event(event, self.request)],
        )

    def get_context_data(self, **kwargs):
        # The address's parts (slug, season, event) are read above, not shown as they are.
        kwargs = {k: v for k, v in kwargs.items() if k not in self.kwargs}
        season = self.event.season
        sessions = event_sessions(self.event)
        for session in sessions:
            scored = event_points(season, session.results)
            for result in session.results:
                result.scored = scored[result.pk]
        return super().get_context_data(
            event=self.event,
            season=season,
            championship=season.championship,
            sessions=sessions,
            today=timezone.localdate(),
            **kwargs,
        )
