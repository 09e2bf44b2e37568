import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import clean_aliases


class AliasesField(forms.CharField):
    """Edits a JSON list of aliases as one alias per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [line for line in (value or "").splitlines() if line.strip()]

    def clean(self, value):
        return clean_aliases(self.to_python(value))


class RegistryEntityForm(forms.ModelForm):
    aliases = AliasesField(
        label=_("aliases"),
        required=False,
        help_text=_("Other spellings found in texts, one per line (e.g. “WTCR / OSCARO”)."),
    )


class EventForm(forms.ModelForm):
    aliases = AliasesField(
        label=_("aliases"),
        required=False,
        help_text=_("Other names found in texts, one per line (e.g. “WTCR Race of Japan”)."),
    )


class PointsScaleField(forms.CharField):
    """Edits a season's points by position as numbers separated by spaces, commas or
    semicolons: "25 18 15", "25, 18, 15"; a half point is written with a point: "0.5"."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(f"{points:g}" for points in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        parts = re.split(r"[\s,;]+", (value or "").strip())
        try:
            scale = [float(part) for part in parts if part]
        except ValueError:
            raise forms.ValidationError(
                _("Write the points of each position as numbers separated by spaces or commas."),
                code="points_scale",
            ) from None
        if any(points < 0 or points != points or points == float("inf") for points in scale):
            raise forms.ValidationError(_("Points cannot be negative."), code="points_scale")
        return [int(points) if points.is_integer() else points for points in scale]


class SeasonForm(forms.ModelForm):
    points_scale = PointsScaleField(
        label=_("points by position"),
        required=False,
        help_text=_("Points of the 1st, 2nd, 3rd… of each race, e.g. 25 18 15 12 10."),
    )
