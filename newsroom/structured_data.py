"""schema.org data of the registry's pages (the articles' own is in articles/site/seo.py)."""

from teams.models import Event


def sports_event(event: Event, request) -> dict:
    """A SportsEvent: the event's name, dates and place, within its season."""
    season = event.season
    data = {
        "@context": "https://schema.org",
        "@type": "SportsEvent",
        "name": event.name,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "sport": "Motorsport",
        "startDate": event.start_date.isoformat(),
        "endDate": event.end_date.isoformat(),
        "superEvent": {
            "@type": "EventSeries",
            "name": f"{season.championship.name} {season.name}",
            "url": request.build_absolute_uri(season.get_absolute_url()),
        },
    }
    place = {"@type": "Place"}
    if event.circuit_id:
        place["name"] = event.circuit.name
        if event.circuit.country:
            place["address"] = {
                "@type": "PostalAddress",
                "addressCountry": event.circuit.country.code,
            }
    if event.location:
        place.setdefault("name", event.location)
        place.setdefault("address", event.location)
    if len(place) > 1:
        data["location"] = place
    return data
