"""Where banks live: cheap to import, so a cached build never loads the validator."""

from __future__ import annotations

from pathlib import Path

TAXONOMY_FILE = "competencies.yml"
BANK_SUFFIXES = (".yml", ".yaml")


def bank_files(banks_dir: Path) -> list[Path]:
    """Every bank file under ``banks_dir``, sorted; hidden folders and the taxonomy excluded."""
    return sorted(
        path
        for path in banks_dir.rglob("*")
        if path.suffix in BANK_SUFFIXES
        and path.is_file()
        and path.name != TAXONOMY_FILE
        and not any(part.startswith(".") for part in path.relative_to(banks_dir).parts)
    )
