"""A model field for a few choices picked together (a candidate's wanted sectors, functions)."""

from django import forms
from django.db import models
from django.db.models.lookups import Contains


class KeuzesField(models.CharField):
    """Several values of one TextChoices in one column, stored as ",vo,mbo,".

    The delimiters make "has vo" an exact test (`sectoren__bevat="vo"`, a LIKE '%,vo,%')
    that works the same on SQLite (the quickstart) and PostgreSQL, so matching can score it
    inside the database; an ArrayField would tie the quickstart to PostgreSQL.
    """

    def __init__(self, *args, keuzes=None, **kwargs):
        self.keuzes = keuzes
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["keuzes"] = self.keuzes
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return [part for part in value.split(",") if part]

    def get_prep_value(self, value):
        if isinstance(value, (list, tuple, set)):
            return f",{','.join(sorted(value))}," if value else ""
        return value  # None, or a string already in the stored form

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        if self.keuzes:
            unknown = set(value or []) - {choice for choice, _ in self.keuzes}
            if unknown:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], params={"value": sorted(unknown)[0]}
                )
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.keuzes or [],
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


@KeuzesField.register_lookup
class Bevat(Contains):
    """`field__bevat="vo"`: the stored choices include "vo"."""

    lookup_name = "bevat"

    def get_prep_lookup(self):
        return f",{self.rhs},"

    def get_rhs_op(self, connection, rhs):
        # The backends know the SQL of "contains", not of our name for it.
        return connection.operators["contains"] % rhs
