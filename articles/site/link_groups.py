"""The footer of an article page: what the article is linked to, group by group.

Worked out here as labels and addresses, so the template runs one loop over plain values
instead of including a fragment per relation and calling each entity's methods from there
(in a profile of the page, those includes took about a quarter of its template's time).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .addresses import reverse


@dataclass(frozen=True)
class LinkGroup:
    title: str
    # (label, address), the address empty for what has no page of its own (cars, circuits).
    links: list
    css_class: str = ""


def link_groups(article) -> list[LinkGroup]:
    """The article's groups of links that are not empty, in the order the page shows them."""
    linked = [
        (_("Championships"), article.championships.all(), True),
        (_("Manufacturers"), article.manufacturers.all(), True),
        (_("Teams"), article.teams.all(), True),
        (_("Drivers"), article.drivers.all(), True),
        (_("Cars"), article.cars.all(), False),
        (_("Circuits"), article.circuits.all(), False),
    ]
    groups = [
        LinkGroup(
            title,
            [
                (entity.name, entity.get_absolute_url()) if with_pages else (str(entity), "")
                for entity in entities
            ],
        )
        for title, entities, with_pages in linked
    ]
    groups.append(
        LinkGroup(
            _("Events"),
            [
                (f"{event.name} {event.season.label}", event.get_absolute_url())
                for event in article.events.all()
            ],
        )
    )
    groups.append(
        LinkGroup(
            _("Tags"),
            [(tag.name, reverse("articles:tag", args=[tag.slug])) for tag in article.tags.all()],
            css_class="tags",
        )
    )
    return [group for group in groups if group.links]
