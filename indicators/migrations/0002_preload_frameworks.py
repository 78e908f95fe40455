"""Preload the performance frameworks that plans mark with an X. Admins can add and retire them later."""

from django.db import migrations

FRAMEWORKS = [
    ("Comm.", "Community plan", "Measures in the community plan or sustainable community strategy."),
    (
        "LAA",
        "Local area agreement",
        "Targets agreed with government and partners in the local area agreement.",
    ),
    ("Corp.", "Corporate plan", "Measures in the council's corporate plan."),
    ("NRF", "Neighbourhood renewal floor targets", "Neighbourhood Renewal Fund floor targets."),
    ("CPA", "Comprehensive performance assessment", "Measures used in the Audit Commission's CPA."),
    ("BVPI", "Best value performance indicator", "National best value performance indicators (to 2008)."),
    ("NI", "National indicator", "The national indicator set that replaced BVPIs from April 2008."),
]


def preload(apps, schema_editor):
    Framework = apps.get_model("indicators", "Framework")
    for order, (code, name, description) in enumerate(FRAMEWORKS, start=1):
        Framework.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )


def unload(apps, schema_editor):
    Framework = apps.get_model("indicators", "Framework")
    Framework.objects.filter(code__in=[code for code, _, _ in FRAMEWORKS], indicators=None).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(preload, unload)]
