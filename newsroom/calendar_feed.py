"""A championship's calendar for calendar apps: every event of its seasons as an iCalendar
file (RFC 5545) that Google Calendar, Apple Calendar or Thunderbird subscribe to.

Events are whole days (the registry knows their dates, not their session times): an all-day
event has a date and no time zone, and its end is the day after its last day, as the RFC says.
"""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from teams.models import Championship, Event


def championship_calendar(request, slug):
    championship = get_object_or_404(Championship, slug=slug)
    events = (
        Event.objects.filter(season__championship=championship)
        .select_related("season", "circuit")
        .order_by("start_date", "pk")
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PADDOCK_SITE_NAME}//{championship.slug}//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", championship.display_name)
    calendar.add("x-wr-caldesc", _("Calendar of %(name)s") % {"name": championship.name})
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        event.season.championship = championship
        calendar.add_component(calendar_event(event, request, stamp))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{championship.slug}.ics"'
    return response


def calendar_event(event: Event, request, stamp: datetime.datetime) -> CalendarEvent:
    season = event.season
    entry = CalendarEvent()
    # Stable across downloads, so a subscribed calendar updates the event instead of adding one.
    entry.add("uid", f"event-{event.pk}@{request.get_host()}")
    entry.add("dtstamp", stamp)
    entry.add("summary", f"{season.championship.display_name} — {event.name}")
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + datetime.timedelta(days=1))
    place = ", ".join(
        part for part in (event.circuit.name if event.circuit_id else "", event.location) if part
    )
    if place:
        entry.add("location", place)
    if event.round:
        description = _("Round %(round)s of the %(season)s season") % {
            "round": event.round,
            "season": season.name,
        }
    else:
        description = _("%(season)s season") % {"season": season.name}
    entry.add("description", description)
    entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
    entry.add("transp", "TRANSPARENT")  # a race on the calendar does not make its reader busy
    return entry
