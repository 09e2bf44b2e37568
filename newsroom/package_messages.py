"""Messages that packages we ship show in the admin without a French translation of their own.

`make messages` extracts them from here into locale/fr (gettext_noop only marks them), and the
project's catalogue, read before the packages' own, translates them where they are shown.
tests/newsroom/test_french_admin.py finds any that a page shows untranslated.
"""

from django.utils.translation import gettext_noop

PACKAGE_MESSAGES = [
    # taggit: its application's name, heading the tags in the admin.
    gettext_noop("Taggit"),
    # django-axes: the access attempts list and the permissions of its models.
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Locked Out"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
]
