"""The private storage in an S3-compatible bucket (PRIVATE_STORAGE_BUCKET): held uploads and rendered PDFs
go through django-storages' S3 backend exactly as through the folder. The bucket is moto's in-process
S3 (no network): the optional ``s3`` extra and moto are needed, otherwise this is skipped."""

from datetime import timedelta

import pytest

pytest.importorskip("storages.backends.s3", reason="the optional s3 extra is not installed")
moto = pytest.importorskip("moto", reason="moto (an in-process S3) is not installed")

import boto3  # noqa: E402
from django.utils import timezone  # noqa: E402

from reporting.models import ReportRender  # noqa: E402
from reporting.private_files import private_file_read, private_storage  # noqa: E402
from reporting.reports import services  # noqa: E402
from reporting.reports.pdf import pdf_cache_sweep  # noqa: E402
from reporting.reports.rendering import report_render_run  # noqa: E402
from reporting.reports.services import report_render_start  # noqa: E402
from reporting.workbook import holding  # noqa: E402
from tests.builders import small_council  # noqa: E402

from .test_reports_support import make_report  # noqa: E402

BUCKET = "council-private"


@pytest.fixture
def bucket(settings, monkeypatch):
    """STORAGES["private"] as the settings make it from PRIVATE_STORAGE_BUCKET, on moto's S3."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        settings.STORAGES = settings.STORAGES | {
            "private": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "endpoint_url": None,
                    "region_name": "eu-west-2",
                    "location": "serviceplans",
                    "default_acl": "private",
                    "querystring_auth": True,
                    "file_overwrite": False,
                },
            }
        }
        yield s3


def keys(s3) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_held_upload_is_an_object_in_the_bucket(bucket):
    session = {}
    token = holding.hold(session, b"PK workbook", "plan.xlsx")
    assert keys(bucket) == [f"serviceplans/workbooks/{token}.xlsx"]
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=keys(bucket)[0])["Grants"]
    assert [grant["Grantee"].get("URI") for grant in grants] == [None]  # only the owner: private
    assert holding.held(session) == (b"PK workbook", "plan.xlsx")
    assert holding.held_bytes("0" * 32) is None  # no such object: nothing, not an error
    holding.release(session)
    assert keys(bucket) == [] and holding.held(session) is None


def test_old_uploads_are_swept_from_the_bucket(bucket, monkeypatch):
    old = holding.hold({}, b"old", "old.xlsx")
    later = timezone.now() + timedelta(seconds=holding.MAX_AGE_SECONDS + 60)
    monkeypatch.setattr(holding.timezone, "now", lambda: later)
    assert holding.sweep() == 1
    assert f"serviceplans/workbooks/{old}.xlsx" not in keys(bucket)


@pytest.mark.django_db
def test_a_rendered_pdf_is_kept_in_the_bucket(bucket, monkeypatch):
    monkeypatch.setattr(services, "INLINE_ROWS", 2)
    report = make_report(small_council(size=1))
    render = report_render_start(report=report, user=None)
    report_render_run(render_id=render.pk)
    name = ReportRender.objects.get(pk=render.pk).pdf_file
    kept = [key for key in keys(bucket) if key.startswith("serviceplans/pdf-cache/")]
    assert sorted(keys(bucket)) == sorted([f"serviceplans/{name}", *kept]) and len(kept) == 1
    assert private_file_read(name).startswith(b"%PDF")
    assert private_storage().exists(name)
    # The copy kept by content (reporting.reports.pdf.html_to_pdf) is the same file, and is swept in time.
    assert private_file_read(kept[0].removeprefix("serviceplans/")) == private_file_read(name)
    assert pdf_cache_sweep(before=timezone.now() - timedelta(days=1)) == 0
    assert pdf_cache_sweep(before=timezone.now() + timedelta(days=1)) == 1
    assert keys(bucket) == [f"serviceplans/{name}"]
