"""FAQ: knowledge loading, normalisation, matching, checks and evaluation (pure)."""
