"""One module per upstream source, all of the same shape.

Each module declares ``DATASETS`` (registry names it reads), ``TABLES`` (store table name →
function building a canonical ``pyarrow.Table`` from verified local files) and ``cite()``.
Parsing knows formats and upstream quirks, never analyses.
"""
