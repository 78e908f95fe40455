"""Delete what no longer needs keeping from the private storage: uploads and big list downloads older than a
day (with their records), and background PDFs and PDFs kept by content older than RENDER_MAX_AGE_DAYS. Run it daily (cron or a systemd timer);
uploads and renders also clear old ones away as they go."""

from django.core.management.base import BaseCommand

from reporting.exports.services import list_exports_sweep
from reporting.reports.services import report_pdfs_kept_sweep, report_renders_sweep
from reporting.workbook.services import workbook_imports_sweep


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        uploads = workbook_imports_sweep()
        renders = report_renders_sweep()
        kept = report_pdfs_kept_sweep()
        downloads = list_exports_sweep()
        self.stdout.write(
            f"Deleted {uploads} old upload(s), {renders} old background PDF(s), {kept} old kept PDF(s) "
            f"and {downloads} old download(s)."
        )
