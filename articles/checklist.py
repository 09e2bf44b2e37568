"""What to check before publishing an article, shown beside the publish button.

Only what would put something false or broken in front of readers blocks publication (a text
whose source gave no date and that nobody dated; a hero image without its alternative text);
the rest is advice the editor may overrule: a standfirst, a primary championship, a hero image
with its credit, an imported title someone read.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Article


@dataclass(frozen=True)
class Check:
    code: str
    label: str  # what is checked, as the editor reads it
    ok: bool
    blocking: bool = False
    advice: str = ""  # what to do when it is not ok


def prepublish_checks(article: Article) -> list[Check]:
    hero = article.hero_image if article.hero_image_id else None
    undated = Article.Flag.NO_DATE in (article.flags or []) and article.published_at is None
    return [
        Check(
            "date",
            _("Publication date"),
            ok=not undated,
            blocking=True,
            advice=_("Its source gave no date: set the publication date before publishing."),
        ),
        Check(
            "standfirst",
            _("Standfirst"),
            ok=bool(article.standfirst.strip()),
            advice=_("Lists, search results and shares show it under the title."),
        ),
        Check(
            "primary_championship",
            _("Primary championship"),
            ok=article.primary_championship_id is not None,
            advice=_("It decides the article's hub, breadcrumb and related articles."),
        ),
        Check(
            "hero_image",
            _("Hero image"),
            ok=hero is not None,
            advice=_("Cards and shares show a grey box without one."),
        ),
        Check(
            "hero_alt_text",
            _("Alternative text of the hero image"),
            ok=hero is None or bool(hero.alt_text.strip()),
            blocking=True,
            advice=_("Readers who cannot see the image need it: add it in the image library."),
        ),
        Check(
            "hero_credit",
            _("Credit of the hero image"),
            ok=hero is None or bool(hero.credit.strip()),
            advice=_("Whose picture it is: add it in the image library."),
        ),
        Check(
            "title_reviewed",
            _("Imported title read again"),
            ok=Article.Flag.TITLE_TO_REVIEW not in (article.flags or []),
            advice=_("The title was derived from the legacy text: rewrite it or mark it reviewed."),
        ),
    ]


def blocking_failures(article: Article) -> list[Check]:
    return [check for check in prepublish_checks(article) if check.blocking and not check.ok]
