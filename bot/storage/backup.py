"""Back up and restore the bot's database.

SQLite: the sqlite3 online backup API, which copies a consistent snapshot while the bot keeps
running (WAL readers never block its writers). PostgreSQL: ``pg_dump -Fc`` and ``pg_restore``
from the server's client tools, found on PATH. The password goes to them through the
environment (``PGPASSWORD``), never on a command line that ``ps`` shows.

A backup holds personal data: the file is created readable by its owner only.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class OperationFailed(Exception):
    """A backup, restore or copy that could not be done; the message says why and what to do."""


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise OperationFailed("database.url names no SQLite file")
    return Path(database)


def backup(url: str, dest: Path) -> None:
    """Write a backup of the database at ``url`` to ``dest`` (replaced atomically)."""
    if dest.is_dir():
        raise OperationFailed(f"{dest} is a directory: give the backup file's path")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    part.unlink(missing_ok=True)
    # Owner-only from the first byte: the backup holds what the bot knows about people.
    os.close(os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        if is_sqlite(url):
            _backup_sqlite(sqlite_file(url), part)
        else:
            _run_pg("pg_dump", url, ["-Fc", "--no-owner", "--no-privileges", "-f", str(part)])
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)


def restore(url: str, src: Path) -> Path | None:
    """Replace the database at ``url`` with the backup ``src``. Stop the bot first.

    SQLite: the current file is first copied next to it; its path is returned."""
    if not src.is_file():
        raise OperationFailed(f"no backup file at {src}")
    with src.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if is_sqlite(url):
        if not head.startswith(SQLITE_MAGIC):
            raise OperationFailed(_wrong_kind(src, head, "an SQLite backup"))
        return _restore_sqlite(src, sqlite_file(url))
    if not head.startswith(PGDUMP_MAGIC):
        raise OperationFailed(_wrong_kind(src, head, "a pg_dump -Fc backup"))
    db = make_url(url).database or ""
    _run_pg(
        "pg_restore",
        url,
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={db}",
            str(src),
        ],
    )
    return None


def _wrong_kind(src: Path, head: bytes, wanted: str) -> str:
    found = (
        "an SQLite database"
        if head.startswith(SQLITE_MAGIC)
        else "a PostgreSQL dump"
        if head.startswith(PGDUMP_MAGIC)
        else "not a backup"
    )
    return (
        f"{src} is {found}, but database.url needs {wanted}; to move between SQLite and "
        "PostgreSQL use `boligbot copy-db FROM TO`"
    )


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _check_boligbot(conn: sqlite3.Connection, what: Path) -> None:
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
        has_schema = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise OperationFailed(f"{what} is not a readable SQLite database ({exc})") from None
    if ok != "ok":
        raise OperationFailed(f"{what} failed SQLite's integrity check: {ok}")
    if not has_schema:
        raise OperationFailed(f"{what} holds no Boligbot database (no alembic_version table)")


def _backup_sqlite(db: Path, part: Path) -> None:
    if not db.is_file():
        raise OperationFailed(f"no SQLite database at {db}")
    src, out = _connect(db), sqlite3.connect(part)
    try:
        # One step: a consistent snapshot of what was committed, WAL included.
        src.backup(out)
        # A self-contained file: no -wal/-shm beside the backup.
        out.execute("PRAGMA journal_mode=DELETE")
        _check_boligbot(out, db)
    finally:
        out.close()
        src.close()


def _restore_sqlite(src: Path, db: Path) -> Path | None:
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        _check_boligbot(source, src)
        kept = None
        if db.is_file():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            kept = db.with_name(f"{db.name}.before-restore-{stamp}")
            backup(f"sqlite:///{db}", kept)
        db.parent.mkdir(parents=True, exist_ok=True)
        target = _connect(db)
        try:
            # The backup API writes the whole file under an exclusive lock, WAL mode kept.
            source.backup(target)
        finally:
            target.close()
        return kept
    finally:
        source.close()


def _run_pg(tool: str, url: str, args: list[str]) -> None:
    exe = shutil.which(tool)
    if exe is None:
        raise OperationFailed(
            f"{tool} not found on PATH: install PostgreSQL's client tools of the server's major "
            "version or newer (Debian: apt install postgresql-client)"
        )
    proc = subprocess.run(
        [exe, *args], env={**os.environ, **pg_environment(make_url(url))}, capture_output=True
    )
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip().splitlines()
        raise OperationFailed(f"{tool} failed (status {proc.returncode}): {' / '.join(detail)}")


def pg_environment(url: URL) -> dict[str, str]:
    """libpq's variables for a SQLAlchemy URL (host, port, user, password, database)."""
    env = {
        "PGHOST": url.host or str(url.query.get("host", "") or ""),
        "PGPORT": str(url.port or ""),
        "PGUSER": url.username or "",
        "PGPASSWORD": url.password or "",
        "PGDATABASE": url.database or "",
    }
    return {k: v for k, v in env.items() if v}
