"""Reminders, pure: weekly occurrences across DST, what is due now, date/time parsing, flows.

Nothing here touches the database, the clock or a channel; the feature
(:mod:`bot.features.reminders`) feeds it plain values and carries out what it decides.
"""
