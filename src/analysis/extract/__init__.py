"""Document → proposed rows for review.

In: a normalised source text. Out: proposals (rows of the table's columns with
a quote, a confidence and a status) for the analyst to review before ``merge``.
"""
