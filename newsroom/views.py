"""The public site that composes articles and the registry: home and hub pages."""

from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.generic import ListView, TemplateView

from articles.models import Article, published_count
from articles.models.links import attach_links
from articles.site import cache_keys
from articles.site.addresses import reverse
from articles.site.archives import published_between, year_range
from articles.site.seo import PageMeta, describe, trail
from articles.site.views import ForgivingPaginationMixin, PageMetadataMixin
from teams.careers import driver_career, team_seasons
from teams.models import Car, Championship, Driver, Manufacturer, Team

from .directories import by_initial, driver_filters
from .freshness import site_state_of
from .kept_sheets import season_summary

HOME_LATEST = 9
HOME_SECTIONS = 4
HOME_SECTION_SIZE = 3


class HomeView(TemplateView):
    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        latest = list(Article.objects.published().cards().newest_first()[: HOME_LATEST + 1])
        sections = self._sections(exclude=[a.pk for a in latest])
        shown = latest + [article for _series, articles in sections for article in articles]
        # Every card's tags and pictures' renditions in one query.
        attach_links({"tags": shown}, pictures=shown)
        return super().get_context_data(
            lead=latest[0] if latest else None, latest=latest[1:], sections=sections, **kwargs
        )

    def _sections(self, *, exclude):
        """The most covered series (from the site's summary), each with its newest articles
        not already shown above, in one query."""
        championships = site_state_of(self.request).sections()
        ranked = (
            Article.objects.published()
            .filter(primary_championship__in=[c.pk for c in championships])
            .exclude(pk__in=exclude)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("primary_championship"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_SECTION_SIZE)
            .cards()
            .newest_first()
        )
        by_series = {c.pk: [] for c in championships}
        for article in ranked:
            by_series[article.primary_championship_id].append(article)
        return [(c, by_series[c.pk]) for c in championships if by_series[c.pk]]


class DirectoryView(PageMetadataMixin, ListView):
    """A list of registry entities, under its entry of the site menu."""

    section = ""  # URL name of the list, in the newsroom namespace
    section_name = ""
    description = ""

    def get_trail(self):
        return trail((_(self.section_name), reverse(f"newsroom:{self.section}")))

    def get_page_meta(self):
        return PageMeta(title=_(self.section_name), description=_(self.description))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Entities no published article names are listed apart, not as a wall of "0 article".
        entities = list(context["object_list"])
        return {
            **context,
            "covered": [e for e in entities if e.article_count],
            "uncovered": [e for e in entities if not e.article_count],
        }


class EntityArticlesView(ForgivingPaginationMixin, PageMetadataMixin, ListView):
    """A registry entity's page: the entity, then its published articles, paginated."""

    model = None
    relation = ""  # the Article field that points at the entity
    context_object_name = "articles"
    entity_queryset = None
    section = ""  # URL name of the entity's list, in the newsroom namespace
    section_name = ""
    description = ""  # a sentence with %(name)s, for entities that have no description

    def get_queryset(self):
        queryset = self.entity_queryset if self.entity_queryset is not None else self.model.objects
        self.entity = get_object_or_404(
            queryset.annotate(article_total=published_count(self.relation), **self.annotations()),
            slug=self.kwargs["slug"],
        )
        cache_keys.lists(cache_keys.list_of(self.entity))
        return (
            Article.objects.published()
            .filter(**{self.relation: self.entity})
            .cards()
            .newest_first()
        )

    def annotations(self) -> dict:
        """What else the page reads with its entity, in the same query."""
        return {}

    def article_total(self):
        return self.entity.article_total

    def get_trail(self):
        return trail(
            (_(self.section_name), reverse(f"newsroom:{self.section}")),
            # Series are known by their short name ("WTCR"), as in the menu.
            (
                getattr(self.entity, "display_name", self.entity.name),
                self.entity.get_absolute_url(),
            ),
        )

    def get_page_meta(self):
        own = getattr(self.entity, "description", "")
        return PageMeta(
            title=self.entity.name,
            description=describe(own or _(self.description) % {"name": self.entity.name}),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.entity, **{self.model._meta.model_name: self.entity}, **kwargs
        )


# The names are marked here and translated when a page is rendered, in its language.
CHAMPIONSHIPS, MANUFACTURERS, TEAMS, DRIVERS = (
    gettext_noop("Championships"),
    gettext_noop("Manufacturers"),
    gettext_noop("Teams"),
    gettext_noop("Drivers"),
)


