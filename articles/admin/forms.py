"""Forms of the article admin: the change form that refuses lost updates, and bulk actions."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teams.models import Championship

from .. import revisions, workflow
from ..models import Article, Revision
from ..suggestions import parse_dismissed

WORKFLOW_CHOICES = [("", "")] + [(t.name, t.label) for t in workflow.TRANSITIONS.values()]


class ArticleForm(forms.ModelForm):
    """The article change form.

    `loaded_version` is the article's version when the form was opened: a save is refused if
    someone saved the article since, with their changes shown, and the person's text stays in
    the form. `workflow` is set by the workflow buttons; the move is checked here, so a crafted
    POST gets the same answer as the buttons.
    """

    loaded_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    workflow = forms.ChoiceField(required=False, choices=WORKFLOW_CHOICES)
    workflow_comment = forms.CharField(
        label=gettext_lazy("Comment for the workflow step"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    # Link suggestions the writer dismissed (articles/suggestions.py), kept on the article.
    dismissed_links = forms.CharField(required=False, widget=forms.HiddenInput)

    request = None  # set by ArticleAdmin.get_form
    autosave_initial_data = None  # set by ArticleAdmin.get_form when restoring an autosave

    class Meta:
        model = Article
        fields = []  # ArticleAdmin.get_form passes the fields of its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.plan = None
        if "slug" in self.fields:
            # Left empty, the slug is made from the title on save (unique, see Article.save).
            self.fields["slug"].required = False
        if not self.is_bound:
            self.initial.update(self.autosave_initial_data or {})
            # The version the person starts from, even when the text comes from an autosave.
            self.initial["loaded_version"] = self.instance.version if self.instance.pk else 0
            self.initial["dismissed_links"] = ",".join(self.instance.dismissed_links or [])

    def clean(self):
        cleaned = super().clean()
        self.instance.dismissed_links = parse_dismissed(cleaned.get("dismissed_links") or "")
        if self.instance.pk:
            self.check_version(cleaned.get("loaded_version"))
        name = cleaned.get("workflow")
        if name:
            self.plan_workflow(name, cleaned)
        return cleaned

    def check_version(self, loaded):
        current = self.instance.version
        if loaded is None:
            # A save that cannot say what it started from could silently overwrite someone.
            raise ValidationError(
                _(
                    "This form does not say which version of the article it was opened at, "
                    "so saving it could overwrite someone else's work: nothing was saved. "
                    "Copy your text, reload the article and save again."
                ),
                code="no_version",
            )
        if loaded == current:
            return
        latest = (
            Revision.objects.filter(article=self.instance)
            .exclude(kind=Revision.Kind.AUTOSAVE)
            .select_related("created_by")
            .first()
        )
        base = revisions.revision_at(self.instance, loaded)
        self.conflict = {
            "by": latest.created_by if latest else None,
            "at": latest.created_at if latest else self.instance.updated_at,
            "changes": (
                revisions.diff(base.data, revisions.snapshot(self.instance)) if base else None
            ),
        }
        # The next save of this form merges on top of what is saved now.
        self.data = self.data.copy()
        self.data["loaded_version"] = str(current)
        raise ValidationError(
            _(
                "Someone else saved this article while you were editing it. Nothing was "
                "saved: your text is still in the form. Check their changes below, merge "
                "what you need and save again."
            ),
            code="conflict",
        )

    def plan_workflow(self, name, cleaned):
        # An editor's chosen publication time schedules; an emptied date means now (a text
        # imported without a date is refused: it needs its real date).
        dated = "published_at" in self.fields
        when = cleaned.get("published_at") if dated else None
        try:
            self.plan = workflow.plan_transition(
                self.request.user, self.instance, name, when=when, keep_date=not dated
            )
        except (PermissionDenied, ValidationError) as refusal:
            raise ValidationError(refusal.args[0] if refusal.args else str(refusal)) from None
        if "published_at" in self.fields:
            cleaned["published_at"] = self.instance.published_at


class BulkTagForm(forms.Form):
    tag = forms.CharField(label=gettext_lazy("Tag"), max_length=100)

    def clean_tag(self):
        name = " ".join(self.cleaned_data["tag"].split())
        if not name or "," in name:
            raise ValidationError(_("Give one tag (no comma)."))
        return name


class BulkChampionshipForm(forms.Form):
    championship = forms.ModelChoiceField(
        label=gettext_lazy("Primary championship"),
        queryset=Championship.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("(none)"),
    )
