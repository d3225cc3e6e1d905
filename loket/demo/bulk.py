"""Writing many demo rows fast: COPY on PostgreSQL, bulk_create in batches elsewhere (SQLite).
Changing many rows fast likewise (update_rows).

The national demo writes over a million rows. Through bulk_create that costs about 90 µs a
row on PostgreSQL (a model instance each, then one huge statement per batch), through COPY
about a quarter of that. Rows are plain tuples of values ready for the database, in the
order of `fields` (attnames such as "kandidaat_id"). A column left out gets its field's
(constant) default, or NULL; nothing of the models' save() runs, as with bulk_create.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import connection

BATCH = 5000


def insert_rows(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` into `model`'s table; returns how many."""
    if connection.vendor == "postgresql":
        return _copy(model, fields, rows)
    made, batch = 0, []
    with _keeping_our_times(model, fields):
        for row in rows:
            batch.append(model(**dict(zip(fields, row, strict=True))))
            if len(batch) == BATCH:
                model.objects.bulk_create(batch)
                made, batch = made + len(batch), []
        if batch:
            model.objects.bulk_create(batch)
    return made + len(batch)


def insert_rows_returning_ids(model, fields: list[str], rows: list[tuple]) -> list[int]:
    """Insert `rows` and return their primary keys, in order.

    On PostgreSQL the keys are drawn from the table's sequence first and written with the
    rows, so COPY can be used (it returns nothing).
    """
    if not rows:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, len(rows)],
            )
            ids = [pk for (pk,) in cursor.fetchall()]
        _copy(model, ["id", *fields], ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
        return ids
    with _keeping_our_times(model, fields):
        objs = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        return [obj.pk for obj in model.objects.bulk_create(objs, batch_size=BATCH)]


def update_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """Set `fields` of existing rows: each row is (pk, *values in the order of `fields`).

    On PostgreSQL the new values go to a temporary table by COPY and one UPDATE joins them
    in; bulk_update's CASE per row took about 0.6 ms a row. Elsewhere one UPDATE per row.
    """
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in fields]
    # Names from the model's meta, values as parameters or by COPY: nothing from outside.
    assignments = ", ".join(f"{quote(c)} = u.{quote(c)}" for c in columns)
    if connection.vendor != "postgresql":
        setters = ", ".join(f"{quote(c)} = %s" for c in columns)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {setters} WHERE id = %s",  # noqa: S608
                [(*values, pk) for pk, *values in rows],
            )
        return len(rows)
    names = ", ".join(quote(c) for c in ["id", *columns])
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE demo_update ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY demo_update ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"UPDATE {table} AS t SET {assignments} FROM demo_update AS u "  # noqa: S608
            "WHERE t.id = u.id"
        )
        cursor.execute("DROP TABLE demo_update")
    return len(rows)


def _copy(model, fields: list[str], rows: Iterable[tuple]) -> int:
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    defaults = []
    for name, field in by_attname.items():
        if name in fields or field.primary_key or field.null:
            continue
        # get_default() is "" for a blank text field without a default of its own.
        default = None if field.has_default() and callable(field.default) else field.get_default()
        if default is None:
            raise ValueError(f"{model.__name__}.{name} needs a value: it has no constant default.")
        defaults.append((name, field.get_db_prep_save(default, connection)))
    columns = [*fields, *(name for name, _ in defaults)]
    extra = tuple(value for _, value in defaults)
    names = ", ".join(connection.ops.quote_name(by_attname[c].column) for c in columns)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
    made = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row + extra)
            made += 1
    return made


@contextmanager
def _keeping_our_times(model, fields: list[str]) -> Iterator[None]:
    """Let bulk_create keep the times we set on auto_now_add fields (when an account or a
    booking was made) instead of stamping the moment of seeding. Only the seed command's own
    process does this, for the length of one insert."""
    stamped = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False) and f.attname in fields
    ]
    for f in stamped:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in stamped:
            f.auto_now_add = True
