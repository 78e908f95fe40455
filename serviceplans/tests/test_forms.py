"""The GOV.UK date input (day, month, year) and conditional reveals, as every form renders them."""

from datetime import date

from django import forms
from django.template.loader import render_to_string

from serviceplans.forms import GovukDateField, GovukDateWidget, GovukForm


class MeetingForm(GovukForm):
    meeting_date = GovukDateField(
        label="Date of the meeting", error_messages={"invalid": "Date of the meeting must be a real date"}
    )


class ChoiceForm(GovukForm):
    reveals = {"kind": {"other": ("detail",)}}
    kind = forms.ChoiceField(
        choices=[("usual", "Usual"), ("other", "Something else")], widget=forms.RadioSelect
    )
    detail = forms.CharField(label="What else", required=False)


def test_the_three_boxes_are_read_as_one_date():
    form = MeetingForm(
        data={"meeting_date_day": "14", "meeting_date_month": "12", "meeting_date_year": "2026"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["meeting_date"] == date(2026, 12, 14)


def test_a_single_value_still_works_for_links_and_scripts():
    assert MeetingForm(data={"meeting_date": "2026-12-14"}).is_valid()


def test_an_impossible_date_is_refused_and_what_was_typed_is_kept():
    form = MeetingForm(
        data={"meeting_date_day": "31", "meeting_date_month": "2", "meeting_date_year": "2027"}
    )
    assert not form.is_valid()
    html = render_to_string("govuk/form.html", {"form": form})
    assert 'role="group" aria-describedby="id_meeting_date-hint id_meeting_date-error"' in html
    for part, typed in (("day", "31"), ("month", "2"), ("year", "2027")):
        assert (
            f'id="id_meeting_date_{part}" name="meeting_date_{part}" type="text" inputmode="numeric" value="{typed}"'
            in html
        )
    assert form.error_summary() == [("id_meeting_date_day", "Date of the meeting must be a real date")]


def test_a_date_is_shown_in_its_three_boxes():
    assert GovukDateWidget().parts(date(2027, 1, 5)) == {"day": "5", "month": "1", "year": "2027"}
    assert GovukDateWidget().parts("2027-01-05") == {"day": "05", "month": "01", "year": "2027"}
    html = render_to_string(
        "govuk/form.html", {"form": MeetingForm(initial={"meeting_date": date(2027, 1, 5)})}
    )
    assert 'name="meeting_date_year" type="text" inputmode="numeric" value="2027"' in html
    assert 'type="date"' not in html


def test_a_conditional_field_sits_beneath_its_choice_and_not_at_the_top_level():
    html = render_to_string("govuk/form.html", {"form": ChoiceForm()})
    choice = html.index('id="id_kind_1"')
    conditional = html.index('<div class="govuk-radios__conditional" id="conditional-id_kind_1">')
    assert choice < conditional < html.index('id="id_detail"')
    assert html.count('id="id_detail"') == 1
    # No aria-controls: GOV.UK Frontend's script would add aria-expanded to the radio, which ARIA forbids.
    assert "aria-expanded" not in html and "aria-controls" not in html
