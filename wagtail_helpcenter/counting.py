"""Daily counters that lose nothing under concurrent requests."""

from django.db import IntegrityError, transaction
from django.db.models import F


def add_to_count(model, keys, increments):
    """Add ``increments`` ({field: amount}) to the row of ``model`` that ``keys`` identify
    (unique together), creating the row on its first count.

    One UPDATE with ``F()`` expressions, so concurrent requests add up in the database
    rather than overwrite each other; when two requests create the same row at once, the
    loser of the unique constraint adds to the winner's row.
    """
    rows = model.objects.filter(**keys)
    updates = {field: F(field) + amount for field, amount in increments.items()}
    if rows.update(**updates):
        return
    try:
        with transaction.atomic():
            model.objects.create(**keys, **increments)
    except IntegrityError:
        rows.update(**updates)
