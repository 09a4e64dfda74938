"""One module per ``repready`` command, each with ``add_arguments(parser)`` and ``run(args) -> int``.

:mod:`generator.cli` lists them in one table and imports only the one that runs, so
``repready --help`` and each command start without loading what they do not use. A command
module may import any package of the pipeline; no package imports a command.
"""
