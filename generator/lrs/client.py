"""An xAPI 1.0.3 statements client: read every page, post batches; the standard library's HTTP only.

Observed with Ralph 5.1.0 and handled here (docs/managers/lrs.md): a page holds at most 100
statements; its ``more`` link is relative and carries ``pit_id=None``; a total that is an exact
multiple of the page size ends with one extra empty page; the ``verb`` and ``activity`` filters
return nothing, so the scorer asks for everything and keeps RepReady's statements itself.
One connection is kept open for all the pages (keep-alive): a new TCP connection per page
would cost more than the page.
"""

from __future__ import annotations

import http.client
import ssl
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import orjson

from generator.problems import OutputError

XAPI_VERSION = "1.0.3"
TIMEOUT_SECONDS = 60.0
MAX_PAGES = 10_000_000  # a ``more`` chain longer than this is a broken LRS, not data


class LrsError(OutputError):
    """The LRS cannot be reached, refuses the credential, or answers something that is not xAPI.

    Like any place a command cannot write to or read from: exit 2, nothing half-written.
    """


def statements_url(endpoint: str) -> str:
    """The statements resource of ``endpoint``: the LRS's xAPI base (``.../xAPI/``) or the resource itself.

    Raises :class:`LrsError` for anything but a plain http(s) address without a credential in it.
    """
    parts = urlsplit(endpoint.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsError(f"expected the LRS's http(s) address, found '{endpoint}'")
    if parts.username is not None or parts.password is not None:
        raise LrsError(
            "the LRS address carries a credential; put it in a --credentials file or "
            "$REPREADY_LRS_CREDENTIALS instead, where other users and shell history cannot see it"
        )
    path = parts.path.rstrip("/")
    if not path.endswith("/statements"):
        path += "/statements"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass
class Timings:
    """Where reading time went, for the benchmark and the ``--verbose`` summary."""

    requests: int = 0
    pages: int = 0
    empty_pages: int = 0
    received_bytes: int = 0
    network_seconds: float = 0.0  # from sending a request to the last byte of its answer
    parse_seconds: float = 0.0  # JSON of the pages


@dataclass(frozen=True)
class Posted:
    """What the LRS said to one batch: ``stored`` ids (new), or ``conflict`` with the LRS's words."""

    status: int
    stored: tuple[str, ...] = ()
    conflict: str = ""


@dataclass
class Client:
    endpoint: str
    authorization: str | None = None
    timeout: float = TIMEOUT_SECONDS
    timings: Timings = field(default_factory=Timings)

    def __post_init__(self) -> None:
        self.url = statements_url(self.endpoint)
        parts = urlsplit(self.url)
        self._scheme, self._netloc = parts.scheme, parts.netloc
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def pages(self, since: datetime | None = None) -> Iterator[list[Any]]:
        """Every statement the credential may read, a page at a time, following ``more`` to the end.

        With ``since``, only statements stored after it: asked of the LRS (xAPI's ``since``) and
        checked again here on ``stored``, as some LRSs apply ``since`` to ``timestamp``.
        """
        query = {"since": since.isoformat()} if since else {}
        url = self.url + ("?" + urlencode(query) if query else "")
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            status, body = self._request("GET", url)
            if status != 200:
                raise LrsError(self._refusal("reading statements", status, body))
            started = time.perf_counter()
            try:
                page = orjson.loads(body)
            except orjson.JSONDecodeError as error:
                raise LrsError(f"{self.url}: the answer is not JSON ({error.msg})") from None
            self.timings.parse_seconds += time.perf_counter() - started
            if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
                raise LrsError(f'{self.url}: expected a StatementResult {{"statements": [...]}}')
            statements: list[Any] = page["statements"]
            self.timings.pages += 1
            if not statements:
                self.timings.empty_pages += 1
            if since is not None:
                statements = [s for s in statements if _stored_after(s, since)]
            if statements:
                yield statements
            more = page.get("more")
            if not more or not page["statements"]:
                return  # Ralph offers one empty page after a full last page: it ends the chain too
            url = self._next(url, str(more))
            if url in seen:
                raise LrsError(f"{self.url}: the LRS's 'more' link repeats itself ({more})")
            seen.add(url)
        raise LrsError(f"{self.url}: more than {MAX_PAGES} pages")

    def post(self, statements: Sequence[Any]) -> Posted:
        """POST one batch. 200/204: stored or already there (same content); 409: a conflict."""
        status, body = self._request("POST", self.url, orjson.dumps(list(statements)))
        if status == 200:
            try:
                ids = orjson.loads(body)
            except orjson.JSONDecodeError:
                ids = []
            return Posted(200, tuple(str(i) for i in ids) if isinstance(ids, list) else ())
        if status == 204:
            return Posted(204)
        if status == 409:
            return Posted(409, conflict=_detail(body) or "a statement id is stored with other content")
        raise LrsError(self._refusal("sending statements", status, body))

    def _next(self, current: str, more: str) -> str:
        target = urlsplit(urljoin(current, more))
        if (target.scheme, target.netloc) != (self._scheme, self._netloc):
            raise LrsError(f"{self.url}: the 'more' link leads to another server ({more})")
        # Ralph 5.1.0 writes its unset point-in-time id as the text "None"; sending it back
        # would ask a database backend for a point in time called "None".
        query = [(k, v) for k, v in parse_qsl(target.query, keep_blank_values=True)]
        query = [(k, v) for k, v in query if not (k == "pit_id" and v in ("", "None"))]
        return urlunsplit((target.scheme, target.netloc, target.path, urlencode(query), ""))

    def _refusal(self, doing: str, status: int, body: bytes) -> str:
        detail = _detail(body)
        if status in (401, 403):
            why = "the LRS refused the credential" if status == 401 else "the credential may not do this"
            return f"{self.url}: {doing}: {why} (HTTP {status}{': ' + detail if detail else ''})"
        return f"{self.url}: {doing}: the LRS answered HTTP {status}{': ' + detail if detail else ''}"

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        parts = urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if self.authorization:
            headers["Authorization"] = self.authorization
        started = time.perf_counter()
        for retry in (False, True):
            connection = self._connect()
            try:
                connection.request(method, target, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as error:
                self.close()  # a kept-alive connection the server closed meanwhile: once more, anew
                if retry:
                    raise LrsError(f"{self.url}: the LRS closed the connection ({error})") from None
            except (OSError, http.client.HTTPException) as error:
                self.close()
                reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
                raise LrsError(
                    f"cannot reach the LRS at {self.url}: {reason or type(error).__name__}"
                ) from None
        if response.will_close:
            self.close()
        self.timings.requests += 1
        self.timings.received_bytes += len(data)
        self.timings.network_seconds += time.perf_counter() - started
        return response.status, data

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            if self._scheme == "https":
                self._connection = http.client.HTTPSConnection(
                    self._netloc, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                self._connection = http.client.HTTPConnection(self._netloc, timeout=self.timeout)
        return self._connection


def _stored_after(statement: Any, since: datetime) -> bool:
    stored = statement.get("stored") if isinstance(statement, dict) else None
    if not isinstance(stored, str):
        return True  # no stored time to judge by: the scorer decides what the record is
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=since.tzinfo)
    return moment > since


def _detail(body: bytes) -> str:
    """The LRS's own words (FastAPI's ``detail``), shortened and printable."""
    try:
        value = orjson.loads(body)
        text = str(value.get("detail", "")) if isinstance(value, dict) else ""
    except orjson.JSONDecodeError:
        text = body[:200].decode("utf-8", "replace")
    text = "".join(c if c.isprintable() else " " for c in text).strip()
    return text[:200] + ("..." if len(text) > 200 else "")
