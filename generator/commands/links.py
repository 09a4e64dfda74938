"""``repready links --roster CSV``: each rep's personal start link, as CSV.

A link is the portal's address with the fragment ``#repready?name=...&id=...``, and with
``--lrs-endpoint`` also ``&endpoint=...&auth=...``: the LRS's statements address and the rep's
own credential (xAPI's launch convention). A fragment never reaches the web server, and the
portal removes it from the address bar as soon as the page has read it. Each link carries a
credential: send it to its rep only, like a password.

``--credentials FILE`` is a CSV with the header ``rep_id,username,password`` (one LRS user per
rep, see docs/managers/lrs.md); every rep of the roster needs a row. Exit codes: 0 written,
1 invalid roster or credentials (every problem printed, nothing written), 2 usage or output errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import yaml

from generator.lrs.client import statements_url
from generator.lrs.credentials import basic
from generator.problems import EXIT_OK, EXIT_USAGE, InvalidInput, OutputError, Problem, display_path
from generator.score.roster import RosterRow, read_roster, read_table

DESCRIPTION = (
    "Write each rep's personal start link (name and id, and with --lrs-endpoint the LRS address "
    "and the rep's own credential) from the roster, as CSV on stdout or in --out."
)
COLUMNS = ("rep_id", "name", "team", "manager", "link")
CREDENTIAL_COLUMNS = ("rep_id", "username", "password")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--roster", type=Path, required=True, help="CSV with rep_id,name,team,manager")
    parser.add_argument(
        "--site-url", metavar="URL", help="the portal's address (default: site_url of ./mkdocs.yml)"
    )
    parser.add_argument(
        "--lrs-endpoint",
        metavar="URL",
        help="the LRS the portal sends results to (.../xAPI/ or .../xAPI/statements)",
    )
    parser.add_argument(
        "--credentials",
        type=Path,
        metavar="FILE",
        help="with --lrs-endpoint: CSV rep_id,username,password, one LRS user per rep",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="CSV file to write (default: stdout)")


def run(args: argparse.Namespace) -> int:
    if bool(args.lrs_endpoint) != bool(args.credentials):
        print(
            "repready links: error: --lrs-endpoint and --credentials go together "
            "(each rep's link carries the LRS address and that rep's own credential)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    site = _site_url(args.site_url)
    endpoint = statements_url(args.lrs_endpoint) if args.lrs_endpoint else None
    roster = read_roster(args.roster)
    auth = _credentials(args.credentials, roster) if args.credentials else {}
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in sorted(roster.values(), key=lambda r: (r.team.casefold(), r.name.casefold(), r.rep)):
        writer.writerow([row.rep, row.name, row.team, row.manager, link(site, row, endpoint, auth)])
    if args.out is None:
        sys.stdout.write(text.getvalue())
    else:
        _write(args.out, text.getvalue())
        print(f"repready links: wrote {len(roster)} links to {args.out}", file=sys.stderr)
    if auth:
        print(
            "repready links: each link carries its rep's LRS credential: send it to that rep only",
            file=sys.stderr,
        )
    return EXIT_OK


def link(site: str, row: RosterRow, endpoint: str | None, auth: dict[str, str]) -> str:
    """The rep's start link: ``site#repready?name=..&id=..[&endpoint=..&auth=..]``, percent-encoded."""
    fields = [("name", row.name), ("id", row.rep)]
    if endpoint is not None:
        fields += [("endpoint", endpoint), ("auth", auth[_key(row.rep)])]
    return site + "#repready?" + urlencode(fields, quote_via=quote, safe="")


def _key(rep: str) -> str:
    return rep.strip().casefold()  # rep ids are compared trimmed and case-insensitively everywhere


def _site_url(given: str | None) -> str:
    if given is None:
        given = _mkdocs_site_url(Path("mkdocs.yml"))
        if not given:
            raise OutputError("repready links: give --site-url (no site_url in ./mkdocs.yml)")
    parts = urlsplit(given.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OutputError(
            f"repready links: --site-url: expected the portal's http(s) address, found '{given}'"
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold ``!!python/name:`` and ``!ENV`` tags; their values do not matter here."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _mkdocs_site_url(path: Path) -> str | None:
    try:
        config = yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = config.get("site_url") if isinstance(config, dict) else None
    return value if isinstance(value, str) and value.strip() else None


def _credentials(path: Path, roster: dict[str, RosterRow]) -> dict[str, str]:
    """``Authorization`` values by rep key; every rep of the roster must have one."""
    shown = display_path(path)
    problems: list[Problem] = []
    found: dict[str, tuple[str, int]] = {}
    for line, cells in read_table(path, CREDENTIAL_COLUMNS, "credentials", problems):
        rep, username, password = cells["rep_id"], cells["username"], cells["password"]
        key = _key(rep)
        if not key:
            problems.append(Problem(shown, line, 1, "empty rep_id"))
        elif key in found:
            problems.append(Problem(shown, line, 1, f"rep_id '{rep.strip()}' repeats line {found[key][1]}"))
        elif not username.strip() or ":" in username or not password:
            problems.append(
                Problem(shown, line, 1, "expected a username (without ':') and a non-empty password")
            )
        else:
            found[key] = (basic(username.strip(), password), line)
    for member in roster.values():
        if _key(member.rep) not in found:
            problems.append(
                Problem(shown, 0, 0, f"no credential for rep '{member.rep}' (roster line {member.line})")
            )
    if problems:
        raise InvalidInput(problems)
    return {key: value for key, (value, _) in found.items()}


def _write(out: Path, text: str) -> None:
    """Write whole or not at all: a temporary file beside ``out``, renamed over it."""
    if out.is_dir():
        raise OutputError(f"repready links: --out {out} is a folder; expected a file name")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        Path(temporary).chmod(0o600)  # the links carry credentials: readable by their owner only
        Path(temporary).replace(out)
    except OSError as error:
        raise OutputError(f"repready links: cannot write {out}: {error.strerror or error}") from None
