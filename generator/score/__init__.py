"""Score exported results against the banks: re-grade, aggregate gaps, analyse items.

The pipeline, one module each: :mod:`~generator.score.ingest` (statements to re-graded
attempts: duplicates, conflicts, pools), :mod:`~generator.score.gaps` (mastery per rep x
competency, readiness, teams), :mod:`~generator.score.assign` (modules and plan links),
:mod:`~generator.score.items` with :mod:`~generator.score.stats` (item analysis),
:mod:`~generator.score.scales` (self-assessment, reviews, calibration), tied together by
:func:`generator.score.run.score`; :mod:`generator.commands.score` is the command.
"""
