"""`vanort backup FILE` / `vanort restore FILE`: every record of every app, with checksums.

The file is gzip-compressed UTF-8 JSON lines (format `vanort-backup`, FORMAT_VERSION):

    {"format": "vanort-backup", "format_version": 1, "created_at": …, "migrations": {…}, …}
    {"table": "registry.place", "fields": ["id", "kind", …]}        one section per model
    [1, "kommun", …]                                                   one line per row, pk order
    {"table_end": "registry.place", "rows": 312, "sha256": …}          hash of header + rows
    {"file": "motions/a.pdf", "size": 123, "sha256": …, "data": base64}   media files
    {"end": true, "tables": 52, "rows": …, "files": 1, "sha256": …}    hash of every byte above

Models are found through Django's app registry (auto-created many-to-many tables included),
so an app added later is backed up without touching this module. Content types and
permissions are recreated by `migrate`; rows pointing at them carry their natural keys.
Values are written vendor-neutrally (timestamps in UTC with microseconds, bytes in base64,
decimals as strings), so a backup from SQLite restores into PostgreSQL and back.

Restore reads the file twice: first it checks the structure and every checksum and that the
database is freshly set up with the same schema; then it writes everything in one
transaction (setup's reference rows are replaced by the backup's, so ids stay what the rows
point at) and resets PostgreSQL's sequences. A damaged file changes nothing.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DataError, IntegrityError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from vanort.core.errors import ApplicationError
from vanort.core.partial_dates import PartialDate

FORMAT = "vanort-backup"
FORMAT_VERSION = 1

#: Recreated by `migrate`; never copied, referenced by natural key instead.
NATURAL_KEY_MODELS = frozenset({"contenttypes.contenttype", "auth.permission"})
#: Logins are not data: a restored server starts without sessions.
#: The search index is derived from the records: not backed up, rebuilt after a restore.
SKIPPED_MODELS = NATURAL_KEY_MODELS | {
    "sessions.session",
    "search.searchdocument",
    "search.searchterm",
    "search.searchstate",
}
#: What `vanort setup` writes. A fresh database holds rows in these tables only; restore
#: replaces them with the backup's (a test keeps this list equal to what setup writes).
SETUP_MODELS = frozenset(
    {"registry.country", "registry.sector", "registry.place", "registry.placename", "legal.countryaidstatus"}
)
_BATCH_ROWS = 500
_BATCH_ROWS_WITH_BYTES = 10
#: A batch of rows read from the file is written once it holds this much (documents are large).
_BATCH_BYTES = 32 * 1024 * 1024


class BackupError(ApplicationError):
    def __init__(self, message: str, *, code: str = "backup_invalid") -> None:
        super().__init__(code=code, message=message, status=400)


# --- which models, which fields ------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete, managed model of every installed app, in a stable order."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in SKIPPED_MODELS
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def _has_bytes(model: type[models.Model]) -> bool:
    return any(isinstance(f, models.BinaryField) for f in _fields(model))


def _natural_target(f: models.Field[Any, Any]) -> str | None:
    if f.is_relation and f.related_model is not None and not isinstance(f.related_model, str):
        label = f.related_model._meta.label_lower
        return label if label in NATURAL_KEY_MODELS else None
    return None


def _natural_maps(using: str) -> dict[str, dict[Any, Any]]:
    """pk → natural key for content types and permissions (as JSON lists)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    cts = {ct.pk: [ct.app_label, ct.model] for ct in ContentType.objects.db_manager(using).all()}
    perms = {
        pk: [codename, *cts[ct_id]]
        for pk, codename, ct_id in Permission.objects.db_manager(using).values_list("pk", "codename", "content_type_id")
    }
    return {"contenttypes.contenttype": cts, "auth.permission": perms}


def _migrations(using: str) -> dict[str, str]:
    """app label → sorted list of applied migration names, joined (a fingerprint of the schema)."""
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: ",".join(sorted(names)) for app, names in sorted(applied.items())}


# --- values ------------------------------------------------------------------------------


def _encode(f: models.Field[Any, Any], value: Any, natural: dict[Any, Any] | None) -> Any:
    if value is None:
        return None
    if natural is not None:
        return natural[value]
    if isinstance(f, models.JSONField):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, PartialDate):
        return value.edtf()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)  # UUID and other scalar types with a lossless string form


def _decode(f: models.Field[Any, Any], raw: Any, natural: dict[Any, Any] | None) -> Any:
    if raw is None:
        return None
    if natural is not None:
        key = tuple(raw)
        if key not in natural:
            raise BackupError(_("%(key)s finns inte i databasen.") % {"key": "/".join(map(str, raw))})
        return natural[key]
    if isinstance(f, models.JSONField):
        return raw
    if isinstance(f, models.DateTimeField):
        return datetime.fromisoformat(raw)
    if isinstance(f, models.DateField):
        return date.fromisoformat(raw)
    if isinstance(f, models.TimeField):
        return time.fromisoformat(raw)
    if isinstance(f, models.BinaryField):
        return base64.b64decode(raw, validate=True)
    if isinstance(f, models.DecimalField):
        return Decimal(raw)
    return f.to_python(raw)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vanort")
    except PackageNotFoundError:
        return "unknown"


