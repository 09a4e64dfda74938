"""Talk to a Learning Record Store: read statements into the scorer, upload exported files.

:mod:`generator.lrs.client` is the xAPI 1.0.3 statements client (standard library HTTP only),
:mod:`generator.lrs.credentials` reads the manager's credential from a file or the environment,
and :mod:`generator.lrs.trial` runs a local Ralph LRS for trying it out (the ``lrs`` extra).
"""
