"""Start with sensible stall thresholds per stage; staff tune them in the admin."""

from django.db import migrations

# Days without activity before a candidate counts as stalled, per stage of the main path.
# Training & induction is followed by the school, not the desk, so it has no rule.
REGELS = {
    "orientatie": 30,
    "advies": 21,
    "route_toelating": 30,
    "matching": 30,
    "aanstelling": 45,
}


def add(apps, schema_editor):
    Stilstandregel = apps.get_model("kandidaten", "Stilstandregel")
    for fase, dagen in REGELS.items():
        Stilstandregel.objects.get_or_create(
            fase=fase, defaults={"dagen": dagen, "herinner_elke_dagen": 14}
        )


def remove(apps, schema_editor):
    apps.get_model("kandidaten", "Stilstandregel").objects.filter(fase__in=REGELS).delete()


class Migration(migrations.Migration):
    dependencies = [("kandidaten", "0003_consent_documents_followup")]

    operations = [migrations.RunPython(add, remove)]
