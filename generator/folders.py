"""Replace an output folder all at once, so that no run ever leaves half its files or loses one of yours.

Files are written into a fresh folder beside ``out`` and swapped in at the end: an
interrupted run leaves the previous output as it was. ``out`` must be new, empty, or an
earlier output of the same command: that holds the command's marker file, which lists every
file the command wrote there. A folder with anything else in it (a file of yours, a results
file dropped in later) is refused, never deleted, and so is a folder that holds the run's
own inputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.problems import OutputError, display_path

_LISTING = "files written by this run (anything else here makes the next run stop rather than delete it):"
SHOWN_STRANGERS = 3


def check_folder(out: Path, *, command: str, marker: str, inputs: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputError` unless replacing ``out`` would lose nothing but our own output."""
    with _output_errors(out, "read"):
        _check_inputs(out, inputs)
        _check_ours(out, command, marker)


def replace_folder(
    out: Path,
    files: Mapping[str, str],
    *,
    command: str,
    marker: str,
    fill: Callable[[Path], None] | None = None,
    inputs: Iterable[Path] = (),
) -> None:
    """Make ``out`` hold exactly ``files`` (relative path -> text), plus what ``fill`` adds.

    ``inputs`` are the files and folders the run read: an ``out`` that holds any of them is refused.
    """
    check_folder(out, command=command, marker=marker, inputs=inputs)
    with _output_errors(out, "write", "; choose another folder"):
        _replace(out, files, command=command, marker=marker, fill=fill)


@contextmanager
def _output_errors(out: Path, doing: str, advice: str = "") -> Iterator[None]:
    """An unreadable or unwritable place is the command line's problem: a usage error, no traceback."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"{out}: cannot {doing}: {error.strerror or error}{advice}") from None


def _replace(
    out: Path,
    files: Mapping[str, str],
    *,
    command: str,
    marker: str,
    fill: Callable[[Path], None] | None,
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for relative, content in files.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        if fill is not None:
            fill(staging)
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if not p.is_dir())
        (staging / marker).write_text(
            "\n".join([f"written by {command}; the whole folder is replaced on each run", _LISTING, *written])
            + "\n",
            encoding="utf-8",
        )
        staging.chmod(0o755)  # mkdtemp's 0o700 would hide the output from a web server's user
        if out.exists():
            old = out.with_name(f".{out.name}-old-{os.getpid()}")
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _check_inputs(out: Path, inputs: Iterable[Path]) -> None:
    folder = out.resolve()
    for path in inputs:
        if path.resolve().is_relative_to(folder):
            raise OutputError(
                f"{out}: holds {display_path(path)}, which this run reads; the whole folder is "
                "replaced on each run, so write to another folder (or move the input out first)"
            )


def _check_ours(out: Path, command: str, marker: str) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder; choose a new or empty folder")
    if not any(out.iterdir()):
        return
    listed = _listed(out / marker)
    if listed is None:
        raise OutputError(f"{out}: exists and was not written by '{command}'; choose a new or empty folder")
    strangers = sorted(
        relative
        for path in out.rglob("*")
        if (relative := path.relative_to(out).as_posix()) != marker
        and relative not in listed
        and not (
            path.is_dir() and not path.is_symlink() and any(f.startswith(relative + "/") for f in listed)
        )
    )
    if strangers:
        shown = ", ".join(strangers[:SHOWN_STRANGERS])
        more = f" and {len(strangers) - SHOWN_STRANGERS} more" if len(strangers) > SHOWN_STRANGERS else ""
        raise OutputError(
            f"{out}: holds files '{command}' did not write ({shown}{more}); the whole folder is "
            "replaced on each run, so move them elsewhere or choose another folder"
        )


def _listed(marker: Path) -> set[str] | None:
    """The files an earlier run wrote, from its marker; ``None`` if there is no marker we wrote."""
    if not marker.is_file() or marker.is_symlink():
        return None
    lines = marker.read_text(encoding="utf-8", errors="replace").splitlines()
    if len(lines) < 2 or not lines[0].startswith("written by ") or lines[1] != _LISTING:
        return None
    return set(lines[2:])
