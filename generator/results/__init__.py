"""Read results files handed in by reps: portal exports, arrays of statements, JSON Lines.

Reading knows nothing of banks: it finds files, streams their records one at a
time and rejects what is not JSON or not shaped like a statement, each with a
reason and a location. :mod:`generator.score` re-grades what survives.
"""

from generator.results.reader import (
    Limits,
    Records,
    Rejection,
    discover,
    read_file,
)

__all__ = ["Limits", "Records", "Rejection", "discover", "read_file"]
