"""A local Ralph LRS for trying the portal's LRS link, for the tests and for the benchmark.

``python -m generator.lrs.trial --data DIR [--port N] [--cors ORIGIN]... [--user NAME:PASSWORD]...``
serves Ralph 5.1.0's real API (``ralph.api:app`` under uvicorn) with its file-system backend,
changed in two ways that Ralph 5.1.0 needs (observed, see docs/managers/lrs.md):

* Ralph's ``fs`` backend stores only the first write: every later POST answers 500 ("... already
  exists and overwrite is not allowed"), because it creates its one JSON Lines file on each write.
  Ralph's router has already answered duplicates (204) and conflicts (409) by statement id before
  it writes, so appending is what the file needs; :class:`AppendingFSLRSBackend` appends.
* The ``fs`` backend re-reads the whole file for every page and for every id check, so reading
  100,000 statements costs 1,000 full reads. The backend keeps a byte offset per statement id
  (built once, kept up to date on append) and starts each page where the previous one ended.
  It also applies xAPI's ``since`` to ``stored``, as xAPI 1.0.3 defines it, not to ``timestamp``.

The backend is registered in Ralph's backend table of this process only, so ``uvicorn`` runs in
this process without ``ralph runserver``'s reloader (which re-imports Ralph in a fresh process
that would not know the backend, and watches the working folder). Production setups use Ralph's
own database backends instead (ClickHouse, Elasticsearch, MongoDB), see the managers' guide.

Needs the ``lrs`` extra (``pip install -e '.[lrs]'``); nothing else in RepReady imports Ralph.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import secrets
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

BACKEND_NAME = "repready_fs"
WRITER_SCOPES = ("statements/write", "statements/read/mine")
MANAGER_SCOPES = ("statements/read", "statements/write")


def add_user(
    auth_file: Path,
    username: str,
    password: str,
    scopes: Sequence[str],
    home_page: str,
    target: str | None = None,
) -> None:
    """Add a Basic-auth user to Ralph's auth file (what ``ralph auth -w`` writes), replacing a namesake.

    ``target`` is the user's store (a folder under the data folder); users of one target see the
    same statements. Ralph reads the file on its first request: add users before that.
    """
    import bcrypt

    users: list[dict[str, Any]] = json.loads(auth_file.read_text("utf-8")) if auth_file.is_file() else []
    users = [u for u in users if u.get("username") != username]
    users.append(
        {
            # The statements' authority; an account, as Ralph's mbox check refuses reserved domains.
            "agent": {"account": {"homePage": home_page, "name": username}},
            "scopes": list(scopes),
            "hash": bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=6)).decode(),
            "username": username,
            "target": target,
        }
    )
    auth_file.write_text(json.dumps(users, indent=2), "utf-8")


def _backend_class() -> type:
    """Ralph's fs LRS backend, appending and indexed (defined late: Ralph is an optional dependency)."""
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.base import StatementQueryResult
    from ralph.backends.lrs.fs import FSLRSBackend

    class AppendingFSLRSBackend(FSLRSBackend):  # type: ignore[misc]
        """Ralph's ``fs`` LRS backend that appends every write and reads pages from an offset index."""

        name = BACKEND_NAME

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._lock = threading.Lock()
            self._index: dict[Path, dict[str, tuple[int, int]]] = {}  # file -> id -> (start, end)

        def _file(self, target: str | None) -> Path:
            folder = Path(target) if target else Path(self.default_directory)
            if not folder.is_absolute():
                folder = Path(self.default_directory) / folder
            return folder / str(self.settings.DEFAULT_LRS_FILE)

        def _ids(self, path: Path) -> dict[str, tuple[int, int]]:
            index = self._index.get(path)
            if index is None:
                index = self._index[path] = {}
                for start, end, statement in _scan(path, 0):
                    index[str(statement.get("id"))] = (start, end)
            return index

        def write(
            self,
            data: Iterable[Any],
            target: str | None = None,
            chunk_size: int | None = None,
            ignore_errors: bool = False,
            operation_type: Any = None,
        ) -> int:
            records = [d if isinstance(d, dict) else json.loads(d) for d in data]
            path = self._file(target)
            with self._lock:
                index = self._ids(path)
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("ab") as handle:
                    for record in records:
                        line = (json.dumps(record) + "\n").encode()
                        start = handle.tell()
                        handle.write(line)
                        index[str(record.get("id"))] = (start, start + len(line))
            return len(records)

        def query_statements_by_ids(self, ids: list[str], target: str | None = None) -> list[Any]:
            path = self._file(target)
            with self._lock:
                places = [p for p in (self._ids(path).get(i) for i in ids) if p is not None]
            found = []
            with path.open("rb") if places else _nothing() as handle:
                for start, end in places:
                    handle.seek(start)
                    found.append(json.loads(handle.read(end - start)))
            return found

        def query_statements(self, params: Any, target: str | None = None) -> Any:
            since = params.since
            filters: list[Any] = []
            self._add_filter_by_id(filters, params.statement_id)
            self._add_filter_by_agent(filters, params.agent, params.related_agents)
            self._add_filter_by_authority(filters, params.authority)
            self._add_filter_by_verb(filters, params.verb)
            self._add_filter_by_activity(filters, params.activity, params.related_activities)
            self._add_filter_by_registration(filters, params.registration)
            self._add_filter_by_timestamp_until(filters, params.until)
            if since:
                moment = datetime.fromisoformat(since) if isinstance(since, str) else since
                filters.append(lambda s: _stored(s) is not None and _stored(s) > moment)  # type: ignore[operator]
            path = self._file(target)
            offset = 0
            if params.search_after:
                with self._lock:
                    place = self._ids(path).get(str(params.search_after))
                offset = place[1] if place else path.stat().st_size if path.exists() else 0
            statements = []
            search_after = None
            for _, _, statement in _scan(path, offset):
                if all(f(statement) for f in filters):
                    statements.append(statement)
                    if params.limit and len(statements) == params.limit:
                        search_after = statement.get("id")
                        break
            if params.ascending:
                statements.reverse()
            return StatementQueryResult(statements=statements, pit_id=None, search_after=search_after)

    _ = BaseOperationType  # the parent's write modes are bypassed: every write appends
    return AppendingFSLRSBackend


