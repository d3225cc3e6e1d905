"""The standard subject list of vo and mbo, and coordinates for the schools already known."""

from django.db import migrations
from django.utils.text import slugify

# The subjects of Dutch secondary and vocational education that vacancies, shortage returns
# and candidate profiles name, including every subject seed 002 reports a shortage for.
VAKKEN = [
    "Aardrijkskunde",
    "Beeldende vorming",
    "Beroepsgerichte vakken vmbo",
    "Beroepsgerichte vakken mbo",
    "Biologie",
    "Culturele en kunstzinnige vorming",
    "Dans en drama",
    "Duits",
    "Economie",
    "Engels",
    "Filosofie",
    "Frans",
    "Geschiedenis",
    "Godsdienst en levensbeschouwing",
    "Informatica",
    "Klassieke talen",
    "Lichamelijke opvoeding",
    "Loopbaan en burgerschap",
    "Maatschappijleer",
    "Muziek",
    "NASK",
    "Natuurkunde",
    "Nederlands",
    "Rekenen",
    "Scheikunde",
    "Spaans",
    "Techniek",
    "Wiskunde",
    "Zorg en welzijn",
]


def vakken_add(apps, schema_editor):
    Vak = apps.get_model("regio", "Vak")
    for naam in VAKKEN:
        Vak.objects.get_or_create(slug=slugify(naam), defaults={"naam": naam})


def vakken_remove(apps, schema_editor):
    apps.get_model("regio", "Vak").objects.filter(slug__in=[slugify(n) for n in VAKKEN]).delete()


def vestigingen_locate(apps, schema_editor):
    """Historical models have no custom save(): fill lat/lon the way Vestiging.save does."""
    from regio.geo import coordinates_for

    Vestiging = apps.get_model("regio", "Vestiging")
    for vestiging in Vestiging.objects.filter(lat__isnull=True).iterator():
        lat, lon = coordinates_for(
            postcode=vestiging.postcode, plaats=vestiging.plaats, gemeente=vestiging.gemeente
        )
        if lat is not None:
            Vestiging.objects.filter(pk=vestiging.pk).update(lat=lat, lon=lon)


class Migration(migrations.Migration):
    dependencies = [("regio", "0003_vacatures_tekorten")]

    operations = [
        migrations.RunPython(vakken_add, vakken_remove),
        migrations.RunPython(vestigingen_locate, migrations.RunPython.noop, elidable=True),
    ]
