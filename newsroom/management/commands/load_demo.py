import os

from django.core.management.base import BaseCommand, CommandError

from newsroom.demo import DEMO_ACCOUNTS, DEMO_EDITOR, DemoDataError, ensure_demo_editor, load_demo


class Command(BaseCommand):
    help = (
        "Import and publish the demo articles, link them to the registry and create the demo "
        "editor account (password from DEMO_EDITOR_PASSWORD, else random, printed once)."
    )

    def handle(self, *args, **options):
        try:
            result = load_demo()
        except DemoDataError as error:
            raise CommandError(f"Demo links are wrong: {error}") from error
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(result.outcomes.items()))
        self.stdout.write(f"Demo articles: {counts}; news of the day: {result.fresh} created")
        for failure in result.failures:
            self.stderr.write(f"failed: {failure}")

        user, password = ensure_demo_editor(password=os.environ.get("DEMO_EDITOR_PASSWORD"))
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo editor created. Log in at /admin/ as “{DEMO_EDITOR}” with password: "
                    f"{password}\n(shown once; change it with "
                    f"`manage.py changepassword {DEMO_EDITOR}`)\n"
                    "The same password opens one account per role: "
                    + ", ".join(f"“{name}” ({role})" for name, role, *_ in DEMO_ACCOUNTS)
                )
            )
        else:
            self.stdout.write(
                f"Demo editor “{DEMO_EDITOR}” already exists (password printed when it was "
                f"created; reset it with `DEBUG=1 .venv/bin/python manage.py changepassword "
                f"{DEMO_EDITOR}`)."
            )
        if result.failures:
            raise CommandError("Some demo texts could not be imported (see above).")
