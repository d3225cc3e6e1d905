"""The publication history of vacancies, and one period for every vacancy published so far."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def publicaties_add(apps, schema_editor):
    """One period per vacancy that has a publication date: from `gepubliceerd_op` until
    `afgesloten_op` (open if empty). That is all a vacancy knew of its past; a reopened one's
    earlier periods were already overwritten."""
    Vacature = apps.get_model("regio", "Vacature")
    VacaturePublicatie = apps.get_model("regio", "VacaturePublicatie")
    db = schema_editor.connection.alias
    rows = (
        Vacature.objects.using(db)
        .filter(gepubliceerd_op__isnull=False)
        .order_by("pk")
        .values_list("pk", "gepubliceerd_op", "afgesloten_op")
    )
    batch = []
    for pk, van, tot in rows.iterator(chunk_size=BATCH):
        # A row closed "before" it was published (hand-made data) ends when it began, rather
        # than stopping the migration on the period's check constraint.
        tot = None if tot is None else max(tot, van)
        batch.append(VacaturePublicatie(vacature_id=pk, van=van, tot=tot))
        if len(batch) == BATCH:
            VacaturePublicatie.objects.using(db).bulk_create(batch)
            batch = []
    VacaturePublicatie.objects.using(db).bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("regio", "0005_plan_regiogroep"),
    ]

    operations = [
        migrations.CreateModel(
            name="VacaturePublicatie",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "van",
                    models.DateTimeField(
                        help_text="Wanneer de publicatie begon.", verbose_name="gepubliceerd van"
                    ),
                ),
                (
                    "tot",
                    models.DateTimeField(
                        blank=True,
                        help_text="Wanneer de vacature vervuld, gesloten of teruggezet werd; leeg: nog open.",
                        null=True,
                        verbose_name="gepubliceerd tot",
                    ),
                ),
                (
                    "vacature",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="publicaties",
                        to="regio.vacature",
                        verbose_name="vacature",
                    ),
                ),
            ],
            options={
                "verbose_name": "publicatie van een vacature",
                "verbose_name_plural": "publicaties van vacatures",
                "ordering": ["vacature", "van", "pk"],
                "indexes": [
                    models.Index(fields=["vacature", "van"], name="regio_vacat_vacatur_56a63a_idx")
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("tot__isnull", True), ("tot__gte", models.F("van")), _connector="OR"
                        ),
                        name="vacaturepublicatie_tot_niet_voor_van",
                        violation_error_message="Een publicatie eindigt niet voordat ze begon.",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("tot__isnull", True)),
                        fields=("vacature",),
                        name="vacaturepublicatie_een_open_per_vacature",
                        violation_error_message="Deze vacature is al gepubliceerd.",
                    ),
                ],
            },
        ),
        migrations.RunPython(publicaties_add, migrations.RunPython.noop),
    ]
