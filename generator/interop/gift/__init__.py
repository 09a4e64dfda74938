"""Moodle's GIFT format: :mod:`.reader` parses it, :mod:`.importer` turns it into banks,
:mod:`.writer` writes banks back as GIFT that Moodle imports.

Moodle's own importer (``question/format/gift/format.php``) is the reference for what a file
means; where the grammar of the test data disagrees with it, Moodle wins.
"""
