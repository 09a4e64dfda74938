"""A real Ralph LRS (5.1.0) for the tests, on a free loopback port, in its own process group.

Which backend, and why: Ralph's own ``fs`` backend stores only the first write (every later POST
answers 500, "already exists and overwrite is not allowed"), and the other backends need a
database server. So the tests run :mod:`generator.lrs.trial`: Ralph's real API (``ralph.api:app``,
its validation, auth, scopes, 204/409 logic, paging and CORS) under uvicorn, with a subclass of
the ``fs`` backend that appends, registered in Ralph's backend table of that process only. It
runs without ``ralph runserver``'s reloader (which re-imports Ralph in a fresh process that would
not know the backend); it still starts in a temporary folder and in its own process group, and
stopping kills the group, so nothing is left behind.

Starting Ralph takes seconds, so one server serves many tests, each with its own :class:`Store`:
a pair of users (a manager allowed to read everything, a rep allowed to write and read its own)
whose ``target`` is a folder no other test uses. The users are written to Ralph's auth file
before it starts (Ralph reads that file once).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from generator.lrs.credentials import basic
from generator.lrs.trial import MANAGER_SCOPES, WRITER_SCOPES, add_user

ROOT = Path(__file__).parents[2]
STARTUP_LIMIT_SECONDS = 120  # a guard against a hung start, not a measurement
STORES = 40


@dataclass(frozen=True)
class Store:
    """One isolated statement store of a running Ralph, with a manager's and a rep's credential."""

    url: str  # the statements resource
    manager: str  # Authorization value: reads everything in the store, writes
    rep: str  # Authorization value: writes, reads its own
    rep_password: str
    rep_user: str
    manager_password: str
    manager_user: str


@dataclass
class Ralph:
    base: str
    data: Path
    process: subprocess.Popen[bytes]
    stores: list[Store]

    @property
    def url(self) -> str:
        return self.base + "xAPI/statements"

    def store(self) -> Store:
        """A store no other test has used (each test takes its own)."""
        if not self.stores:
            raise RuntimeError(f"all {STORES} test stores of this Ralph are used; raise STORES")
        return self.stores.pop(0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def make_stores(data: Path, base: str, count: int) -> list[Store]:
    data.mkdir(parents=True, exist_ok=True)
    stores = []
    for number in range(1, count + 1):
        manager, rep = f"manager{number}", f"rep{number}"
        manager_password, rep_password = f"m-{number}-pw", f"r-{number}-pw"
        target = f"store{number}"
        add_user(data / "auth.json", manager, manager_password, MANAGER_SCOPES, base, target)
        add_user(data / "auth.json", rep, rep_password, WRITER_SCOPES, base, target)
        stores.append(
            Store(
                url=base + "xAPI/statements",
                manager=basic(manager, manager_password),
                rep=basic(rep, rep_password),
                rep_password=rep_password,
                rep_user=rep,
                manager_password=manager_password,
                manager_user=manager,
            )
        )
    return stores


@contextmanager
def running_ralph(
    folder: Path, cors: Sequence[str] = (), port: int | None = None, stores: int = STORES
) -> Iterator[Ralph]:
    """Start Ralph in ``folder`` (its data under ``folder/data``), yield it, stop its process group."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}/"
    data = folder / "data"
    made = make_stores(data, base, stores) if not (data / "auth.json").exists() else []
    process = start(folder, port, cors)
    try:
        wait_until_up(process, base, folder / "ralph.log")
        yield Ralph(base, data, process, made)
    finally:
        stop(process)


def start(folder: Path, port: int, cors: Sequence[str]) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "generator.lrs.trial",
        "--data",
        str(folder / "data"),
        "--port",
        str(port),
    ]
    for origin in cors:
        command += ["--cors", origin]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with (folder / "ralph.log").open("ab") as log:  # the child keeps its own copy of the handle
        return subprocess.Popen(
            command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )


def wait_until_up(process: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Ralph exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(base + "__heartbeat__", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    stop(process)
    raise RuntimeError(f"Ralph did not answer within {STARTUP_LIMIT_SECONDS} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill Ralph's whole process group (its own session), then reap it."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # anything it left in its group
