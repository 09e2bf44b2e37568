"""The search filters readers choose: championship, manufacturer, year (?championnat=wtcr…)."""

from dataclasses import dataclass

from django.utils import timezone

from teams.models import Championship, Manufacturer

from .results import Filters

PARAMS = {"championship": "championnat", "manufacturer": "constructeur", "year": "annee"}


@dataclass
class FilterChoices:
    championships: list  # [(slug, name, pk)]
    manufacturers: list
    years: list[int]  # newest first

    @classmethod
    def load(cls, state) -> "FilterChoices":
        """What the filter menus offer, from the site's summary (`state`, newsroom.freshness):
        no query of their own."""
        years = []
        if state.oldest:
            first = timezone.localtime(state.oldest).year
            last = timezone.localtime(state.newest).year
            years = list(range(last, first - 1, -1))
        return cls(
            championships=[(c["slug"], c["name"], c["id"]) for c in state.choices(Championship)],
            manufacturers=[(m["slug"], m["name"], m["id"]) for m in state.choices(Manufacturer)],
            years=years,
        )

    def filters(self, params) -> tuple[Filters, dict[str, str]]:
        """The filters in `params` that name a real choice; unknown values are ignored.

        Also returns the selected values by parameter, for the form.
        """
        championship = _by_slug(self.championships, params.get(PARAMS["championship"]))
        manufacturer = _by_slug(self.manufacturers, params.get(PARAMS["manufacturer"]))
        year = params.get(PARAMS["year"], "")
        year = (
            int(year) if year.isdecimal() and len(year) == 4 and int(year) in self.years else None
        )
        selected = {
            "championship": championship[0] if championship else "",
            "manufacturer": manufacturer[0] if manufacturer else "",
            "year": year or "",
        }
        filters = Filters(
            championship_id=championship[2] if championship else None,
            manufacturer_id=manufacturer[2] if manufacturer else None,
            year=year,
        )
        return filters, selected


def _by_slug(choices, slug):
    return next((choice for choice in choices if choice[0] == slug), None) if slug else None
