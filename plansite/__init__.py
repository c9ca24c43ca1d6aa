"""The plan site's data layer: read data/plan.yaml, validate it, resolve it into one model.

Data flows one way: YAML → :mod:`plansite.reader` (positions) → :mod:`plansite.schema`
(structure) → :mod:`plansite.resolve` (cross-references, numbering) → :class:`plansite.model.Plan`,
which every output (pages, PDF, search dictionary, diff) takes. No output reads the YAML again.
"""
