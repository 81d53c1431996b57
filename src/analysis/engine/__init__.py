"""The assessment engine.

In: a validated table and its ``Registry``. Out: records (plain dicts of numbers
and keys: status codes, flags with parameters) for every target — observed and
required growth, progress against plan time, probabilities, projections,
scenarios and the comparison across districts. No words: i18n turns keys into text.
"""
