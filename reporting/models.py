"""Committee reports: a saved covering report with its scope, period and parts, and once published, the
frozen content it showed."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from plans.models import OrganisationUnit, Plan, ReportingPeriod


class Report(models.Model):
    """A committee paper: the covering report's texts, what it covers (a plan, or a unit and everything
    beneath it) for which period, and which annexes it carries.

    While it is a draft everything is read live from the plans, tasks and indicators. Publishing stores
    the gathered content in ``snapshot`` (plain JSON: dates as ISO strings, decimals as strings), and from
    then on the report is rendered from the snapshot alone, so it reads the same whatever changes later.
    """

    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    committee = models.CharField(
        max_length=200, blank=True, help_text="For example “Policy and Resources Committee”."
    )
    meeting_date = models.DateField(null=True, blank=True)
    report_of = models.CharField(
        max_length=200, blank=True, help_text="The officer the report is from, e.g. “Chief Executive”."
    )
    contact_officer = models.CharField(
        max_length=300, blank=True, help_text="Name, job title and telephone or e-mail."
    )
    purpose = models.TextField("purpose of the report", blank=True)
    background = models.TextField(blank=True)
    body = models.TextField("progress", blank=True)
    implications = models.TextField("financial, legal and risk implications", blank=True)
    recommendation = models.TextField(blank=True)
    conclusion = models.TextField(blank=True)
    annexes = models.TextField("list of annexes", blank=True, help_text="One annexe a line.")

    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    unit = models.ForeignKey(
        OrganisationUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    include_tasks = models.BooleanField("include the action plan", default=True)
    include_indicators = models.BooleanField("include the indicators", default=True)
    include_risks = models.BooleanField(
        "include the risks annex",
        default=False,
        help_text="The risk register for the scope, with its heat map.",
    )
    exceptions_only = models.BooleanField(
        "exceptions only", default=False, help_text="Only red, amber, overdue and missing returns."
    )

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    published_pdf_file = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="The published report's PDF, kept once rendered: its name in the private storage.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["snapshot", "published_pdf_file", "created_at", "updated_at"]
    )

    class Meta:
        ordering = ["-meeting_date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(plan__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(plan__isnull=True) & models.Q(unit__isnull=False)),
                name="report_scope_plan_or_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft")
                | (models.Q(snapshot__isnull=False) & models.Q(published_at__isnull=False)),
                name="report_published_has_snapshot",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def scope_name(self) -> str:
        if self.plan_id:
            return str(self.plan)
        return self.unit.name if self.unit_id else ""


class BackgroundJob(models.Model):
    """What every piece of work done by the background worker for someone keeps (a report's PDF, a workbook
    import, a big download): how far it has got in words, what went wrong, who asked and when, and when it
    finished. Each kind has its own states and what it makes."""

    step = models.CharField(max_length=200, blank=True, help_text="What it is doing now, in words.")
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class ReportRender(BackgroundJob):
    """A PDF of a report rendered in the background (big reports take longer than a web request should),
    with how far it has got, so the page can show progress and then offer the file."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Rendering"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    #: Renders still to finish: at most one of these per report and content (see ``fingerprint``).
    UNFINISHED = (State.QUEUED, State.RUNNING)

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="renders")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="What the report said when the render was asked for: a second request for the same "
        "content joins this render instead of queuing another.",
    )
    pdf_file = models.CharField(
        max_length=200, blank=True, editable=False, help_text="The PDF's name in the private storage."
    )

    class Meta(BackgroundJob.Meta):
        constraints = [
            # Two requests at the same moment cannot both queue the same work: the database refuses the
            # second, which then joins the first (reporting.reports.services.report_render_start).
            models.UniqueConstraint(
                fields=["report", "fingerprint"],
                condition=models.Q(state__in=["queued", "running"]),
                name="reportrender_one_unfinished_per_content",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "state"], name="reportrender_user_state")]

    def __str__(self):
        return f"{self.report} – {self.get_state_display()}"


class WorkbookImport(BackgroundJob):
    """A plan workbook uploaded for import, checked and then imported by the background worker, with how
    far it has got, so the page can show progress, then the preview, then the result.

    The file itself waits in the private storage under ``token`` (see reporting.workbook.holding); what the
    check found is kept in ``result`` (plain JSON: counts, the first warnings and errors, and their totals).
    """

    class State(models.TextChoices):
        CHECK_QUEUED = "check_queued", "Waiting to be checked"
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        IMPORT_QUEUED = "import_queued", "Waiting to be imported"
        IMPORTING = "importing", "Importing"
        IMPORTED = "imported", "Imported"
        FAILED = "failed", "Failed"

    token = models.CharField(max_length=32, unique=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.CHECK_QUEUED)
    result = models.JSONField(null=True, blank=True, editable=False)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.filename} – {self.get_state_display()}"

    @property
    def is_checking(self) -> bool:
        return self.state in {self.State.CHECK_QUEUED, self.State.CHECKING}

    @property
    def is_importing(self) -> bool:
        return self.state in {self.State.IMPORT_QUEUED, self.State.IMPORTING}


class ListExport(BackgroundJob):
    """A list's Excel download too big to make in the request (more than ``EXPORT_BACKGROUND_ROWS`` rows),
    made by the background worker from the list's own view and query string, with how far it has got, so
    the page can show progress and then offer the file, to the person who asked for it only.

    The file waits in the private storage under ``file`` (see reporting.exports); records and files older
    than a day are cleared away."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Writing the rows"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    UNFINISHED = (State.QUEUED, State.RUNNING)

    view = models.CharField(max_length=200, help_text="The list's view, as a dotted path.")
    path = models.CharField(max_length=200, help_text="The list's address.")
    query = models.TextField(blank=True, help_text="The list's filters and sort, as its query string.")
    title = models.CharField(max_length=200, blank=True)
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField(
        default=0, help_text="How many rows were counted when it was asked for."
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    file = models.CharField(
        max_length=200, blank=True, editable=False, help_text="The workbook's name in the private storage."
    )
    size = models.PositiveBigIntegerField(null=True, blank=True, editable=False, help_text="In bytes.")

    class Meta(BackgroundJob.Meta):
        indexes = [models.Index(fields=["requested_by", "state"], name="listexport_user_state")]

    def __str__(self):
        return f"{self.filename} – {self.get_state_display()}"

    @property
    def is_unfinished(self) -> bool:
        return self.state in self.UNFINISHED
