"""Application services: every operation residents and staff trigger, with plain arguments and
typed results, callable without a chat ``Context`` — the chat features and the staff desk both
call these. Services may use ``bot.storage`` and ``bot.core``; never a channel or a framework."""
