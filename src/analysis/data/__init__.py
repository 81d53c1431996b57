"""Documents and the curated table.

In: raw documents (``data/sources/raw/``) and the CSV table with its name files.
Out: normalised source texts, a validated, typed ``DataFrame`` and a ``Registry``
(districts, indicators, units, sources, plans). Nothing here assesses anything.
"""