class ChampionshipListView(DirectoryView):
    template_name = "newsroom/championship_list.html"
    context_object_name = "championships"
    section, section_name = "championships", CHAMPIONSHIPS
    description = gettext_noop(
        "The championships we cover: touring cars, GT, endurance, rally and single-seaters."
    )

    def get_queryset(self):
        return Championship.objects.annotate(
            article_count=published_count("championships")
        ).order_by("category", "-kind", "name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = timezone.localdate().year
        # In each category, the series running this year first, then those that ended.
        categories = {}
        for championship in context["object_list"]:
            categories.setdefault(championship.get_category_display(), []).append(championship)
        context["categories"] = [
            (name, sorted(series, key=lambda c: (c.finished_by(year), c.name.casefold())))
            for name, series in categories.items()
        ]
        context["year"] = year
        return context


class ChampionshipView(EntityArticlesView):
    model = Championship
    relation = "championships"
    template_name = "newsroom/championship_detail.html"
    section, section_name = "championships", CHAMPIONSHIPS
    description = gettext_noop("%(name)s: the news, the teams and the cars of the season.")

    def annotations(self):
        newest = Article.objects.published().filter(championships=OuterRef("pk"))
        return {"latest": Subquery(newest.order_by("-published_at").values("published_at")[:1])}

    def news_year(self) -> int | None:
        """The latest year in which the championship has published articles: the aside lists
        who and what that year's news named (the season's entry list is the registry's)."""
        latest = self.entity.latest
        return timezone.localtime(latest).year if latest else None

    def aside_lists(self):
        # The teams and makes of the series, and those its latest year of news named: that
        # year's articles are found by date (an index range), where every article the series
        # ever had would be a scan of the whole archive on each render.
        championship, year = self.entity, self.news_year()
        covered = (
            published_between(*year_range(year)).filter(championships=championship)
            if year
            else Article.objects.none()
        )
        return {
            "teams": Team.objects.filter(
                Q(pk__in=championship.teams.values("pk")) | Q(pk__in=covered.values("teams"))
            ),
            "cars": Car.objects.filter(pk__in=covered.values("cars")),
            "manufacturers": Manufacturer.objects.filter(
                Q(pk__in=Team.objects.filter(championships=championship).values("manufacturers"))
                | Q(pk__in=covered.values("manufacturers"))
            ),
        }

    def get_context_data(self, **kwargs):
        championship = self.entity
        # The running season, else the last one: its calendar, standings and entry list.
        seasons = list(championship.seasons.current_first())
        for season in seasons:
            season.championship = championship
        today = timezone.localdate()

        def summary_context(sheet):
            return {
                "championship": championship,
                "later_seasons_missing": later_seasons_missing(sheet.season, today),
                "seasons": sorted(seasons, key=lambda s: (s.year, s.label), reverse=True),
                "next_event": sheet.next_event(today),
                "today": today,
            }

        return super().get_context_data(
            news_year=self.news_year(),
            season_summary=seasons and season_summary(self.request, seasons[0], summary_context),
            series_over=championship.finished_by(today.year),
            **kwargs,
        )


def later_seasons_missing(season, today) -> bool:
    """Is `season` the last one the registry has of a series that has run since? (The WRC's
    2022 season shown in 2026 must not pass for its latest.)"""
    ended = season.championship.last_year
    over_since = ended is not None and ended <= season.last_year
    return (
        season.status != season.Status.RUNNING and not over_since and season.last_year < today.year
    )


class ManufacturerListView(DirectoryView):
    template_name = "newsroom/manufacturer_list.html"
    context_object_name = "manufacturers"
    section, section_name = "manufacturers", MANUFACTURERS
    description = gettext_noop("The makes in motorsport: their championships, teams and cars.")

    def get_queryset(self):
        return Manufacturer.objects.annotate(
            article_count=published_count("manufacturers")
        ).order_by("name")


class ManufacturerView(EntityArticlesView):
    model = Manufacturer
    relation = "manufacturers"
    template_name = "newsroom/manufacturer_detail.html"
    section, section_name = "manufacturers", MANUFACTURERS
    description = gettext_noop("%(name)s in motorsport: news, championships, teams and cars.")

    def aside_lists(self):
        make = self.entity
        covered = Article.objects.published().filter(manufacturers=make)
        return {
            "championships": Championship.objects.filter(
                Q(pk__in=Team.objects.filter(manufacturers=make).values("championships"))
                | Q(pk__in=covered.values("championships"))
            ),
            "teams": make.teams.all(),
            "cars": Car.objects.filter(manufacturer=make),
        }


class TeamListView(DirectoryView):
    template_name = "newsroom/team_list.html"
    context_object_name = "teams"
    section, section_name = "teams", TEAMS
    description = gettext_noop("The teams in the news: their championships and makes.")

    def get_queryset(self):
        return Team.objects.annotate(article_count=published_count("teams")).order_by("name")


class TeamView(EntityArticlesView):
    model = Team
    relation = "teams"
    template_name = "newsroom/team_detail.html"
    section, section_name = "teams", TEAMS
    description = gettext_noop("%(name)s: news, championships and makes.")

    def aside_lists(self):
        return {
            "championships": self.entity.championships.all(),
            "manufacturers": self.entity.manufacturers.all(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(career=team_seasons(self.entity), **kwargs)


class DriverListView(DirectoryView):
    template_name = "newsroom/driver_list.html"
    context_object_name = "drivers"
    section, section_name = "drivers", DRIVERS
    description = gettext_noop("The drivers in the news.")

    def get_queryset(self):
        drivers = Driver.objects.annotate(article_count=published_count("drivers"))
        self.filters = driver_filters(self.request.GET)
        if self.filters.season is not None:
            drivers = drivers.filter(entries__season=self.filters.season)
        elif self.filters.championship is not None:
            drivers = drivers.filter(entries__season__championship=self.filters.championship)
        return drivers.distinct()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filtered = self.filters.championship is not None
        return {
            **context,
            "filters": self.filters,
            "letters": by_initial(context["covered"] + (context["uncovered"] if filtered else [])),
            "apart": by_initial([] if filtered else context["uncovered"]),
        }


class DriverView(EntityArticlesView):
    model = Driver
    relation = "drivers"
    template_name = "newsroom/driver_detail.html"
    section, section_name = "drivers", DRIVERS
    description = gettext_noop("%(name)s: the latest news.")

    def get_context_data(self, **kwargs):
        # The career comes from the entry lists: a series or a team an article mentioned beside
        # the driver is not one they raced in.
        career = driver_career(self.entity)
        championships = {line.season.championship for line in career}
        return super().get_context_data(
            career=career,
            championships=sorted(championships, key=lambda c: c.display_name.casefold()),
            **kwargs,
        )
