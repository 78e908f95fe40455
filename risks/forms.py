from django import forms

from serviceplans.forms import GovukForm

from . import rules


def _level_choices(matrix: rules.Matrix, axis: str) -> list[tuple[int, str]]:
    return [(level, f"{level} – {rules.level_word(level, matrix, axis)}") for level in matrix.levels]


class RiskReviewForm(GovukForm):
    """An owner's review of a risk in a period: its current likelihood and impact, and the controls."""

    submit_label = "Save review"

    likelihood = forms.TypedChoiceField(
        label="Current likelihood",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="How likely it is now, with the controls in place.",
        error_messages={
            "required": "Select the likelihood",
            "invalid_choice": "Select a likelihood from the list",
        },
    )
    impact = forms.TypedChoiceField(
        label="Current impact",
        coerce=int,
        widget=forms.RadioSelect,
        help_text="How bad it would be if it happened now.",
        error_messages={"required": "Select the impact", "invalid_choice": "Select an impact from the list"},
    )
    commentary = forms.CharField(
        label="Commentary on the controls",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text="Are the controls working, and what is being done? Needed at the first review, when the "
        "score changes, and while the risk is red.",
        error_messages={"max_length": "Commentary must be 4,000 characters or fewer"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, matrix: rules.Matrix, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["likelihood"].choices = _level_choices(matrix, "likelihood")
        self.fields["impact"].choices = _level_choices(matrix, "impact")
