"""Pause the cyclic garbage collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a whole run.

    A run allocates millions of small objects and no cycles worth collecting, and
    every collection would walk all of them again; rendering the reports alone ran
    1.5x slower with the collector on, generating a 500-bank site 1.4x slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
