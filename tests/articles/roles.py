"""People of the newsroom for tests: staff members in the role groups the migration creates."""

from django.test import Client

from articles.models import Article

WRITER, EDITOR, CHIEF = "Rédacteur", "Éditeur", "Rédacteur en chef"
ARCHIVIST = "Archiviste"


def member(username: str, role: str | None):
    from tests.articles.factories import UserFactory

    return UserFactory(username=username, role=role)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def article_form(article=None, **overrides) -> dict:
    """The POST of the article change form, as the admin page sends it."""
    data = {
        "title": "Alfa Romeo s'impose à Monza",
        "slug": "",
        "standfirst": "Doublé pour la Giulietta TCR.",
        "body": "<p>Récit de la course.</p>",
        "published_at_0": "",
        "published_at_1": "",
        "date_precision": "day",
        "language": "fr",
        "tags": "",
        "byline": "",
        "source": "",
        "source_url": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            standfirst=article.standfirst,
            body=article.body,
            date_precision=article.date_precision,
            language=article.language,
            loaded_version=str(article.version),
            tags=", ".join(article.tags.names()),
        )
        if article.published_at:
            from django.utils import timezone

            local = timezone.localtime(article.published_at)
            data["published_at_0"] = local.strftime("%d/%m/%Y")
            data["published_at_1"] = local.strftime("%H:%M:%S")
        for relation in Article.LINK_FIELDS:
            pks = list(getattr(article, relation).values_list("pk", flat=True))
            if pks:
                data[relation] = [str(pk) for pk in pks]
        data["authors"] = [str(pk) for pk in article.authors.values_list("pk", flat=True)]
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