def _scan(path: Path, offset: int) -> Iterator[tuple[int, int, dict[str, Any]]]:
    if not path.is_file():
        return
    with path.open("rb") as handle:
        handle.seek(offset)
        start = offset
        for line in handle:
            end = start + len(line)
            if line.strip():
                yield start, end, json.loads(line)
            start = end


class _nothing:
    def __enter__(self) -> Any:
        return None

    def __exit__(self, *_: object) -> None:
        return None


def _stored(statement: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(statement.get("stored")))
    except ValueError:
        return None


def serve(data: Path, host: str, port: int, cors: Sequence[str], log_level: str = "warning") -> None:
    """Run Ralph with the appending backend in this process until it is stopped."""
    data.mkdir(parents=True, exist_ok=True)
    os.environ["RALPH_RUNSERVER_BACKEND"] = BACKEND_NAME
    os.environ["RALPH_AUTH_FILE"] = str(data / "auth.json")
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(data)
    os.environ["RALPH_RUNSERVER_CORS_ALLOW_ORIGINS"] = json.dumps(list(cors))
    # Scopes as the managers' guide sets them: a rep's credential writes and reads its own only.
    os.environ["RALPH_LRS_RESTRICT_BY_AUTHORITY"] = "true"
    os.environ["RALPH_LRS_RESTRICT_BY_SCOPES"] = "true"
    import uvicorn
    from ralph.backends.loader import get_lrs_backends

    get_lrs_backends()[BACKEND_NAME] = _backend_class()  # Ralph looks backends up in this cached table
    from ralph.api import app

    uvicorn.run(app, host=host, port=port, log_level=log_level)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.lrs.trial",
        description="A local Ralph LRS for trying RepReady's LRS link (not for production).",
    )
    parser.add_argument("--data", type=Path, default=Path("lrs-data"), help="default: lrs-data")
    parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    parser.add_argument("--port", type=int, default=8100, help="default: 8100")
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="the portal's origin (scheme://host:port), allowed to send from the browser; repeatable",
    )
    parser.add_argument(
        "--roster",
        type=Path,
        help="give every rep of this roster CSV an LRS user (writes and reads its own statements); "
        "their credentials go to DATA/rep-credentials.csv for 'repready links'",
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    data.mkdir(parents=True, exist_ok=True)
    home = f"http://{args.host}:{args.port}/"
    manager = data / "manager-credentials"
    if not manager.exists():
        password = secrets.token_urlsafe(18)
        add_user(data / "auth.json", "manager", password, MANAGER_SCOPES, home)
        _private(manager, f"manager:{password}\n")
    if args.roster:
        add_reps(data, args.roster, home)
    print(
        f"Ralph LRS (local trial) at {home}xAPI/ with its data in {data}/\n"
        f"  manager's credential: {manager} (repready score --lrs {home}xAPI/ --credentials {manager})\n"
        f"  browsers may send from: {', '.join(args.cors) or 'no origin (add --cors ORIGIN)'}",
        file=sys.stderr,
    )
    serve(data, args.host, args.port, args.cors, log_level="info")
    return 0


def add_reps(data: Path, roster: Path, home: str) -> None:
    """An LRS user for every rep of ``roster`` who has none yet, listed in DATA/rep-credentials.csv.

    Reps who already have one keep it: their start links go on working.
    """
    from generator.score.roster import read_roster

    listing = data / "rep-credentials.csv"
    known: dict[str, list[str]] = {}
    if listing.is_file():
        rows = list(csv.reader(listing.read_text("utf-8").splitlines()))[1:]
        known = {row[0].strip().casefold(): row for row in rows if len(row) == 3}
    for rep in read_roster(roster):
        if rep.casefold() not in known:
            password = secrets.token_urlsafe(18)
            add_user(data / "auth.json", rep, password, WRITER_SCOPES, home)
            known[rep.casefold()] = [rep, rep, password]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["rep_id", "username", "password"])
    writer.writerows(known[key] for key in sorted(known))
    _private(listing, text.getvalue())


def _private(path: Path, text: str) -> None:
    """A file of credentials: readable by its owner only, from its first byte."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    raise SystemExit(main())
