from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from teams.registry import ReferenceDataError, load_registry


class Command(BaseCommand):
    help = (
        "Load the reference championships, manufacturers, teams, drivers, cars and circuits. "
        "Safe to run again: updates in place, never duplicates, keeps what editors added."
    )

    def handle(self, *args, **options):
        try:
            result = load_registry()
        except ReferenceDataError as error:
            raise CommandError(f"Reference data is invalid: {error}") from error
        for model_name, counts in result.counts.items():
            label = apps.get_model("teams", model_name)._meta.verbose_name_plural
            self.stdout.write(
                f"{label}: {counts.created} created, {counts.updated} updated, "
                f"{counts.unchanged} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("Registry loaded."))
