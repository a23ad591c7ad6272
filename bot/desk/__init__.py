"""The staff desk: one web server (Starlette on uvicorn) on the bot's own event loop.

``server.py`` runs it beside the features; ``web.py`` builds the app (every route declares who
may use it); ``access.py`` checks the session, the role and the CSRF token on every request;
``auth.py`` logs in and out with throttling; ``health.py`` and ``metrics.py`` serve ``/healthz``
and ``/metrics``; ``webhook.py`` takes Telegram's updates on ``/telegram`` in webhook mode;
``pages.py`` (login, home, staff) and ``stats.py`` are pages, and so are the working pages on
the chat's own services: ``inbox.py`` (cases with residents), ``tips.py`` and ``meetups.py``
(meetups and agreements), with ``shared.py``; ``charts.py`` draws SVG.
"""
