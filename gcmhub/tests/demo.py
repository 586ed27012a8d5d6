"""The demo for tests, in a fraction of a second after the first time.

`manage.py load_demo` writes the Turkish case through the services (audited, translated,
indexed): 4 to 10 seconds, which a hundred tests paid each. `load_demo()` runs it once a test
session, keeps every table's rows and the files it wrote, and for each later test puts them
back as they were: the database then holds exactly what the command leaves on an empty one.
The tests of the command itself (idempotence, a reload) still call the command.
"""

import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

_kept: dict | None = None  # {"tables": [(table, rows)], "files": {path: bytes}}


def load_demo() -> None:
    """The demo and the reference data, replacing whatever the test database holds (within
    the test's transaction, if it has one), and the demo's files in MEDIA_ROOT."""
    global _kept
    from gcmhub.framework.reference import ensure_reference_data

    if _kept is None:
        ensure_reference_data()
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        _kept = {"tables": _read_tables(), "files": _read_files()}
        return
    with transaction.atomic():
        _write_tables(_kept["tables"])
    ContentType.objects.clear_cache()  # the ids are the demo's
    _write_files(_kept["files"])


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))


def _read_tables() -> list[tuple[str, object]]:
    kept = []
    with connection.cursor() as cursor:
        for table in _tables():
            name = connection.ops.quote_name(table)
            if connection.vendor == "postgresql":  # COPY: every type as PostgreSQL writes it
                with cursor.cursor.copy(f"COPY {name} TO STDOUT") as copy:
                    rows = b"".join(bytes(block) for block in copy)
            else:
                rows = _sqlite_rows(table)
            if rows:
                kept.append((table, rows))
    return kept


def _write_tables(kept) -> None:
    tables = _tables()
    quoted = [connection.ops.quote_name(t) for t in tables]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are deferred: checked when the transaction ends.
            cursor.execute(f"TRUNCATE {', '.join(quoted)}")
            for table, rows in kept:
                name = connection.ops.quote_name(table)
                with cursor.cursor.copy(f"COPY {name} FROM STDIN") as copy:
                    copy.write(rows)
            models = apps.get_models(include_auto_created=True)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        else:
            raw = connection.connection.cursor()  # the values as stored, no conversion
            raw.execute("PRAGMA defer_foreign_keys = ON")  # until the transaction ends
            for name in quoted:
                raw.execute(f"DELETE FROM {name}")
            for table, (columns, rows) in kept:
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                marks = ", ".join(["?"] * len(columns))
                raw.executemany(
                    f"INSERT INTO {connection.ops.quote_name(table)} ({names}) VALUES ({marks})",
                    rows,
                )


def _sqlite_rows(table: str):
    """(columns, rows) of `table` as SQLite stores them: `+column` has no declared type, so
    Django's converters (dates, decimals, booleans) leave the values alone."""
    raw = connection.connection.cursor()
    name = connection.ops.quote_name(table)
    columns = [row[1] for row in raw.execute(f"PRAGMA table_info({name})")]
    listed = ", ".join(f"+{connection.ops.quote_name(c)}" for c in columns)
    rows = raw.execute(f"SELECT {listed} FROM {name}").fetchall()
    return (columns, rows) if rows else None


def _read_files() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def _write_files(files: dict[str, bytes]) -> None:
    root = Path(settings.MEDIA_ROOT)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
