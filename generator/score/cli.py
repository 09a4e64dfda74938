"""The ``repready score`` command (being written)."""

from __future__ import annotations

import argparse
from typing import Any


def add_score_command(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser("score", help="score exported results")
    parser.set_defaults(run=lambda args: 2)
