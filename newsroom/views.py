"""The public site that composes articles and the registry: home and hub pages."""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from articles.models import Article, published_count
from articles.views import ForgivingPaginationMixin
from teams.models import Car, Championship, Driver, Manufacturer, Team

HOME_LATEST = 9
HOME_SECTIONS = 4
HOME_SECTION_SIZE = 3


class HomeView(TemplateView):
    template_name = "newsroom/home.html"

    def get_context_data(self, **kwargs):
        latest = list(Article.objects.published().for_listing().newest_first()[: HOME_LATEST + 1])
        return super().get_context_data(
            lead=latest[0] if latest else None,
            latest=latest[1:],
            sections=self._sections(exclude=[a.pk for a in latest]),
            **kwargs,
        )

    def _sections(self, *, exclude):
        """The most recently covered series, each with its newest articles, in two queries."""
        championships = list(
            Championship.objects.annotate(article_count=published_count("primary_championship"))
            .filter(article_count__gt=0)
            .order_by("-article_count", "name")[:HOME_SECTIONS]
        )
        ranked = (
            Article.objects.published()
            .filter(primary_championship__in=championships)
            .exclude(pk__in=exclude)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("primary_championship"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_SECTION_SIZE)
            .for_listing()
            .newest_first()
        )
        by_series = {c.pk: [] for c in championships}
        for article in ranked:
            by_series[article.primary_championship_id].append(article)
        return [(c, by_series[c.pk]) for c in championships if by_series[c.pk]]


class EntityArticlesView(ForgivingPaginationMixin, ListView):
    """A registry entity's page: the entity, then its published articles, paginated."""

    model = None
    relation = ""  # the Article field that points at the entity
    context_object_name = "articles"
    entity_queryset = None

    def get_queryset(self):
        queryset = self.entity_queryset if self.entity_queryset is not None else self.model.objects
        self.entity = get_object_or_404(queryset, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .filter(**{self.relation: self.entity})
            .for_listing()
            .newest_first()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.entity, **{self.model._meta.model_name: self.entity}, **kwargs
        )


class ChampionshipListView(ListView):
    template_name = "newsroom/championship_list.html"
    context_object_name = "championships"

    def get_queryset(self):
        return Championship.objects.annotate(
            article_count=published_count("championships")
        ).order_by("category", "-kind", "name")


class ChampionshipView(EntityArticlesView):
    model = Championship
    relation = "championships"
    template_name = "newsroom/championship_detail.html"

    def get_context_data(self, **kwargs):
        championship = self.entity
        covered_makes = Article.objects.published().filter(championships=championship)
        return super().get_context_data(
            teams=championship.teams.order_by("name"),
            manufacturers=Manufacturer.objects.filter(
                Q(teams__championships=championship)
                | Q(pk__in=covered_makes.values("manufacturers"))
            )
            .distinct()
            .order_by("name"),
            **kwargs,
        )


class ManufacturerListView(ListView):
    template_name = "newsroom/manufacturer_list.html"
    context_object_name = "manufacturers"

    def get_queryset(self):
        return Manufacturer.objects.annotate(
            article_count=published_count("manufacturers")
        ).order_by("name")


class ManufacturerView(EntityArticlesView):
    model = Manufacturer
    relation = "manufacturers"
    template_name = "newsroom/manufacturer_detail.html"

    def get_context_data(self, **kwargs):
        make = self.entity
        covered = Article.objects.published().filter(manufacturers=make)
        return super().get_context_data(
            championships=Championship.objects.filter(
                Q(teams__manufacturers=make) | Q(pk__in=covered.values("championships"))
            )
            .distinct()
            .order_by("name"),
            teams=make.teams.order_by("name"),
            cars=Car.objects.filter(manufacturer=make).order_by("name"),
            **kwargs,
        )


class TeamListView(ListView):
    template_name = "newsroom/team_list.html"
    context_object_name = "teams"

    def get_queryset(self):
        return Team.objects.annotate(article_count=published_count("teams")).order_by("name")


class TeamView(EntityArticlesView):
    model = Team
    relation = "teams"
    template_name = "newsroom/team_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            championships=self.entity.championships.order_by("name"),
            manufacturers=self.entity.manufacturers.order_by("name"),
            **kwargs,
        )


class DriverListView(ListView):
    template_name = "newsroom/driver_list.html"
    context_object_name = "drivers"

    def get_queryset(self):
        return Driver.objects.annotate(article_count=published_count("drivers")).order_by("name")


class DriverView(EntityArticlesView):
    model = Driver
    relation = "drivers"
    template_name = "newsroom/driver_detail.html"

    def get_context_data(self, **kwargs):
        covered = Article.objects.published().filter(drivers=self.entity)
        return super().get_context_data(
            championships=Championship.objects.filter(
                pk__in=covered.values("championships")
            ).order_by("name"),
            teams=Team.objects.filter(pk__in=covered.values("teams")).order_by("name"),
            **kwargs,
        )
