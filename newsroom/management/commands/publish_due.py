"""Shows the scheduled articles whose time has come: moves their keys and purges the CDN.

    manage.py publish_due   # every minute from cron or a systemd timer, behind a CDN

Without a CDN, the first request after an article's time does this by itself
(newsroom.freshness). A CDN that keeps pages for long answers readers without asking Paddock,
so nothing would: this command is that first request.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsroom.freshness import site_state


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def handle(self, *args, **options):
        state = site_state()
        upcoming = parse_datetime(state.summary.get("next_due") or "")
        when = timezone.localtime(upcoming).strftime("%Y-%m-%d %H:%M") if upcoming else "none"
        self.stdout.write(f"published articles are current; next scheduled publication: {when}")
