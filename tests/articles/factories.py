from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from articles.models import Article


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True  # the m2m hooks need no second save

    title = factory.Sequence(lambda n: f"Compte rendu de course {n}")
    slug = factory.Sequence(lambda n: f"compte-rendu-{n}")
    standfirst = "Le résumé de la course, en quelques lignes."
    body = "<p>Premier paragraphe du récit.</p><p>Second paragraphe.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT)
        in_review = factory.Trait(status=Article.Status.REVIEW)
        unpublished = factory.Trait(status=Article.Status.UNPUBLISHED)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
        )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)

    @factory.post_generation
    def links(self, create, extracted, **kwargs):
        """links={"championships": [...], "manufacturers": [...], ...}"""
        for relation, entities in (extracted or {}).items():
            getattr(self, relation).add(*entities)


class UserFactory(DjangoModelFactory):
    """A member of the newsroom's staff; `role` puts them in one of the role groups."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"membre{n}")
    first_name = ""
    last_name = ""
    is_staff = True
    password = factory.django.Password("motdepasse-tres-long-42")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
