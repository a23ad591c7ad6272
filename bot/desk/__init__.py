"""The staff desk: one web server (Starlette on uvicorn) on the bot's own event loop.

``server.py`` runs it beside the features; ``web.py`` builds the app (every route declares who
may use it); ``access.py`` checks the session, the role and the CSRF token on every request;
``auth.py`` logs in and out with throttling; ``health.py`` and ``metrics.py`` serve ``/healthz``
and ``/metrics``; ``webhook.py`` takes Telegram's updates on ``/telegram`` in webhook mode;
``pages.py`` and ``stats.py`` are the pages; ``charts.py`` draws SVG.
"""
