"""Vacant-rental tip broadcasts: the outbox sender and its rate pacing (no framework imports)."""
