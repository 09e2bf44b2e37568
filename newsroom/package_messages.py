"""Messages that packages we ship show in the admin without a French translation of their own.

`make messages` extracts them from here into locale/fr (gettext_noop only marks them), and the
project's catalogue, read before the packages' own, translates them where they are shown.
tests/newsroom/test_french_admin.py finds any that a page shows untranslated.
"""

from django.utils.translation import gettext_noop

PACKAGE_MESSAGES = [
    # taggit: its application's name, heading the tags in the admin, and its words for tags:
    # its French says « étiquette », the newsroom says « mot-clé ».
    gettext_noop("Taggit"),
    gettext_noop("tag"),
    gettext_noop("Please provide a comma-separated list of tags."),
    gettext_noop("A comma-separated list of tags."),
    gettext_noop("%(object)s tagged with %(tag)s"),
    gettext_noop("tagged item"),
    gettext_noop("tagged items"),
    # django-axes: the access attempts list and the permissions of its models.
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Locked Out"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    # Left in English by django-axes' own French.
    gettext_noop("User Agent"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Attempt Remaining"),
]