def _line(obj: Any) -> bytes:
    # Keys sorted: PostgreSQL (jsonb) keeps no key order, so only sorted keys compare across databases.
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=True) + "\n").encode(
        "utf-8"
    )


# --- backup ------------------------------------------------------------------------------


@dataclass
class Summary:
    tables: int = 0
    rows: int = 0
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def backup_write(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the whole database and its media files to `path` (written to a temporary file
    first and renamed, so a failed backup never leaves a half file under that name)."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(_("%(path)s är en katalog.") % {"path": path})
    if not path.parent.is_dir():
        raise BackupError(_("Katalogen %(path)s finns inte.") % {"path": path.parent})
    fd, tmp_name = tempfile.mkstemp(prefix=".vanort-backup-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as out:
            summary = _write_all(out, using)
        os.chmod(tmp_name, 0o600)  # password and token hashes are in it
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return summary


def _write_all(out: Any, using: str) -> Summary:
    connection = connections[using]
    whole = hashlib.sha256()
    summary = Summary()

    def emit(data: bytes, table_hash: Any = None) -> None:
        out.write(data)
        whole.update(data)
        if table_hash is not None:
            table_hash.update(data)

    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:  # one consistent snapshot of every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        emit(
            _line(
                {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": timezone.now().astimezone(UTC).isoformat(),
                    "vanort_version": _version(),
                    "source_database": connection.vendor,
                    "migrations": _migrations(using),
                }
            )
        )
        naturals = _natural_maps(using)
        file_names: dict[str, models.FileField] = {}
        for model in backed_up_models():
            fields = _fields(model)
            label = model._meta.label_lower
            table_hash = hashlib.sha256()
            emit(_line({"table": label, "fields": [f.attname for f in fields]}), table_hash)
            nat = [naturals.get(_natural_target(f) or "") for f in fields]
            files = [f for f in fields if isinstance(f, models.FileField)]
            count = 0
            rows = model._base_manager.using(using).order_by("pk").values_list(*(f.attname for f in fields))
            chunk = _BATCH_ROWS_WITH_BYTES if _has_bytes(model) else 2000
            for row in rows.iterator(chunk_size=chunk):
                emit(_line([_encode(f, v, n) for f, v, n in zip(fields, row, nat, strict=True)]), table_hash)
                for f in files:
                    name = row[fields.index(f)]
                    if name:
                        file_names.setdefault(name, f)
                count += 1
            emit(_line({"table_end": label, "rows": count, "sha256": table_hash.hexdigest()}))
            summary.tables += 1
            summary.rows += count
        for name, file_field in sorted(file_names.items()):
            storage = file_field.storage
            if not storage.exists(name):
                summary.missing_files.append(name)
                continue
            with storage.open(name, "rb") as handle:
                data = handle.read()
            emit(
                _line(
                    {
                        "file": name,
                        "field": f"{file_field.model._meta.label_lower}.{file_field.attname}",
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "data": base64.b64encode(data).decode("ascii"),
                    }
                )
            )
            summary.files += 1
    out.write(
        _line(
            {
                "end": True,
                "tables": summary.tables,
                "rows": summary.rows,
                "files": summary.files,
                "sha256": whole.hexdigest(),
            }
        )
    )
    return summary


# --- reading a backup --------------------------------------------------------------------


def _damaged(reason: str) -> BackupError:
    return BackupError(_("filen är skadad eller ingen Vänort-säkerhetskopia (%(reason)s).") % {"reason": reason})


def _lines(path: Path) -> Iterator[tuple[bytes, Any]]:
    """(raw line, parsed JSON) for every line; damage in the gzip stream or JSON is refused."""
    try:
        with gzip.open(path, "rb") as handle:
            for raw in handle:
                if not raw.endswith(b"\n"):
                    raise _damaged(_("sista raden är avbruten"))
                try:
                    yield raw, json.loads(raw)
                except ValueError as exc:
                    raise _damaged(_("en rad är inte JSON")) from exc
    except FileNotFoundError as exc:
        raise BackupError(_("filen finns inte."), code="not_found") from exc
    except IsADirectoryError as exc:
        raise BackupError(_("%(path)s är en katalog.") % {"path": path}) from exc
    except PermissionError as exc:
        raise BackupError(_("filen kan inte läsas (behörighet saknas).")) from exc
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise _damaged(_("inte en komplett gzip-fil")) from exc


@dataclass
class _Table:
    label: str
    fields: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    size: int = 0  # bytes of the rows held


@dataclass
class _Parsed:
    header: dict[str, Any]
    tables: dict[str, list[str]]
    files: dict[str, tuple[str, str]]
    rows: int


def _walk(path: Path, on_rows: Any = None, on_file: Any = None) -> _Parsed:
    """Go through the file once, checking structure and every checksum.

    `on_rows(label, fields, rows)` receives rows in batches; `on_file(name, data)` each file.
    """
    whole = hashlib.sha256()
    header: dict[str, Any] | None = None
    tables: dict[str, list[str]] = {}
    files: dict[str, tuple[str, str]] = {}
    current: _Table | None = None
    table_hash: Any = None
    count = 0
    total_rows = 0
    end: dict[str, Any] | None = None
    for raw, obj in _lines(path):
        if end is not None:
            raise _damaged(_("data efter slutraden"))
        if header is None:
            if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                raise _damaged(_("ingen Vänort-rubrik"))
            version = obj.get("format_version")
            if not isinstance(version, int) or version > FORMAT_VERSION or version < 1:
                raise BackupError(
                    _("formatversion %(found)s stöds inte (den här versionen läser %(supported)s).")
                    % {"found": version, "supported": FORMAT_VERSION},
                    code="backup_version",
                )
            header = obj
            whole.update(raw)
            continue
        if isinstance(obj, dict) and obj.get("end") is True:
            if current is not None:
                raise _damaged(_("tabellen %(table)s tar slut för tidigt") % {"table": current.label})
            if obj.get("sha256") != whole.hexdigest():
                raise _damaged(_("kontrollsumman för hela filen stämmer inte"))
            if obj.get("tables") != len(tables) or obj.get("files") != len(files) or obj.get("rows") != total_rows:
                raise _damaged(_("antalet tabeller, rader eller filer stämmer inte"))
            end = obj
            continue
        whole.update(raw)
        if current is not None:
            if isinstance(obj, list):
                if len(obj) != len(current.fields):
                    raise _damaged(_("en rad i %(table)s har fel antal fält") % {"table": current.label})
                table_hash.update(raw)
                count += 1
                if on_rows is None:  # checking only: nothing to keep
                    continue
                current.rows.append(obj)
                current.size += len(raw)
                if len(current.rows) >= _BATCH_ROWS or current.size >= _BATCH_BYTES:
                    on_rows(current.label, current.fields, current.rows)
                    current.rows, current.size = [], 0
                continue
            if isinstance(obj, dict) and obj.get("table_end") == current.label:
                if obj.get("rows") != count or obj.get("sha256") != table_hash.hexdigest():
                    raise _damaged(_("kontrollsumman för %(table)s stämmer inte") % {"table": current.label})
                if on_rows is not None and current.rows:
                    on_rows(current.label, current.fields, current.rows)
                tables[current.label] = current.fields
                total_rows += count
                current = None
                continue
            raise _damaged(_("tabellen %(table)s tar slut för tidigt") % {"table": current.label})
        if isinstance(obj, dict) and isinstance(obj.get("table"), str) and isinstance(obj.get("fields"), list):
            if obj["table"] in tables:
                raise _damaged(_("tabellen %(table)s förekommer två gånger") % {"table": obj["table"]})
            current = _Table(obj["table"], [str(f) for f in obj["fields"]])
            table_hash = hashlib.sha256(raw)
            count = 0
            continue
        if isinstance(obj, dict) and isinstance(obj.get("file"), str):
            try:
                data = base64.b64decode(obj.get("data", ""), validate=True)
            except (ValueError, TypeError) as exc:
                raise _damaged(_("filen %(name)s är skadad") % {"name": obj["file"]}) from exc
            digest = hashlib.sha256(data).hexdigest()
            if digest != obj.get("sha256") or len(data) != obj.get("size"):
                raise _damaged(_("kontrollsumman för filen %(name)s stämmer inte") % {"name": obj["file"]})
            files[obj["file"]] = (str(obj.get("field", "")), digest)
            if on_file is not None:
                on_file(obj["file"], str(obj.get("field", "")), data)
            continue
        raise _damaged(_("okänd rad"))
    if header is None:
        raise _damaged(_("filen är tom"))
    if end is None:
        raise _damaged(_("slutraden saknas, filen är avkortad"))
    return _Parsed(header=header, tables=tables, files=files, rows=total_rows)


# --- restore -------------------------------------------------------------------------------


def _check_target(parsed: _Parsed, using: str) -> dict[str, type[models.Model]]:
    by_label = {m._meta.label_lower: m for m in backed_up_models()}
    mine = _migrations(using)
    theirs = parsed.header.get("migrations")
    if theirs != mine:
        differing = sorted(app for app in set(mine) | set(theirs or {}) if (theirs or {}).get(app) != mine.get(app))
        raise BackupError(
            _(
                "säkerhetskopian har ett annat databasschema (app %(app)s); återställ med samma "
                "version av Vänort och uppgradera sedan."
            )
            % {"app": ", ".join(differing[:3])},
            code="backup_schema",
        )
    for label, names in parsed.tables.items():
        model = by_label.get(label)
        if model is None or names != [f.attname for f in _fields(model)]:
            raise BackupError(
                _("tabellen %(table)s passar inte databasens schema.") % {"table": label}, code="backup_schema"
            )
    for label, model in by_label.items():
        if label not in SETUP_MODELS and model._base_manager.using(using).exists():
            raise BackupError(
                _(
                    "databasen innehåller redan data (%(table)s). Återställ bara till en nyss "
                    "uppsatt databas (vanort setup, inga användare, inga poster)."
                )
                % {"table": label},
                code="target_not_empty",
            )
    for name, (owner, digest) in parsed.files.items():
        storage = _storage_for(by_label, owner)
        if storage.exists(name):
            with storage.open(name, "rb") as handle:
                if hashlib.sha256(handle.read()).hexdigest() != digest:
                    raise BackupError(
                        _("mediekatalogen har redan en annan fil %(name)s.") % {"name": name}, code="target_not_empty"
                    )
    return by_label


def _storage_for(by_label: dict[str, type[models.Model]], owner: str) -> Any:
    """The storage of the file field `app.model.attname` the file belongs to."""
    label, _sep, attname = owner.rpartition(".")
    model = by_label.get(label)
    for f in _fields(model) if model is not None else []:
        if isinstance(f, models.FileField) and f.attname == attname:
            return f.storage
    raise BackupError(_("filen hör till ett okänt fält %(field)s.") % {"field": owner}, code="backup_schema")


def _remove(written: list[tuple[Any, str]]) -> None:
    for storage, name in written:
        with contextlib.suppress(OSError):
            storage.delete(name)


def restore_read(*, path: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Restore `path` into a freshly set-up database: everything, or (on any fault) nothing."""
    path = Path(path)
    parsed = _walk(path)
    by_label = _check_target(parsed, using)
    connection = connections[using]
    inverse = {label: {tuple(v): k for k, v in m.items()} for label, m in _natural_maps(using).items()}
    written: list[tuple[Any, str]] = []

    def insert(label: str, names: list[str], rows: list[list[Any]]) -> None:
        model = by_label[label]
        fields = _fields(model)
        nat = [inverse.get(_natural_target(f) or "") for f in fields]
        objs = []
        try:
            for row in rows:
                obj = model()
                for f, raw, n in zip(fields, row, nat, strict=True):
                    setattr(obj, f.attname, _decode(f, raw, n))
                objs.append(obj)
        except (ValueError, TypeError) as exc:
            raise _damaged(_("ett värde i %(table)s kan inte läsas") % {"table": label}) from exc
        except ApplicationError as exc:
            raise BackupError(f"{label}: {exc.message}") from exc
        size = _BATCH_ROWS_WITH_BYTES if _has_bytes(model) else _BATCH_ROWS
        size = min(size, connection.ops.bulk_batch_size(fields, objs) or size)
        for start in range(0, len(objs), size):
            model._base_manager.using(using)._insert(objs[start : start + size], fields=fields, using=using, raw=True)

    def save_file(name: str, owner: str, data: bytes) -> None:
        storage = _storage_for(by_label, owner)
        if storage.exists(name):
            return  # same bytes (checked before)
        saved = storage.save(name, ContentFile(data))
        written.append((storage, saved))
        if saved != name:
            raise BackupError(_("filen %(name)s kunde inte sparas under sitt namn.") % {"name": name})

    try:
        with transaction.atomic(using=using):
            for label in sorted(SETUP_MODELS & set(by_label)):
                by_label[label]._base_manager.using(using).all()._raw_delete(using)
            again = _walk(path, on_rows=insert, on_file=save_file)
            if again.header != parsed.header or again.tables != parsed.tables:
                raise _damaged(_("filen ändrades under återställningen"))
            try:
                connection.check_constraints()
            except IntegrityError as exc:
                raise BackupError(
                    _("raderna i filen hänger inte ihop (%(error)s).") % {"error": str(exc).splitlines()[0]}
                ) from exc
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(by_label.values())):
                    cursor.execute(sql)
    except (IntegrityError, DataError) as exc:
        _remove(written)
        raise BackupError(
            _("raderna i filen passar inte databasen (%(error)s).") % {"error": str(exc).splitlines()[0]}
        ) from exc
    except BaseException:
        _remove(written)
        raise
    return Summary(tables=len(parsed.tables), rows=parsed.rows, files=len(parsed.files))
