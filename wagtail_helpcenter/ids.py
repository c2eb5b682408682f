"""Reading a database id from what a visitor sent: a URL part, a query parameter, a
form field. One parser, so no view hands the database a number it cannot hold
(SQLite and PostgreSQL raise OverflowError or DataError past their integer range,
which used to answer 500)."""

from django.db import connections

MAX_ID_DIGITS = 19  # 2**63 - 1 has 19 digits: anything longer is no id on any database


def is_whole_number(raw):
    """ASCII digits only: ``str.isdigit`` also accepts "²", which ``int()`` refuses."""
    return isinstance(raw, str) and raw.isascii() and raw.isdigit()


def _integer_range(model, using):
    field = model._meta.pk
    while field.is_relation:  # a multi-table child's pk points at its parent's
        field = field.target_field
    return connections[using].ops.integer_field_range(field.get_internal_type())


def parse_id(raw, model=None, using="default"):
    """``raw`` (a string or an int) as the primary key of ``model``, or None when it is
    not one: not a whole number, or outside the range the database stores for that
    field (a 32-bit AutoField on PostgreSQL, 64 bits on SQLite)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    raw = raw.strip() if isinstance(raw, str) else ""
    if not is_whole_number(raw) or len(raw) > MAX_ID_DIGITS:
        return None
    value = int(raw)
    _low, high = _integer_range(model, using) if model is not None else (1, 2**63 - 1)
    if value < 1 or (high is not None and value > high):
        return None
    return value
