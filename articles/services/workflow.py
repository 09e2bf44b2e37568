"""Workflow moves: submit, take back, publish now or at a time, unpublish, send back."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..audit import record
from ..models import Article, AuditEntry, Revision, WorkflowStep
from ..revisions import ensure_baseline, save_revision
from ..workflow import Plan, plan_transition
from .effects import announced_writes, resolve_date_flag


def transition(
    *,
    article: Article,
    name: str,
    user,
    when=None,
    comment: str = "",
    loaded_version: int | None = None,
    kind: str = Revision.Kind.WORKFLOW,
) -> Plan:
    """Move one article through the workflow (buttons, list actions, scripts).

    `loaded_version`, when given, is the version the person saw: a move decided on an article
    someone has saved since is refused. Returns the plan carried out (what the move was).
    """
    with announced_writes() as written:
        article = Article.objects.select_for_update().get(pk=article.pk)
        if loaded_version is not None and loaded_version != article.version:
            raise ValidationError(
                _("The article changed since you opened it: check it and try again."),
                code="conflict",
            )
        ensure_baseline(article)
        plan = plan_transition(user, article, name, when=when)
        resolve_date_flag(article)
        article.full_clean()
        article.save()
        record_step(article, plan, user=user, comment=comment)
        save_revision(article, user=user, kind=kind, message=str(plan.action.label))
        written.add(article.pk)
    return plan


def record_step(article: Article, plan: Plan, *, user, comment: str = "") -> WorkflowStep:
    """The workflow step and audit entry of a move (called inside a service's transaction)."""
    step = WorkflowStep.objects.create(
        article=article,
        from_status=plan.from_status,
        to_status=plan.transition.target,
        scheduled_for=plan.published_at,
        comment=comment,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    detail = comment
    if plan.action == AuditEntry.Action.SCHEDULE:
        detail = (_("for %(moment)s") % {"moment": moment(plan.published_at)}) + (
            f" — {comment}" if comment else ""
        )
    record(plan.action, user=user, article=article, detail=detail)
    return step


def moment(when) -> str:
    return formats.date_format(timezone.localtime(when), "DATETIME_FORMAT")


def outcome_message(plan: Plan) -> str:
    """What a move did, in the words the confirmation uses."""
    if plan.action == AuditEntry.Action.SCHEDULE:
        return _("Scheduled for %(moment)s.") % {"moment": moment(plan.published_at)}
    if plan.action == AuditEntry.Action.PUBLISH:
        if plan.published_at >= timezone.now() - timedelta(minutes=1):
            return _("Published now.")
        return _("Published, dated %(moment)s.") % {"moment": moment(plan.published_at)}
    return _("%(action)s.") % {"action": plan.action.label}
