from django.core.management.base import BaseCommand, CommandError

from articles.imaging import PILLOW_ERRORS, ensure_renditions
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Make the renditions that library images lack (images saved before renditions existed, "
        "or whose making failed). Images that have them all are left as they are."
    )

    def handle(self, *args, **options):
        made, failed = 0, []
        images = Image.objects.order_by("pk")
        for image in images.iterator(chunk_size=200):
            try:
                made += len(ensure_renditions(image))
            except PILLOW_ERRORS as error:  # a missing original is a FileNotFoundError
                failed.append(image)
                self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
        self.stdout.write(
            self.style.SUCCESS(f"{images.count()} images checked: {made} renditions made.")
        )
        if failed:
            raise CommandError(f"{len(failed)} images could not be read; see above.")
