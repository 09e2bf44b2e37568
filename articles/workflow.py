"""The editorial workflow: draft → in review → published (now or later) → unpublished.

Every move goes through `apply_transition` (or, inside the admin form, `plan_transition` then
`record_transition` around the form's own save), which checks the person's rights whatever
path the request took, and leaves a workflow step, an audit entry and a revision.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions
from .audit import record
from .models import Article, AuditEntry, Revision, WorkflowStep

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


def plan_transition(user, article: Article, name: str, *, when=None) -> Plan:
    """Check that `user` may move `article` with `name`; set its new status (not saved)."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown workflow action “%(name)s”.") % {"name": name})
    if article.status not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible for an article that is %(status)s.")
            % {"action": transition.label, "status": article.get_status_display().lower()}
        )
    if not may(user, article, transition):
        if transition.needs_publish_right:
            raise PermissionDenied(_("Only editors can publish, schedule or unpublish an article."))
        raise PermissionDenied(_("You can only move your own drafts through the workflow."))
    plan = Plan(transition, article.status, None)
    article.status = transition.target
    if transition.name == "publish":
        # Without a chosen time, publishing keeps the date the article has (an imported
        # text, an article put back online) and otherwise means now.
        if when is not None:
            article.published_at = when
        elif article.published_at is None:
            article.published_at = timezone.now()
        plan.published_at = article.published_at
    return plan


def record_transition(article: Article, plan: Plan, *, user, comment="") -> WorkflowStep:
    step = WorkflowStep.objects.create(
        article=article,
        from_status=plan.from_status,
        to_status=plan.transition.target,
        scheduled_for=plan.published_at,
        comment=comment,
        created_by=user,
    )
    detail = comment
    if plan.action == AuditEntry.Action.SCHEDULE:
        moment = formats.date_format(timezone.localtime(plan.published_at), "DATETIME_FORMAT")
        detail = (_("for %(moment)s") % {"moment": moment}) + (f" — {comment}" if comment else "")
    record(plan.action, user=user, article=article, detail=detail)
    return step


@transaction.atomic
def apply_transition(
    article: Article, name: str, *, user, when=None, comment="", kind=Revision.Kind.WORKFLOW
) -> Article:
    """Move one article (list actions, scripts): checks, saves, records."""
    from .revisions import ensure_baseline, save_revision

    article = Article.objects.select_for_update().get(pk=article.pk)
    ensure_baseline(article)
    plan = plan_transition(user, article, name, when=when)
    article.full_clean()
    article.save()
    record_transition(article, plan, user=user, comment=comment)
    save_revision(article, user=user, kind=kind, message=str(plan.action.label))
    return article


def status_label(article: Article) -> str:
    """The status as editors say it: "programmé pour …" for a future publication."""
    if article.is_scheduled:
        moment = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")
        return _("Scheduled for %(moment)s") % {"moment": moment}
    return str(article.get_status_display())
