"""Outputs: what is made from resolved models (document order, PDF handouts, diff, JSON export)."""
