"""Where the registry's public pages are. The registry (teams/) knows nothing of the site that
shows it: the settings give its models their URLs (ABSOLUTE_URL_OVERRIDES) from here."""

from articles.site.addresses import reverse


def hub_url(name: str):
    def url(entity) -> str:
        return reverse(f"newsroom:{name}", kwargs={"slug": entity.slug})

    url.__name__ = f"{name}_url"
    return url


def season_url(season) -> str:
    return reverse(
        "newsroom:season", kwargs={"slug": season.championship.slug, "season": season.label}
    )


def event_url(event) -> str:
    season = event.season
    return reverse(
        "newsroom:event",
        kwargs={"slug": season.championship.slug, "season": season.label, "event": event.slug},
    )


ABSOLUTE_URLS = {
    **{
        f"teams.{name}": hub_url(name)
        for name in ("championship", "manufacturer", "team", "driver")
    },
    "teams.season": season_url,
    "teams.event": event_url,
}
