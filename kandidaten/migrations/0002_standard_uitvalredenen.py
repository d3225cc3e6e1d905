"""The desk starts with the drop-out reasons seen in the seeds; staff manage the list after."""

from django.db import migrations

REDENEN = [
    "Kiest voor een baan buiten het onderwijs",
    "Combinatie van werk, studie en privé te zwaar",
    "Financiële redenen",
    "Niet toelaatbaar tot de gekozen opleiding",
    "Geen passende vacature gevonden",
    "Persoonlijke omstandigheden",
    "Geen reactie meer van de kandidaat",
]


def add(apps, schema_editor):
    Uitvalreden = apps.get_model("kandidaten", "Uitvalreden")
    for naam in REDENEN:
        Uitvalreden.objects.get_or_create(naam=naam)


def remove(apps, schema_editor):
    apps.get_model("kandidaten", "Uitvalreden").objects.filter(naam__in=REDENEN).delete()


class Migration(migrations.Migration):
    dependencies = [("kandidaten", "0001_initial")]

    operations = [migrations.RunPython(add, remove)]
