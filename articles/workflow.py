"""The editorial workflow's rules: draft → in review → published (now or later) → unpublished.

Which moves exist, who may make them and what a move sets. The moves themselves are made by
the services (`articles.services.transition`, `save_article`), which record them.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions
from .models import Article, AuditEntry

Status = Article.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    needs_publish_right: bool


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            frozenset({Status.DRAFT}),
            Status.REVIEW,
            False,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Back to draft"),
            frozenset({Status.REVIEW, Status.UNPUBLISHED}),
            Status.DRAFT,
            False,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish or schedule"),
            frozenset({Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED, Status.PUBLISHED}),
            Status.PUBLISHED,
            True,
        ),
        Transition(
            "unpublish",
            gettext_lazy("Unpublish"),
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED,
            True,
        ),
    ]
}


@dataclass
class Plan:
    transition: Transition
    from_status: str
    published_at: object  # the publication time after the move (None when not publishing)

    @property
    def action(self):
        if self.transition.name == "publish":
            if self.published_at > timezone.now():
                return AuditEntry.Action.SCHEDULE
            return AuditEntry.Action.PUBLISH
        return {
            "submit": AuditEntry.Action.SUBMIT,
            "withdraw": AuditEntry.Action.SEND_BACK,
            "unpublish": AuditEntry.Action.UNPUBLISH,
        }[self.transition.name]


def may(user, article: Article, transition: Transition) -> bool:
    if transition.needs_publish_right:
        return permissions.can_publish(user)
    if transition.name == "submit":
        return permissions.can_edit(user, article)
    # Back to draft: an editor always; a writer for their own article in review, so they can
    # take it back and keep working on it.
    if transition.name == "withdraw":
        if permissions.can_publish(user):
            return True
        return (
            article.status == Status.REVIEW
            and user.has_perm("articles.change_article")
            and permissions.is_own(user, article)
        )
    return False


def available_transitions(user, article: Article) -> list[Transition]:
    """The moves `user` may make from the article's current status, for buttons."""
    return [
        t for t in TRANSITIONS.values() if article.status in t.sources and may(user, article, t)
    ]


def plan_transition(user, article: Article, name: str, *, when=None, keep_date=True) -> Plan:
    """Check that `user` may move `article` with `name`; set its new status (not saved).

    Publishing at `when` schedules (or publishes at once when it has passed). Without `when`,
    publishing keeps the date the article has when `keep_date` (a list action putting an
    article back online) and otherwise means now — except for a text imported without a date:
    no path gives it a made-up one, an editor dates it first.
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown workflow action “%(name)s”.") % {"name": name})
    if article.status not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible for an article that is %(status)s.")
            % {"action": transition.label, "status": article.get_status_display().lower()}
        )
    # No user: the site's operator at the command line, who answers to no role.
    if user is not None and not may(user, article, transition):
        if transition.needs_publish_right:
            raise PermissionDenied(_("Only editors can publish, schedule or unpublish an article."))
        raise PermissionDenied(_("You can only move your own drafts through the workflow."))
    published_at = None
    if transition.name == "publish":
        if when is not None:
            published_at = when
        elif keep_date and article.published_at is not None:
            published_at = article.published_at
        elif Article.Flag.NO_DATE in (article.flags or []):
            raise ValidationError(
                _(
                    "“%(title)s” has no date in its source: set its publication date first, "
                    "then publish it."
                )
                % {"title": article.title},
                code="undated",
            )
        else:
            published_at = timezone.now()
        article.published_at = published_at
        from .checklist import blocking_failures

        failures = blocking_failures(article)
        if failures:
            raise ValidationError(
                _("“%(title)s” cannot be published yet: %(what)s")
                % {"title": article.title, "what": " ".join(str(c.advice) for c in failures)},
                code="checklist",
            )
    plan = Plan(transition, article.status, published_at)
    article.status = transition.target
    return plan


def status_label(article: Article) -> str:
    """The status as editors say it: "programmé pour …" for a future publication."""
    if article.is_scheduled:
        moment = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        return _("Scheduled for %(moment)s") % {"moment": moment}
    return str(article.get_status_display())
