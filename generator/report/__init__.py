"""Render a :class:`~generator.score.run.Scoring` as the files managers and trainers read.

Every file is rendered in memory and returned by path; :mod:`generator.report.output`
writes them all at once. HTML and Markdown come from Jinja templates
(``templates/``; a ``report/`` folder in a theme overrides any of them), CSV and
YAML from the standard writers.
"""

from generator.report.render import render_reports

__all__ = ["render_reports"]
