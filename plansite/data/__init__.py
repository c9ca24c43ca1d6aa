"""Data in: read data/plan.yaml → schema → cross-references → the resolved model (and its errors)."""
