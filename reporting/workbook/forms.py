from django import forms
from django.conf import settings

from serviceplans.forms import GovukForm
from serviceplans.xlsx import XLSX_CONTENT_TYPE


class WorkbookUploadForm(GovukForm):
    """Choose a plan workbook to check before importing it."""

    template_name = "reporting/workbook/upload_form.html"
    submit_label = "Check the workbook"
    #: What the file chooser offers: Excel workbooks, by extension and by type.
    accept = f".xlsx,{XLSX_CONTENT_TYPE}"

    workbook = forms.FileField(
        label="Plan workbook",
        error_messages={
            "required": "Choose a plan workbook to upload",
            "empty": "The file you chose is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        megabytes = settings.IMPORT_MAX_BYTES / 1_048_576
        self.fields[
            "workbook"
        ].help_text = (
            f"An Excel workbook (.xlsx) laid out like the template, no larger than {megabytes:g} MB."
        )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            megabytes = settings.IMPORT_MAX_BYTES / 1_048_576
            raise forms.ValidationError(f"The file must be smaller than {megabytes:g} MB")
        return upload
