"""How the registry's seasons read on a page: an event's days, a standing's points."""

from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def event_dates(event) -> str:
    """ "6–7 avril 2019", "30 avril – 2 mai 2019", "31 décembre 2019 – 2 janvier 2020", in the
    page's language."""
    start, end = event.start_date, event.end_date
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.filter
def points(value) -> str:
    """Points as the series count them: 25, 12,5 (never 25,00)."""
    value = Decimal(value or 0).normalize()
    places = max(0, -value.as_tuple().exponent)
    return number_format(value, decimal_pos=places)


@register.filter
def winners_of(sheet, event) -> list:
    return sheet.winners_of(event)


@register.filter
def drivers_of(result) -> list:
    """Who drove: the result's own drivers, else the entry's."""
    return result.crew


@register.filter
def who(result) -> str:
    """A result as a line reads it: its drivers, else its team."""
    names = [driver.name for driver in drivers_of(result)]
    if names:
        return " / ".join(names)
    entry = result.entry
    return str(entry.team or entry.car or entry)


@register.filter
def event_names(events) -> str:
    """ "Course de Hongrie, Course d'Espagne": the events' names, as a sentence lists them."""
    return ", ".join(event.name for event in events)
