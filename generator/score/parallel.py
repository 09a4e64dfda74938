"""Use the second core: run a function in a forked process that sees the parent's memory as it is.

The machine the scorer targets has two cores. Reading is split between processes
(:func:`generator.score.run.score`); after that, independent pieces (item analysis,
the HTML report) run in a forked child while the parent does the rest. Forking
shares the gathered attempts without copying or pickling them; only the result
comes back. Where ``fork`` does not exist, or for small inputs, the work runs inline.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

from generator.collector import collector_paused

__all__ = ["Background", "can_fork", "collector_paused"]  # collector_paused: its old home

T = TypeVar("T")

_TASK: Callable[[], Any] | None = None


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def _run_task(_: int) -> Any:
    assert _TASK is not None
    gc.disable()  # a short-lived child: nothing to gain from collecting
    return _TASK()


class Background(Generic[T]):
    """``fn()`` computed in a forked child when ``parallel`` (else right away); :meth:`get` returns it."""

    def __init__(self, fn: Callable[[], T], parallel: bool) -> None:
        global _TASK
        self._value: T | None = None
        self._pool: Pool | None = None
        self._async: AsyncResult[T] | None = None
        if not (parallel and can_fork()):
            self._value = fn()
            return
        _TASK = fn  # the pool forks its worker now, and the worker keeps this reference
        try:
            self._pool = mp.get_context("fork").Pool(1)
        finally:
            _TASK = None
        self._async = self._pool.apply_async(_run_task, (0,))

    def get(self) -> T:
        if self._pool is None or self._async is None:
            return self._value  # type: ignore[return-value]
        try:
            return self._async.get()
        finally:
            self._pool.close()
            self._pool.join()
